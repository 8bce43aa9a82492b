//! The `?` help: every mode's keys, made from the keymap (so a rebound key
//! shows as bound), the Arabic display mode and why, and the glyphs. Its
//! state (the scroll) is `help_state`'s; [`at`] opens it at a mode's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::message::{render_scrolled, scroll};

use crate::tui::overlays::help_state::{Help, HelpText};

/// The help scrolled to the keys of `mode`: opened from the compare
/// screen it starts at compare's keys, not the browser's.
pub fn at(app: &App, mode: Mode) -> Help {
    let text = help_text(app);
    let scroll = text
        .sections
        .iter()
        .find(|(m, _)| *m == mode)
        .map_or(0, |&(_, line)| line);
    Help {
        scroll,
        text: text.into(),
    }
}

impl Layer for Help {
    fn mode(&self) -> Mode {
        Mode::Overlay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        scroll(app, &mut self.scroll, action)
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let title = format!(" Keys — {} closes ", app.key(Mode::Overlay, Action::Close));
        let text = self.text.get_or_init(|| help_text(app));
        render_scrolled(
            app,
            title,
            &text.lines,
            text.widest,
            self.scroll,
            screen,
            buf,
        );
        None
    }
}

/// The help's lines, where each mode's section starts, and the widest line.
fn help_text(app: &App) -> HelpText {
    let p = &app.settings.palette;
    let mut sections = vec![(Mode::Normal, 0)];
    let mut out = vec![Line::styled("Browsing", p.title)];
    let rows = app.settings.keymap.help_lines(Mode::Normal);
    let kw = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for (keys, help) in rows {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    out.push(Line::default());
    sections.push((Mode::Search, out.len()));
    out.push(Line::styled("Searching", p.title));
    for (keys, help) in app.settings.keymap.help_lines(Mode::Search) {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    for (mode, title) in [
        (Mode::Form, "Editing a form"),
        (Mode::Quote, "Selecting a quote in the source"),
        (Mode::Compare, "Comparing"),
        (Mode::Overview, "Overview"),
        (Mode::Debate, "The debate"),
    ] {
        out.push(Line::default());
        sections.push((mode, out.len()));
        out.push(Line::styled(title, p.title));
        for (keys, help) in app.settings.keymap.help_lines(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<kw$}  "), p.key),
                Span::raw(help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("In this window", p.title));
    for (keys, help) in app.settings.keymap.help_lines(Mode::Overlay) {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<kw$}  "), p.key),
            Span::raw(help),
        ]));
    }
    out.push(Line::default());
    out.push(Line::from(vec![
        Span::styled("Arabic display: ", p.title),
        Span::raw(format!(
            "{} — {}",
            app.settings.bidi.name(),
            app.settings.bidi_reason
        )),
    ]));
    out.push(Line::raw(format!(
        "  Terminals send Tab for C-i unless they speak the kitty keyboard protocol: use {} there.",
        app.settings
            .keymap
            .keys_for(Mode::Normal, Action::JumpForward)
            .iter()
            .map(|k| k.to_string())
            .find(|k| k != "C-i")
            .unwrap_or_else(|| app.key(Mode::Normal, Action::JumpForward))
    )));
    out.push(Line::from(vec![
        Span::styled("Glyphs: ", p.title),
        Span::styled("▲ for/pro ", p.pro),
        Span::styled("▼ against/anti ", p.anti),
        Span::styled("◆ neither/mixed ", p.mixed),
        Span::raw("● neutral  + supports  − opposes  ! has a problem"),
    ]));
    HelpText {
        widest: out.iter().map(Line::width).max().unwrap_or(0),
        lines: out,
        sections,
    }
}
