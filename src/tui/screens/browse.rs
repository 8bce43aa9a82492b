//! The browser's keys and mouse: moving between panes, through the list
//! and the tree, following links, and opening what the browser opens
//! (help, search, filter, export, the other screens, the editing keys).
//! Its state is `browse_state`'s; the moves other screens share are
//! `navigate`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::model::NodeRef;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::mouse::Mouse;
use crate::tui::overlays::Overlay;
use crate::tui::overlays::export_state::Export;
use crate::tui::overlays::help_state::Help;
use crate::tui::screens::navigate::with_tree;
use crate::tui::screens::{browse_view, list_filter, open, source};
use crate::tui::widgets::list;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::screens::browse_state::{BrowseScreen, Focus};
use crate::tui::screens::navigate::go_to;
// Where the tests and benches have always found them.
pub use crate::tui::screens::navigate::{jump_to, relayout, select_map, selection_moved};

impl Layer for BrowseScreen {
    fn mode(&self) -> Mode {
        Mode::Normal
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Quit => request_quit(app),
            Action::Help => app.overlays.push(Overlay::Help(Help::default())),
            Action::Close => {}
            Action::Down => step(app, 1),
            Action::Up => step(app, -1),
            Action::PageDown => step(app, page(app)),
            Action::PageUp => step(app, -page(app)),
            Action::Top => step(app, isize::MIN / 2),
            Action::Bottom => step(app, isize::MAX / 2),
            Action::Left => left(app),
            Action::Right => right(app),
            Action::Toggle => toggle(app),
            Action::Parent => parent(app),
            Action::NextSibling => sibling(app, 1),
            Action::PrevSibling => sibling(app, -1),
            Action::ExpandAll | Action::CollapseAll => {
                let map = app.map();
                if let (Some(a), Some(t)) = (
                    app.ws.corpus.article(map),
                    app.screen.browse_mut().trees.get_mut(&map),
                ) {
                    t.set_all(a, action == Action::ExpandAll);
                }
                selection_moved(app);
            }
            Action::FocusNext => focus_by(app, 1),
            Action::FocusPrev => focus_by(app, -1),
            Action::WidenPane | Action::NarrowPane => {
                let b = app.screen.browse_mut();
                let by = if action == Action::WidenPane { 1 } else { -1 };
                b.panes.grow(b.focus, by);
            }
            Action::FilterList => {
                let f = crate::tui::overlays::filter::open(app);
                app.overlays.push(Overlay::Filter(f));
            }
            Action::ToggleList => {
                let b = app.screen.browse_mut();
                b.panes.list_hidden = !b.panes.list_hidden;
                if b.panes.list_hidden && b.focus == Focus::Articles {
                    b.focus = Focus::Tree;
                }
            }
            Action::ToggleDetail => {
                let b = app.screen.browse_mut();
                b.panes.detail_hidden = !b.panes.detail_hidden;
                if b.panes.detail_hidden && b.focus == Focus::Detail {
                    b.focus = Focus::Tree;
                }
            }
            Action::ToggleLanguage => {
                app.settings.lang = app.settings.lang.other();
            }
            Action::ToggleSource => {
                if app.has_source() || app.screen.browse().show_source {
                    app.screen.browse_mut().show_source = !app.screen.browse().show_source;
                    selection_moved(app);
                } else {
                    app.flash =
                        Some("no source text for this article (start with --sources DIR)".into());
                }
            }
            Action::FollowLink => follow_link(app),
            Action::JumpBack => jump(app, true),
            Action::JumpForward => jump(app, false),
            Action::Search => app.overlays.push(Overlay::Search(Box::default())),
            Action::Compare => crate::tui::overlays::choose::open_compare_picker(app),
            Action::Overview => open::overview(app),
            Action::Debate => open::debate(app),
            Action::Timeline => open::timeline(app),
            Action::Export => {
                if let Some(a) = app.ws.corpus.article(app.map()) {
                    let articles = vec![a.meta.id.to_string()];
                    app.overlays.push(Overlay::Export(Export::new(articles)));
                }
            }
            Action::Accept
            | Action::Edit(_)
            | Action::Swap
            | Action::NextArticle
            | Action::PrevArticle
            | Action::ClashesOnly
            | Action::CycleTheme
            | Action::CycleYear
            | Action::ToggleReported
            | Action::Pick => {}
            Action::AddChild
            | Action::AddSibling
            | Action::EditNode
            | Action::EditArticle
            | Action::DeleteNode
            | Action::MoveDown
            | Action::MoveUp
            | Action::Indent
            | Action::Outdent
            | Action::Cut
            | Action::Paste
            | Action::Undo
            | Action::Redo
            | Action::Save
            | Action::NewArticle
            | Action::OpenEditor => crate::tui::workspace::edit_keys::act(app, action),
            Action::SelectQuote => crate::tui::overlays::quote::start(app),
            Action::ResolveConflict => crate::tui::workspace::conflicts::ask(app),
            Action::NodeHistory => crate::tui::workspace::conflicts::history(app),
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, _screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        browse_view::render(app, buf);
        None
    }

    fn hints(&self) -> &'static [Action] {
        &[
            Action::Help,
            Action::Toggle,
            Action::FocusNext,
            Action::Search,
            Action::Compare,
            Action::Overview,
            Action::ToggleLanguage,
            Action::ToggleSource,
            Action::FollowLink,
            Action::JumpBack,
            Action::Quit,
        ]
    }
}

/// Rows a page moves in the focused pane.
fn page(app: &App) -> isize {
    let area = match app.screen.browse().focus {
        Focus::Articles => app.view.areas.list,
        Focus::Tree => app.view.areas.tree,
        Focus::Detail => app.view.areas.right,
    };
    (area.height.saturating_sub(2) as isize).max(1)
}

fn cycle(f: Focus, by: i32) -> Focus {
    let order = [Focus::Articles, Focus::Tree, Focus::Detail];
    let i = order.iter().position(|&x| x == f).unwrap_or(0) as i32;
    order[(i + by).rem_euclid(3) as usize]
}

/// Moves the focus to the next pane that is not hidden.
fn focus_by(app: &mut App, by: i32) {
    let b = app.screen.browse_mut();
    let mut f = cycle(b.focus, by);
    while b.panes.is_hidden(f) {
        f = cycle(f, by);
    }
    b.focus = f;
}

/// Moves within the focused pane.
fn step(app: &mut App, by: isize) {
    let (focus, show_source) = (app.browse().focus, app.browse().show_source);
    match focus {
        Focus::Articles => {
            let shown = list_filter::visible(app);
            let at = shown
                .iter()
                .position(|&i| i == app.screen.browse().selected)
                .unwrap_or(0);
            if let Some(&next) = shown.get(list::step(at, by, shown.len())) {
                select_map(app, next);
            }
        }
        Focus::Tree => {
            let map = app.map();
            if let Some(t) = app.screen.browse_mut().trees.get_mut(&map) {
                t.cursor = list::step(t.cursor, by, t.rows.len());
            }
            selection_moved(app);
        }
        Focus::Detail if show_source => {
            let lines = source::line_count(app);
            app.screen.browse_mut().source_scroll =
                list::step(app.screen.browse().source_scroll, by, lines);
        }
        Focus::Detail => {
            let links = app.current().map_or(0, |r| link_count(app, r));
            if links > 0 && by.abs() == 1 {
                app.screen.browse_mut().link_sel =
                    list::step(app.screen.browse().link_sel, by, links);
            } else {
                app.screen.browse_mut().detail_scroll =
                    (app.screen.browse().detail_scroll as isize + by).max(0) as usize;
            }
        }
    }
}

fn link_count(app: &App, r: NodeRef) -> usize {
    app.ws
        .corpus
        .article(r.map)
        .map_or(0, |a| a.node(r.node).links().len())
}

fn left(app: &mut App) {
    if app.screen.browse().focus != Focus::Tree {
        app.screen.browse_mut().focus = cycle(app.screen.browse().focus, -1);
        return;
    }
    with_tree(app, |a, t| {
        let Some(n) = t.current() else { return };
        if t.is_expanded(n) && !a.node(n).children().is_empty() && n != a.root {
            t.collapse(t.cursor);
        } else if let Some(p) = a.node(n).parent()
            && let Some(row) = t.row_of(p)
        {
            t.cursor = row;
        }
    });
}

fn right(app: &mut App) {
    if app.screen.browse().focus == Focus::Articles {
        app.screen.browse_mut().focus = Focus::Tree;
        return;
    }
    if app.screen.browse().focus != Focus::Tree {
        return;
    }
    with_tree(app, |a, t| {
        let Some(n) = t.current() else { return };
        if a.node(n).children().is_empty() {
            return;
        }
        if t.is_expanded(n) {
            t.cursor += 1;
        } else {
            t.expand(a, t.cursor);
        }
    });
}

fn toggle(app: &mut App) {
    match app.screen.browse().focus {
        Focus::Articles => app.screen.browse_mut().focus = Focus::Tree,
        Focus::Tree => with_tree(app, |a, t| {
            let Some(n) = t.current() else { return };
            if t.is_expanded(n) {
                t.collapse(t.cursor);
            } else {
                t.expand(a, t.cursor);
            }
        }),
        Focus::Detail => follow_link(app),
    }
}

fn parent(app: &mut App) {
    with_tree(app, |a, t| {
        if let Some(p) = t.current().and_then(|n| a.node(n).parent())
            && let Some(row) = t.row_of(p)
        {
            t.cursor = row;
        }
    });
}

fn sibling(app: &mut App, by: isize) {
    with_tree(app, |a, t| {
        let Some(n) = t.current() else { return };
        let Some(p) = a.node(n).parent() else { return };
        let sibs = a.node(p).children();
        let Some(i) = sibs.iter().position(|&c| c == n) else {
            return;
        };
        let j = list::step(i, by, sibs.len());
        if let Some(row) = t.row_of(sibs[j]) {
            t.cursor = row;
        }
    });
}

fn follow_link(app: &mut App) {
    let Some(here) = app.current() else { return };
    let Some(a) = app.ws.corpus.article(here.map) else {
        return;
    };
    let Some(link) = a.node(here.node).links().get(app.screen.browse().link_sel) else {
        app.flash = Some("this node has no links".into());
        return;
    };
    match app.ws.corpus.resolve(&link.to) {
        Some(target) => jump_to(app, target),
        None => app.flash = Some(format!("link target `{}` does not exist", link.to)),
    }
}

fn jump(app: &mut App, back: bool) {
    let Some(here) = app.current() else { return };
    let b = app.screen.browse_mut();
    let (from, to) = if back {
        (&mut b.jumps_back, &mut b.jumps_forward)
    } else {
        (&mut b.jumps_forward, &mut b.jumps_back)
    };
    match from.pop() {
        Some(target) => {
            to.push(here);
            go_to(app, target);
        }
        None => {
            app.flash = Some(
                if back {
                    "no earlier jump"
                } else {
                    "no later jump"
                }
                .into(),
            )
        }
    }
}

/// Applies a mouse event: a click selects the row under it and focuses its
/// pane; the wheel scrolls the pane under the pointer.
pub fn mouse(app: &mut App, m: Mouse) {
    let (x, y, by) = match m {
        Mouse::Drag { x, y } => {
            // Dragging over the source text selects a passage to quote.
            if app.screen.browse().show_source && app.screen.is_browse() {
                crate::tui::overlays::quote::mouse(app, x, y, true);
            }
            return;
        }
        Mouse::Click { x, y } => (x, y, 0),
        Mouse::ScrollUp { x, y } => (x, y, -3),
        Mouse::ScrollDown { x, y } => (x, y, 3),
    };
    let hit =
        |r: ratatui::layout::Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    let pane = if hit(app.view.areas.list) {
        Focus::Articles
    } else if hit(app.view.areas.tree) {
        Focus::Tree
    } else if hit(app.view.areas.right) {
        Focus::Detail
    } else {
        return;
    };
    app.screen.browse_mut().focus = pane;
    if by != 0 {
        step(app, by);
        return;
    }
    match pane {
        Focus::Articles => {
            let mut y = y.saturating_sub(app.view.areas.list.y + 1) as usize;
            let width = browse_view::list_item_width(app);
            let offset = app.screen.browse().list_offset;
            for i in list_filter::visible(app)
                .into_iter()
                .filter(|&i| i >= offset)
            {
                let rows = browse_view::list_item(app, i, width).len();
                if y < rows {
                    select_map(app, i);
                    break;
                }
                y -= rows;
            }
        }
        Focus::Tree => {
            let map = app.map();
            if let Some(t) = app.screen.browse_mut().trees.get_mut(&map) {
                let row = y.saturating_sub(app.view.areas.tree.y + 1) as usize + t.offset;
                if row < t.rows.len() {
                    t.cursor = row;
                }
            }
            selection_moved(app);
        }
        Focus::Detail if app.screen.browse_mut().show_source => {
            crate::tui::overlays::quote::mouse(app, x, y, false)
        }
        Focus::Detail => {}
    }
}
