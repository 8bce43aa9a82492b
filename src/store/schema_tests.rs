//! The tables agree with the serde structs, the model's enums and the
//! canonical writer, so a field added in one place and not the others fails
//! here.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Visitor};

use super::*;
use crate::model::{Article, Conflict, Link, LinkKind, NodeFields};
use crate::store::canon;
use crate::store::raw::{RawArticle, RawNode};

/// The field names a derived `Deserialize` asks for, caught by a
/// deserializer that refuses everything else.
#[derive(Debug)]
struct Asked(Vec<&'static str>);

impl fmt::Display for Asked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for Asked {}

impl de::Error for Asked {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Asked(Vec::new())
    }
}

struct FieldNames;

impl<'de> de::Deserializer<'de> for FieldNames {
    type Error = Asked;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Asked> {
        Err(Asked(Vec::new()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Asked> {
        Err(Asked(fields.to_vec()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        enum identifier ignored_any
    }
}

fn serde_fields<'de, T: Deserialize<'de>>() -> Vec<&'static str> {
    match T::deserialize(FieldNames) {
        Err(Asked(f)) => f,
        Ok(_) => Vec::new(),
    }
}

// Every field the serde structs read is in the table, in the same order,
// and the table has no field they do not read.
#[test]
fn raw_structs_have_the_tables_fields() {
    let article: Vec<&str> = ArticleField::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(serde_fields::<RawArticle>(), article);
    let node: Vec<&str> = NodeField::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(serde_fields::<RawNode>(), node);
}

// Each enum's names are its RON spelling (what serde reads), in the order
// of the model's own lists where it has one.
#[test]
fn enum_names_are_what_ron_reads() {
    fn check<E: Named + fmt::Debug + for<'de> Deserialize<'de>>() {
        assert_eq!(E::ALL.len(), E::NAMES.len());
        for (v, name) in E::ALL.iter().zip(E::NAMES) {
            assert_eq!(format!("{v:?}"), *name);
            assert_eq!(ron::from_str::<E>(name).ok(), Some(*v));
            assert_eq!(E::nth(v.index()), Some(*v));
        }
    }
    check::<Stance>();
    check::<StanceBasis>();
    check::<Genre>();
    check::<ClaimKind>();
    check::<Relation>();
    check::<Bearing>();
    check::<LinkKind>();
    assert_eq!(Stance::ALL, <Stance as Named>::ALL);
    assert_eq!(StanceBasis::ALL, <StanceBasis as Named>::ALL);
    assert_eq!(Genre::ALL, <Genre as Named>::ALL);
    assert_eq!(ClaimKind::ALL, <ClaimKind as Named>::ALL);
}

/// An article whose metadata and thesis set every field to something that
/// is not its default, with one child.
fn full() -> Article {
    let conflict = Conflict {
        field: "note".into(),
        ours: Some("o".into()),
        theirs: None,
    };
    let meta = ArticleMeta {
        id: "a".into(),
        title_en: "T".into(),
        title_original: "ت".into(),
        author: Some("au".into()),
        outlet: Some("out".into()),
        date: Some("2024".into()),
        date_inferred: true,
        genre: Some(Genre::News),
        language: "ar".into(),
        source: Some("a.txt".into()),
        stance: Some(Stance::Anti),
        stance_basis: StanceBasis::Implicit,
        rationale_en: "r".into(),
        rationale_ar: "ر".into(),
        conflicts: vec![conflict.clone()],
    };
    let thesis = Node::from(NodeFields {
        id: "t".into(),
        claim_en: "c".into(),
        claim_ar: "ع".into(),
        voice: Some("v".into()),
        kind: Some(ClaimKind::Proposal),
        relation: Some(Relation::Opposes),
        bearing: Some(Bearing::Against),
        quote: Some("q".into()),
        themes: vec!["x".into(), "y".into()],
        links: vec![Link {
            kind: LinkKind::Rebuts,
            to: "b/n".into(),
        }],
        note: Some("n".into()),
        conflicts: vec![conflict],
        parent: None,
        children: vec![1],
    });
    let child = Node::from(NodeFields {
        id: "k".into(),
        parent: Some(0),
        ..Default::default()
    });
    Article {
        meta,
        nodes: vec![thesis, child],
        root: 0,
    }
}

/// The field names written at one indent, in the order written, up to the
/// first deeper `Node(` list.
fn names_at(text: &str, indent: usize) -> Vec<String> {
    text.lines()
        .filter(|l| l.len() > indent && l[..indent].bytes().all(|b| b == b' '))
        .filter(|l| l.as_bytes()[indent].is_ascii_lowercase())
        .filter_map(|l| l[indent..].split_once(':').map(|(n, _)| n.to_owned()))
        .collect()
}

// What `canon` writes, field by field, is the tables' order, and it leaves
// out nothing that is set.
#[test]
fn canon_writes_the_tables_order() {
    let text = canon::article_to_string(&full());
    let article: Vec<&str> = ArticleField::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(names_at(&text, 4), article, "{text}");
    let node: Vec<&str> = NodeField::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(names_at(&text, 8), node, "{text}");
    // The child sets nothing: only what is always written remains.
    let always: Vec<&str> = NodeField::ALL
        .iter()
        .filter(|f| f.spec().presence != Presence::OmittedWhenDefault)
        .map(|f| f.name())
        .collect();
    assert_eq!(names_at(&text, 16), always, "{text}");
    // And it reads back as written (through ron: it has conflicts).
    let (entry, _) = crate::store::parse_article(std::path::Path::new("a.ron"), text.as_bytes());
    assert_eq!(entry.article, Some(full()));
}

// Each field's value, stored into an empty record, reads back the same;
// a value of another kind is refused and stores nothing.
#[test]
fn get_and_set_agree() {
    let a = full();
    for &f in ArticleField::ALL {
        let Some(v) = f.get(&a.meta).to_owned() else {
            continue;
        };
        let mut m = ArticleMeta::default();
        assert!(f.set(&mut m, v), "{f:?}");
        assert_eq!(f.get(&m), f.get(&a.meta), "{f:?}");
        assert!(!f.set(&mut m, Owned::Links(Vec::new())), "{f:?}");
    }
    let n = a.node(a.root);
    for &f in NodeField::ALL {
        let Some(v) = f.get(n).to_owned() else {
            continue;
        };
        let mut built = NodeFields::default();
        assert!(f.set(&mut built, v.clone()), "{f:?}");
        assert_eq!(f.get(&Node::from(built)), f.get(n), "{f:?}");
        let mut m = Node::default();
        assert!(f.set_in(&mut m, v), "{f:?}");
        assert_eq!(f.get(&m), f.get(n), "{f:?}");
        assert_ne!(
            f.get(&m),
            f.get(&Node::default()),
            "{f:?} is not set in `full`"
        );
        assert!(!f.set_in(&mut m, Owned::Flag(true)), "{f:?}");
    }
}

// Names find their fields.
#[test]
fn fields_by_name() {
    assert_eq!(NodeField::from_name("claim_ar"), Some(NodeField::ClaimAr));
    assert_eq!(
        ArticleField::from_name("thesis"),
        Some(ArticleField::Thesis)
    );
    assert_eq!(NodeField::from_name("claim_arr"), None);
}
