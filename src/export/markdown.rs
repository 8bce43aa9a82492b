//! A Markdown report for people: per article its metadata, genre, stance
//! (and whether it is explicit) and rationale, and the argument tree as
//! nested lists with each node's relation, bearing, kind, speaker (`‹…›`
//! before a reported claim), claims (English and Arabic), quote, links and
//! the links into it from other exported articles ("linked from"); then a
//! table of all exported articles by theme, counting the author's own nodes
//! on each side and reported ones apart.

use std::collections::HashMap;
use std::fmt::Write;

use super::Selection;
use super::sink::Sink;
use crate::model::{Article, Bearing, NodeIdx, bearing};
use crate::text::markdown::escape_into as esc;
use crate::text::sanitize::visible;

/// The Markdown report for a selection.
pub fn render(sel: &Selection) -> String {
    let nodes: usize = sel.articles.iter().map(|a| a.nodes.len()).sum();
    let mut sink = Sink::string(nodes * 600 + 1024);
    // A string sink has no writer, so nothing can fail.
    let _ = render_into(sel, &mut sink);
    sink.buf
}

/// The Markdown report for a selection, written a piece at a time.
pub fn render_to(sel: &Selection, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    render_into(sel, &mut Sink::writer(w))
}

fn render_into(sel: &Selection, sink: &mut Sink) -> std::io::Result<()> {
    let out = &mut sink.buf;
    out.push_str(super::target::MARKDOWN_MARK);
    out.push_str("\n\n");
    match sel.motion {
        Some(m) => {
            out.push_str("# ");
            esc(out, &m.question_en);
            out.push_str("\n\n");
            esc(out, &m.question_ar);
            out.push_str("\n\n");
        }
        None => out.push_str("# mizan report\n\n"),
    }
    let incoming = incoming(sel);
    for a in &sel.articles {
        article(&mut sink.buf, a, &incoming);
        sink.flush()?;
    }
    table(&mut sink.buf, sel);
    sink.finish()
}

/// Links between exported articles by target address: (kind, source address).
type Incoming<'a> = HashMap<&'a str, Vec<(&'static str, String)>>;

fn incoming<'a>(sel: &Selection<'a>) -> Incoming<'a> {
    let mut m: Incoming = HashMap::new();
    for a in &sel.articles {
        for idx in a.preorder() {
            let n = a.node(idx);
            for l in n.links() {
                m.entry(&l.to)
                    .or_default()
                    .push((l.kind.name(), format!("{}/{}", a.id(), n.id())));
            }
        }
    }
    m
}

fn article(out: &mut String, a: &Article, incoming: &Incoming) {
    let m = &a.meta;
    out.push_str("## ");
    esc(
        out,
        if m.title_en.is_empty() {
            &m.id
        } else {
            &m.title_en
        },
    );
    out.push_str("\n\n");
    if !m.title_original.is_empty() {
        out.push('*');
        esc(out, &m.title_original);
        out.push_str("*\n\n");
    }
    let by: Vec<&str> = [&m.author, &m.outlet, &m.date]
        .into_iter()
        .flatten()
        .map(|s| &**s)
        .collect();
    let _ = write!(out, "`{}`", m.id);
    for part in by {
        out.push_str(" · ");
        esc(out, part);
    }
    if m.date_inferred {
        out.push_str(" (date inferred)");
    }
    if let Some(g) = m.genre {
        let _ = write!(out, " · {}", g.name());
    }
    out.push_str("\n\n");
    let stance = m.stance.map_or("none", |s| s.name());
    let basis = if m.stance_basis.is_explicit() {
        ""
    } else {
        " (implicit)"
    };
    let _ = write!(out, "**Stance: {stance}{basis}.** ");
    esc(out, &m.rationale_en);
    out.push_str("\n\n");
    if !m.rationale_ar.is_empty() {
        esc(out, &m.rationale_ar);
        out.push_str("\n\n");
    }
    let bearings = bearing::derive(a);
    let mut stack: Vec<(NodeIdx, usize)> = vec![(a.root, 0)];
    while let Some((idx, depth)) = stack.pop() {
        let n = a.node(idx);
        let pad = "  ".repeat(depth);
        let rel = n.relation.map_or("thesis", |r| r.name());
        let b = bearings.of(idx).map_or("bearing unknown", Bearing::name);
        let kind = n
            .kind
            .map(|k| format!(", {}", k.name()))
            .unwrap_or_default();
        let _ = write!(out, "{pad}- **{rel}** ({b}{kind}, `{}`): ", visible(n.id()));
        if let Some(v) = &n.voice() {
            out.push('‹');
            esc(out, v);
            out.push_str("› ");
        }
        esc(out, n.claim_en());
        out.push('\n');
        if !n.claim_ar().is_empty() {
            let _ = write!(out, "{pad}  ");
            esc(out, n.claim_ar());
            out.push('\n');
        }
        if let Some(q) = &n.quote() {
            let _ = write!(out, "{pad}  > «");
            esc(out, q);
            out.push_str("»\n");
        }
        if !n.themes().is_empty() || !n.links().is_empty() {
            let _ = write!(out, "{pad}  ");
            let mut first = true;
            for t in n.themes() {
                out.push_str(if first { "themes: " } else { ", " });
                first = false;
                esc(out, t);
            }
            for l in n.links() {
                out.push_str(if first { "" } else { "; " });
                first = false;
                let _ = write!(out, "{} `{}`", l.kind.name(), visible(&l.to));
            }
            out.push('\n');
        }
        let address = format!("{}/{}", a.id(), n.id());
        if let Some(from) = incoming.get(address.as_str()) {
            let _ = write!(out, "{pad}  linked from: ");
            for (i, (kind, src)) in from.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                let _ = write!(out, "{kind} by `{src}`");
            }
            out.push('\n');
        }
        stack.extend(n.children().iter().rev().map(|&c| (c, depth + 1)));
    }
    out.push('\n');
}

/// Articles × themes: per cell the number of nodes on that theme bearing for
/// and against the motion, so a reader sees who argues what where.
fn table(out: &mut String, sel: &Selection) {
    let Some(motion) = sel.motion else { return };
    out.push_str("## Comparison by theme\n\n| Theme |");
    for a in &sel.articles {
        out.push(' ');
        esc(out, a.id());
        out.push_str(" |");
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(sel.articles.len()));
    out.push_str("\n| *stance* |");
    for a in &sel.articles {
        let _ = write!(out, " {} |", a.meta.stance.map_or("—", |s| s.name()));
    }
    out.push('\n');
    let tallies: Vec<_> = sel.articles.iter().map(|a| tally(a)).collect();
    for theme in &motion.themes {
        out.push_str("| ");
        esc(out, &theme.en);
        out.push_str(" |");
        for t in &tallies {
            let (f, ag, other, reported) = t
                .iter()
                .find(|(id, ..)| **id == *theme.id)
                .map_or((0, 0, 0, 0), |&(_, f, a, o, r)| (f, a, o, r));
            // Zero counts are left out so the table reads at a glance.
            let parts: Vec<String> = [
                (f, "for"),
                (ag, "against"),
                (other, "other"),
                (reported, "reported"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
            let text = if parts.is_empty() {
                "—".to_owned()
            } else {
                parts.join(" · ")
            };
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// Per theme id: the author's own nodes bearing for, against, and
/// neither/unknown, and the reported nodes (which are not the author's case).
fn tally(a: &Article) -> Vec<(&str, usize, usize, usize, usize)> {
    let bearings = bearing::derive(a);
    let mut out: Vec<(&str, usize, usize, usize, usize)> = Vec::new();
    for idx in a.preorder() {
        for t in a.node(idx).themes() {
            let pos = match out.iter().position(|(id, ..)| *id == t) {
                Some(p) => p,
                None => {
                    out.push((t, 0, 0, 0, 0));
                    out.len() - 1
                }
            };
            if a.node(idx).is_reported() {
                out[pos].4 += 1;
                continue;
            }
            match bearings.of(idx) {
                Some(Bearing::For) => out[pos].1 += 1,
                Some(Bearing::Against) => out[pos].2 += 1,
                _ => out[pos].3 += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::voiced::{selection, voiced};

    // A reported claim shows its speaker and kind, its article its genre and
    // implicit stance, its target the link into it, and the theme table
    // counts it as reported, not as the author's.
    #[test]
    fn voice_kind_genre_and_incoming_links() {
        let (m, arts) = voiced();
        let md = render(&selection(&m, &arts));
        let claim = arts[1].nodes[1].claim_en();
        assert!(md.contains("(implicit).**"), "{md}");
        assert!(md.contains(" · news\n"), "{md}");
        assert!(
            md.contains(&format!("prediction, `r`): ‹US officials› {claim}")),
            "{md}"
        );
        assert!(md.contains("linked from: contradicts by `a/r`"), "{md}");
        assert!(md.contains("1 reported"), "{md}");
    }

    // Syntax characters are escaped so claims render as written.
    #[test]
    fn escapes_inline_syntax() {
        let mut o = String::new();
        esc(&mut o, "a|b *c* [d]\nقال");
        assert_eq!(o, "a\\|b \\*c\\* \\[d\\] قال");
    }
}
