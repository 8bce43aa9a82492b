//! The debate rendered for the shell: plain text to read in a terminal,
//! Markdown for a document, JSON for programs. Sides in the order for,
//! against, split, neither; clusters in rank order, numbered `#N` by their
//! cluster number (stable for one corpus). Each returns a `String` or a
//! `serde_json::Value`; printing is the CLI's business. Map text goes
//! through [`visible`] so a control character is shown, never interpreted.

use std::fmt::Write;

use serde_json::{Value, json};

use super::{Badge, Debate, Filter, Opposition, SIDES};
use crate::model::{ClusterBearing, Corpus, NodeRef};
use crate::text::markdown::escape as esc;
use crate::text::sanitize::visible;

/// Claims are cut to this many characters in the text report; the Markdown
/// and JSON reports carry them whole.
const CLAIM_CHARS: usize = 90;

fn side_title(side: ClusterBearing) -> &'static str {
    match side {
        ClusterBearing::For => "For the motion",
        ClusterBearing::Against => "Against the motion",
        ClusterBearing::Split => "Split (members bear both ways; `mizan check` warns)",
        ClusterBearing::Neither => "Bearing neither way",
    }
}

fn address(corpus: &Corpus, r: NodeRef) -> String {
    corpus
        .address(r)
        .map_or_else(|| "?".into(), |a| visible(&a).into_owned())
}

fn claim(corpus: &Corpus, r: NodeRef) -> String {
    corpus.article(r.map).map_or_else(String::new, |a| {
        visible(a.node(r.node).claim_en()).into_owned()
    })
}

fn voice(corpus: &Corpus, r: NodeRef) -> Option<String> {
    let a = corpus.article(r.map)?;
    Some(visible(a.node(r.node).voice()?).into_owned())
}

/// `made by ▲Annabaa News 2024, ◆Noon Post 2021; reported by ▼report 2020`
fn badges(corpus: &Corpus, d: &Debate, c: u32) -> String {
    let (mut made, mut reported) = (Vec::new(), Vec::new());
    for (map, makes) in d.articles(c) {
        if let Some(a) = corpus.article(map) {
            let b = visible(&Badge::of(a).label()).into_owned();
            if makes {
                made.push(b)
            } else {
                reported.push(b)
            }
        }
    }
    let mut s = String::new();
    if !made.is_empty() {
        s = format!("made by {}", made.join(", "));
    }
    if !reported.is_empty() {
        if !s.is_empty() {
            s.push_str("; ");
        }
        let _ = write!(s, "reported by {}", reported.join(", "));
    }
    s
}

fn opposition_line(corpus: &Corpus, o: &Opposition) -> String {
    let verb = match (o.kind.name(), o.outgoing) {
        (k, true) => format!("{k} #{}", o.other + 1),
        (k, false) => format!("#{} {k} it", o.other + 1),
    };
    format!(
        "{verb}: {} {} {}",
        address(corpus, o.from),
        o.kind.name(),
        address(corpus, o.to)
    )
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s.to_string(),
    }
}

fn filter_line(corpus: &Corpus, f: &Filter) -> Option<String> {
    if f.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(t) = &f.theme {
        let label = corpus
            .motion
            .as_ref()
            .and_then(|m| m.theme(t))
            .map_or(String::new(), |th| format!(" ({})", visible(&th.en)));
        parts.push(format!("theme {}{label}", visible(t)));
    }
    if let Some(y) = f.year {
        parts.push(format!("year {y}"));
    }
    Some(format!("Only: {}", parts.join(", ")))
}

/// The plain-text report: per side, each cluster as `#N [k articles] !
/// claim` (`!` when contested), its badges, its other members and what
/// opposes it.
pub fn text(corpus: &Corpus, d: &Debate, filter: &Filter) -> String {
    let mut out = String::new();
    if let Some(m) = &corpus.motion {
        let _ = writeln!(out, "Motion: {}", visible(&m.question_en));
    }
    if let Some(f) = filter_line(corpus, filter) {
        let _ = writeln!(out, "{f}");
    }
    for side in SIDES {
        let list = d.side(corpus, side, filter);
        if list.is_empty() && matches!(side, ClusterBearing::Split | ClusterBearing::Neither) {
            continue;
        }
        let _ = writeln!(out, "\n{} ({} arguments)", side_title(side), list.len());
        for c in list {
            let Some(info) = d.info(c) else { continue };
            let mark = if info.contested { "!" } else { " " };
            let _ = writeln!(
                out,
                "  #{:<4} [{}] {mark} {}",
                c + 1,
                crate::text::plural::count(info.makers as usize, "article"),
                cut(&claim(corpus, info.representative), CLAIM_CHARS)
            );
            let _ = writeln!(out, "        {}", badges(corpus, d, c));
            let members = d.members(c);
            if members.len() > 1 {
                for m in members {
                    let who = voice(corpus, m.node).map_or(String::new(), |v| format!(" [{v}]"));
                    let _ = writeln!(
                        out,
                        "        = {}{who}  {}",
                        address(corpus, m.node),
                        cut(&claim(corpus, m.node), CLAIM_CHARS)
                    );
                }
            }
            for o in d.oppositions(c) {
                let _ = writeln!(out, "        x {}", opposition_line(corpus, o));
            }
        }
    }
    let contested = (0..d.clusters.len() as u32)
        .filter(|&c| d.info(c).is_some_and(|i| i.contested))
        .count();
    let joined = (0..d.clusters.len() as u32)
        .filter(|&c| d.members(c).len() > 1)
        .count();
    let _ = writeln!(
        out,
        "\n{} arguments from {} nodes: {} for, {} against, {} split, {} neither; {} made more than once, {} contested",
        d.clusters.len(),
        d.clusters.node_count(),
        d.ranked(ClusterBearing::For).len(),
        d.ranked(ClusterBearing::Against).len(),
        d.ranked(ClusterBearing::Split).len(),
        d.ranked(ClusterBearing::Neither).len(),
        joined,
        contested
    );
    out
}

/// The Markdown report: a section per side, a list item per cluster with
/// its claim in full, badges, members (in their own words, with voices)
/// and oppositions.
pub fn markdown(corpus: &Corpus, d: &Debate, filter: &Filter) -> String {
    let mut out = String::from("# The debate\n\n");
    if let Some(m) = &corpus.motion {
        let _ = writeln!(out, "Motion: *{}*\n", esc(&visible(&m.question_en)));
    }
    if let Some(f) = filter_line(corpus, filter) {
        let _ = writeln!(out, "{}\n", esc(&f));
    }
    for side in SIDES {
        let list = d.side(corpus, side, filter);
        if list.is_empty() && matches!(side, ClusterBearing::Split | ClusterBearing::Neither) {
            continue;
        }
        let _ = writeln!(out, "## {} ({})\n", esc(side_title(side)), list.len());
        for c in list {
            let Some(info) = d.info(c) else { continue };
            let _ = writeln!(
                out,
                "- **#{}** {}{} — {}",
                c + 1,
                esc(&claim(corpus, info.representative)),
                if info.contested { " *(contested)*" } else { "" },
                esc(&badges(corpus, d, c))
            );
            let members = d.members(c);
            if members.len() > 1 {
                for m in members {
                    let who = voice(corpus, m.node)
                        .map_or(String::new(), |v| format!(" (voice: {})", esc(&v)));
                    let _ = writeln!(
                        out,
                        "  - `{}`{who}: {}",
                        address(corpus, m.node),
                        esc(&claim(corpus, m.node))
                    );
                }
            }
            for o in d.oppositions(c) {
                let _ = writeln!(out, "  - ✗ {}", esc(&opposition_line(corpus, o)));
            }
        }
        out.push('\n');
    }
    out
}

/// The JSON report: `{motion, filter, sides: [{bearing, clusters: [...]}]}`;
/// a cluster has its number (`id`, as `#N` in the other reports), bearing,
/// counts, `contested`, representative address, themes, articles (with
/// whether each makes or only reports it), members (address, bearing,
/// voice, claims) and oppositions (other cluster, kind, `direction`
/// `"to"` when this cluster's member is the link's source, `"from"` when
/// the other's is).
pub fn json(corpus: &Corpus, d: &Debate, filter: &Filter) -> Value {
    let motion = corpus
        .motion
        .as_ref()
        .map(|m| json!({"en": m.question_en, "ar": m.question_ar}));
    let sides: Vec<Value> = SIDES
        .iter()
        .map(|&side| {
            let clusters: Vec<Value> = d
                .side(corpus, side, filter)
                .into_iter()
                .filter_map(|c| cluster_json(corpus, d, c))
                .collect();
            json!({"bearing": side.name(), "clusters": clusters})
        })
        .collect();
    json!({
        "motion": motion,
        "filter": {"theme": filter.theme, "year": filter.year},
        "sides": sides,
    })
}

fn cluster_json(corpus: &Corpus, d: &Debate, c: u32) -> Option<Value> {
    let info = d.info(c)?;
    let articles: Vec<Value> = d
        .articles(c)
        .into_iter()
        .filter_map(|(map, makes)| {
            let a = corpus.article(map)?;
            Some(json!({
                "id": a.id(),
                "outlet": a.meta.outlet,
                "author": a.meta.author,
                "date": a.meta.date,
                "stance": a.meta.stance.map(|s| s.name()),
                "makes": makes,
            }))
        })
        .collect();
    let members: Vec<Value> = d
        .members(c)
        .iter()
        .filter_map(|m| {
            let n = corpus.article(m.node.map)?.node(m.node.node);
            Some(json!({
                "node": corpus.address(m.node),
                "bearing": m.bearing.map(|b| b.name()),
                "voice": n.voice(),
                "claim_en": n.claim_en(),
                "claim_ar": n.claim_ar(),
            }))
        })
        .collect();
    let opposed: Vec<Value> = d
        .oppositions(c)
        .iter()
        .map(|o| {
            json!({
                "cluster": o.other + 1,
                "kind": o.kind.name(),
                "direction": if o.outgoing { "to" } else { "from" },
                "from": corpus.address(o.from),
                "to": corpus.address(o.to),
            })
        })
        .collect();
    Some(json!({
        "id": c + 1,
        "bearing": d.bearing(c).name(),
        "makers": info.makers,
        "reporters": info.reporters,
        "contested": info.contested,
        "representative": corpus.address(info.representative),
        "themes": d.themes(corpus, c),
        "articles": articles,
        "members": members,
        "opposed": opposed,
    }))
}
