//! An unresolved three-way merge conflict kept inside a map, so that a merge
//! never loses either side: `mizan merge` writes one [`Conflict`] per field
//! the two sides changed differently, the loader and the canonical writer
//! carry them, `mizan check` reports each as an error until a curator keeps
//! one value and drops the entry.
//!
//! On disk (a Node's `conflicts` sits just before `children`, an Article's
//! just before `thesis`, and both are left out when empty):
//!
//! ```text
//! conflicts: [
//!     Conflict(field: "claim_en", ours: "…", theirs: "…"),
//! ],
//! ```
//!
//! `field` names a field of the node or article as it is written in the
//! file; `ours`/`theirs` hold that field's value on each side, as
//! `mizan::diff::fields` spells it (plain text for text fields, `Supports`
//! for an enum, `a, b` for themes); a side without the value (an optional
//! field removed) has no `ours`/`theirs`. Two pseudo-fields say what a
//! field cannot:
//! - `node`: one side deleted the node, the other kept or changed it (the
//!   values are `deleted` and `kept`); the node is kept with the changes.
//! - `parent`: the sides moved the node under different parents (the values
//!   are the parents' ids); the node sits under ours.
//!
//! Both sides adding a node with the same id and different content is a
//! node with field conflicts (and a `parent` one if they put it in different
//! places): its fields merged as if the base had none of them.

/// One field two merged sides changed differently; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub field: Box<str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<Box<str>>,
}

/// The pseudo-field of a node one side deleted and the other kept.
pub const NODE_DELETED: &str = "node";
/// The pseudo-field of a node the sides moved under different parents.
pub const NODE_PARENT: &str = "parent";
/// The value of a [`NODE_DELETED`] conflict on the side that deleted.
pub const DELETED: &str = "deleted";
/// The value of a [`NODE_DELETED`] conflict on the side that kept the node.
pub const KEPT: &str = "kept";

impl Conflict {
    pub fn new(field: &str, ours: Option<&str>, theirs: Option<&str>) -> Conflict {
        Conflict {
            field: field.into(),
            ours: ours.map(Into::into),
            theirs: theirs.map(Into::into),
        }
    }
}

/// The `mizan check` error for an unresolved conflict of `what` (`node
/// `x`` or `the article`), placed at `pos` in `path`.
pub fn diagnostic(
    path: &std::path::Path,
    pos: super::corpus::Pos,
    what: &str,
    c: &Conflict,
) -> super::Diagnostic {
    let side = |v: &Option<Box<str>>| match v {
        Some(v) => format!(
            "«{}»",
            crate::text::truncated(v, 60, crate::text::BidiMode::Off).text()
        ),
        None => "(none)".to_owned(),
    };
    let (message, hint) = match &*c.field {
        NODE_DELETED => (
            format!(
                "unresolved merge conflict: {what} was {} by ours and {} by theirs",
                c.ours.as_deref().unwrap_or(KEPT),
                c.theirs.as_deref().unwrap_or(KEPT)
            ),
            "delete the node to take the deletion, or delete the Conflict entry to keep it"
                .to_owned(),
        ),
        NODE_PARENT => (
            format!(
                "unresolved merge conflict: {what} was moved under `{}` by ours and under `{}` by theirs",
                c.ours.as_deref().unwrap_or("?"),
                c.theirs.as_deref().unwrap_or("?")
            ),
            "move the node where it belongs and delete the Conflict entry".to_owned(),
        ),
        field => (
            format!(
                "unresolved merge conflict in `{field}` of {what}: ours {}, theirs {}",
                side(&c.ours),
                side(&c.theirs)
            ),
            format!("keep one value in `{field}` and delete the Conflict entry"),
        ),
    };
    super::Diagnostic::error(path, "conflict", message)
        .at(pos)
        .hint(hint)
}
