//! The canonical RON writer: one layout, fixed field order, empty and default
//! fields left out, so that load → save of an unchanged map is byte-identical
//! and a git diff shows only what a curator changed.
//!
//! Hand-written rather than ron's pretty printer because the layout is the
//! contract: ron's output changes between versions, and it escapes combining
//! marks (harakat) that curators must be able to read in the file.

use std::fmt::Write;

use super::schema::{ArticleField, Kind, Named, NodeField, Presence, Spec, Value};
use crate::model::corpus::Pos;
use crate::model::{Article, Conflict, LinkKind, Motion, NodeIdx};

const INDENT: &str = "    ";

/// Bytes that may start a character `write_str` escapes.
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t
};

/// Writes a RON string literal: only `"` and `\` and forbidden characters
/// are escaped; Arabic, harakat and every other printable text stay as is.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    // Nearly every string needs no escape: a branch-free pass over the bytes
    // (Arabic letters starting with 0xD8 made a byte loop mispredict) and
    // one search for U+061C tell, and the string is copied whole.
    let b = s.as_bytes();
    let maybe = b
        .iter()
        .fold(false, |acc, &x| acc | (CANDIDATE[x as usize] && x != 0xD8));
    if !maybe && memchr::memmem::find(b, "\u{61C}".as_bytes()).is_none() {
        out.push_str(s);
        out.push('"');
        return;
    }
    // Scans bytes and copies the runs between escapes whole.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // Skip the bytes that cannot start an escape, without branching on each kind.
        while i < b.len() && !CANDIDATE[b[i] as usize] {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        // Each arm names the UTF-8 of the characters `is_forbidden` lists
        // (the test below checks the two agree).
        let len = match b[i] {
            0x00..=0x1F | b'"' | b'\\' | 0x7F => 1,
            0xC2 if next(1) <= 0x9F => 2, // U+0080–U+009F
            0xD8 if next(1) == 0x9C => 2, // U+061C
            0xE2 if next(1) == 0x80 && matches!(next(2), 0x8E | 0x8F | 0xAA..=0xAE) => 3,
            0xE2 if next(1) == 0x81 && matches!(next(2), 0xA6..=0xA9) => 3, // U+2066–U+2069
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().unwrap_or_default();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
        }
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

struct Writer {
    out: String,
    depth: usize,
    /// Where each node's `id` is written, by arena index, when asked for.
    positions: Option<Vec<Pos>>,
    /// Newlines in `out[..counted]`, counted as the text grows.
    lines: u32,
    counted: usize,
}

impl Writer {
    fn new(capacity: usize, positions: Option<Vec<Pos>>) -> Writer {
        Writer {
            out: String::with_capacity(capacity),
            depth: 1,
            positions,
            lines: 0,
            counted: 0,
        }
    }

    /// Notes that node `idx`'s `id` starts the next line.
    fn mark(&mut self, idx: NodeIdx) {
        let Some(p) = self.positions.as_mut() else {
            return;
        };
        self.lines +=
            memchr::memchr_iter(b'\n', &self.out.as_bytes()[self.counted..]).count() as u32;
        self.counted = self.out.len();
        if let Some(slot) = p.get_mut(idx as usize) {
            *slot = Pos {
                line: self.lines + 1,
                col: (self.depth * INDENT.len()) as u32 + 1,
            };
        }
    }

    fn line_start(&mut self) {
        // One copy of a slice rather than one push per level.
        const SPACES: &str = "                                                                ";
        let mut n = self.depth * INDENT.len();
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.push_str(&SPACES[..k]);
            n -= k;
        }
    }

    fn str_field(&mut self, name: &str, value: &str) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        write_str(&mut self.out, value);
        self.out.push_str(",\n");
    }

    fn raw_field(&mut self, name: &str, value: &str) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    /// One field as its kind is spelled (see `schema::Kind`); nothing when
    /// the table leaves its default value out.
    fn field(&mut self, spec: Spec, v: Value) {
        if spec.presence == Presence::OmittedWhenDefault && v.is_default(spec.kind) {
            return;
        }
        let name = spec.name;
        match (v, spec.kind) {
            (Value::Text(s), _) | (Value::OptText(Some(s)), _) => self.str_field(name, s),
            (Value::Flag(b), _) => self.raw_field(name, if b { "true" } else { "false" }),
            (Value::Enum(Some(i)), Kind::Enum { names, .. }) => {
                self.raw_field(name, names.get(i).copied().unwrap_or_default())
            }
            (Value::TextList(items), _) => {
                self.line_start();
                self.out.push_str(name);
                self.out.push_str(": [");
                for (i, t) in items.enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    write_str(&mut self.out, t);
                }
                self.out.push_str("],\n");
            }
            (Value::Links(links), _) => {
                self.line_start();
                self.out.push_str(name);
                self.out.push_str(": [\n");
                for l in links {
                    self.line_start();
                    self.out.push_str(INDENT);
                    self.out.push_str("Link(kind: ");
                    self.out.push_str(LinkKind::NAMES[l.kind.index()]);
                    self.out.push_str(", to: ");
                    write_str(&mut self.out, &l.to);
                    self.out.push_str("),\n");
                }
                self.line_start();
                self.out.push_str("],\n");
            }
            (Value::Conflicts(c), _) => self.conflicts(name, c),
            // Absent optional values, and the tree (written by the walk).
            _ => {}
        }
    }

    /// Unresolved merge conflicts, one `Conflict(...)` a line; nothing when none.
    fn conflicts(&mut self, name: &str, conflicts: &[Conflict]) {
        if conflicts.is_empty() {
            return;
        }
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": [\n");
        for c in conflicts {
            self.line_start();
            self.out.push_str(INDENT);
            self.out.push_str("Conflict(field: ");
            write_str(&mut self.out, &c.field);
            for (name, v) in [("ours", &c.ours), ("theirs", &c.theirs)] {
                if let Some(v) = v {
                    self.out.push_str(", ");
                    self.out.push_str(name);
                    self.out.push_str(": ");
                    write_str(&mut self.out, v);
                }
            }
            self.out.push_str("),\n");
        }
        self.line_start();
        self.out.push_str("],\n");
    }

    fn open(&mut self, name: &str, ty: &str) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(ty);
        self.out.push_str("(\n");
        self.depth += 1;
    }

    fn close(&mut self, suffix: &str) {
        self.depth -= 1;
        self.line_start();
        self.out.push(')');
        self.out.push_str(suffix);
        self.out.push('\n');
    }
}

/// The canonical text of a motion file.
pub fn motion_to_string(m: &Motion) -> String {
    let mut w = Writer::new(1024, None);
    w.out.push_str("Motion(\n");
    w.str_field("question_en", &m.question_en);
    w.str_field("question_ar", &m.question_ar);
    if !m.themes.is_empty() {
        w.out.push_str(INDENT);
        w.out.push_str("themes: [\n");
        for t in &m.themes {
            w.out.push_str(INDENT);
            w.out.push_str(INDENT);
            w.out.push_str("Theme(id: ");
            write_str(&mut w.out, &t.id);
            w.out.push_str(", en: ");
            write_str(&mut w.out, &t.en);
            w.out.push_str(", ar: ");
            write_str(&mut w.out, &t.ar);
            w.out.push_str("),\n");
        }
        w.out.push_str(INDENT);
        w.out.push_str("],\n");
    }
    w.out.push_str(")\n");
    w.out
}

/// The canonical text of an article map. Detached arena nodes are not written.
pub fn article_to_string(a: &Article) -> String {
    write_article(a, None).out
}

/// The canonical text and where each arena node's `id` is in it (what the
/// loader's `locate::node_positions` would find, without a second pass).
pub fn article_with_positions(a: &Article) -> (String, Vec<Pos>) {
    let w = write_article(a, Some(vec![Pos::default(); a.nodes.len()]));
    (w.out, w.positions.unwrap_or_default())
}

fn write_article(a: &Article, positions: Option<Vec<Pos>>) -> Writer {
    let mut w = Writer::new(a.nodes.len() * 700 + 1024, positions);
    w.out.push_str("Article(\n");
    for &f in ArticleField::ALL {
        match f.get(&a.meta) {
            Value::Tree => write_node(&mut w, a, a.root, Some(f.name())),
            v => w.field(f.spec(), v),
        }
    }
    w.out.push_str(")\n");
    w
}

/// Writes a node and its subtree. Recursion depth equals tree depth, which the
/// loader bounds (see `store::load::MAX_DEPTH`).
fn write_node(w: &mut Writer, a: &Article, idx: NodeIdx, field: Option<&str>) {
    let n = a.node(idx);
    match field {
        Some(f) => w.open(f, "Node"),
        None => {
            w.line_start();
            w.out.push_str("Node(\n");
            w.depth += 1;
        }
    }
    w.mark(idx);
    for &f in NodeField::ALL {
        match f.get(n) {
            Value::Tree => {
                if n.children().is_empty() {
                    continue;
                }
                w.line_start();
                w.out.push_str(f.name());
                w.out.push_str(": [\n");
                w.depth += 1;
                for &c in n.children() {
                    write_node(w, a, c, None);
                }
                w.depth -= 1;
                w.line_start();
                w.out.push_str("],\n");
            }
            v => w.field(f.spec(), v),
        }
    }
    w.close(",");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sanitize::is_forbidden;

    // The positions noted while writing are those the loader's lexer finds
    // in the written text, node for node, including after edits that put
    // the arena out of preorder.
    #[test]
    fn positions_match_the_lexer() {
        let mut a = crate::synthetic::generate(1, 60, 3).1.remove(0);
        let kids = a.node(a.root).children().to_vec();
        let (first, last) = (kids[0], *kids.last().unwrap());
        a.apply(crate::model::edit::move_to(first, last, 0))
            .unwrap();
        let (text, pos) = article_with_positions(&a);
        assert_eq!(text, article_to_string(&a));
        let lexed = crate::store::locate::node_positions(&text);
        let order: Vec<NodeIdx> = a.preorder().collect();
        assert_eq!(order.len(), lexed.len());
        for (idx, p) in order.into_iter().zip(lexed) {
            assert_eq!(pos[idx as usize], p, "node {idx}");
        }
    }

    // The byte scan escapes exactly what a character-by-character writer
    // would, on text mixing Arabic, controls, bidi marks and the bytes that
    // start them (0xC2, 0xD8, 0xE2) in harmless characters.
    #[test]
    fn byte_scan_agrees_with_chars() {
        let reference = |s: &str| {
            let mut out = String::from('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    c if is_forbidden(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        let alphabet: Vec<char> = "aب؜\u{61C}\u{600}\u{63F}\u{80}\u{9F}\u{A0}©\u{200E}\u{200F}\u{2010}\u{202A}\u{202E}\u{202F}\u{2066}\u{2069}\u{206A}\u{2000}\"\\\n\t\r\u{7F}\u{1}é—ً"
            .chars()
            .collect();
        let mut seed = 0x2545F4914F6CDD1Du64;
        for _ in 0..2000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let mut out = String::new();
            write_str(&mut out, &s);
            assert_eq!(out, reference(&s), "{s:?}");
        }
    }

    /// A map using voice, kind, genre and stance basis, in canonical layout.
    const WITH_VOICE: &str = r#"Article(
    id: "a",
    title_en: "T",
    title_original: "ت",
    date: "2024",
    genre: News,
    language: "ar",
    stance: Anti,
    stance_basis: Implicit,
    rationale_en: "r",
    rationale_ar: "ر",
    thesis: Node(
        id: "thesis",
        claim_en: "c",
        claim_ar: "ع",
        kind: Proposal,
        children: [
            Node(
                id: "officials-fear-isis",
                claim_en: "ISIS would return.",
                claim_ar: "سيعود داعش.",
                voice: "US officials",
                kind: Prediction,
                relation: Supports,
                quote: "ما تدعيه واشنطن",
            ),
        ],
    ),
)
"#;

    fn load(text: &str) -> Article {
        let (entry, _) =
            crate::store::parse_article(std::path::Path::new("a.ron"), text.as_bytes());
        entry.article.expect("loads")
    }

    // The new fields load (fast path and ron alike) and write back byte for byte.
    #[test]
    fn voice_kind_genre_basis_round_trip() {
        let a = load(WITH_VOICE);
        let n = a.node(a.node(a.root).children()[0]);
        assert_eq!(n.voice(), Some("US officials"));
        assert_eq!(n.kind, Some(crate::model::ClaimKind::Prediction));
        assert_eq!(a.meta.genre, Some(crate::model::Genre::News));
        assert_eq!(a.meta.stance_basis, crate::model::StanceBasis::Implicit);
        assert_eq!(article_to_string(&a), WITH_VOICE);
        // A comment sends the file down ron's path; it must read the same.
        let via_ron = load(&WITH_VOICE.replacen("Article(\n", "Article( // c\n", 1));
        assert_eq!(via_ron, a);
    }

    // A map from before the fields existed loads as the author's own,
    // unclassified claims with an explicit stance, and writes unchanged.
    #[test]
    fn older_maps_write_unchanged() {
        let old: String = WITH_VOICE
            .lines()
            .filter(|l| {
                !["genre:", "stance_basis:", "voice:", "kind:"]
                    .iter()
                    .any(|f| l.trim_start().starts_with(f))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let a = load(&old);
        assert!(
            a.preorder()
                .all(|i| a.node(i).voice().is_none() && a.node(i).kind.is_none())
        );
        assert_eq!(a.meta.stance_basis, crate::model::StanceBasis::Explicit);
        assert_eq!(article_to_string(&a), old);
    }

    // `stance_basis: Explicit` is the default, so `fmt` leaves it out.
    #[test]
    fn explicit_basis_is_left_out() {
        let text = WITH_VOICE.replace("Implicit", "Explicit");
        let a = load(&text);
        assert_eq!(
            article_to_string(&a),
            text.replace("    stance_basis: Explicit,\n", "")
        );
    }

    // Escapes only what must be, in runs of plain text too.
    #[test]
    fn strings_escape_only_what_they_must() {
        let mut out = String::new();
        write_str(&mut out, "قال \"لا\"\\\n\u{202E}x");
        assert_eq!(out, "\"قال \\\"لا\\\"\\\\\\n\\u{202E}x\"");
    }
}
