//! `x`: choosing the format to export the shown articles in. Accepting
//! asks for the export as an effect; the loop writes the file.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use crate::export::Format;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::ask::request_quit;
use crate::tui::widgets::popup;
use crate::tui::widgets::selection;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The ids of the articles to export.
    pub articles: Vec<String>,
    /// Index into [`Format::ALL`].
    pub selected: usize,
}

impl Export {
    pub fn new(articles: Vec<String>) -> Export {
        Export {
            articles,
            selected: 0,
        }
    }
}

impl Layer for Export {
    fn mode(&self) -> Mode {
        Mode::Overlay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let n = Format::ALL.len();
        match action {
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
        Clear.render(area, buf);
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
        let mut lines = vec![
            Line::raw(self.articles.join(" + ")),
            Line::styled(format!("into {}", app.settings.export_dir.display()), p.dim),
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
        Paragraph::new(lines).render(inner, buf);
        None
    }
}
