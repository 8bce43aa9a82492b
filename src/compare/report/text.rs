//! The plain-text report: one block per theme, a marker with the verdict,
//! each side's lean and counts, its nodes with a bearing glyph, and links.

use std::fmt::Write;

use super::{Ctx, RowFilter, reported_note, side_letter};
use crate::compare::{Column, Comparison, PairLink, Side};
use crate::model::{Bearing, Corpus};
use crate::text::sanitize::visible;

/// Claims are cut to this many characters so a block stays scannable;
/// the Markdown and JSON reports carry them whole.
const CLAIM_CHARS: usize = 80;

pub fn text(corpus: &Corpus, cmp: &Comparison, filter: RowFilter) -> String {
    let Some(cx) = Ctx::new(corpus, cmp) else {
        return String::new();
    };
    let mut out = String::new();
    for side in [Side::A, Side::B] {
        let art = cx.article(side);
        let _ = writeln!(
            out,
            "{}  {} ({})  {}",
            side_letter(side),
            visible(&art.meta.id),
            cx.stance(side),
            visible(&art.meta.title_en)
        );
    }
    if let Some(m) = cx.motion() {
        let _ = writeln!(out, "Motion: {m}");
    }
    if cmp.voices == crate::compare::Voices::All {
        let _ = writeln!(out, "Reported claims (‹voice›) count as the author's.");
    }
    for row in cx.rows(filter) {
        let _ = writeln!(
            out,
            "\n[{}] {}: {}",
            row.verdict.name(),
            row.theme,
            cx.label(row)
        );
        for side in [Side::A, Side::B] {
            column(&mut out, &cx, side, row.side(side));
        }
        for &l in &row.links {
            if let Some(link) = cmp.links.get(l as usize) {
                let _ = writeln!(out, "  link  {}", link_line(&cx, link));
            }
        }
    }
    let unplaced: Vec<&PairLink> = cx.unplaced_links().collect();
    if !unplaced.is_empty() {
        let _ = writeln!(out, "\nLinks between nodes with no theme in common:");
        for link in unplaced {
            let _ = writeln!(out, "  link  {}", link_line(&cx, link));
        }
    }
    let c = cmp.counts();
    let shown = if filter == RowFilter::All {
        String::new()
    } else {
        format!(" ({} shown)", cx.rows(filter).count())
    };
    let _ = writeln!(
        out,
        "\n{} themes{shown}: {} agree, {} clash, {} mixed, {} only A, {} only B",
        cmp.rows.len(),
        c.agree,
        c.clash,
        c.mixed,
        c.only_a,
        c.only_b
    );
    out
}

fn column(out: &mut String, cx: &Ctx, side: Side, col: &Column) {
    let letter = side_letter(side);
    let note = reported_note(col, cx.cmp.voices)
        .map(|n| format!("; {n}"))
        .unwrap_or_default();
    match col.tally.lean() {
        None if col.entries.is_empty() => {
            let _ = writeln!(out, "  {letter}  says nothing on this theme");
            return;
        }
        None => {
            let _ = writeln!(out, "  {letter}  argues nothing of its own here{note}");
        }
        Some(lean) => {
            let t = col.tally;
            let _ = writeln!(
                out,
                "  {letter}  {} ({} for, {} against, {} neither{note})",
                lean.phrase(),
                t.for_,
                t.against,
                t.neither
            );
        }
    }
    for e in &col.entries {
        let voice = cx
            .voice(side, e.node)
            .map(|v| format!("‹{v}› "))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "     {} {}  {voice}{}",
            glyph(e.bearing),
            cx.node_id(side, e.node),
            cut(&cx.claim(side, e.node), CLAIM_CHARS)
        );
    }
}

fn link_line(cx: &Ctx, link: &PairLink) -> String {
    let (from, to) = link.ends();
    format!(
        "{} {} {} {} {}",
        side_letter(from.0),
        cx.node_id(from.0, from.1),
        link.kind.name(),
        side_letter(to.0),
        cx.node_id(to.0, to.1)
    )
}

/// The bearing on the motion in the glyphs the TUI uses (`▲` for, `▼`
/// against, `◆` neither, `?` unknown): `+`/`−` mean supports/opposes the
/// parent everywhere in mizan, so they cannot also mean for/against here.
fn glyph(b: Option<Bearing>) -> &'static str {
    Bearing::glyph_of(b)
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}
