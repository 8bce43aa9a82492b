//! Colours. Named `Palette` because "theme" is a mizan domain word (an
//! argument's topic). Stance and bearing also have glyphs, so nothing depends
//! on colour alone; `NO_COLOR` gives a palette of modifiers only.

use std::collections::HashMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::model::{Bearing, Stance};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    pub pro: Style,
    pub anti: Style,
    pub mixed: Style,
    pub neutral: Style,
    pub broken: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub selection: Style,
    /// A quoted passage in the source pane.
    pub quoted: Style,
    /// The selected node's quote in the source pane.
    pub quoted_current: Style,
    pub warning: Style,
    pub error: Style,
    pub key: Style,
}

impl Palette {
    pub fn colored() -> Palette {
        let fg = |c| Style::new().fg(c);
        Palette {
            pro: fg(Color::Green),
            anti: fg(Color::Red),
            mixed: fg(Color::Yellow),
            neutral: fg(Color::Gray),
            broken: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            dim: fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            selection: Style::new()
                .bg(Color::Rgb(40, 50, 70))
                .add_modifier(Modifier::BOLD),
            quoted: Style::new().bg(Color::Rgb(45, 45, 30)),
            quoted_current: Style::new().bg(Color::Rgb(110, 90, 20)).fg(Color::White),
            warning: fg(Color::Yellow),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// For `NO_COLOR`: emphasis by modifiers only.
    pub fn monochrome() -> Palette {
        let plain = Style::new();
        Palette {
            pro: plain,
            anti: plain,
            mixed: plain,
            neutral: plain,
            broken: Style::new().add_modifier(Modifier::BOLD),
            dim: plain,
            title: Style::new().add_modifier(Modifier::BOLD),
            border: plain,
            border_focus: Style::new().add_modifier(Modifier::BOLD),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            quoted: Style::new().add_modifier(Modifier::UNDERLINED),
            quoted_current: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The palette for this environment: monochrome when `NO_COLOR` is set
    /// to anything non-empty (no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Palette {
        match no_color {
            Some(v) if !v.is_empty() => Palette::monochrome(),
            _ => Palette::colored(),
        }
    }

    /// Applies `name = colour` overrides from the config (foreground colours;
    /// names as ratatui parses them: `red`, `#ff8800`, `light-blue`, `42`).
    pub fn patch(&mut self, colors: &HashMap<String, String>) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, value) in colors {
            let Ok(color) = Color::from_str(value) else {
                problems.push(format!("colour `{value}` for `{name}` is not a colour"));
                continue;
            };
            let slot = match name.as_str() {
                "pro" => &mut self.pro,
                "anti" => &mut self.anti,
                "mixed" => &mut self.mixed,
                "neutral" => &mut self.neutral,
                "dim" => &mut self.dim,
                "border" => &mut self.border,
                "border_focus" => &mut self.border_focus,
                "key" => &mut self.key,
                "warning" => &mut self.warning,
                "error" => &mut self.error,
                "selection" => {
                    self.selection = self.selection.bg(color);
                    continue;
                }
                "quoted" => {
                    self.quoted = self.quoted.bg(color);
                    continue;
                }
                "quoted_current" => {
                    self.quoted_current = self.quoted_current.bg(color);
                    continue;
                }
                _ => {
                    problems.push(format!("`{name}` is not a palette colour"));
                    continue;
                }
            };
            *slot = slot.fg(color);
        }
        problems
    }

    pub fn stance(&self, s: Option<Stance>) -> Style {
        match s {
            Some(Stance::Pro) => self.pro,
            Some(Stance::Anti) => self.anti,
            Some(Stance::Mixed) => self.mixed,
            Some(Stance::Neutral) | None => self.neutral,
        }
    }

    pub fn bearing(&self, b: Option<Bearing>) -> Style {
        match b {
            Some(Bearing::For) => self.pro,
            Some(Bearing::Against) => self.anti,
            Some(Bearing::Neither) => self.mixed,
            None => self.error,
        }
    }
}

/// The stance badge glyph: readable without colour.
pub fn stance_glyph(s: Option<Stance>) -> &'static str {
    match s {
        Some(Stance::Pro) => "▲",
        Some(Stance::Anti) => "▼",
        Some(Stance::Mixed) => "◆",
        Some(Stance::Neutral) => "●",
        None => "?",
    }
}

/// A node's bearing glyph (the same shapes as stances: for = pro).
pub fn bearing_glyph(b: Option<Bearing>) -> &'static str {
    match b {
        Some(Bearing::For) => "▲",
        Some(Bearing::Against) => "▼",
        Some(Bearing::Neither) => "◆",
        None => "?",
    }
}
