//! A throwaway git repository holding the bundled maps, with
//! helpers to edit the map through the library on two branches and to run
//! git and mizan in it. git runs with no global or system config, so the
//! tests see only what `mizan git-setup` writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mizan::model::{Article, Node, NodeFields, NodeIdx};
use mizan::store::{canon, parse_article};

/// The map every test edits: real Arabic, a tree four levels deep.
pub const MAP: &str = "maps/noonpost-2021-after-combat-exit.ron";

pub struct Repo {
    pub dir: tempfile::TempDir,
    home: PathBuf,
}

fn mizan_exe() -> &'static str {
    env!("CARGO_BIN_EXE_mizan")
}

impl Repo {
    /// A repository on `main` with the map and the motion committed as `base`.
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join(".home");
        std::fs::create_dir_all(&home).unwrap();
        let r = Repo { home, dir };
        r.git_ok(&["init", "-q", "-b", "main"]);
        std::fs::create_dir_all(r.path("maps")).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
        for f in std::fs::read_dir(&src).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, r.path("maps").join(f.file_name().unwrap())).unwrap();
        }
        std::fs::write(r.path(".gitignore"), ".home/\n").unwrap();
        r.commit_all("base");
        r
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.current_dir(self.dir.path())
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Curator")
            .env("GIT_AUTHOR_EMAIL", "curator@example.org")
            .env("GIT_COMMITTER_NAME", "Curator")
            .env("GIT_COMMITTER_EMAIL", "curator@example.org")
            .env("GIT_PAGER", "cat")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        c
    }

    pub fn git(&self, args: &[&str]) -> Output {
        self.command("git").args(args).output().unwrap()
    }

    /// Runs git, failing the test (with git's stderr) if it fails.
    pub fn git_ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn mizan(&self, args: &[&str]) -> Output {
        self.command(mizan_exe()).args(args).output().unwrap()
    }

    pub fn commit_all(&self, message: &str) {
        self.git_ok(&["add", "-A"]);
        self.git_ok(&["commit", "-q", "-m", message]);
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn article(&self) -> Article {
        self.article_at(MAP)
    }

    pub fn article_at(&self, rel: &str) -> Article {
        let text = self.read(rel);
        let (entry, _) = parse_article(Path::new(rel), text.as_bytes());
        entry.article.unwrap_or_else(|| panic!("{:?}", entry.error))
    }

    /// Edits the map through the library and writes it canonically.
    pub fn edit(&self, f: impl FnOnce(&mut Article)) {
        self.edit_at(MAP, f);
    }

    /// Edits the map at `rel` through the library and writes it canonically.
    pub fn edit_at(&self, rel: &str, f: impl FnOnce(&mut Article)) {
        let mut a = self.article_at(rel);
        f(&mut a);
        std::fs::write(self.path(rel), canon::article_to_string(&a)).unwrap();
    }

    /// Branches `ours` and `theirs` off `main`, one edit commit each; ends on `ours`.
    pub fn branches(&self, ours: impl FnOnce(&mut Article), theirs: impl FnOnce(&mut Article)) {
        self.git_ok(&["checkout", "-q", "-b", "theirs", "main"]);
        self.edit(theirs);
        self.commit_all("theirs' edit");
        self.git_ok(&["checkout", "-q", "-b", "ours", "main"]);
        self.edit(ours);
        self.commit_all("our edit");
    }

    /// `mizan git-setup`, committed on the current branch.
    pub fn setup(&self) {
        let out = self.mizan(&["git-setup"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.commit_all("mizan git-setup");
    }

    /// `git merge theirs` without mizan's driver: asserts git reports a
    /// textual conflict in the map, then aborts it.
    pub fn assert_plain_git_conflicts(&self) {
        let out = self.git(&["merge", "theirs", "-m", "plain merge"]);
        assert!(
            !out.status.success(),
            "plain git merged this cleanly:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(self.read(MAP).contains("<<<<<<<"), "no conflict markers");
        self.git_ok(&["merge", "--abort"]);
    }

    /// `git merge theirs` with mizan's driver (after [`Repo::setup`]).
    pub fn merge_theirs(&self) -> Output {
        self.git(&["merge", "theirs", "-m", "merge theirs"])
    }
}

/// The arena index of the node with this id.
pub fn idx(a: &Article, id: &str) -> NodeIdx {
    a.find(id).unwrap_or_else(|| panic!("no node {id}"))
}

/// Ids of a node's children, in order.
pub fn children(a: &Article, id: &str) -> Vec<String> {
    a.node(idx(a, id))
        .children()
        .iter()
        .map(|&c| a.node(c).id().to_string())
        .collect()
}

/// A new leaf node.
pub fn leaf(id: &str, claim_en: &str) -> Node {
    Node::from(NodeFields {
        id: id.into(),
        claim_en: claim_en.into(),
        claim_ar: "ادعاء جديد".into(),
        relation: Some(mizan::model::Relation::Supports),
        // The article is mixed: its tree decides no bearing.
        bearing: Some(mizan::model::Bearing::For),
        ..Default::default()
    })
}

pub fn set_claim_en(a: &mut Article, id: &str, text: &str) {
    let n = idx(a, id);
    a.node_mut(n).set_claim_en(text);
}
