//! The compare screen's keys (its state is `compare_state`'s): two articles side by side, a
//! selection moving through one side's nodes theme by theme. Drawing is
//! `compare_view`'s.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::compare::Side;
use crate::model::NodeRef;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::Overlay;
use crate::tui::overlays::export_state::Export;
use crate::tui::overlays::help;
use crate::tui::screens::compare_view;
use crate::tui::screens::navigate::jump_to;
use crate::tui::screens::open;
use crate::tui::workspace::quitting::request_quit;

pub use crate::tui::screens::compare_state::CompareState;
use crate::tui::screens::compare_state::body_height;
pub use crate::tui::screens::open::compare as open_compare;

/// Switches whether reported claims count, and says which now do.
pub fn toggle_reported(app: &mut App) {
    app.settings.voices = app.settings.voices.toggled();
    app.flash = Some(match app.settings.voices {
        crate::compare::Voices::Own => {
            "counting the authors' own claims; reported ones (‹voice›) are shown apart".into()
        }
        crate::compare::Voices::All => "counting reported claims (‹voice›) as the authors'".into(),
    });
}

impl Layer for CompareState {
    fn mode(&self) -> Mode {
        Mode::Compare
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        let h = body_height(app.view.areas.screen);
        let s = self;
        match action {
            Action::Close => return Outcome::Close,
            Action::Quit => request_quit(app),
            Action::Help => return Outcome::Push(Overlay::Help(help::at(app, Mode::Compare))),
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
                if !open_compare(app, b, a) {
                    return Outcome::Stay;
                }
                if let crate::tui::screens::Screen::Compare(s, _) = &mut app.screen
                    && side == Side::A
                {
                    s.switch_side(h);
                }
                return Outcome::Close;
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
                    return Outcome::Stay;
                };
                let n = others.len();
                let j = if action == Action::NextArticle {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                if open_compare(app, a, others[j]) {
                    return Outcome::Close;
                }
            }
            Action::ToggleLanguage => {
                app.settings.lang = app.settings.lang.other();
            }
            Action::ToggleReported => {
                // The same pair, side, filter and place, counted anew.
                let (a, b, sel, side, clashes) = (s.cmp.a, s.cmp.b, s.sel, s.side, s.clashes_only);
                toggle_reported(app);
                if open_compare(app, a, b) {
                    if let crate::tui::screens::Screen::Compare(s, _) = &mut app.screen {
                        s.clashes_only = clashes;
                        if side == Side::B {
                            s.switch_side(h);
                        }
                        s.sel = 0;
                        s.select(sel as isize, h);
                    }
                    return Outcome::Close;
                }
            }
            Action::Accept => {
                if let Some((map, node)) = s.selected_node() {
                    jump_to(app, NodeRef { map, node });
                    return Outcome::Close;
                }
            }
            Action::Overview => {
                open::overview(app);
                return Outcome::Close;
            }
            Action::Export => {
                let ids = [s.cmp.a, s.cmp.b]
                    .iter()
                    .filter_map(|&m| app.ws.corpus.article(m).map(|a| a.meta.id.to_string()))
                    .collect();
                return Outcome::Push(Overlay::Export(Export::new(ids)));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        compare_view::render(app, self, screen, buf);
        None
    }
}
