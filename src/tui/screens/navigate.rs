//! Moving the browser's selection from anywhere: choosing an article, going
//! to a node (and recording the jump), keeping the cursors in view after a
//! move or a new layout. The browser's keys, the search, the compare,
//! overview and debate screens, editing and reloading all move the
//! selection through these, so they sit below all of them.

use ratatui::layout::Rect;

use crate::model::NodeRef;
use crate::tui::app::App;
use crate::tui::screens::browse_state::Focus;
use crate::tui::screens::list_filter;
use crate::tui::screens::tree::TreeView;
use crate::tui::screens::{browse_view, source};

/// Lays the screen out again for the browser's focus and pane settings
/// (which decide the widths); keeps the cursors in view when it changed.
pub fn relayout(app: &mut App, screen: Rect) {
    let b = app.screen.browse();
    let areas = crate::tui::layout::areas_for(screen, &b.panes, b.focus);
    if areas != app.view.areas {
        app.view.areas = areas;
        scroll_list(app);
        selection_moved(app);
    }
}
pub fn select_map(app: &mut App, map: usize) {
    if map != app.screen.browse().selected {
        app.screen.browse_mut().selected = map;
        // Its byte offsets belong to the other article's source.
        app.stop_quote_selection();
        app.ensure_tree();
        app.screen.browse_mut().source_scroll = 0;
        if !app.has_source() {
            app.screen.browse_mut().show_source = false;
        }
    }
    scroll_list(app);
    selection_moved(app);
}

/// Scrolls the article list so the selected item is whole on screen
/// (items are two or three rows: titles wrap).
fn scroll_list(app: &mut App) {
    let h = app.view.areas.list.height.saturating_sub(2) as usize;
    let width = browse_view::list_item_width(app);
    let selected = app.screen.browse().selected;
    let mut offset = app.screen.browse().list_offset.min(selected);
    if h > 0 {
        // Only the maps the filter shows take rows.
        let shown: Vec<usize> = list_filter::visible(app)
            .into_iter()
            .filter(|&i| i >= offset && i <= selected)
            .collect();
        let rows = |i: usize| browse_view::list_item(app, i, width).len();
        let mut used: usize = shown.iter().map(|&i| rows(i)).sum();
        for &i in &shown {
            if used <= h || i >= selected {
                break;
            }
            used -= rows(i);
            offset = i + 1;
        }
    }
    app.screen.browse_mut().list_offset = offset;
}

/// After the tree cursor moves: keep it visible, reset the detail, and bring
/// the node's quote into view in the source pane.
pub fn selection_moved(app: &mut App) {
    let h = app.view.areas.tree.height.saturating_sub(2) as usize;
    let map = app.map();
    if let Some(t) = app.screen.browse_mut().trees.get_mut(&map) {
        t.scroll_into_view(h);
    }
    app.screen.browse_mut().detail_scroll = 0;
    app.screen.browse_mut().link_sel = 0;
    if app.screen.browse().show_source
        && let Some(line) = source::quote_line(app)
    {
        let h = app.view.areas.right.height.saturating_sub(2) as usize;
        app.screen.browse_mut().source_scroll = line.saturating_sub(h / 3);
    }
}

pub fn with_tree(app: &mut App, f: impl FnOnce(&crate::model::Article, &mut TreeView)) {
    let map = app.map();
    if let (Some(a), Some(t)) = (
        app.ws.corpus.article(map),
        app.screen.browse_mut().trees.get_mut(&map),
    ) {
        f(a, t);
    }
    selection_moved(app);
}

/// Shows a node: selects its article, reveals it in the tree, focuses the tree.
pub fn go_to(app: &mut App, r: NodeRef) {
    select_map(app, r.map as usize);
    with_tree(app, |a, t| t.reveal(a, r.node));
    app.screen.browse_mut().focus = Focus::Tree;
}

/// Goes to a node and records where we were, so `C-o` comes back: following
/// a link, opening a search hit, or a node from the compare or overview screen.
pub fn jump_to(app: &mut App, target: NodeRef) {
    app.screen.to_browse();
    if let Some(here) = app.current() {
        app.screen.browse_mut().jumps_back.push(here);
        app.screen.browse_mut().jumps_forward.clear();
    }
    go_to(app, target);
}
