//! Comparing articles: two side by side, aligned row by row per theme
//! ([`Comparison`]), and all at once on a stance spectrum and in an
//! articles × themes matrix ([`Overview`]). [`report`] renders a comparison
//! as text, Markdown or JSON strings for the shell.
//!
//! Depends on `model` (and `text` for sanitising output) only; the TUI views
//! draw these values and the CLI prints the reports. Nothing here prints.
//!
//! # Verdicts, precisely
//!
//! For one theme, each side is the list of that article's reachable nodes
//! tagged with the theme, each with its bearing on the motion
//! ([`crate::model::bearing::derive`]). A side's [`Tally`] counts them as
//! *for*, *against* and *neither* (a node whose bearing is unknown — a
//! validation error — counts as *neither*: it argues no way we can tell).
//!
//! A side's [`Lean`] is the **majority** of its for/against nodes: `For` when
//! for > against, `Against` when against > for, `Split` when both are equal
//! and non-zero, `Neutral` when it has only *neither* nodes.
//!
//! The row's [`Verdict`]:
//! - `OnlyA` / `OnlyB`: the other article has no node on the theme;
//! - `Agree`: both sides lean the same way (both `For`, both `Against`,
//!   both `Split`, or both `Neutral`);
//! - `Clash`: one side leans `For` and the other `Against`;
//! - `Mixed`: anything else — one side leans and the other is `Split` or
//!   `Neutral`, or one is `Split` and the other `Neutral`.
//!
//! Why majority, and why a fifth verdict. Argument maps routinely hold both
//! bearings on one theme: an anti article states the objection it then
//! rebuts. "Clash whenever any two nodes disagree" would call nearly every
//! shared theme a clash and even make an article clash with itself; "agree
//! whenever any two nodes agree" hides real disagreements. The majority is
//! what the article mostly argues on the theme, and a reader can check it
//! from the counts shown on the row. It makes the verdict symmetric
//! (swapping A and B only swaps `OnlyA`/`OnlyB`) and an article always
//! agrees with itself. When one side does not lean (an even split, or only
//! neutral points) calling the row either agreement or clash would be a
//! guess, so it says `Mixed`. We considered weighing nodes by dialectical
//! status (a rebutted objection not counting), but the bundled maps keep
//! the facts under a rebutted objection standing, so it changed little and
//! made the verdict much harder to recompute by eye.
//!
//! The price of counting: an article that reports the other side's case at
//! length leans that way on the theme even when it then rebuts it. Saber
//! (anti) gives Baghdad's sovereignty case in four nodes and its rebuttal in
//! two, so on sovereignty it "agrees" with the pro Walldorf piece, while a
//! curated `contradicts` link sits on that very row. Links are shown on the
//! row for exactly this reason: they are the curator's word, the verdict is
//! arithmetic.
//!
//! # Whose claims count
//!
//! A node with a `voice` reports what someone other than the author says
//! ("US officials fear an ISIS return"): evidence of the debate, not one of
//! the author's reasons. By default ([`Voices::Own`]) tallies, leans,
//! verdicts, matrix marks and spectrum positions count only the author's
//! own claims; reported nodes are still listed on their rows and cells and
//! tallied apart (`Column::reported`, `Cell::reported`), so a reader sees
//! them without their deciding anything. [`Voices::All`] counts them too.
//! The tree still decides a reported node's bearing, so its children's
//! bearings do not change with the setting.
//!
//! # Links
//!
//! A link from a node of A to a node of B (or from B to A) joins the rows of
//! the themes both ends carry: those are the rows where both nodes are
//! listed. A link whose ends share no theme joins no row; it is still in
//! [`Comparison::links`], with each end's own rows, for a view to show apart.
//! Links into other articles, and dangling links (a validation error), are
//! left out. Comparing an article with itself shows no links.
//!
//! # The overview matrix
//!
//! A cell says whether an article argues *for*, *against*, *both* or only
//! *neither* way on a theme — presence, not majority, because the matrix
//! shows what each article raises, with counts; the majority rule belongs to
//! a pairwise verdict.

pub mod align;
pub mod overview;
pub mod report;
mod tally;

pub use align::{Column, CompareError, Comparison, Entry, PairLink, Row, Side};
pub use overview::{ArticleRow, Cell, Overview};
pub use tally::{Lean, Mark, Tally, Verdict, VerdictCounts, Voices};

#[cfg(test)]
mod tests;
