//! A question that stops the world until answered: delete this node? quit
//! with unsaved edits? the file changed on disk, now what? Each choice has a
//! letter, typed before any binding; Esc cancels. The answer is acted on
//! by [`answer`]. The question itself (`Ask`) is `ask_state`'s, so saving,
//! editing and quitting (`workspace::quitting`) ask without importing this.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::ask_state::render;
use crate::tui::workspace::Quit;
use crate::tui::workspace::editing;
use crate::tui::workspace::quitting::request_quit;

use crate::tui::overlays::ask_state::{Answer, Ask};

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
