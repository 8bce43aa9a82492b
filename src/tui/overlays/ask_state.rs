//! A question that stops the world until answered, as data: its title,
//! lines and lettered choices, what each answer does, and how it is drawn.
//! Acting on an answer is `ask`'s; anything may ask one without importing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::model::NodeIdx;
use crate::tui::effect::Effect;
use crate::tui::palette::Palette;
use crate::tui::widgets::popup;

/// Which conflict a question is about: of a node, or of the article (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConflictAt {
    pub map: u32,
    pub node: Option<NodeIdx>,
}

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
        at: ConflictAt,
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

pub fn render(ask: &Ask, p: &Palette, cancel: &str, area: Rect, buf: &mut Buffer) {
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
    crate::tui::widgets::popup::clear(r, buf);
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
