//! Graphviz DOT: one cluster per article, a box per node filled by its
//! bearing on the motion (dashed, with the speaker in `‹…›`, when the claim
//! is reported rather than the author's), an edge from each node to its parent labelled
//! `supports` or `opposes`, and dashed edges for cross-article links whose
//! target is exported too. `rankdir=BT` puts each thesis on top, with its
//! reasons below it, as a reader expects an argument map. `newrank=true` is
//! needed: with the old ranking, links between clusters that form a cycle
//! make `dot` fail with "trouble in init_rank" (seen on the bundled maps),
//! and so does `constraint=false` on those links.

use std::fmt::Write;

use super::sink::Sink;
use super::{Selection, Targets};
use crate::model::{Article, Bearing, Relation, bearing};
use crate::text::sanitize::{is_forbidden, visible};

/// Fill colours per bearing (colour-blind safe pair from ColorBrewer's Dark2,
/// lightened so black text stays readable).
fn fill(b: Option<Bearing>) -> &'static str {
    match b {
        Some(Bearing::For) => "#b3e2cd",
        Some(Bearing::Against) => "#fdcdac",
        Some(Bearing::Neither) => "#e0e0e0",
        None => "#ffffff",
    }
}

/// The DOT graph for a selection.
pub fn render(sel: &Selection) -> String {
    let nodes: usize = sel.articles.iter().map(|a| a.nodes.len()).sum();
    let mut sink = Sink::string(nodes * 400 + 512);
    // A string sink has no writer, so nothing can fail.
    let _ = render_into(sel, &mut sink);
    sink.buf
}

/// The DOT graph for a selection, written a piece at a time.
pub fn render_to(sel: &Selection, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    render_into(sel, &mut Sink::writer(w))
}

fn render_into(sel: &Selection, sink: &mut Sink) -> std::io::Result<()> {
    let out = &mut sink.buf;
    out.push_str("digraph mizan {\n");
    out.push_str("  graph [rankdir=BT, fontname=\"sans-serif\", newrank=true, label=");
    let legend = match sel.motion {
        Some(m) => format!(
            "Motion: {}\n{}\ngreen: for the motion · orange: against · grey: neither",
            m.question_en, m.question_ar
        ),
        None => "green: for the motion · orange: against · grey: neither".to_owned(),
    };
    quoted(out, &legend);
    out.push_str("];\n");
    out.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"sans-serif\"];\n");
    out.push_str("  edge [fontname=\"sans-serif\", fontsize=10];\n");
    for (i, a) in sel.articles.iter().enumerate() {
        cluster(&mut sink.buf, i, a);
        sink.flush()?;
    }
    let targets = Targets::of(sel);
    for a in &sel.articles {
        links(&mut sink.buf, &targets, a);
        sink.flush()?;
    }
    sink.buf.push_str("}\n");
    sink.finish()
}

fn cluster(out: &mut String, i: usize, a: &Article) {
    let m = &a.meta;
    let _ = writeln!(out, "  subgraph cluster_{i} {{");
    out.push_str("    label=");
    let mut stance = m.stance.map_or("no stance", |s| s.name()).to_owned();
    if !m.stance_basis.is_explicit() {
        stance.push_str(", implicit");
    }
    if let Some(g) = m.genre {
        stance = format!("{}; {stance}", g.name());
    }
    quoted(out, &format!("{} [{}]", m.title_en, stance));
    out.push_str(";\n");
    let bearings = bearing::derive(a);
    for idx in a.preorder() {
        let n = a.node(idx);
        out.push_str("    ");
        node_id(out, a.id(), n.id());
        out.push_str(" [label=");
        let b = bearings.of(idx);
        let kind = n
            .kind
            .map(|k| format!(", {}", k.name()))
            .unwrap_or_default();
        let voice = n
            .voice()
            .as_ref()
            .map(|v| format!("‹{v}›\n"))
            .unwrap_or_default();
        let label = format!(
            "{} ({}{kind})\n{voice}{}\n{}",
            n.id(),
            b.map_or("?", |b| b.name()),
            wrap(n.claim_en(), 40),
            wrap(n.claim_ar(), 40)
        );
        quoted(out, &label);
        let dashed = if n.voice().is_some() {
            ", style=\"rounded,filled,dashed\""
        } else {
            ""
        };
        let _ = writeln!(out, ", fillcolor=\"{}\"{dashed}];", fill(b));
    }
    for idx in a.preorder() {
        let n = a.node(idx);
        let Some(p) = n.parent() else { continue };
        out.push_str("    ");
        node_id(out, a.id(), n.id());
        out.push_str(" -> ");
        node_id(out, a.id(), a.node(p).id());
        let (label, color) = match n.relation {
            Some(Relation::Opposes) => ("opposes", "#d95f02"),
            _ => ("supports", "#1b9e77"),
        };
        let _ = writeln!(out, " [label=\"{label}\", color=\"{color}\"];");
    }
    out.push_str("  }\n");
}

/// An article's links into exported articles, dashed, outside the clusters.
fn links(out: &mut String, targets: &Targets, a: &Article) {
    for idx in a.preorder() {
        let n = a.node(idx);
        for l in n.links() {
            // A dangling link is `mizan check`'s to report, not an edge.
            let Some((aid, nid)) = l.target().filter(|_| targets.resolves(&l.to)) else {
                continue;
            };
            out.push_str("  ");
            node_id(out, a.id(), n.id());
            out.push_str(" -> ");
            node_id(out, aid, nid);
            let _ = writeln!(out, " [style=dashed, label=\"{}\"];", l.kind.name());
        }
    }
}

fn node_id(out: &mut String, article_id: &str, node_id: &str) {
    quoted(out, &format!("{article_id}/{node_id}"));
}

/// A DOT double-quoted string: `"` and `\` escaped (a bare `\` would start
/// one of Graphviz's `\N`, `\l` label escapes), line breaks as `\n`.
fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            // Shown, not passed on: a bidi override in a label would
            // reorder the text of whatever prints the file (item 3).
            c if is_forbidden(c) => {
                let mut buf = [0u8; 4];
                out.push_str(&visible(c.encode_utf8(&mut buf)));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Breaks text into lines of at most `width` characters at spaces, so boxes
/// stay narrow; a longer word stays whole.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut line = 0;
    for word in s.split_whitespace() {
        let w = word.chars().count();
        if line > 0 && line + 1 + w > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::voiced::{selection, voiced};

    // A reported node is dashed and names its speaker; kind and genre show.
    #[test]
    fn reported_nodes_are_dashed_and_named() {
        let (m, arts) = voiced();
        let dot = render(&selection(&m, &arts));
        let line = dot.lines().find(|l| l.contains("\"b/r\" [label")).unwrap();
        assert!(
            line.contains("(against, prediction)") || line.contains(", prediction)"),
            "{line}"
        );
        assert!(line.contains("\\n‹US officials›\\n"), "{line}");
        assert!(line.contains("style=\"rounded,filled,dashed\""), "{line}");
        let own = dot.lines().find(|l| l.contains("\"a/r\" [label")).unwrap();
        assert!(!own.contains("dashed"), "{own}");
        assert!(dot.contains("[news; "), "{dot}");
        assert!(dot.contains(", implicit]"), "{dot}");
    }

    // Quotes and backslashes cannot end or bend a DOT string.
    #[test]
    fn quoting() {
        let mut o = String::new();
        quoted(&mut o, "a \"b\" \\N\nc");
        assert_eq!(o, "\"a \\\"b\\\" \\\\N\\nc\"");
    }

    // Wrapping breaks at spaces and keeps every word.
    #[test]
    fn wraps_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("قالت الولايات المتحدة", 10), "قالت\nالولايات\nالمتحدة");
    }
}
