//! Key hints made from the keymap table, so a rebound key shows as bound
//! everywhere: each action's first key in a mode and the row's label,
//! actions side by side with one label sharing it (`[ ] other article`),
//! unbound actions left out.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::palette::Palette;

/// (keys, label) for each hint, in order.
pub fn hints(km: &Keymap, mode: Mode, actions: &[Action]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for &a in actions {
        let Some(key) = km.key(mode, a) else { continue };
        let label = km.label(mode, a);
        match out.last_mut() {
            Some((keys, l)) if *l == label => {
                keys.push(' ');
                keys.push_str(&key.to_string());
            }
            _ => out.push((key.to_string(), label)),
        }
    }
    out
}

/// Hints for a status line: the key, then its label dimmed, two spaces apart.
pub fn status_spans(
    km: &Keymap,
    p: &Palette,
    mode: Mode,
    actions: &[Action],
) -> Vec<Span<'static>> {
    hints(km, mode, actions)
        .into_iter()
        .flat_map(|(keys, label)| {
            [
                Span::styled(keys, p.key),
                Span::styled(format!(" {label}  "), p.dim),
            ]
        })
        .collect()
}

/// Hints for a popup's bottom border: `Enter confirm · Esc cancel`.
pub fn footer_spans(
    km: &Keymap,
    p: &Palette,
    mode: Mode,
    actions: &[Action],
) -> Vec<Span<'static>> {
    let mut spans = vec![Span::raw(" ")];
    for (i, (keys, label)) in hints(km, mode, actions).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", p.dim));
        }
        spans.push(Span::styled(keys, p.key));
        spans.push(Span::styled(format!(" {label}"), Style::new()));
    }
    spans.push(Span::raw(" "));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::key::Key;
    use crate::tui::keymap::UserBinding;

    // Labels come from the table, shared labels share one hint, a rebound
    // key shows as rebound and an unbound action is left out.
    #[test]
    fn from_the_table() {
        let km = Keymap::default_map();
        let h = hints(
            &km,
            Mode::Compare,
            &[
                Action::Swap,
                Action::PrevArticle,
                Action::NextArticle,
                Action::Close,
            ],
        );
        assert_eq!(
            h,
            [
                ("s".to_string(), "swap"),
                ("[ ]".to_string(), "other article"),
                ("Esc".to_string(), "back"),
            ]
        );
        let km = Keymap::with_user(&[
            UserBinding {
                mode: Mode::Compare,
                key: Key::parse("s").unwrap(),
                action: None,
            },
            UserBinding {
                mode: Mode::Compare,
                key: Key::parse("w").unwrap(),
                action: Some(Action::Swap),
            },
            UserBinding {
                mode: Mode::Compare,
                key: Key::parse("[").unwrap(),
                action: None,
            },
        ]);
        let h = hints(
            &km,
            Mode::Compare,
            &[Action::Swap, Action::PrevArticle, Action::NextArticle],
        );
        assert_eq!(
            h,
            [
                ("w".to_string(), "swap"),
                ("]".to_string(), "other article")
            ]
        );
    }
}
