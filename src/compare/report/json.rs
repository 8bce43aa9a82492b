//! The JSON report: per theme, both sides' node ids with bearings, the
//! tallies, the lean and the verdict; then every link between the two.
//! Names are the reports' words: bearings `for`/`against`/`neither`/`unknown`,
//! leans `for`/`against`/`split`/`neutral` (null when a side is silent),
//! verdicts `agree`/`clash`/`mixed`/`only-a`/`only-b`. `voices` says whose
//! claims the tallies count (`own`: the authors' own; `all`: reported ones
//! too); each side's `reported` tallies its reported claims apart, and a
//! reported node carries its `voice`.

use serde_json::{Value, json};

use super::{Ctx, RowFilter, bearing_name, side_letter};
use crate::compare::{Column, Comparison, PairLink, Side};
use crate::model::Corpus;

pub fn json(corpus: &Corpus, cmp: &Comparison, filter: RowFilter) -> Value {
    let Some(cx) = Ctx::new(corpus, cmp) else {
        return Value::Null;
    };
    let article = |side| {
        let art = cx.article(side);
        json!({
            "id": art.id(),
            "title_en": art.meta.title_en,
            "stance": art.meta.stance.map(|s| s.name()),
        })
    };
    let themes: Vec<Value> = cx
        .rows(filter)
        .map(|row| {
            json!({
                "theme": row.theme,
                "label": cx.label(row),
                "verdict": row.verdict.name(),
                "a": column(&cx, Side::A, &row.a),
                "b": column(&cx, Side::B, &row.b),
                "links": row.links.iter()
                    .filter_map(|&l| cmp.links.get(l as usize))
                    .map(|l| link(&cx, l))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "motion": cx.corpus.motion.as_ref().map(|m| &m.question_en),
        "a": article(Side::A),
        "b": article(Side::B),
        "filter": filter.name(),
        "voices": cmp.voices.name(),
        "counts": cmp.counts(),
        "themes": themes,
        "links": cmp.links.iter().map(|l| {
            let mut v = link(&cx, l);
            v["themes"] = json!(cx.themes(&l.rows));
            v["a_themes"] = json!(cx.themes(&l.a_rows));
            v["b_themes"] = json!(cx.themes(&l.b_rows));
            v
        }).collect::<Vec<_>>(),
    })
}

fn column(cx: &Ctx, side: Side, col: &Column) -> Value {
    let art = cx.article(side);
    json!({
        "lean": col.tally.lean().map(|l| l.name()),
        "for": col.tally.for_,
        "against": col.tally.against,
        "neither": col.tally.neither,
        "reported": col.reported,
        "nodes": col.entries.iter().map(|e| {
            let n = art.node(e.node);
            let mut v = json!({
                "id": n.id(),
                "bearing": bearing_name(e.bearing),
            });
            if let Some(voice) = &n.voice() {
                v["voice"] = json!(voice);
            }
            v
        }).collect::<Vec<_>>(),
    })
}

fn link(cx: &Ctx, l: &PairLink) -> Value {
    json!({
        "from": side_letter(l.from).to_lowercase(),
        "a_node": cx.a.node(l.a_node).id(),
        "b_node": cx.b.node(l.b_node).id(),
        "kind": l.kind.name(),
    })
}
