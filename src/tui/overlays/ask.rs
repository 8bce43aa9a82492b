//! A question that stops the world until answered: delete this node? quit
//! with unsaved edits? the file changed on disk, now what? Each choice has a
//! letter, typed before any binding; Esc cancels. The answer is acted on
//! by [`answer`]; [`request_quit`] is the question most often asked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effects::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::palette::Palette;
use crate::tui::widgets::popup;
use crate::tui::workspace::Quit;
use crate::tui::workspace::editing;

/// What to do once a person chose: most answers are an effect to run
/// (save, reload, restore...); the rest change the UI's own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Run(Effect),
    Delete {
        map: u32,
        node: u32,
    },
    QuitDiscarding,
    /// Save first, then open the external editor.
    SaveAndEdit,
    /// Take one side of a merge conflict (then edit the node, if asked).
    Resolve {
        at: crate::tui::workspace::conflicts::ConflictAt,
        take: crate::merge::resolve::Take,
        edit: bool,
    },
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub key: char,
    pub label: String,
    pub answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub title: String,
    pub lines: Vec<String>,
    pub choices: Vec<Choice>,
}

impl Ask {
    pub fn new(title: impl Into<String>, lines: Vec<String>) -> Ask {
        Ask {
            title: title.into(),
            lines,
            choices: Vec::new(),
        }
    }

    pub fn choice(mut self, key: char, label: impl Into<String>, answer: Answer) -> Ask {
        self.choices.push(Choice {
            key,
            label: label.into(),
            answer,
        });
        self
    }

    /// The answer a typed letter picks (case-insensitive).
    pub fn pick(&self, c: char) -> Option<&Answer> {
        self.choices
            .iter()
            .find(|ch| ch.key.eq_ignore_ascii_case(&c))
            .map(|ch| &ch.answer)
    }
}

impl Layer for Ask {
    fn mode(&self) -> Mode {
        Mode::Overlay
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            _ => {}
        }
        Outcome::Stay
    }

    fn letters_first(&self) -> bool {
        true
    }

    fn typed(&mut self, app: &mut App, c: char) -> Option<Outcome> {
        let chosen = self.pick(c)?.clone();
        answer(app, chosen);
        Some(Outcome::Close)
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let cancel = app.key(Mode::Overlay, Action::Close);
        render(self, &app.settings.palette, &cancel, screen, buf);
        None
    }
}

fn render(ask: &Ask, p: &Palette, cancel: &str, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(20, 72);
    let mut lines: Vec<Line> = ask.lines.iter().map(|l| Line::raw(l.clone())).collect();
    lines.push(Line::default());
    for ch in &ask.choices {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}  ", ch.key), p.key),
            Span::raw(ch.label.clone()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(format!("  {cancel}"), p.key),
        Span::styled("  cancel", p.dim),
    ]));
    // Wrapped lines may take more rows than there are lines; leave room.
    let text_rows: usize = ask
        .lines
        .iter()
        .map(|l| l.chars().count() / (width.saturating_sub(2).max(1) as usize) + 1)
        .sum();
    let height = (text_rows + ask.choices.len() + 4).min(area.height as usize) as u16;
    let r = popup::centered(area, width, height);
    Clear.render(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(p.warning)
                .title(Span::styled(format!(" {} ", ask.title), p.title)),
        )
        .render(r, buf);
}

/// Quit, asking first when edits are unsaved.
pub fn request_quit(app: &mut App) {
    let dirty = app.ws.history.dirty_maps();
    if dirty.is_empty() {
        app.out.push(Effect::Quit(Quit::Keeping));
        return;
    }
    let names: Vec<String> = dirty
        .iter()
        .map(|&m| editing::map_file_name(app, m))
        .collect();
    let ask = Ask::new(
        "Unsaved edits",
        vec![format!("Unsaved edits in {}.", names.join(", "))],
    )
    .choice(
        's',
        "save and quit",
        Answer::Run(Effect::Save {
            then_quit: true,
            force: false,
        }),
    )
    .choice(
        'd',
        "quit without saving (the edits are lost)",
        Answer::QuitDiscarding,
    )
    .choice('c', "cancel", Answer::Cancel);
    app.overlays.push(Overlay::Ask(Box::new(ask)));
}

/// Acts on the answer to a question.
pub fn answer(app: &mut App, answer: Answer) {
    match answer {
        Answer::Run(effect) => app.out.push(effect),
        Answer::Delete { map, node } => editing::delete(app, map, node),
        Answer::QuitDiscarding => {
            app.out.push(Effect::Quit(Quit::Discarding));
        }
        Answer::SaveAndEdit => {
            app.out.push(Effect::Save {
                then_quit: false,
                force: false,
            });
            // Runs after the save; if the save did not happen it says so.
            editing::open_editor_now(app);
        }
        Answer::Resolve { at, take, edit } => {
            crate::tui::workspace::conflicts::resolve(app, at, take, edit)
        }
        Answer::Cancel => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(then_quit: bool) -> Effect {
        Effect::Save {
            then_quit,
            force: false,
        }
    }

    #[test]
    fn letters_pick_answers() {
        let a = Ask::new("Quit?", vec!["unsaved".into()])
            .choice('s', "save and quit", Answer::Run(save(true)))
            .choice('d', "quit without saving", Answer::QuitDiscarding);
        assert_eq!(a.pick('S'), Some(&Answer::Run(save(true))));
        assert_eq!(a.pick('d'), Some(&Answer::QuitDiscarding));
        assert_eq!(a.pick('x'), None);
    }
}
