//! `x`: choosing the format to export the shown articles in, and the folder
//! the file goes to (shown, and changed with Tab: typed like any input
//! line). Accepting asks for the export as an effect; the loop writes the
//! file. The folder is the configured `export_dir`, else a per-user place
//! (`store::dirs::export_dir`) — never silently the working tree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget};

use crate::export::Format;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::widgets::bidi_line::fields_line;
use crate::tui::widgets::line_edit::LineEdit;
use crate::tui::widgets::popup;
use crate::tui::widgets::selection;
use crate::tui::widgets::text_field::input_line;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::export_state::Export;

impl Export {
    /// Keys while the folder is typed: Enter keeps it, Esc or Tab leave it.
    fn edit_folder(&mut self, app: &mut App, action: Action) -> Outcome {
        let Some(line) = &mut self.folder else {
            return Outcome::Stay;
        };
        match action {
            Action::Quit => request_quit(app),
            Action::Accept => {
                let dir = line.text.trim();
                if !dir.is_empty() {
                    app.settings.export_dir = std::path::PathBuf::from(dir);
                }
                self.folder = None;
            }
            Action::Close | Action::Toggle => self.folder = None,
            Action::Edit(e) => {
                line.apply(e);
            }
            _ => {}
        }
        Outcome::Stay
    }
}

impl Layer for Export {
    fn mode(&self) -> Mode {
        // Typing the folder: printable keys type, as in the search line.
        if self.folder.is_some() {
            Mode::Search
        } else {
            Mode::Overlay
        }
    }

    fn typed(&mut self, _app: &mut App, c: char) -> Option<Outcome> {
        let line = self.folder.as_mut()?;
        line.insert(c);
        Some(Outcome::Stay)
    }

    fn paste(&mut self, app: &mut App, text: &str) -> Outcome {
        match &mut self.folder {
            Some(line) => {
                line.insert_str(&text.replace(['\n', '\r'], ""));
            }
            None => {
                let key = app.key(Mode::Overlay, Action::FocusNext);
                app.flash = Some(format!("{key} edits the folder"));
            }
        }
        Outcome::Stay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if self.folder.is_some() {
            return self.edit_folder(app, action);
        }
        let n = Format::ALL.len();
        match action {
            Action::FocusNext => {
                let text = app.settings.export_dir.display().to_string();
                self.folder = Some(LineEdit {
                    cursor: text.len(),
                    text,
                });
            }
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Down => self.selected = (self.selected + 1).min(n - 1),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Accept => {
                let format = Format::ALL[self.selected];
                let articles = std::mem::take(&mut self.articles);
                app.out.push(Effect::Export { articles, format });
                return Outcome::Close;
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let p = &app.settings.palette;
        let area = popup::centered_pct(screen, 50, 40);
        crate::tui::widgets::popup::clear(area, buf);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .border_style(p.border_focus)
            .title(Span::styled(
                format!(
                    " Export — {} writes, {} closes ",
                    app.key(Mode::Overlay, Action::Accept),
                    app.key(Mode::Overlay, Action::Close)
                ),
                p.title,
            ));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut cursor = None;
        let folder_row = Rect {
            y: inner.y + 1,
            height: 1.min(inner.height.saturating_sub(1)),
            ..inner
        };
        match &self.folder {
            Some(line) => {
                cursor = input_line("into: ", line, folder_row, app.settings.bidi, p.key, buf);
            }
            None => {
                let hint = format!(
                    "  ({} changes it)",
                    app.key(Mode::Overlay, Action::FocusNext)
                );
                let mut l = fields_line(
                    &[&app.settings.export_dir.display().to_string()],
                    "",
                    inner.width.saturating_sub(6 + hint.chars().count() as u16),
                    app.settings.bidi,
                    ratatui::style::Style::new(),
                );
                l.spans.insert(0, Span::styled("into: ", p.dim));
                l.spans.push(Span::styled(hint, p.dim));
                l.render(folder_row, buf);
            }
        }
        let mut lines = vec![
            Line::raw(self.articles.join(" + ")),
            Line::default(),
            Line::default(),
        ];
        for (i, f) in Format::ALL.iter().enumerate() {
            let what = match f {
                Format::Argdown => "Argdown (argdown.org)",
                Format::Dot => "Graphviz DOT",
                Format::Json => "JSON (docs/json-schema.md)",
                Format::Markdown => "Markdown report",
            };
            let l = Line::raw(format!(" {what:<28} .{}", f.extension()));
            lines.push(selection::row(l, i == self.selected, inner.width, p));
        }
        // The folder row is drawn above; the list must not blank it.
        Paragraph::new(lines[..1].to_vec()).render(inner, buf);
        let below = Rect {
            y: inner.y + 2,
            height: inner.height.saturating_sub(2),
            ..inner
        };
        Paragraph::new(lines[2..].to_vec()).render(below, buf);
        cursor
    }
}
