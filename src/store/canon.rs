//! The canonical RON writer: one layout, fixed field order, empty and default
//! fields left out, so that load → save of an unchanged map is byte-identical
//! and a git diff shows only what a curator changed.
//!
//! Hand-written rather than ron's pretty printer because the layout is the
//! contract: ron's output changes between versions, and it escapes combining
//! marks (harakat) that curators must be able to read in the file.

use std::fmt::Write;

use crate::model::{Article, Motion, NodeIdx};
use crate::text::sanitize::is_forbidden;

const INDENT: &str = "    ";

/// Writes a RON string literal: only `"` and `\` and forbidden characters
/// are escaped; Arabic, harakat and every other printable text stay as is.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_forbidden(c) => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn line_start(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str(INDENT);
        }
    }

    fn str_field(&mut self, name: &str, value: &str) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        write_str(&mut self.out, value);
        self.out.push_str(",\n");
    }

    fn opt_str_field(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.str_field(name, v);
        }
    }

    fn raw_field(&mut self, name: &str, value: &str) {
        self.line_start();
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
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
    let mut w = Writer {
        out: String::new(),
        depth: 1,
    };
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
    let mut w = Writer {
        out: String::with_capacity(a.nodes.len() * 700 + 1024),
        depth: 1,
    };
    let m = &a.meta;
    w.out.push_str("Article(\n");
    w.str_field("id", &m.id);
    w.str_field("title_en", &m.title_en);
    w.str_field("title_original", &m.title_original);
    w.opt_str_field("author", m.author.as_deref());
    w.opt_str_field("outlet", m.outlet.as_deref());
    w.opt_str_field("date", m.date.as_deref());
    if m.date_inferred {
        w.raw_field("date_inferred", "true");
    }
    w.str_field("language", &m.language);
    w.opt_str_field("source", m.source.as_deref());
    if let Some(s) = m.stance {
        w.raw_field("stance", &format!("{s:?}"));
    }
    w.str_field("rationale_en", &m.rationale_en);
    w.str_field("rationale_ar", &m.rationale_ar);
    write_node(&mut w, a, a.root, Some("thesis"));
    w.out.push_str(")\n");
    w.out
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
    w.str_field("id", &n.id);
    w.str_field("claim_en", &n.claim_en);
    w.str_field("claim_ar", &n.claim_ar);
    if let Some(r) = n.relation {
        w.raw_field("relation", &format!("{r:?}"));
    }
    if let Some(b) = n.bearing {
        w.raw_field("bearing", &format!("{b:?}"));
    }
    w.opt_str_field("quote", n.quote.as_deref());
    if !n.themes.is_empty() {
        w.line_start();
        w.out.push_str("themes: [");
        for (i, t) in n.themes.iter().enumerate() {
            if i > 0 {
                w.out.push_str(", ");
            }
            write_str(&mut w.out, t);
        }
        w.out.push_str("],\n");
    }
    if !n.links.is_empty() {
        w.line_start();
        w.out.push_str("links: [\n");
        for l in &n.links {
            w.line_start();
            w.out.push_str(INDENT);
            let _ = write!(w.out, "Link(kind: {:?}, to: ", l.kind);
            write_str(&mut w.out, &l.to);
            w.out.push_str("),\n");
        }
        w.line_start();
        w.out.push_str("],\n");
    }
    w.opt_str_field("note", n.note.as_deref());
    if !n.children.is_empty() {
        w.line_start();
        w.out.push_str("children: [\n");
        w.depth += 1;
        for &c in &n.children {
            write_node(w, a, c, None);
        }
        w.depth -= 1;
        w.line_start();
        w.out.push_str("],\n");
    }
    w.close(",");
}
