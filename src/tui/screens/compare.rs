//! `update` for the compare and overview screens and the article picker
//! that opens a comparison. Kept apart from `update.rs` (browsing) so each
//! file stays one concept; both are pure state changes.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::compare::{Comparison, Overview, Side};
use crate::model::{Corpus, NodeRef};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, Screen};
use crate::tui::screens::compare_view::{self, CompareState};
use crate::tui::screens::overview_view::OverviewState;
use crate::tui::update::jump_to;
use crate::tui::widgets::line_edit::LineEdit;

/// The fuzzy list of articles to compare the current one with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerState {
    pub line: LineEdit,
    /// Side A of the comparison to open.
    pub a: u32,
    /// Maps matching the query, best first.
    pub matches: Vec<u32>,
    pub selected: usize,
}

impl PickerState {
    fn new(corpus: &Corpus, a: u32) -> PickerState {
        let mut p = PickerState {
            line: LineEdit::default(),
            a,
            matches: Vec::new(),
            selected: 0,
        };
        p.refilter(corpus);
        p
    }

    /// Matches every other article against the query (id and both titles).
    pub fn refilter(&mut self, corpus: &Corpus) {
        let q = self.line.text.trim();
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, u32)> = corpus
            .articles()
            .filter(|&(m, _)| m != self.a)
            .filter_map(|(m, a)| {
                if q.is_empty() {
                    return Some((0, m));
                }
                let hay = format!(
                    "{} {} {}",
                    a.meta.id, a.meta.title_en, a.meta.title_original
                );
                matcher.fuzzy_match(&hay, q).map(|s| (s, m))
            })
            .collect();
        // Best score first; ties keep the list's order.
        scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        self.matches = scored.into_iter().map(|(_, m)| m).collect();
        self.selected = 0;
    }
}

pub fn open_picker(app: &mut App) {
    let a = app.map();
    if app.ws.corpus.article(a).is_none() {
        app.flash = Some("this map did not load; there is nothing to compare".into());
        return;
    }
    let p = PickerState::new(&app.ws.corpus, a);
    if p.matches.is_empty() {
        app.flash = Some("there is no other article to compare with".into());
        return;
    }
    app.overlays.push(Overlay::Picker(Box::new(p)));
}

/// Keys while the picker is on top.
pub fn picker(app: &mut App, action: Action) {
    let Some(Overlay::Picker(p)) = app.overlays.last_mut() else {
        return;
    };
    match action {
        Action::Close => {
            app.overlays.pop();
        }
        Action::Quit => crate::tui::workspace::editing::request_quit(app),
        Action::Down => p.selected = (p.selected + 1).min(p.matches.len().saturating_sub(1)),
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Accept => {
            let (a, b) = (p.a, p.matches.get(p.selected).copied());
            app.overlays.pop();
            if let Some(b) = b {
                open_compare(app, a, b);
            }
        }
        edit => {
            if p.line.apply(edit) == Some(true) {
                p.refilter(&app.ws.corpus);
            }
        }
    }
}

pub fn open_compare(app: &mut App, a: u32, b: u32) {
    match Comparison::build(&app.ws.corpus, a, b) {
        Ok(cmp) => {
            let mut s = CompareState::new(cmp);
            s.select(0, compare_view::body_height(app.view.areas.screen));
            app.screen.to_compare(s);
        }
        Err(e) => app.flash = Some(e.to_string()),
    }
}

/// Keys on the compare screen.
pub fn compare(app: &mut App, action: Action) {
    let h = compare_view::body_height(app.view.areas.screen);
    let Screen::Compare(s, _) = &mut app.screen else {
        return;
    };
    match action {
        Action::Close => app.screen.to_browse(),
        Action::Quit => crate::tui::workspace::editing::request_quit(app),
        Action::Help => app.overlays.push(Overlay::Help { scroll: 0 }),
        Action::Down => s.select(1, h),
        Action::Up => s.select(-1, h),
        Action::PageDown => s.select(h as isize, h),
        Action::PageUp => s.select(-(h as isize), h),
        Action::Top => s.select(isize::MIN / 2, h),
        Action::Bottom => s.select(isize::MAX / 2, h),
        Action::FocusNext | Action::FocusPrev => s.switch_side(h),
        Action::ClashesOnly => {
            s.clashes_only = !s.clashes_only;
            s.sel = 0;
            s.offset = 0;
            s.select(0, h);
        }
        Action::Swap => {
            let (a, b, side) = (s.cmp.a, s.cmp.b, s.side);
            open_compare(app, b, a);
            if let Screen::Compare(s, _) = &mut app.screen
                && side == Side::A
            {
                s.switch_side(h);
            }
        }
        Action::NextArticle | Action::PrevArticle => {
            let (a, b) = (s.cmp.a, s.cmp.b);
            let others: Vec<u32> = app
                .ws
                .corpus
                .articles()
                .map(|(m, _)| m)
                .filter(|&m| m != a)
                .collect();
            let Some(i) = others.iter().position(|&m| m == b) else {
                return;
            };
            let n = others.len();
            let j = if action == Action::NextArticle {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            open_compare(app, a, others[j]);
        }
        Action::ToggleLanguage => {
            app.settings.lang = app.settings.lang.other();
        }
        Action::Accept => {
            let Some((map, node)) = s.selected_node() else {
                return;
            };
            jump_to(app, NodeRef { map, node });
        }
        Action::Overview => open_overview(app),
        Action::Export => {
            let ids = [s.cmp.a, s.cmp.b]
                .iter()
                .filter_map(|&m| app.ws.corpus.article(m).map(|a| a.meta.id.to_string()))
                .collect();
            app.overlays.push(Overlay::Export {
                articles: ids,
                selected: 0,
            });
        }
        _ => {}
    }
}

pub fn open_overview(app: &mut App) {
    let ov = Overview::build(&app.ws.corpus);
    let row = ov
        .articles
        .iter()
        .position(|a| a.map == app.map())
        .unwrap_or(0);
    app.screen.to_overview(OverviewState::new(ov, row));
}

/// Keys on the overview screen.
pub fn overview(app: &mut App, action: Action) {
    let screen = app.view.areas.screen;
    let Screen::Overview(s, _) = &mut app.screen else {
        return;
    };
    match action {
        Action::Close => app.screen.to_browse(),
        Action::Quit => crate::tui::workspace::editing::request_quit(app),
        Action::Help => app.overlays.push(Overlay::Help { scroll: 0 }),
        Action::Down => s.step(1, 0, screen),
        Action::Up => s.step(-1, 0, screen),
        Action::Left => s.step(0, -1, screen),
        Action::Right => s.step(0, 1, screen),
        Action::FocusNext | Action::FocusPrev => {
            s.in_nodes = !s.in_nodes && !s.nodes().is_empty();
        }
        Action::Accept => {
            let nodes = s.nodes();
            let pick = if s.in_nodes { s.node_sel } else { 0 };
            if let Some(&(map, node)) = nodes.get(pick) {
                jump_to(app, NodeRef { map, node });
            }
        }
        Action::Compare => {
            let Some(map) = s.ov.articles.get(s.row).map(|a| a.map) else {
                return;
            };
            app.screen.to_browse();
            crate::tui::update::select_map(app, map as usize);
            open_picker(app);
        }
        Action::ToggleLanguage => {
            app.settings.lang = app.settings.lang.other();
        }
        _ => {}
    }
}
