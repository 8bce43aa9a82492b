//! The map format's fields, in one table: for an Article and for a Node, the
//! ordered list of fields with their name in the file, their kind and when
//! the writer leaves them out, plus the one place that reads a field's value
//! out of the model ([`ArticleField::get`], [`NodeField::get`]) and puts one
//! back (`set`, and `NodeField::set_in` through a node's setters).
//!
//! The canonical writer (`canon`), the fast parser (`fast`), the cache codec
//! (`cache_codec`) and the diff/merge field table (`diff::fields`) all walk
//! these tables instead of naming fields themselves, so a new field of the
//! format is a row here with its `get` and `set` arms, the model's field
//! and the serde struct in `raw` (a test fails when `raw` has a field the
//! table lacks, when the order here differs from what `canon` writes, or
//! when a `set` arm is missing).

use crate::model::{
    ArticleMeta, Bearing, ClaimKind, Conflict, Genre, Link, LinkKind, Node, NodeFields, Relation,
    Stance, StanceBasis, Themes,
};

/// When a field is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always written; a file without it is refused (serde has no default).
    Required,
    /// Always written; a file without it reads as the default.
    Written,
    /// Left out when it holds the default (absent, false, empty, or an
    /// enum's first value when the enum is not optional).
    OmittedWhenDefault,
}

/// What a field holds and how it is spelled in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string literal.
    Text,
    /// A string literal or nothing.
    OptText,
    /// `true`, or nothing for false.
    Flag,
    /// A bare variant name, one of `names` (in the enum's declaration order,
    /// which is also the cache codec's tag order). `optional`: the field may
    /// be absent (`Option<E>`); otherwise absent is the first name.
    Enum {
        names: &'static [&'static str],
        optional: bool,
    },
    /// `["a", "b"]` on one line.
    TextList,
    /// `Link(kind: K, to: "a/n")`, one a line.
    Links,
    /// `Conflict(field: …, ours: …, theirs: …)`, one a line.
    Conflicts,
    /// The argument tree: a Node (`thesis`) or a list of them (`children`),
    /// which the writers and parsers walk themselves.
    Tree,
}

/// One row of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The field's name in the file.
    pub name: &'static str,
    pub kind: Kind,
    pub presence: Presence,
}

/// A field's value, borrowed from the model.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Text(&'a str),
    OptText(Option<&'a str>),
    Flag(bool),
    /// The index of the variant in the kind's `names`; `None` when absent.
    Enum(Option<usize>),
    TextList(Themes<'a>),
    Links(&'a [Link]),
    Conflicts(&'a [Conflict]),
    Tree,
}

impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Text(a), Value::Text(b)) => a == b,
            (Value::OptText(a), Value::OptText(b)) => a == b,
            (Value::Flag(a), Value::Flag(b)) => a == b,
            (Value::Enum(a), Value::Enum(b)) => a == b,
            (Value::TextList(a), Value::TextList(b)) => a.clone().eq(b.clone()),
            (Value::Links(a), Value::Links(b)) => a == b,
            (Value::Conflicts(a), Value::Conflicts(b)) => a == b,
            (Value::Tree, Value::Tree) => true,
            _ => false,
        }
    }
}

impl Value<'_> {
    /// Whether this is the default of a field of `kind`, which the writer
    /// leaves out when the field may be.
    pub fn is_default(&self, kind: Kind) -> bool {
        match self {
            Value::Enum(i) if matches!(kind, Kind::Enum { optional: true, .. }) => i.is_none(),
            Value::Text(s) => s.is_empty(),
            Value::OptText(v) => v.is_none(),
            Value::Flag(b) => !b,
            Value::Enum(i) => i.is_none_or(|i| i == 0),
            Value::TextList(l) => l.is_empty(),
            Value::Links(l) => l.is_empty(),
            Value::Conflicts(l) => l.is_empty(),
            Value::Tree => false,
        }
    }
}

impl Value<'_> {
    /// The value as one to store (`None` for the tree).
    pub fn to_owned(&self) -> Option<Owned> {
        Some(match self {
            Value::Text(s) => Owned::Text((*s).into()),
            Value::OptText(s) => Owned::OptText(s.map(Into::into)),
            Value::Flag(b) => Owned::Flag(*b),
            Value::Enum(i) => Owned::Enum(*i),
            Value::TextList(l) => Owned::TextList(l.clone().map(Into::into).collect()),
            Value::Links(l) => Owned::Links(l.to_vec()),
            Value::Conflicts(l) => Owned::Conflicts(l.to_vec()),
            Value::Tree => return None,
        })
    }
}

/// A field's value to store into the model (see `set`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owned {
    Text(Box<str>),
    OptText(Option<Box<str>>),
    Flag(bool),
    Enum(Option<usize>),
    TextList(Vec<Box<str>>),
    Links(Vec<Link>),
    Conflicts(Vec<Conflict>),
}

/// An enum of the format, spelled by its variant names.
pub trait Named: Copy + PartialEq + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// Each value's name in the file, in the same order.
    const NAMES: &'static [&'static str];

    fn index(self) -> usize {
        Self::ALL.iter().position(|&v| v == self).unwrap_or(0)
    }

    fn nth(i: usize) -> Option<Self> {
        Self::ALL.get(i).copied()
    }
}

macro_rules! named {
    ($($t:ty => [$($v:ident),*];)*) => {$(
        impl Named for $t {
            const ALL: &'static [Self] = &[$(<$t>::$v),*];
            const NAMES: &'static [&'static str] = &[$(stringify!($v)),*];
        }
    )*};
}

named! {
    Stance => [Pro, Anti, Mixed, Neutral];
    StanceBasis => [Explicit, Implicit];
    Genre => [Opinion, News, Analysis, Explainer, Interview];
    ClaimKind => [Fact, Prediction, Evaluation, Proposal];
    Relation => [Supports, Opposes];
    Bearing => [For, Against, Neither];
    LinkKind => [Agrees, Contradicts, Rebuts];
}

const fn optional<E: Named>() -> Kind {
    Kind::Enum {
        names: E::NAMES,
        optional: true,
    }
}

fn index_of<E: Named>(v: Option<E>) -> Option<usize> {
    v.map(E::index)
}

fn pick<E: Named>(i: Option<usize>) -> Option<E> {
    i.and_then(E::nth)
}

/// Declares a table: the enum of its fields, their specs in file order, and
/// lookup by name.
macro_rules! table {
    ($(#[$doc:meta])* $name:ident { $($var:ident = $file:literal, $kind:expr, $presence:ident;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($var),* }

        impl $name {
            /// Every field, in the order the canonical writer writes them.
            pub const ALL: &'static [$name] = &[$($name::$var),*];

            pub const fn spec(self) -> Spec {
                match self {
                    $($name::$var => Spec {
                        name: $file,
                        kind: $kind,
                        presence: Presence::$presence,
                    }),*
                }
            }

            /// The field's name in the file.
            pub const fn name(self) -> &'static str {
                self.spec().name
            }

            /// The field written `name` in the file.
            pub fn from_name(name: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|f| f.name() == name)
            }
        }
    };
}

table! {
    /// The fields of an Article, the tree (`thesis`) last.
    ArticleField {
        Id = "id", Kind::Text, Required;
        TitleEn = "title_en", Kind::Text, Written;
        TitleOriginal = "title_original", Kind::Text, Written;
        Author = "author", Kind::OptText, OmittedWhenDefault;
        Outlet = "outlet", Kind::OptText, OmittedWhenDefault;
        Date = "date", Kind::OptText, OmittedWhenDefault;
        DateInferred = "date_inferred", Kind::Flag, OmittedWhenDefault;
        Genre = "genre", optional::<Genre>(), OmittedWhenDefault;
        Language = "language", Kind::Text, Written;
        Source = "source", Kind::OptText, OmittedWhenDefault;
        Stance = "stance", optional::<Stance>(), OmittedWhenDefault;
        // Explicit is the default and left out, so maps from before the
        // field existed are already canonical.
        StanceBasis = "stance_basis", Kind::Enum { names: StanceBasis::NAMES, optional: false }, OmittedWhenDefault;
        RationaleEn = "rationale_en", Kind::Text, Written;
        RationaleAr = "rationale_ar", Kind::Text, Written;
        Conflicts = "conflicts", Kind::Conflicts, OmittedWhenDefault;
        Thesis = "thesis", Kind::Tree, Required;
    }
}

table! {
    /// The fields of a Node, the tree (`children`) last.
    NodeField {
        Id = "id", Kind::Text, Required;
        ClaimEn = "claim_en", Kind::Text, Written;
        ClaimAr = "claim_ar", Kind::Text, Written;
        Voice = "voice", Kind::OptText, OmittedWhenDefault;
        Kind = "kind", optional::<ClaimKind>(), OmittedWhenDefault;
        Relation = "relation", optional::<Relation>(), OmittedWhenDefault;
        Bearing = "bearing", optional::<Bearing>(), OmittedWhenDefault;
        Quote = "quote", Kind::OptText, OmittedWhenDefault;
        Themes = "themes", Kind::TextList, OmittedWhenDefault;
        Links = "links", Kind::Links, OmittedWhenDefault;
        Note = "note", Kind::OptText, OmittedWhenDefault;
        Conflicts = "conflicts", Kind::Conflicts, OmittedWhenDefault;
        Children = "children", Kind::Tree, OmittedWhenDefault;
    }
}

impl ArticleField {
    /// This field's value in `m` (`Tree` for the thesis, which is not in
    /// the metadata).
    pub fn get(self, m: &ArticleMeta) -> Value<'_> {
        use ArticleField as F;
        match self {
            F::Id => Value::Text(&m.id),
            F::TitleEn => Value::Text(&m.title_en),
            F::TitleOriginal => Value::Text(&m.title_original),
            F::Author => Value::OptText(m.author.as_deref()),
            F::Outlet => Value::OptText(m.outlet.as_deref()),
            F::Date => Value::OptText(m.date.as_deref()),
            F::DateInferred => Value::Flag(m.date_inferred),
            F::Genre => Value::Enum(index_of(m.genre)),
            F::Language => Value::Text(&m.language),
            F::Source => Value::OptText(m.source.as_deref()),
            F::Stance => Value::Enum(index_of(m.stance)),
            F::StanceBasis => Value::Enum(Some(m.stance_basis.index())),
            F::RationaleEn => Value::Text(&m.rationale_en),
            F::RationaleAr => Value::Text(&m.rationale_ar),
            F::Conflicts => Value::Conflicts(&m.conflicts),
            F::Thesis => Value::Tree,
        }
    }

    /// Stores `v` as this field of `m`; `false` (and nothing stored) when
    /// `v` is not of the field's kind.
    pub fn set(self, m: &mut ArticleMeta, v: Owned) -> bool {
        use ArticleField as F;
        match (self, v) {
            (F::Id, Owned::Text(s)) => m.id = s,
            (F::TitleEn, Owned::Text(s)) => m.title_en = s,
            (F::TitleOriginal, Owned::Text(s)) => m.title_original = s,
            (F::Author, Owned::OptText(s)) => m.author = s,
            (F::Outlet, Owned::OptText(s)) => m.outlet = s,
            (F::Date, Owned::OptText(s)) => m.date = s,
            (F::DateInferred, Owned::Flag(b)) => m.date_inferred = b,
            (F::Genre, Owned::Enum(i)) => m.genre = pick(i),
            (F::Language, Owned::Text(s)) => m.language = s,
            (F::Source, Owned::OptText(s)) => m.source = s,
            (F::Stance, Owned::Enum(i)) => m.stance = pick(i),
            (F::StanceBasis, Owned::Enum(i)) => m.stance_basis = pick(i).unwrap_or_default(),
            (F::RationaleEn, Owned::Text(s)) => m.rationale_en = s,
            (F::RationaleAr, Owned::Text(s)) => m.rationale_ar = s,
            (F::Conflicts, Owned::Conflicts(c)) => m.conflicts = c,
            _ => return false,
        }
        true
    }
}

impl NodeField {
    /// This field's value in `n` (`Tree` for the children).
    pub fn get(self, n: &Node) -> Value<'_> {
        use NodeField as F;
        match self {
            F::Id => Value::Text(n.id()),
            F::ClaimEn => Value::Text(n.claim_en()),
            F::ClaimAr => Value::Text(n.claim_ar()),
            F::Voice => Value::OptText(n.voice()),
            F::Kind => Value::Enum(index_of(n.kind)),
            F::Relation => Value::Enum(index_of(n.relation)),
            F::Bearing => Value::Enum(index_of(n.bearing)),
            F::Quote => Value::OptText(n.quote()),
            F::Themes => Value::TextList(n.themes()),
            F::Links => Value::Links(n.links()),
            F::Note => Value::OptText(n.note()),
            F::Conflicts => Value::Conflicts(n.conflicts()),
            F::Children => Value::Tree,
        }
    }

    /// Stores `v` as this field of a node being built (the parsers move
    /// their strings in); `false` (and nothing stored) when `v` is not of
    /// the field's kind.
    pub fn set(self, n: &mut NodeFields, v: Owned) -> bool {
        use NodeField as F;
        match (self, v) {
            (F::Id, Owned::Text(s)) => n.id = s,
            (F::ClaimEn, Owned::Text(s)) => n.claim_en = s,
            (F::ClaimAr, Owned::Text(s)) => n.claim_ar = s,
            (F::Voice, Owned::OptText(s)) => n.voice = s,
            (F::Kind, Owned::Enum(i)) => n.kind = pick(i),
            (F::Relation, Owned::Enum(i)) => n.relation = pick(i),
            (F::Bearing, Owned::Enum(i)) => n.bearing = pick(i),
            (F::Quote, Owned::OptText(s)) => n.quote = s,
            (F::Themes, Owned::TextList(t)) => n.themes = t,
            (F::Links, Owned::Links(l)) => n.links = l,
            (F::Note, Owned::OptText(s)) => n.note = s,
            (F::Conflicts, Owned::Conflicts(c)) => n.conflicts = c,
            _ => return false,
        }
        true
    }

    /// Stores `v` as this field of an existing node, through its setters
    /// (what diff and merge change); `false` as for [`set`](Self::set).
    pub fn set_in(self, n: &mut Node, v: Owned) -> bool {
        use NodeField as F;
        match (self, v) {
            (F::Id, Owned::Text(s)) => n.set_id(&s),
            (F::ClaimEn, Owned::Text(s)) => n.set_claim_en(&s),
            (F::ClaimAr, Owned::Text(s)) => n.set_claim_ar(&s),
            (F::Voice, Owned::OptText(s)) => n.set_voice(s.as_deref()),
            (F::Kind, Owned::Enum(i)) => n.kind = pick(i),
            (F::Relation, Owned::Enum(i)) => n.relation = pick(i),
            (F::Bearing, Owned::Enum(i)) => n.bearing = pick(i),
            (F::Quote, Owned::OptText(s)) => n.set_quote(s.as_deref()),
            (F::Themes, Owned::TextList(t)) => n.set_themes(t),
            (F::Links, Owned::Links(l)) => *n.links_mut() = l,
            (F::Note, Owned::OptText(s)) => n.set_note(s.as_deref()),
            (F::Conflicts, Owned::Conflicts(c)) => *n.conflicts_mut() = c,
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
