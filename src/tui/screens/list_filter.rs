//! Which articles the list shows under its filter: those whose title
//! (either language), id, outlet or stance holds every typed word, Arabic
//! normalised as search does. The list's drawing, its keys and the filter
//! overlay all ask, so it sits below them.

use crate::text::normalize::normalize;
use crate::tui::app::App;

/// Whether map `i` is in the list under `query` (every word must match).
pub fn matches(app: &App, i: usize, query: &str) -> bool {
    let words: Vec<String> = query.split_whitespace().map(normalize).collect();
    if words.is_empty() {
        return true;
    }
    let Some(m) = app.ws.corpus.maps.get(i) else {
        return false;
    };
    let hay = match &m.article {
        Some(a) => normalize(&format!(
            "{} {} {} {} {}",
            a.meta.id,
            a.meta.title_en,
            a.meta.title_original,
            a.meta.outlet.as_deref().unwrap_or(""),
            a.meta.stance.map_or("", |s| s.name()),
        )),
        None => normalize(&m.path.to_string_lossy()),
    };
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The maps the article list shows, in order.
pub fn visible(app: &App) -> Vec<usize> {
    let q = &app.browse().filter;
    // No filter: every map, without a test per map (the list asks on
    // every frame, and a large corpus has tens of thousands).
    if q.trim().is_empty() {
        return (0..app.ws.corpus.maps.len()).collect();
    }
    (0..app.ws.corpus.maps.len())
        .filter(|&i| matches(app, i, q))
        .collect()
}
