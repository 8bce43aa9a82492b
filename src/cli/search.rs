//! `mizan search`: the TUI's search ranking from the shell, one hit per line
//! (`article-id/node-id  score  claim`, the claim in the language that
//! matched, then `(without: …)` naming the words a partial hit lacks) or as
//! JSON. Exit 1 when nothing matches (saying why on stderr), 2 when the
//! query is empty, has a filter that cannot be understood, or names a theme
//! or article that is not in the maps (the valid ones are listed).

use std::path::Path;

use mizan::model::Corpus;
use mizan::search::{Field, Hit, Index, MatchKind, Query, search};
use mizan::text::sanitize::visible;

use super::Format;
use super::out::{self, Out};

pub fn run(maps_dir: &Path, words: &[String], format: Format, limit: usize) -> anyhow::Result<i32> {
    let query = Query::parse(&words.join(" "));
    if !query.warnings.is_empty() {
        for w in &query.warnings {
            out::note(&format!("mizan: {w}"));
        }
        out::note(
            "hint: filters are stance:pro|anti|mixed|neutral, theme:<id>, article:<id>, \
             voice:own|reported|<speaker>, kind:fact|prediction|evaluation|proposal",
        );
        return Ok(2);
    }
    if query.terms.is_empty()
        && query.stances.is_empty()
        && query.themes.is_empty()
        && query.articles.is_empty()
        && query.voices.is_empty()
        && query.kinds.is_empty()
    {
        out::note(
            "mizan: the query is empty\nhint: mizan search WORDS [stance:pro] [theme:ID] [article:ID]",
        );
        return Ok(2);
    }
    // `article:X` filters: only those maps need loading.
    let corpus = if query.articles.is_empty() {
        super::load(maps_dir)?
    } else {
        super::load_some(maps_dir, |id| {
            query
                .articles
                .contains(&mizan::text::normalize::normalize(id))
        })?
    };
    // An `article:` the partial load did not find: list every article.
    let corpus = if query.articles.iter().all(|want| {
        corpus
            .articles()
            .any(|(_, a)| mizan::text::normalize::normalize(a.id()) == *want)
    }) {
        corpus
    } else {
        super::load(maps_dir)?
    };
    if let Some(why) = unknown_names(&corpus, &query) {
        out::note(&format!("mizan: {why}"));
        return Ok(2);
    }
    let index = Index::build(&corpus);
    let hits = search(&index, &corpus, &query, limit);
    let mut out = Out::stdout();
    match format {
        Format::Text => {
            for h in &hits {
                let address = one_line(&corpus.address(h.node).unwrap_or_default());
                let claim = one_line(&claim(&corpus, h));
                let lacks = without(&query, h);
                out.exact(&format!("{address}  {}  {claim}{lacks}", h.score))?;
            }
        }
        Format::Json => {
            let doc: Vec<_> = hits
                .iter()
                .map(|h| json(&corpus, &index, &query, h))
                .collect();
            out.exact(&mizan::export::safe_json::to_string_pretty(&doc)?)?;
        }
    }
    out.finish()?;
    if hits.is_empty() {
        out::note(&format!(
            "mizan: no matches: {}",
            why_empty(&index, &corpus, &query)
        ));
        return Ok(1);
    }
    Ok(0)
}

/// Why a search found nothing: the filters left no node, or no node has
/// any of the words.
fn why_empty(index: &Index, corpus: &Corpus, query: &Query) -> String {
    let words = query
        .terms
        .iter()
        .map(|t| format!("`{}`", one_line(t)))
        .collect::<Vec<_>>()
        .join(", ");
    let filters_only = Query {
        terms: Vec::new(),
        ..query.clone()
    };
    if filters_only.is_empty() {
        return format!("no node has any of the words {words}");
    }
    if search(index, corpus, &filters_only, 1).is_empty() {
        return "no node passes the filters".into();
    }
    format!("nodes pass the filters, but none has any of the words {words}")
}

/// `  (without: a, b)` for a hit that lacks some words of the query.
fn without(query: &Query, h: &Hit) -> String {
    let lacking: Vec<String> = query
        .terms
        .iter()
        .zip(&h.terms)
        .filter(|(_, m)| m.is_none())
        .map(|(t, _)| one_line(t))
        .collect();
    if lacking.is_empty() {
        String::new()
    } else {
        format!("  (without: {})", lacking.join(", "))
    }
}

fn kind_name(k: MatchKind) -> &'static str {
    match k {
        MatchKind::Exact => "exact",
        MatchKind::Stem => "stem",
        MatchKind::Fuzzy => "fuzzy",
    }
}

/// The claim to print, in the language that matched: the Arabic claim when
/// the best match highlights Arabic letters (in the Arabic claim, a quote,
/// a title or a theme label), else the English one.
fn claim(corpus: &Corpus, h: &Hit) -> String {
    let Some(node) = corpus.article(h.node.map).map(|a| a.node(h.node.node)) else {
        return String::new();
    };
    let arabic = h.field == Field::ClaimAr
        || h.ranges.iter().any(|r| {
            h.text
                .get(r.clone())
                .is_some_and(|t| t.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        });
    let text = if arabic {
        node.claim_ar()
    } else {
        node.claim_en()
    };
    // A reported claim is marked as someone else's, as everywhere.
    match &node.voice() {
        Some(v) => format!("‹{v}› {text}"),
        None => text.to_string(),
    }
}

/// A single line, with control characters made visible (a claim must not
/// break the one-hit-per-line output or reach the terminal as an escape).
fn one_line(s: &str) -> String {
    visible(&s.replace(['\n', '\r'], " ")).into_owned()
}

fn json(corpus: &Corpus, index: &Index, query: &Query, h: &Hit) -> serde_json::Value {
    let article = corpus.article(h.node.map);
    let node = article.map(|a| a.node(h.node.node));
    let field = |f: Field, text: &str, ranges: &[std::ops::Range<usize>]| {
        let theme = match f {
            Field::ThemeEn(t) | Field::ThemeAr(t) => index.theme_id(t),
            _ => None,
        };
        serde_json::json!({
            "field": f.name(),
            "theme": theme,
            "text": text,
            "ranges": ranges.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
        })
    };
    let mut fields = vec![field(h.field, &h.text, &h.ranges)];
    fields.extend(h.others.iter().map(|o| field(o.field, &o.text, &o.ranges)));
    serde_json::json!({
        "address": corpus.address(h.node),
        "article": article.map(|a| a.id()),
        "node": node.map(|n| n.id()),
        "stance": article.and_then(|a| a.meta.stance).map(|s| s.name()),
        "score": h.score,
        "claim_en": node.map(|n| n.claim_en()),
        "claim_ar": node.map(|n| n.claim_ar()),
        "voice": node.and_then(|n| n.voice()),
        "kind": node.and_then(|n| n.kind).map(|k| k.name()),
        "matches": fields,
        "words": query.terms.iter().zip(&h.terms).map(|(t, m)| serde_json::json!({
            "word": t,
            "match": m.map(kind_name),
        })).collect::<Vec<_>>(),
    })
}

/// A `theme:` or `article:` filter naming nothing in the maps is a mistake
/// to point out (with the names there are), not an empty result.
fn unknown_names(corpus: &Corpus, query: &Query) -> Option<String> {
    use mizan::text::normalize::normalize;
    let list = |names: Vec<String>| {
        if names.is_empty() {
            "(none)".to_string()
        } else {
            names.join(", ")
        }
    };
    let themes: Vec<&str> = corpus
        .motion
        .as_ref()
        .map(|m| m.themes.iter().map(|t| &*t.id).collect())
        .unwrap_or_default();
    if let Some(bad) = query
        .themes
        .iter()
        .find(|t| !themes.iter().any(|id| normalize(id) == **t))
    {
        let known = themes.iter().map(|t| visible(t).into_owned()).collect();
        return Some(format!(
            "no theme `{}` in motion.ron\nhint: themes are: {}",
            visible(bad),
            list(known)
        ));
    }
    let articles: Vec<&str> = corpus.articles().map(|(_, a)| a.id()).collect();
    if let Some(bad) = query
        .articles
        .iter()
        .find(|a| !articles.iter().any(|id| normalize(id) == **a))
    {
        let known = articles.iter().map(|a| visible(a).into_owned()).collect();
        return Some(format!(
            "no article `{}` in the maps\nhint: articles are: {}",
            visible(bad),
            list(known)
        ));
    }
    None
}
