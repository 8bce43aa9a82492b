//! The timeline rendered for the shell: text with an ASCII time axis,
//! Markdown tables, and JSON. Spans are drawn as spans: `=` for a printed
//! date, `~` for an inferred one, over every column the span covers.

use std::fmt::Write;

use serde_json::{Value, json};

use super::super::date_span::{DateSpan, date_of_day, year_start};
use super::super::{Lean, Tally};
use super::{Entry, Timeline};
use crate::model::Corpus;
use crate::text::markdown::escape as esc;
use crate::text::sanitize::visible;

/// Width of the ASCII axis, in columns.
const AXIS: usize = 60;

fn iso(day: i32) -> String {
    date_of_day(day).to_string()
}

fn stance(e: &Entry) -> &'static str {
    e.stance.map_or("no stance", |s| s.name())
}

fn lean(t: &Tally) -> &'static str {
    t.lean().map_or("silent", Lean::name)
}

fn how(span: &DateSpan, inferred: bool) -> String {
    let what = match span.precision {
        super::super::date_span::Precision::Year => "the year",
        super::super::date_span::Precision::Month => "the month",
        super::super::date_span::Precision::Day => "the day",
    };
    if inferred {
        format!("{what}, inferred")
    } else {
        what.to_string()
    }
}

fn theme_label(corpus: &Corpus, id: &str) -> String {
    corpus
        .motion
        .as_ref()
        .and_then(|m| m.theme(id))
        .map_or_else(|| visible(id).into_owned(), |t| visible(&t.en).into_owned())
}

/// The plain-text timeline: an axis of whole years, one bar per article,
/// then per theme the yearly lean with `for/against` counts.
pub fn text(corpus: &Corpus, t: &Timeline) -> String {
    let mut out = String::new();
    if let Some(m) = &corpus.motion {
        let _ = writeln!(out, "Motion: {}", visible(&m.question_en));
    }
    let Some((first, last)) = t.range() else {
        let _ = writeln!(out, "No article has a date (YYYY, YYYY-MM or YYYY-MM-DD).");
        undated_text(&mut out, corpus, t);
        return out;
    };
    let (y0, y1) = (
        date_of_day(first).year() as i32,
        date_of_day(last).year() as i32,
    );
    let (a0, a1) = (year_start(y0), year_start(y1 + 1));
    let col = |day: i32| -> usize {
        (((day - a0) as i64 * AXIS as i64) / (a1 - a0).max(1) as i64).clamp(0, AXIS as i64 - 1)
            as usize
    };
    let _ = writeln!(
        out,
        "Timeline: {} dated articles, {} to {} (= printed date, ~ inferred)\n",
        t.entries.len(),
        iso(first),
        iso(last)
    );
    let mut axis = vec![' '; AXIS];
    let mut ticks = vec![' '; AXIS];
    for y in y0..=y1 {
        let c = col(year_start(y));
        ticks[c] = '|';
        for (k, ch) in y.to_string().chars().enumerate() {
            if c + k < AXIS {
                axis[c + k] = ch;
            }
        }
    }
    let pad = " ".repeat(12);
    let _ = writeln!(out, "{pad}{}", axis.iter().collect::<String>().trim_end());
    let _ = writeln!(out, "{pad}{}", ticks.iter().collect::<String>().trim_end());
    for e in &t.entries {
        let mut bar = vec![' '; AXIS];
        let glyph = if e.inferred { '~' } else { '=' };
        for cell in &mut bar[col(e.span.first)..=col(e.span.last)] {
            *cell = glyph;
        }
        let id = corpus
            .article(e.map)
            .map_or("?".into(), |a| visible(a.id()).into_owned());
        let _ = writeln!(
            out,
            "{:<12}{}  {} ({}), {}",
            e.span.to_string(),
            bar.iter().collect::<String>(),
            id,
            stance(e),
            how(&e.span, e.inferred)
        );
    }
    undated_text(&mut out, corpus, t);
    if !t.themes.is_empty() {
        let _ = writeln!(out, "\nThemes, by year: lean (for/against/neither nodes)");
    }
    for track in &t.themes {
        let years: Vec<String> = track
            .by_year(&t.entries)
            .iter()
            .map(|(y, tl)| format!("{y} {} {}/{}/{}", lean(tl), tl.for_, tl.against, tl.neither))
            .collect();
        let _ = writeln!(
            out,
            "  {} ({}): {}",
            visible(&track.theme),
            theme_label(corpus, &track.theme),
            years.join(" · ")
        );
    }
    out
}

fn undated_text(out: &mut String, corpus: &Corpus, t: &Timeline) {
    if t.undated.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nNot placed (no readable date):");
    for u in &t.undated {
        let id = corpus
            .article(u.map)
            .map_or("?".into(), |a| visible(a.id()).into_owned());
        match &u.written {
            Some(w) => {
                let _ = writeln!(out, "  {id}: date `{}`", visible(w));
            }
            None => {
                let _ = writeln!(out, "  {id}: no date");
            }
        }
    }
}

/// Markdown: a table of the articles in time order, then a themes × years
/// table whose cells give the lean and the for/against counts.
pub fn markdown(corpus: &Corpus, t: &Timeline) -> String {
    let mut out = String::from("# Timeline\n\n");
    if let Some(m) = &corpus.motion {
        let _ = writeln!(out, "Motion: *{}*\n", esc(&visible(&m.question_en)));
    }
    let _ = writeln!(
        out,
        "| Date | Covers | Article | Stance |\n|---|---|---|---|"
    );
    for e in &t.entries {
        let a = corpus.article(e.map);
        let _ = writeln!(
            out,
            "| {} | {} to {} ({}) | {} | {} |",
            e.span,
            iso(e.span.first),
            iso(e.span.last),
            how(&e.span, e.inferred),
            a.map_or(String::new(), |a| format!(
                "`{}` {}",
                visible(a.id()),
                esc(&visible(&a.meta.title_en))
            )),
            stance(e)
        );
    }
    for u in &t.undated {
        let id = corpus
            .article(u.map)
            .map_or("?".into(), |a| visible(a.id()).into_owned());
        let _ = writeln!(out, "| (no readable date) | | `{id}` | |");
    }
    let years: Vec<i32> = {
        let mut y: Vec<i32> = t.entries.iter().map(|e| e.span.year).collect();
        y.dedup();
        y
    };
    if !t.themes.is_empty() {
        let _ = write!(out, "\n## Themes by year\n\n| Theme |");
        for y in &years {
            let _ = write!(out, " {y} |");
        }
        let _ = write!(out, "\n|---|");
        out.push_str(&"---|".repeat(years.len()));
        out.push('\n');
    }
    for track in &t.themes {
        let by = track.by_year(&t.entries);
        let _ = write!(out, "| {} |", esc(&theme_label(corpus, &track.theme)));
        for y in &years {
            match by.iter().find(|(yy, _)| yy == y) {
                Some((_, tl)) => {
                    let _ = write!(out, " {} {}/{} |", lean(tl), tl.for_, tl.against);
                }
                None => out.push_str(" |"),
            }
        }
        out.push('\n');
    }
    out
}

/// JSON: `{motion, range, articles, undated, themes}`; an article has its
/// date as written, its precision, the first and last day it covers
/// (ISO dates), `inferred` and stance; a theme its points per article and
/// its sums per year, each with for/against/neither counts and the lean.
pub fn json(corpus: &Corpus, t: &Timeline) -> Value {
    let counts = |tl: &Tally| json!({"for": tl.for_, "against": tl.against, "neither": tl.neither, "lean": tl.lean().map(Lean::name)});
    let id = |map: u32| corpus.article(map).map(|a| a.id().to_string());
    let articles: Vec<Value> = t
        .entries
        .iter()
        .map(|e| {
            json!({
                "id": id(e.map),
                "date": e.span.to_string(),
                "precision": e.span.precision.name(),
                "first": iso(e.span.first),
                "last": iso(e.span.last),
                "inferred": e.inferred,
                "stance": e.stance.map(|s| s.name()),
            })
        })
        .collect();
    let undated: Vec<Value> = t
        .undated
        .iter()
        .map(|u| json!({"id": id(u.map), "date": u.written}))
        .collect();
    let themes: Vec<Value> = t
        .themes
        .iter()
        .map(|track| {
            let points: Vec<Value> = track
                .points
                .iter()
                .filter_map(|p| {
                    let e = t.entries.get(p.entry as usize)?;
                    let mut v = counts(&p.tally);
                    v["article"] = json!(id(e.map));
                    v["date"] = json!(e.span.to_string());
                    Some(v)
                })
                .collect();
            let years: Vec<Value> = track
                .by_year(&t.entries)
                .iter()
                .map(|(y, tl)| {
                    let mut v = counts(tl);
                    v["year"] = json!(y);
                    v
                })
                .collect();
            json!({"theme": track.theme, "points": points, "years": years})
        })
        .collect();
    json!({
        "motion": corpus.motion.as_ref().map(|m| json!({"en": m.question_en, "ar": m.question_ar})),
        "range": t.range().map(|(a, b)| json!({"first": iso(a), "last": iso(b)})),
        "articles": articles,
        "undated": undated,
        "themes": themes,
    })
}
