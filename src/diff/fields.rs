//! The fields of a Node and of an Article that diff and merge compare, as
//! one table each, made from the map format's schema (`store::schema`): how
//! to read a value as text and how to set it from text, by the field's kind.
//! Diff, merge and conflict resolution all walk these tables, so a new field
//! of the map format needs nothing here.
//!
//! A value's text is what a curator reads in a diff and in a Conflict entry:
//! plain text for text fields, the RON name of an enum (`Supports`), theme
//! ids joined by `, `, links as `Agrees a/b, Rebuts c/d`. `None` means the
//! field is absent (an optional field left out, an empty list).

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::model::{ArticleMeta, Link, LinkKind, Node};
use crate::store::schema::{ArticleField, Kind, Named, NodeField, Owned, Value};

/// A record whose fields the schema lists: a [`Node`] or an [`ArticleMeta`].
pub trait Record: 'static {
    /// The record's field enum in the schema.
    type Key: Copy + 'static;
    fn kind(key: Self::Key) -> Kind;
    fn value(&self, key: Self::Key) -> Value<'_>;
    fn store(&mut self, key: Self::Key, v: Owned) -> bool;
}

impl Record for Node {
    type Key = NodeField;
    fn kind(key: NodeField) -> Kind {
        key.spec().kind
    }
    fn value(&self, key: NodeField) -> Value<'_> {
        key.get(self)
    }
    fn store(&mut self, key: NodeField, v: Owned) -> bool {
        key.set_in(self, v)
    }
}

impl Record for ArticleMeta {
    type Key = ArticleField;
    fn kind(key: ArticleField) -> Kind {
        key.spec().kind
    }
    fn value(&self, key: ArticleField) -> Value<'_> {
        key.get(self)
    }
    fn store(&mut self, key: ArticleField, v: Owned) -> bool {
        key.set(self, v)
    }
}

/// One field of a `T` (a [`Node`] or an [`ArticleMeta`]).
pub struct Field<T: Record> {
    /// The field's name in the map file.
    pub name: &'static str,
    pub key: T::Key,
    _record: PhantomData<fn(&T)>,
}

impl<T: Record> Field<T> {
    /// The value as text, `None` when absent.
    pub fn get<'a>(&self, t: &'a T) -> Option<Cow<'a, str>> {
        let names = match T::kind(self.key) {
            Kind::Enum { names, optional } => Some((names, optional)),
            _ => None,
        };
        match t.value(self.key) {
            Value::Text(s) => Some(Cow::Borrowed(s)),
            Value::OptText(s) => s.map(Cow::Borrowed),
            Value::Flag(b) => b.then_some(Cow::Borrowed("true")),
            // A non-optional enum's first value is its default, shown as absent.
            Value::Enum(i) => {
                let (names, optional) = names?;
                let i = i.filter(|&i| optional || i != 0)?;
                names.get(i).map(|n| Cow::Borrowed(*n))
            }
            Value::TextList(t) => {
                (!t.is_empty()).then(|| Cow::Owned(t.collect::<Vec<_>>().join(", ")))
            }
            Value::Links(l) => links_text(l),
            Value::Conflicts(_) | Value::Tree => None,
        }
    }

    /// Sets the value from its text (`None`: absent); an error names what
    /// the text should have been.
    pub fn set(&self, t: &mut T, v: Option<&str>) -> Result<(), String> {
        let owned = match T::kind(self.key) {
            Kind::Text => Owned::Text(v.unwrap_or_default().into()),
            Kind::OptText => Owned::OptText(v.map(Into::into)),
            Kind::Flag => Owned::Flag(match v {
                None | Some("false") => false,
                Some("true") => true,
                Some(o) => return Err(format!("`{o}` is not true or false")),
            }),
            Kind::Enum { names, .. } => Owned::Enum(parse_enum(names, v)?),
            Kind::TextList => Owned::TextList(parse_themes(v)),
            Kind::Links => Owned::Links(parse_links(v)?),
            Kind::Conflicts | Kind::Tree => return Err(format!("`{}` is not a value", self.name)),
        };
        t.store(self.key, owned);
        Ok(())
    }

    /// Whether two values of this field are the same: what comparing `get`
    /// would say, without making text (merge and diff compare every field
    /// of every node).
    pub fn same(&self, a: &T, b: &T) -> bool {
        a.value(self.key) == b.value(self.key)
    }

    /// Copies this field's value from `src` into `dst`.
    pub fn copy(&self, dst: &mut T, src: &T) {
        if let Some(v) = src.value(self.key).to_owned() {
            dst.store(self.key, v);
        }
    }
}

/// The field called `name`, if the table has one.
pub fn find<T: Record>(table: &'static [Field<T>], name: &str) -> Option<&'static Field<T>> {
    table.iter().find(|f| f.name == name)
}

/// Reads an enum from its RON name.
fn parse_enum(names: &[&str], v: Option<&str>) -> Result<Option<usize>, String> {
    match v {
        None => Ok(None),
        Some(s) => names
            .iter()
            .position(|n| *n == s.trim())
            .map(Some)
            .ok_or_else(|| format!("`{s}` is not a valid value")),
    }
}

fn parse_themes(v: Option<&str>) -> Vec<Box<str>> {
    v.unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Into::into)
        .collect()
}

fn links_text(links: &[Link]) -> Option<Cow<'_, str>> {
    if links.is_empty() {
        return None;
    }
    let parts: Vec<String> = links
        .iter()
        .map(|l| format!("{} {}", LinkKind::NAMES[l.kind.index()], l.to))
        .collect();
    Some(Cow::Owned(parts.join(", ")))
}

fn parse_links(v: Option<&str>) -> Result<Vec<Link>, String> {
    let mut out = Vec::new();
    for part in v.unwrap_or_default().split(',').map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let (kind, to) = part
            .split_once(' ')
            .ok_or_else(|| format!("`{part}` is not `Kind article/node`"))?;
        let kind = parse_enum(LinkKind::NAMES, Some(kind))?.and_then(LinkKind::nth);
        out.push(Link {
            kind: kind.ok_or_else(|| format!("`{part}` has no kind"))?,
            to: to.trim().into(),
        });
    }
    Ok(out)
}

/// Whether diff and merge compare a field: not the id (a record's
/// identity), the tree, or the conflicts themselves.
const fn compared(name: &str, kind: Kind) -> bool {
    !matches!(kind, Kind::Conflicts | Kind::Tree) && !matches!(name.as_bytes(), b"id")
}

/// Builds a static table of the compared fields of a schema table, in its
/// order (in const evaluation, so the tables stay plain slices).
macro_rules! compared_fields {
    ($t:ty, $key:ty) => {{
        const N: usize = {
            let mut n = 0;
            let mut i = 0;
            while i < <$key>::ALL.len() {
                let s = <$key>::ALL[i].spec();
                if compared(s.name, s.kind) {
                    n += 1;
                }
                i += 1;
            }
            n
        };
        const NONE: Field<$t> = Field {
            name: "",
            key: <$key>::ALL[0],
            _record: PhantomData,
        };
        const TABLE: [Field<$t>; N] = {
            let mut out = [NONE; N];
            let (mut i, mut k) = (0, 0);
            while i < <$key>::ALL.len() {
                let f = <$key>::ALL[i];
                let s = f.spec();
                if compared(s.name, s.kind) {
                    out[k] = Field {
                        name: s.name,
                        key: f,
                        _record: PhantomData,
                    };
                    k += 1;
                }
                i += 1;
            }
            out
        };
        &TABLE
    }};
}

/// Every field of a Node but its id (its identity), its conflicts and its
/// children (the tree), in canonical order.
pub static NODE_FIELDS: &[Field<Node>] = compared_fields!(Node, NodeField);

/// Every field of an Article's metadata but its id and conflicts, in
/// canonical order.
pub static ARTICLE_FIELDS: &[Field<ArticleMeta>] = compared_fields!(ArticleMeta, ArticleField);

#[cfg(test)]
mod tests {
    use super::*;

    // Every field's text sets back to the same value, on generated nodes and
    // articles that use every kind of field.
    #[test]
    fn every_field_round_trips_through_its_text() {
        let (_, arts) = crate::synthetic::generate(3, 60, 5);
        for a in &arts {
            for n in &a.nodes {
                for f in NODE_FIELDS {
                    let mut m = Node::default();
                    f.set(&mut m, f.get(n).as_deref()).unwrap();
                    assert!(f.same(&m, n), "{} of {}", f.name, n.id());
                }
            }
            for f in ARTICLE_FIELDS {
                let mut m = ArticleMeta::default();
                f.copy(&mut m, &a.meta);
                assert!(f.same(&m, &a.meta), "{}", f.name);
            }
        }
    }

    // `eq` says what comparing the texts says, on every pair of nodes of
    // an article (different claims, themes, links, absent and present fields).
    #[test]
    fn eq_agrees_with_the_texts() {
        let a = &crate::synthetic::generate(1, 40, 6).1[0];
        for x in &a.nodes {
            for y in &a.nodes {
                for f in NODE_FIELDS {
                    assert_eq!(f.same(x, y), f.get(x) == f.get(y), "{}", f.name);
                }
            }
        }
    }

    // The tables are the schema's fields but ids, conflicts and trees, in
    // file order.
    #[test]
    fn tables_follow_the_schema() {
        let names = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let node: Vec<String> = NODE_FIELDS.iter().map(|f| f.name.to_owned()).collect();
        assert_eq!(
            node,
            names(&[
                "claim_en", "claim_ar", "voice", "kind", "relation", "bearing", "quote", "themes",
                "links", "note"
            ])
        );
        let article: Vec<String> = ARTICLE_FIELDS.iter().map(|f| f.name.to_owned()).collect();
        assert_eq!(
            article,
            names(&[
                "title_en",
                "title_original",
                "author",
                "outlet",
                "date",
                "date_inferred",
                "genre",
                "language",
                "source",
                "stance",
                "stance_basis",
                "rationale_en",
                "rationale_ar"
            ])
        );
    }

    // A bad value is refused with a message, not stored.
    #[test]
    fn bad_values_are_refused() {
        let mut n = Node::default();
        let rel = find(NODE_FIELDS, "relation").unwrap();
        assert!(rel.set(&mut n, Some("Sideways")).is_err());
        assert!(rel.set(&mut n, Some("Opposes")).is_ok());
        assert_eq!(rel.get(&n).as_deref(), Some("Opposes"));
        let links = find(NODE_FIELDS, "links").unwrap();
        assert!(links.set(&mut n, Some("nonsense")).is_err());
    }
}
