//! Laying out text ahead of time (issue 19, item 6). A frame that shows
//! text not seen before shapes, wraps and reorders it, and at 200×60 that
//! is what made the slow frames. After each frame the loop calls [`step`]:
//! it runs the drawing code of what the next keys would show — the next
//! and previous page of the article list, the tree's next and previous
//! page, the detail of the nodes around the cursor, the articles a key
//! away (their first page and thesis), the same in the other language, and
//! the panes as the next and previous focus would size them — with the
//! layout cache noting what it lacks instead of laying it out; the
//! layout thread (`widgets::layout_ahead`) lays that out and the results
//! go into the cache between frames.
//!
//! Running the same drawing functions (`list_item`, `tree_row`,
//! `detail::lines`) is what keeps the look-ahead exact: it asks for the
//! very texts at the very widths a frame will, and never changes what a
//! frame draws (a frame finds in the cache what it would have laid out).

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::tui::app::{App, Focus, Lang};
use crate::tui::layout::areas_for;
use crate::tui::screens::browse_view::{
    detail_title, list_item, list_item_width, list_title, source_title, tree_row, tree_title,
};
use crate::tui::screens::detail;
use crate::tui::screens::list_filter::visible;
use crate::tui::screens::tree::TreeView;
use crate::tui::widgets::bidi_line::Ask;
use crate::tui::widgets::layout_ahead::Worker;

/// After a frame: takes the texts the layout thread has finished, and asks
/// for those the next keys will need, unless nothing moved since last time.
pub fn step(app: &mut App) {
    if !app.view.ahead_tried {
        app.view.ahead_tried = true;
        app.view.ahead = Worker::start();
    }
    let Some(w) = app.view.ahead.as_mut() else {
        return;
    };
    w.collect(&mut app.view.layout_cache.borrow_mut());
    // A plan that asked for text is run again once that text is in: a
    // row's claim is cut to the room its speaker's name leaves, which is
    // known only once the name is laid out.
    let idle = w.idle() && w.has_room();
    if !can_plan(app) {
        return;
    }
    let key = plan_key(app);
    if app.view.ahead_key == Some(key) || !idle {
        return;
    }
    let asks = plan(app);
    // Done with this key when nothing is missing, or after a few rounds
    // (never planning on and on for a text that cannot be kept).
    app.view.ahead_rounds = match app.view.ahead_last == Some(key) {
        true => app.view.ahead_rounds.saturating_add(1),
        false => 0,
    };
    app.view.ahead_last = Some(key);
    if asks.is_empty() || app.view.ahead_rounds >= MAX_ROUNDS {
        app.view.ahead_key = Some(key);
    }
    if let Some(w) = app.view.ahead.as_mut() {
        w.ask(asks);
    }
}

/// Plans for one state of the screen at most.
const MAX_ROUNDS: u8 = 3;

/// Whether the look-ahead has more to do (the loop comes back soon).
pub fn busy(app: &App) -> bool {
    app.view.ahead.as_ref().is_some_and(|w| !w.idle())
        || (can_plan(app) && app.view.ahead_key != Some(plan_key(app)))
}

/// The look-ahead serves the browser, with nothing over it.
fn can_plan(app: &App) -> bool {
    app.view.ahead.is_some() && app.screen.is_browse() && app.overlays.is_empty()
}

/// Before a frame: takes the texts the layout thread has finished since.
pub fn collect(app: &mut App) {
    if let Some(w) = app.view.ahead.as_mut() {
        w.collect(&mut app.view.layout_cache.borrow_mut());
    }
}

/// Waits until the layout thread has laid out all it was asked for (a
/// bench gives it the time a person takes between keys this way).
pub fn settle(app: &mut App) {
    // A few rounds: each lays out what the last one found missing.
    for _ in 0..4 {
        if let Some(w) = app.view.ahead.as_mut() {
            while !w.idle() {
                w.wait(&mut app.view.layout_cache.borrow_mut());
            }
        }
        step(app);
    }
}

/// What the plan depends on; the same key, the same plan.
fn plan_key(app: &App) -> u64 {
    let b = app.browse();
    let mut h = DefaultHasher::new();
    (b.selected, b.list_offset, b.focus as u8, b.show_source).hash(&mut h);
    (app.settings.lang == Lang::Ar, &b.filter).hash(&mut h);
    let a = app.view.areas;
    (a.list, a.tree, a.right).hash(&mut h);
    if let Some(t) = app.tree() {
        (t.cursor, t.offset, t.rows.len()).hash(&mut h);
    }
    h.finish()
}

/// The texts the next keys will need that the cache lacks.
fn plan(app: &mut App) -> Vec<Ask> {
    app.view.layout_cache.borrow_mut().begin_ahead();
    around(app, true);
    // Tab and S-Tab resize the panes (the focused one widens).
    let areas = app.view.areas;
    let focus = app.browse().focus;
    for other in [Focus::Articles, Focus::Tree, Focus::Detail] {
        if other != focus && !app.browse().panes.is_hidden(other) {
            app.view.areas = areas_for(areas.screen, &app.browse().panes, other);
            around(app, false);
        }
    }
    app.view.areas = areas;
    // `L` shows everything in the other language.
    let lang = app.settings.lang;
    app.settings.lang = match lang {
        Lang::En => Lang::Ar,
        Lang::Ar => Lang::En,
    };
    around(app, false);
    app.settings.lang = lang;
    app.view.layout_cache.borrow_mut().end_ahead()
}

/// Runs the drawing of what is around the selection: with `far`, the
/// next and previous pages too; without, what is on screen.
fn around(app: &mut App, far: bool) {
    let areas = app.view.areas;
    let shown = visible(app);
    let selected = app.browse().selected;
    let at = shown.iter().position(|&i| i == selected).unwrap_or(0);
    let page = (areas.list.height.saturating_sub(2) as usize).max(1);
    let reach = if far { page } else { page / 2 };
    if areas.list.width > 0 {
        let w = list_item_width(app);
        let from = at.saturating_sub(reach);
        // The list shows the selection whole and fills the rows below it
        // with the articles after it: a page of them.
        for &i in shown.iter().skip(from).take(2 * reach + page + 1) {
            list_item(app, i, w);
        }
        list_title(app, shown.len(), areas.list);
    }
    article(app, selected as u32, far);
    if far {
        // The articles a key away in the list: j, k, PageDown, PageUp.
        let near = [at + 1, at.wrapping_sub(1), at + page, at.wrapping_sub(page)];
        for k in near {
            if let Some(&i) = shown.get(k) {
                article(app, i as u32, false);
            }
        }
    }
}

/// Runs the drawing of article `map`'s tree (its rows around the cursor)
/// and the detail of the nodes around the cursor; `far` reaches a page
/// either side, else what shows and the next node.
fn article(app: &mut App, map: u32, far: bool) {
    let areas = app.view.areas;
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let temp = !app.browse().trees.contains_key(&map);
    let t = match app.browse().trees.get(&map) {
        Some(t) => t.clone(),
        None => TreeView::new(a),
    };
    let h = (areas.tree.height.saturating_sub(2) as usize).max(1);
    if areas.tree.width > 0
        && let Some(cache) = app.ws.cache.get(map as usize)
    {
        let (from, to) = if far {
            (t.offset.saturating_sub(h), t.offset + 2 * h)
        } else {
            (t.offset, t.offset + h)
        };
        for i in from..to.min(t.rows.len()) {
            tree_row(app, a, &t, cache, i, areas.tree.width.saturating_sub(2));
        }
    }
    let cursors: Vec<usize> = if areas.right.width == 0 || app.browse().show_source {
        Vec::new()
    } else if far {
        vec![
            t.cursor,
            t.cursor + 1,
            t.cursor.wrapping_sub(1),
            t.cursor + h,
            t.cursor.wrapping_sub(h),
        ]
    } else {
        vec![t.cursor, t.cursor + 1]
    };
    if areas.right.width > 0 && app.browse().show_source {
        source_title(app, areas.right);
    }
    // The tree's title and the detail pane show the selected article (its
    // node at the cursor): put each in its place for a moment, then put
    // back what was there.
    let selected = app.browse().selected;
    let saved = app.browse().trees.get(&map).map(|t| t.cursor);
    app.screen.browse_mut().selected = map as usize;
    app.screen.browse_mut().trees.insert(map, t.clone());
    if areas.tree.width > 0 {
        tree_title(app, a, areas.tree);
    }
    for c in cursors.into_iter().filter(|&c| c < t.rows.len()) {
        if let Some(tv) = app.screen.browse_mut().trees.get_mut(&map) {
            tv.cursor = c;
        }
        detail::lines(app, areas.right.width.saturating_sub(2));
        detail_title(app, areas.right);
    }
    if temp {
        app.screen.browse_mut().trees.remove(&map);
    } else if let (Some(tv), Some(c)) = (app.screen.browse_mut().trees.get_mut(&map), saved) {
        tv.cursor = c;
    }
    app.screen.browse_mut().selected = selected;
}
