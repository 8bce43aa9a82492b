//! `c`: the fuzzy list of articles to compare the current one with.
//! Accepting opens the compare screen.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use crate::model::Corpus;
use crate::tui::action::Action;
use crate::tui::app::{App, Lang, Overlay};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::palette::stance_glyph;
use crate::tui::screens::compare::open_compare;
use crate::tui::widgets::bidi_line::one_line;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::widgets::popup;
use crate::tui::widgets::selection;
use crate::tui::widgets::text_field::input_line;
use crate::tui::workspace::editing::request_quit;

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
    pub fn new(corpus: &Corpus, a: u32) -> PickerState {
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

impl Layer for PickerState {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Down => {
                self.selected = (self.selected + 1).min(self.matches.len().saturating_sub(1))
            }
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Accept => {
                if let Some(&b) = self.matches.get(self.selected) {
                    open_compare(app, self.a, b);
                }
                return Outcome::Close;
            }
            Action::Edit(e) => {
                if self.line.apply(e) {
                    self.refilter(&app.ws.corpus);
                }
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn typed(&mut self, app: &mut App, c: char) -> Option<Outcome> {
        self.line.insert(c);
        self.refilter(&app.ws.corpus);
        Some(Outcome::Stay)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        if self.line.insert_str(text) {
            self.refilter(&app.ws.corpus);
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let p = &app.settings.palette;
        let area = popup::centered_pct(screen, 60, 60);
        Clear.render(area, buf);
        let a_id = app.ws.corpus.article(self.a).map_or("", |a| &*a.meta.id);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .border_style(p.border_focus)
            .title(Span::styled(
                format!(
                    " Compare {a_id} with — {} opens, {} closes ",
                    app.key(Mode::Search, Action::Accept),
                    app.key(Mode::Search, Action::Close)
                ),
                p.title,
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let cursor = input_line(
            "> ",
            &self.line,
            Rect::new(inner.x, inner.y, inner.width, 1),
            app.settings.bidi,
            p.key,
            buf,
        );
        let mut lines = vec![Line::default()];
        let room = inner.height.saturating_sub(2) as usize;
        let start = self.selected.saturating_sub(room.saturating_sub(1));
        for (i, &m) in self.matches.iter().enumerate().skip(start).take(room) {
            let Some(art) = app.ws.corpus.article(m) else {
                continue;
            };
            let st = art.meta.stance;
            let title = if app.settings.lang == Lang::Ar {
                &art.meta.title_original
            } else {
                &art.meta.title_en
            };
            let mut l = one_line(
                &app.view.layout_cache,
                title,
                inner.width.saturating_sub(13),
                app.settings.bidi,
                Style::new(),
            );
            l.spans.insert(
                0,
                Span::styled(
                    format!("{} {:<8}", stance_glyph(st), st.map_or("?", |s| s.name())),
                    p.stance(st),
                ),
            );
            lines.push(selection::row(l, i == self.selected, inner.width, p));
        }
        if self.matches.is_empty() {
            lines.push(Line::styled("  no article matches", p.dim));
        }
        let below = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        Paragraph::new(lines).render(below, buf);
        cursor
    }
}
