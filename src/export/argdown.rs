//! Argdown (<https://argdown.org>): the motion a `#` section, each article a
//! `##` section in it, each node a statement titled `[article-id/node-id]`,
//! children as incoming support (`+`) or attack (`-`) relations indented
//! under their parent, so the relation tree is the argument tree.
//!
//! Statement text is the English claim plus the node's themes as tags
//! (`#(theme-id)`), after the speaker in `‹…›` when the claim is reported;
//! the Arabic claim, voice, kind, quote, bearing, note and (on the thesis)
//! the article's metadata go into the statement's YAML data `{...}`, where
//! Argdown keeps strings verbatim. Cross-article links become outgoing
//! relations — agrees `+>`, rebuts `->`, contradicts `><` — when the target
//! node is exported too, and data (`links`) otherwise, so that a document
//! never invents statements. Argdown treats contradiction as symmetric: a
//! pair of mutual `contradicts` links is one relation.

use std::fmt::Write;

use super::sink::Sink;
use super::{Selection, Targets};
use crate::model::{Article, LinkKind, NodeIdx, Relation, bearing};
use crate::text::sanitize::{has_forbidden, is_forbidden, visible};

/// The Argdown document for a selection.
pub fn render(sel: &Selection) -> String {
    let nodes: usize = sel.articles.iter().map(|a| a.nodes.len()).sum();
    let mut sink = Sink::string(nodes * 600 + 512);
    // A string sink has no writer, so nothing can fail.
    let _ = render_into(sel, &mut sink);
    sink.buf
}

/// The Argdown document for a selection, written a piece at a time.
pub fn render_to(sel: &Selection, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    render_into(sel, &mut Sink::writer(w))
}

fn render_into(sel: &Selection, sink: &mut Sink) -> std::io::Result<()> {
    let targets = Targets::of(sel);
    let out = &mut sink.buf;
    out.push_str("===\n");
    if let Some(m) = sel.motion {
        out.push_str("title: ");
        yaml_str(out, &m.question_en);
        out.push_str("\nsubTitle: ");
        yaml_str(out, &m.question_ar);
        out.push('\n');
    } else {
        out.push_str("title: mizan\n");
    }
    out.push_str("===\n\n# ");
    // A heading after the front matter: a document of front matter alone
    // is a syntax error to Argdown (a selection may hold no article), and a
    // paragraph would become an untitled statement.
    match sel.motion {
        Some(m) => text(out, &m.question_en),
        None => out.push_str("mizan"),
    }
    out.push('\n');
    for a in &sel.articles {
        sink.buf.push('\n');
        article(&mut sink.buf, &targets, a);
        sink.flush()?;
    }
    sink.finish()
}

/// The statement title of a node: `article-id/node-id`, with the characters
/// Argdown cannot hold in a title (`[`, `]`, white space, a leading `-`)
/// replaced, since ids are otherwise free text.
pub fn title(article_id: &str, node_id: &str) -> String {
    let mut t: String = format!("{article_id}/{node_id}")
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c if c.is_whitespace() || is_forbidden(c) => '_',
            c => c,
        })
        .collect();
    if t.starts_with('-') {
        t.replace_range(0..1, "_");
    }
    t
}

fn article(out: &mut String, targets: &Targets, a: &Article) {
    let m = &a.meta;
    out.push_str("# ");
    text(
        out,
        if m.title_en.is_empty() {
            &m.id
        } else {
            &m.title_en
        },
    );
    out.push_str("\n\n");
    let bearings = bearing::derive(a);
    // (node, depth) in pre-order; iterative because trees may be deep.
    let mut stack: Vec<(NodeIdx, usize)> = vec![(a.root, 0)];
    while let Some((idx, depth)) = stack.pop() {
        let n = a.node(idx);
        indent(out, depth);
        if depth > 0 {
            out.push_str(match n.relation {
                Some(Relation::Opposes) => "- ",
                _ => "+ ",
            });
        }
        let _ = write!(out, "[{}]: ", title(a.id(), n.id()));
        if let Some(v) = &n.voice() {
            out.push('‹');
            text(out, v);
            out.push_str("› ");
        }
        text(out, n.claim_en());
        for t in n.themes() {
            out.push_str(" #(");
            tag(out, t);
            out.push(')');
        }
        out.push_str(" {");
        let mut data = Data::new(out);
        data.str("ar", n.claim_ar());
        if let Some(v) = &n.voice() {
            data.str("voice", v);
        }
        if let Some(k) = n.kind {
            data.str("kind", k.name());
        }
        if let Some(q) = &n.quote() {
            data.str("quote", q);
        }
        if let Some(b) = bearings.of(idx) {
            data.str("bearing", b.name());
        }
        if let Some(note) = &n.note() {
            data.str("note", note);
        }
        let outside: Vec<String> = n
            .links()
            .iter()
            .filter(|l| !targets.resolves(&l.to))
            .map(|l| format!("{} {}", l.kind.name(), l.to))
            .collect();
        if !outside.is_empty() {
            data.list("links", &outside);
        }
        if depth == 0 {
            data.str("article", &m.id);
            data.str("title_original", &m.title_original);
            for (k, v) in [
                ("author", &m.author),
                ("outlet", &m.outlet),
                ("date", &m.date),
            ] {
                if let Some(v) = v {
                    data.str(k, v);
                }
            }
            if let Some(g) = m.genre {
                data.str("genre", g.name());
            }
            if let Some(s) = m.stance {
                data.str("stance", s.name());
            }
            if !m.stance_basis.is_explicit() {
                data.str("stance_basis", m.stance_basis.name());
            }
            data.str("rationale_en", &m.rationale_en);
            data.str("rationale_ar", &m.rationale_ar);
        }
        out.push_str("}\n");
        for l in n.links() {
            let Some((aid, nid)) = l.target().filter(|_| targets.resolves(&l.to)) else {
                continue;
            };
            indent(out, depth + 1);
            out.push_str(match l.kind {
                LinkKind::Agrees => "+> ",
                LinkKind::Rebuts => "-> ",
                LinkKind::Contradicts => ">< ",
            });
            let _ = writeln!(out, "[{}]", title(aid, nid));
        }
        stack.extend(n.children().iter().rev().map(|&c| (c, depth + 1)));
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Writes free text so that Argdown reads it back as the same characters:
/// every character its lexer gives a meaning (tags, references, emphasis,
/// data, comments, `:shortcode:` and `.shortcode.` specials, `--`/`===`
/// runs) is backslash-escaped, and line breaks become spaces because a
/// statement is one line here.
pub fn text(out: &mut String, s: &str) {
    // Controls and bidi characters are shown, not passed on (issue 20,
    // item 3); their stand-ins are then escaped like any text.
    let s = if has_forbidden(s) {
        visible(&s.replace(['\n', '\r', '\t'], " ")).into_owned()
    } else {
        s.to_owned()
    };
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let escape = match c {
            '\\' | '@' | '#' | '*' | '_' | '[' | ']' | '<' | '>' | '{' | '}' | '/' | '+' => true,
            '.' | ':' => next.is_some_and(|n| !n.is_whitespace()),
            '-' | '=' => next == Some(c) || prev == Some(c) || i == 0,
            _ => false,
        };
        if c == '\n' || c == '\r' || c == '\t' {
            out.push(' ');
            continue;
        }
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A theme id as the inside of a `#(...)` tag.
fn tag(out: &mut String, id: &str) {
    out.extend(id.chars().map(|c| match c {
        ')' | '(' => '_',
        c if c.is_whitespace() || is_forbidden(c) => '_',
        c => c,
    }));
}

/// A YAML double-quoted string. JSON string syntax is valid YAML; braces are
/// escaped too so that a `}` in a quote cannot end Argdown's data block, and
/// `=` so that no `===` can look like front matter.
fn yaml_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '{' | '}' | '=' => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if c.is_control() || is_forbidden(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes `key: value` pairs of a YAML flow mapping, comma-separated.
struct Data<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Data<'a> {
    fn new(out: &'a mut String) -> Data<'a> {
        Data { out, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push_str(", ");
        }
        self.first = false;
        self.out.push_str(k);
        self.out.push_str(": ");
    }

    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        yaml_str(self.out, v);
    }

    fn list(&mut self, k: &str, items: &[String]) {
        self.key(k);
        self.out.push('[');
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            yaml_str(self.out, v);
        }
        self.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::voiced::{selection, voiced};

    fn esc(s: &str) -> String {
        let mut o = String::new();
        text(&mut o, s);
        o
    }

    // A reported statement is prefixed by its speaker and carries voice and
    // kind as data; the thesis carries genre and an implicit stance basis.
    #[test]
    fn voice_kind_genre_as_text_and_data() {
        let (m, arts) = voiced();
        let doc = render(&selection(&m, &arts));
        let line = doc.lines().find(|l| l.contains("[b/r]: ")).unwrap();
        assert!(line.contains("]: ‹US officials› "), "{line}");
        assert!(
            line.contains("voice: \"US officials\", kind: \"prediction\""),
            "{line}"
        );
        let thesis = doc.lines().find(|l| l.starts_with("[b/thesis]: ")).unwrap();
        assert!(thesis.contains("genre: \"news\""), "{thesis}");
        assert!(thesis.contains("stance_basis: \"implicit\""), "{thesis}");
        assert!(
            !doc.lines()
                .find(|l| l.contains("[a/r]: "))
                .unwrap()
                .contains("voice")
        );
    }

    // Characters Argdown would read as syntax are escaped; plain text is not.
    #[test]
    fn escapes_only_syntax() {
        assert_eq!(esc("US-led forces, 2020"), "US-led forces, 2020");
        assert_eq!(esc("#tag [ref] <arg>"), "\\#tag \\[ref\\] \\<arg\\>");
        assert_eq!(esc("U.S. a:b a: b"), "U\\.S. a\\:b a: b");
        assert_eq!(esc("a -- b"), "a \\-\\- b");
        assert_eq!(esc("قالت الولايات"), "قالت الولايات");
    }

    // Titles never hold brackets or spaces, which would end or split them.
    #[test]
    fn titles_are_safe() {
        assert_eq!(title("a", "n]1 x"), "a/n)1_x");
        assert_eq!(title("-a", "n"), "_a/n");
    }

    // Braces and quotes in data strings are escaped YAML.
    #[test]
    fn yaml_escapes() {
        let mut o = String::new();
        yaml_str(&mut o, "قال \"x\" {y}");
        assert_eq!(o, "\"قال \\\"x\\\" \\x7By\\x7D\"");
    }
}
