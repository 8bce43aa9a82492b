//! `mizan merge` as git's merge driver, in real repositories (issue 16):
//! each clean case first shows plain git's textual conflict, then merges
//! cleanly and canonically with the driver; each real conflict ends in a
//! map that keeps both sides' text, that `mizan check` locates and fails
//! on, and that passes once resolved.

use crate::git_support;

use git_support::*;
use mizan::model::edit::{Edit, add_child, move_to};
use mizan::model::{Article, Conflict};
use mizan::store::canon;

/// The merge succeeded, left a canonical map that checks clean, and committed.
fn assert_clean_merge(r: &Repo) -> Article {
    let out = r.merge_theirs();
    assert!(
        out.status.success(),
        "driver merge failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let a = r.article();
    assert_eq!(r.read(MAP), canon::article_to_string(&a), "not canonical");
    let check = r.mizan(&["--maps", "maps", "check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(r.git_ok(&["status", "--porcelain"]).trim().is_empty());
    a
}

// Two curators edit different fields of one node (claim_en and claim_ar,
// adjacent lines): plain git conflicts, the driver keeps both edits.
#[test]
fn different_fields_of_one_node_merge() {
    let r = Repo::new();
    r.branches(
        |a| set_claim_en(a, "balanced-relations", "OURS: balanced relations."),
        |a| {
            let n = idx(a, "balanced-relations");
            a.node_mut(n).set_claim_ar("علاقات متوازنة (هم)");
        },
    );
    r.assert_plain_git_conflicts();
    r.setup();
    let a = assert_clean_merge(&r);
    let n = a.node(idx(&a, "balanced-relations"));
    assert_eq!(n.claim_en(), "OURS: balanced relations.");
    assert_eq!(n.claim_ar(), "علاقات متوازنة (هم)");
}

// One side moves a subtree to another parent, the other edits the moved node.
#[test]
fn a_move_and_an_edit_of_the_moved_node_merge() {
    let r = Repo::new();
    r.branches(
        |a| {
            let (n, p) = (idx(a, "energy-pressure"), idx(a, "iraq-needs-commitments"));
            a.apply(move_to(n, p, 99)).unwrap();
        },
        |a| set_claim_en(a, "energy-pressure", "THEIRS: the energy lever is weak."),
    );
    r.assert_plain_git_conflicts();
    r.setup();
    let a = assert_clean_merge(&r);
    assert_eq!(
        children(&a, "iraq-needs-commitments")
            .last()
            .map(String::as_str),
        Some("energy-pressure")
    );
    assert!(!children(&a, "continued-us-support").contains(&"energy-pressure".to_owned()));
    assert_eq!(
        a.node(idx(&a, "energy-pressure")).claim_en(),
        "THEIRS: the energy lever is weak."
    );
    // The subtree came along.
    assert_eq!(
        children(&a, "energy-pressure"),
        ["iran-energy-blunts-pressure"]
    );
}

// One side reorders siblings (the last to the front), the other appends a
// sibling: both hold, the appended node last.
#[test]
fn a_reorder_and_an_append_merge() {
    let r = Repo::new();
    r.branches(
        |a| {
            let (n, p) = (idx(a, "forces-not-integrated"), idx(a, "rebuild-forces"));
            a.apply(move_to(n, p, 0)).unwrap();
        },
        |a| {
            let p = idx(a, "rebuild-forces");
            let e = add_child(a, p, 99, leaf("theirs-new", "THEIRS: a new reason."));
            a.apply(e).unwrap();
        },
    );
    r.assert_plain_git_conflicts();
    r.setup();
    let a = assert_clean_merge(&r);
    assert_eq!(
        children(&a, "rebuild-forces"),
        [
            "forces-not-integrated",
            "new-strategy-needed",
            "three-to-five-years",
            "rebuild-arms-bases",
            "no-air-defence",
            "theirs-new",
        ]
    );
}

// Both sides add a child at the end of the same parent: both kept, ours first.
#[test]
fn additions_under_the_same_parent_keep_both() {
    let r = Repo::new();
    let add = |id: &'static str| {
        move |a: &mut Article| {
            let p = idx(a, "iran-may-sabotage");
            let e = add_child(a, p, 99, leaf(id, "A new reason."));
            a.apply(e).unwrap();
        }
    };
    r.branches(add("ours-new"), add("theirs-new"));
    r.assert_plain_git_conflicts();
    r.setup();
    let a = assert_clean_merge(&r);
    let kids = children(&a, "iran-may-sabotage");
    assert_eq!(&kids[kids.len() - 2..], ["ours-new", "theirs-new"]);
}

// One side deletes a subtree the other did not touch, while the other adds
// a node right after it: the subtree goes, the addition stays.
#[test]
fn deleting_an_untouched_subtree_merges() {
    let r = Repo::new();
    r.branches(
        |a| {
            let p = idx(a, "iran-may-sabotage");
            let e = add_child(a, p, 2, leaf("ours-new", "OURS: a new reason."));
            a.apply(e).unwrap();
        },
        |a| {
            let n = idx(a, "welcome-not-end-of-escalation");
            a.apply(Edit::Detach { node: n }).unwrap();
        },
    );
    r.assert_plain_git_conflicts();
    r.setup();
    let a = assert_clean_merge(&r);
    for gone in ["welcome-not-end-of-escalation", "factions-welcomed"] {
        assert!(a.find(gone).is_none(), "{gone} should be deleted");
    }
    assert_eq!(
        children(&a, "iran-may-sabotage"),
        ["iran-main-challenge", "ours-new", "vienna-raisi"]
    );
}

// Edits of neighbouring nodes merge with the driver too.
#[test]
fn edits_of_neighbouring_nodes_merge() {
    let r = Repo::new();
    r.branches(
        |a| set_claim_en(a, "dialogue-fourth-round", "OURS: the fourth round."),
        |a| set_claim_en(a, "balanced-relations", "THEIRS: balanced relations."),
    );
    r.setup();
    let a = assert_clean_merge(&r);
    assert_eq!(
        a.node(idx(&a, "dialogue-fourth-round")).claim_en(),
        "OURS: the fourth round."
    );
    assert_eq!(
        a.node(idx(&a, "balanced-relations")).claim_en(),
        "THEIRS: balanced relations."
    );
}

/// The merge stopped with a conflict the driver reported, and `mizan
/// check` fails with an unresolved-conflict error located in the map.
fn assert_located_conflict(r: &Repo) -> String {
    let out = r.merge_theirs();
    assert!(!out.status.success(), "the merge should stop on a conflict");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kept in the map"), "{stderr}");
    let text = r.read(MAP);
    assert!(
        !text.contains("<<<<<<<"),
        "a structural conflict, not markers"
    );
    assert_eq!(text, canon::article_to_string(&r.article()));
    let check = r.mizan(&["--maps", "maps", "check"]);
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8_lossy(&check.stdout).into_owned();
    let located = format!("{MAP}:");
    let line = report
        .lines()
        .find(|l| l.contains("unresolved merge conflict"))
        .unwrap_or_else(|| panic!("no conflict reported:\n{report}"));
    assert!(line.starts_with(&located), "{line}");
    let pos: Vec<&str> = line[located.len()..].splitn(3, ':').collect();
    assert!(
        pos[0].parse::<u32>().unwrap() > 1 && pos[1].parse::<u32>().unwrap() > 0,
        "{line}"
    );
    assert!(
        !report.contains("parse"),
        "reported as a parse error:\n{report}"
    );
    report
}

/// Drops every conflict entry, commits the merge, and checks it is clean.
fn resolve(r: &Repo, f: impl FnOnce(&mut Article)) {
    r.edit(|a| {
        f(a);
        for n in &mut a.nodes {
            n.conflicts_mut().clear();
        }
        a.meta.conflicts.clear();
    });
    let check = r.mizan(&["--maps", "maps", "check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    r.commit_all("resolved");
}

// Both sides change one claim differently: both texts stay in the map.
#[test]
fn one_field_changed_differently_is_a_located_conflict() {
    let r = Repo::new();
    r.setup();
    r.branches(
        |a| set_claim_en(a, "three-to-five-years", "OURS: three to five years."),
        |a| set_claim_en(a, "three-to-five-years", "THEIRS: at least five years."),
    );
    let report = assert_located_conflict(&r);
    assert!(report.contains("claim_en"), "{report}");
    let a = r.article();
    let n = a.node(idx(&a, "three-to-five-years"));
    assert_eq!(
        n.conflicts(),
        [Conflict::new(
            "claim_en",
            Some("OURS: three to five years."),
            Some("THEIRS: at least five years.")
        )]
    );
    // Take theirs.
    resolve(&r, |a| {
        set_claim_en(a, "three-to-five-years", "THEIRS: at least five years.")
    });
}

// Ours edits a node theirs deleted: the node stays, marked, nothing lost.
#[test]
fn edit_against_delete_keeps_the_node_with_a_conflict() {
    let r = Repo::new();
    r.setup();
    r.branches(
        |a| set_claim_en(a, "vienna-raisi", "OURS: Vienna and Raisi."),
        |a| {
            let n = idx(a, "vienna-raisi");
            a.apply(Edit::Detach { node: n }).unwrap();
        },
    );
    assert_located_conflict(&r);
    let a = r.article();
    let n = a.node(idx(&a, "vienna-raisi"));
    assert_eq!(n.claim_en(), "OURS: Vienna and Raisi.");
    assert_eq!(
        n.conflicts(),
        [Conflict::new("node", Some("kept"), Some("deleted"))]
    );
    // Take the deletion.
    resolve(&r, |a| {
        let n = idx(a, "vienna-raisi");
        a.apply(Edit::Detach { node: n }).unwrap();
    });
    assert!(r.article().find("vienna-raisi").is_none());
}

// Both sides add the same new id with different claims: one node, both claims.
#[test]
fn the_same_id_added_twice_is_a_conflict_with_both_texts() {
    let r = Repo::new();
    r.setup();
    let add = |claim: &'static str| {
        move |a: &mut Article| {
            let p = idx(a, "rebuild-forces");
            let e = add_child(a, p, 99, leaf("training", claim));
            a.apply(e).unwrap();
        }
    };
    r.branches(add("OURS: training first."), add("THEIRS: weapons first."));
    let report = assert_located_conflict(&r);
    assert!(report.contains("weapons first"), "{report}");
    let a = r.article();
    assert_eq!(
        children(&a, "rebuild-forces")
            .iter()
            .filter(|c| *c == "training")
            .count(),
        1
    );
    let n = a.node(idx(&a, "training"));
    assert_eq!(
        n.conflicts(),
        [Conflict::new(
            "claim_en",
            Some("OURS: training first."),
            Some("THEIRS: weapons first.")
        )]
    );
    resolve(&r, |_| {});
}

// Metadata changed differently on both sides: an article-level conflict.
#[test]
fn an_article_field_conflict_is_kept_on_the_article() {
    let r = Repo::new();
    r.setup();
    r.branches(
        |a| a.meta.rationale_en = "OURS: the rationale.".into(),
        |a| a.meta.rationale_en = "THEIRS: the rationale.".into(),
    );
    assert_located_conflict(&r);
    let a = r.article();
    assert_eq!(a.meta.conflicts.len(), 1);
    assert_eq!(
        a.meta.conflicts[0].theirs.as_deref(),
        Some("THEIRS: the rationale.")
    );
    resolve(&r, |_| {});
}

// A side that does not parse falls back to git's line merge, with a
// message, and the merge reports a conflict instead of crashing.
#[test]
fn an_unparseable_side_falls_back_to_the_line_merge() {
    let r = Repo::new();
    r.setup();
    r.git_ok(&["checkout", "-q", "-b", "theirs", "main"]);
    let title = r.article().meta.title_en.to_string();
    let broken = r.read(MAP).replacen(
        &format!("title_en: \"{title}\""),
        "title_en: \"THEIRS: unclosed",
        1,
    );
    assert!(broken.contains("THEIRS: unclosed"));
    std::fs::write(r.path(MAP), broken).unwrap();
    r.commit_all("theirs breaks the file");
    r.git_ok(&["checkout", "-q", "-b", "ours", "main"]);
    r.edit(|a| a.meta.title_en = "OURS: a title.".into());
    r.commit_all("our edit");
    let out = r.merge_theirs();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("falling back to git's line merge"),
        "{stderr}"
    );
    assert!(!out.status.success());
    let text = r.read(MAP);
    assert!(
        text.contains("<<<<<<< ours") && text.contains("OURS: a title."),
        "{text}"
    );
}
