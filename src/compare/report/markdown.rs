//! The Markdown report: a header, a summary table of every theme, then a
//! section per theme with each side's claims in full and the links, so it
//! reads on its own when pasted into a document.

use std::fmt::Write;

use super::{Ctx, RowFilter, bearing_name, reported_note, side_letter};
use crate::compare::{Comparison, PairLink, Row, Side};
use crate::text::markdown::escape as esc;
use crate::text::sanitize::visible;

pub fn markdown(corpus: &crate::model::Corpus, cmp: &Comparison, filter: RowFilter) -> String {
    let Some(cx) = Ctx::new(corpus, cmp) else {
        return String::new();
    };
    let mut out = String::new();
    let title = |side| esc(&visible(&cx.article(side).meta.title_en));
    let _ = writeln!(
        out,
        "# Comparison: {} / {}\n",
        title(Side::A),
        title(Side::B)
    );
    if let Some(m) = cx.motion() {
        let _ = writeln!(out, "Motion: *{}*\n", esc(&m));
    }
    let _ = writeln!(out, "| | Article | Id | Stance |\n|---|---|---|---|");
    for side in [Side::A, Side::B] {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} |",
            side_letter(side),
            title(side),
            visible(cx.article(side).id()),
            cx.stance(side)
        );
    }
    let c = cmp.counts();
    let _ = writeln!(
        out,
        "\n{} themes: {} agree, {} clash, {} mixed, {} only in A, {} only in B.\n",
        cmp.rows.len(),
        c.agree,
        c.clash,
        c.mixed,
        c.only_a,
        c.only_b
    );
    if filter != RowFilter::All {
        let _ = writeln!(out, "Showing {} themes only.\n", filter.name());
    }
    if cmp.voices == crate::compare::Voices::All {
        let _ = writeln!(
            out,
            "Reported claims (‹voice›) count as the author's own.\n"
        );
    }
    let _ = writeln!(
        out,
        "| Theme | Verdict | A: for / against / neither | B: for / against / neither |\n|---|---|---|---|"
    );
    for row in cx.rows(filter) {
        let _ = writeln!(
            out,
            "| {} | **{}** | {} | {} |",
            esc(&cx.label(row)),
            row.verdict.name(),
            cell(row, Side::A),
            cell(row, Side::B)
        );
    }
    for row in cx.rows(filter) {
        section(&mut out, &cx, row);
    }
    let unplaced: Vec<&PairLink> = cx.unplaced_links().collect();
    if !unplaced.is_empty() {
        let _ = writeln!(out, "\n## Links between claims with no theme in common\n");
        for link in unplaced {
            let _ = writeln!(out, "- {}", link_item(&cx, link));
        }
    }
    out
}

fn cell(row: &Row, side: Side) -> String {
    let t = row.side(side).tally;
    match t.lean() {
        None => "—".into(),
        Some(lean) => format!(
            "{} / {} / {} ({})",
            t.for_,
            t.against,
            t.neither,
            lean.name()
        ),
    }
}

fn section(out: &mut String, cx: &Ctx, row: &Row) {
    let _ = writeln!(
        out,
        "\n## {} — {}\n",
        esc(&cx.label(row)),
        row.verdict.name()
    );
    for side in [Side::A, Side::B] {
        let col = row.side(side);
        let name = esc(&visible(cx.article(side).id()));
        let note = reported_note(col, cx.cmp.voices)
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        match col.tally.lean() {
            None if col.entries.is_empty() => {
                let _ = writeln!(
                    out,
                    "**{}** ({name}) says nothing on this theme.\n",
                    side_letter(side)
                );
                continue;
            }
            None => {
                let _ = writeln!(
                    out,
                    "**{}** ({name}) argues nothing of its own here{note}:\n",
                    side_letter(side)
                );
            }
            Some(lean) => {
                let _ = writeln!(
                    out,
                    "**{}** ({name}) {}{note}:\n",
                    side_letter(side),
                    lean.phrase()
                );
            }
        }
        for e in &col.entries {
            let voice = cx
                .voice(side, e.node)
                .map(|v| format!("‹{}› ", esc(&v)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- *{}*: {voice}{} (`{}`)",
                bearing_name(e.bearing),
                esc(&cx.claim(side, e.node)),
                cx.node_id(side, e.node)
            );
        }
        out.push('\n');
    }
    if !row.links.is_empty() {
        let _ = writeln!(out, "Links:\n");
        for &l in &row.links {
            if let Some(link) = cx.cmp.links.get(l as usize) {
                let _ = writeln!(out, "- {}", link_item(cx, link));
            }
        }
    }
}

fn link_item(cx: &Ctx, link: &PairLink) -> String {
    let (from, to) = link.ends();
    format!(
        "{} `{}` **{}** {} `{}`",
        side_letter(from.0),
        cx.node_id(from.0, from.1),
        link.kind.name(),
        side_letter(to.0),
        cx.node_id(to.0, to.1)
    )
}
