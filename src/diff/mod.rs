//! The structural diff of maps by node id, for `mizan diff`, git's diff
//! driver and `mizan log`: what was added, removed, moved (old and new
//! parent and position) or edited (which fields, old and new text), in
//! articles, their metadata and the motion.
//!
//! `fields` is the table of a Node's and an Article's fields that diff and
//! merge walk; `article` diffs two versions of one article; `corpus` pairs
//! files and diffs them in parallel; `files` and `git` read the two sides
//! from disk or from git revisions; `history` follows one node through git.

pub mod article;
pub mod corpus;
pub mod fields;
pub mod files;
pub mod git;
pub mod history;

pub use article::{ArticleChanges, FieldChange, Move, NodeChange, Place, diff_article};
pub use corpus::{
    ArticleDiff, CorpusDiff, FilePair, FileStatus, MotionDiff, ThemeChange, diff_files,
};
