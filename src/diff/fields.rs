//! The fields of a Node and of an Article, as one table each: name (as in
//! the file), how to read the value as text and how to set it from text.
//! Diff, merge and conflict resolution all walk these tables, so a new
//! field of the map format is one row here, not a change in each of them.
//!
//! A value's text is what a curator reads in a diff and in a Conflict entry:
//! plain text for text fields, the RON name of an enum (`Supports`), theme
//! ids joined by `, `, links as `Agrees a/b, Rebuts c/d`. `None` means the
//! field is absent (an optional field left out, an empty list).

use std::borrow::Cow;
use std::fmt::Debug;

use serde::de::DeserializeOwned;

use crate::model::{ArticleMeta, Link, LinkKind, Node, Themes};

/// One field of a `T` (a [`Node`] or an [`ArticleMeta`]).
pub struct Field<T: 'static> {
    /// The field's name in the map file.
    pub name: &'static str,
    /// The value as text, `None` when absent.
    pub get: for<'a> fn(&'a T) -> Option<Cow<'a, str>>,
    /// Sets the value from its text (`None`: absent); an error names what
    /// the text should have been.
    pub set: fn(&mut T, Option<&str>) -> Result<(), String>,
    /// Whether two values are equal: what comparing `get` would say,
    /// without making text (merge and diff compare every field of every node).
    pub eq: fn(&T, &T) -> bool,
}

impl<T> Field<T> {
    /// Whether two values of this field are the same.
    pub fn same(&self, a: &T, b: &T) -> bool {
        (self.eq)(a, b)
    }

    /// Copies this field's value from `src` into `dst`.
    pub fn copy(&self, dst: &mut T, src: &T) {
        let v = (self.get)(src);
        // A value read from a field always sets back into it.
        let _ = (self.set)(dst, v.as_deref());
    }
}

/// The field called `name`, if the table has one.
pub fn find<T>(table: &'static [Field<T>], name: &str) -> Option<&'static Field<T>> {
    table.iter().find(|f| f.name == name)
}

fn text(s: &str) -> Option<Cow<'_, str>> {
    Some(Cow::Borrowed(s))
}

fn opt_text(s: &Option<Box<str>>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

fn boxed(v: Option<&str>) -> Box<str> {
    v.unwrap_or_default().into()
}

fn opt_boxed(v: Option<&str>) -> Option<Box<str>> {
    v.map(Into::into)
}

/// An enum's RON name (`Supports`), which is its `Debug` spelling.
fn enum_text<E: Debug>(v: &Option<E>) -> Option<Cow<'static, str>> {
    v.as_ref().map(|e| Cow::Owned(format!("{e:?}")))
}

/// Reads an enum from its RON name.
fn parse_enum<E: DeserializeOwned>(v: Option<&str>) -> Result<Option<E>, String> {
    match v {
        None => Ok(None),
        Some(s) => ron::from_str::<E>(s.trim())
            .map(Some)
            .map_err(|_| format!("`{s}` is not a valid value")),
    }
}

fn themes_text(t: Themes<'_>) -> Option<Cow<'static, str>> {
    (!t.is_empty()).then(|| Cow::Owned(t.collect::<Vec<_>>().join(", ")))
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
        .map(|l| format!("{:?} {}", l.kind, l.to))
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
        let kind: Option<LinkKind> = parse_enum(Some(kind))?;
        out.push(Link {
            kind: kind.ok_or_else(|| format!("`{part}` has no kind"))?,
            to: to.trim().into(),
        });
    }
    Ok(out)
}

/// Every field of a Node but its id (its identity) and its children (the
/// tree), in canonical order.
pub static NODE_FIELDS: &[Field<Node>] = &[
    Field {
        name: "claim_en",
        get: |n| text(n.claim_en()),
        set: |n, v| {
            n.set_claim_en(v.unwrap_or_default());
            Ok(())
        },
        eq: |a, b| a.claim_en() == b.claim_en(),
    },
    Field {
        name: "claim_ar",
        get: |n| text(n.claim_ar()),
        set: |n, v| {
            n.set_claim_ar(v.unwrap_or_default());
            Ok(())
        },
        eq: |a, b| a.claim_ar() == b.claim_ar(),
    },
    Field {
        name: "voice",
        get: |n| n.voice().map(Cow::Borrowed),
        set: |n, v| {
            n.set_voice(v);
            Ok(())
        },
        eq: |a, b| a.voice() == b.voice(),
    },
    Field {
        name: "kind",
        get: |n| enum_text(&n.kind),
        set: |n, v| {
            n.kind = parse_enum(v)?;
            Ok(())
        },
        eq: |a, b| a.kind == b.kind,
    },
    Field {
        name: "relation",
        get: |n| enum_text(&n.relation),
        set: |n, v| {
            n.relation = parse_enum(v)?;
            Ok(())
        },
        eq: |a, b| a.relation == b.relation,
    },
    Field {
        name: "bearing",
        get: |n| enum_text(&n.bearing),
        set: |n, v| {
            n.bearing = parse_enum(v)?;
            Ok(())
        },
        eq: |a, b| a.bearing == b.bearing,
    },
    Field {
        name: "quote",
        get: |n| n.quote().map(Cow::Borrowed),
        set: |n, v| {
            n.set_quote(v);
            Ok(())
        },
        eq: |a, b| a.quote() == b.quote(),
    },
    Field {
        name: "themes",
        get: |n| themes_text(n.themes()),
        set: |n, v| {
            n.set_themes(parse_themes(v));
            Ok(())
        },
        eq: |a, b| a.themes().eq(b.themes()),
    },
    Field {
        name: "links",
        get: |n| links_text(n.links()),
        set: |n, v| {
            *n.links_mut() = parse_links(v)?;
            Ok(())
        },
        eq: |a, b| a.links() == b.links(),
    },
    Field {
        name: "note",
        get: |n| n.note().map(Cow::Borrowed),
        set: |n, v| {
            n.set_note(v);
            Ok(())
        },
        eq: |a, b| a.note() == b.note(),
    },
];

/// Every field of an Article's metadata but its id, in canonical order.
pub static ARTICLE_FIELDS: &[Field<ArticleMeta>] = &[
    Field {
        name: "title_en",
        get: |m| text(&m.title_en),
        set: |m, v| {
            m.title_en = boxed(v);
            Ok(())
        },
        eq: |a, b| a.title_en == b.title_en,
    },
    Field {
        name: "title_original",
        get: |m| text(&m.title_original),
        set: |m, v| {
            m.title_original = boxed(v);
            Ok(())
        },
        eq: |a, b| a.title_original == b.title_original,
    },
    Field {
        name: "author",
        get: |m| opt_text(&m.author),
        set: |m, v| {
            m.author = opt_boxed(v);
            Ok(())
        },
        eq: |a, b| a.author == b.author,
    },
    Field {
        name: "outlet",
        get: |m| opt_text(&m.outlet),
        set: |m, v| {
            m.outlet = opt_boxed(v);
            Ok(())
        },
        eq: |a, b| a.outlet == b.outlet,
    },
    Field {
        name: "date",
        get: |m| opt_text(&m.date),
        set: |m, v| {
            m.date = opt_boxed(v);
            Ok(())
        },
        eq: |a, b| a.date == b.date,
    },
    Field {
        name: "date_inferred",
        get: |m| m.date_inferred.then_some(Cow::Borrowed("true")),
        set: |m, v| {
            m.date_inferred = match v {
                None | Some("false") => false,
                Some("true") => true,
                Some(o) => return Err(format!("`{o}` is not true or false")),
            };
            Ok(())
        },
        eq: |a, b| a.date_inferred == b.date_inferred,
    },
    Field {
        name: "genre",
        get: |m| enum_text(&m.genre),
        set: |m, v| {
            m.genre = parse_enum(v)?;
            Ok(())
        },
        eq: |a, b| a.genre == b.genre,
    },
    Field {
        name: "language",
        get: |m| text(&m.language),
        set: |m, v| {
            m.language = boxed(v);
            Ok(())
        },
        eq: |a, b| a.language == b.language,
    },
    Field {
        name: "source",
        get: |m| opt_text(&m.source),
        set: |m, v| {
            m.source = opt_boxed(v);
            Ok(())
        },
        eq: |a, b| a.source == b.source,
    },
    Field {
        name: "stance",
        get: |m| enum_text(&m.stance),
        set: |m, v| {
            m.stance = parse_enum(v)?;
            Ok(())
        },
        eq: |a, b| a.stance == b.stance,
    },
    Field {
        name: "stance_basis",
        get: |m| enum_text(&(!m.stance_basis.is_explicit()).then_some(m.stance_basis)),
        set: |m, v| {
            m.stance_basis = parse_enum(v)?.unwrap_or_default();
            Ok(())
        },
        eq: |a, b| a.stance_basis == b.stance_basis,
    },
    Field {
        name: "rationale_en",
        get: |m| text(&m.rationale_en),
        set: |m, v| {
            m.rationale_en = boxed(v);
            Ok(())
        },
        eq: |a, b| a.rationale_en == b.rationale_en,
    },
    Field {
        name: "rationale_ar",
        get: |m| text(&m.rationale_ar),
        set: |m, v| {
            m.rationale_ar = boxed(v);
            Ok(())
        },
        eq: |a, b| a.rationale_ar == b.rationale_ar,
    },
];

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
                    (f.set)(&mut m, (f.get)(n).as_deref()).unwrap();
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
                    assert_eq!(f.same(x, y), (f.get)(x) == (f.get)(y), "{}", f.name);
                }
            }
        }
    }

    // A bad value is refused with a message, not stored.
    #[test]
    fn bad_values_are_refused() {
        let mut n = Node::default();
        let rel = find(NODE_FIELDS, "relation").unwrap();
        assert!((rel.set)(&mut n, Some("Sideways")).is_err());
        assert!((rel.set)(&mut n, Some("Opposes")).is_ok());
        assert_eq!((rel.get)(&n).as_deref(), Some("Opposes"));
        let links = find(NODE_FIELDS, "links").unwrap();
        assert!((links.set)(&mut n, Some("nonsense")).is_err());
    }
}
