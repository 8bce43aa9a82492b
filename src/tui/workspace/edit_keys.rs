//! The browser's editing keys: which edit each one makes, or which form or
//! question it opens. Above both the editing primitives and the forms,
//! which use those primitives.

use crate::tui::action::Action;
use crate::tui::app::{App, Focus};
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::overlays::form;
use crate::tui::overlays::form_state::Target;
use crate::tui::workspace::editing::{
    ask_delete, cut, indent, move_among_siblings, open_editor, outdent, paste, undo,
};

/// Runs an editing action in the browser.
pub fn act(app: &mut App, action: Action) {
    match action {
        Action::Undo => return undo(app, true),
        Action::Redo => return undo(app, false),
        Action::Save => {
            return app.out.push(Effect::Save {
                then_quit: false,
                force: false,
            });
        }
        Action::NewArticle => return form::open_new_article(app),
        _ => {}
    }
    let map = app.map();
    if app.ws.corpus.article(map).is_none() {
        if action == Action::OpenEditor {
            open_editor(app);
        } else {
            app.flash = Some(format!(
                "this map did not load: fix it in a text editor ({}) first",
                app.key(Mode::Normal, Action::OpenEditor)
            ));
        }
        return;
    }
    // The keys act on the tree; from the article list, they act on its tree.
    if app.screen.browse().focus == Focus::Articles && action != Action::EditArticle {
        app.screen.browse_mut().focus = Focus::Tree;
    }
    match action {
        Action::AddChild => form::open_node(app, Target::Child),
        Action::AddSibling => form::open_node(app, Target::Sibling),
        Action::EditNode => form::open_node(app, Target::Edit),
        Action::EditArticle => form::open_article(app),
        Action::DeleteNode => ask_delete(app),
        Action::MoveDown => move_among_siblings(app, 1),
        Action::MoveUp => move_among_siblings(app, -1),
        Action::Indent => indent(app),
        Action::Outdent => outdent(app),
        Action::Cut => cut(app),
        Action::Paste => paste(app),
        Action::OpenEditor => open_editor(app),
        _ => {}
    }
}
