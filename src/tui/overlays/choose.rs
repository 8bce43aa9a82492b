//! The pickers: themes from the motion's vocabulary (several, marked with
//! Tab), a link's target over every other article's nodes, then the link's
//! kind, a voice, a source file, the article to compare with. What is
//! chosen goes back into the form under them (or opens the compare
//! screen). The form says which kind of list it wants (`ListField`), so
//! this does not know the form's field order.

use std::sync::Arc;

use crate::model::LinkKind;
use crate::search::Index;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::{App, Lang, Overlay};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::form_state::{FormFor, FormState};
use crate::tui::palette::stance_glyph;
use crate::tui::screens::compare::open_compare;
use crate::tui::widgets::chooser::{ChooseEvent, Chooser, NodeItems};
use crate::tui::workspace::Workspace;

pub use crate::tui::overlays::choose_state::ListField;
use crate::tui::overlays::choose_state::{ChooseFor, ChooseState};
use crate::tui::widgets::chooser_view;

/// Opens the picker for list field `field` (of kind `what`) of the form on top.
pub fn open(app: &mut App, st: &FormState, field: usize, what: ListField, query: &str) {
    if what == ListField::Voice {
        return open_voice(app, st, field, query);
    }
    let (FormFor::NewNode { map, .. } | FormFor::EditNode { map, .. }) = st.target else {
        return;
    };
    let chosen = st.form.list(field).to_vec();
    let (chooser, purpose) = if what == ListField::Themes {
        let items = app
            .ws
            .corpus
            .motion
            .as_ref()
            .map(|m| {
                m.themes
                    .iter()
                    .map(|t| (t.id.to_string(), format!("{} — {} — {}", t.id, t.en, t.ar)))
                    .collect()
            })
            .unwrap_or_default();
        (
            Chooser::new(
                format!(
                    "Themes — {} marks, {} keeps",
                    app.key(Mode::Search, Action::Toggle),
                    app.key(Mode::Search, Action::Accept)
                ),
                items,
                true,
                &chosen,
                query,
            ),
            ChooseFor::Themes { field },
        )
    } else {
        // Links go to other articles (a link inside one article is flagged).
        // Items are made when shown or chosen (see `NodeItems`).
        let nodes = NodeItems::new(Arc::clone(&app.ws.corpus), map);
        // They are found with the search index (made on the first `/` or
        // here, and kept up to date by edits). It is built on the search
        // thread: the picker opens without waiting and `pump` hands it over.
        if app.ws.search.is_none() {
            app.ws.search = Some(crate::tui::workspace::search_engine::Engine::new(
                &app.ws.corpus,
            ));
        }
        let chooser = Chooser::nodes(
            format!(
                "Link to — {} chooses",
                app.key(Mode::Search, Action::Accept)
            ),
            nodes,
            link_index(&mut app.ws, false),
            query,
        );
        (chooser, ChooseFor::LinkTarget { field })
    };
    app.overlays
        .push(Overlay::Choose(Box::new(ChooseState { chooser, purpose })));
}

/// The search index for the link picker, with the edits made while it
/// was being built applied; `None` while it is building (unless `wait`).
fn link_index(ws: &mut Workspace, wait: bool) -> Option<Arc<Index>> {
    let corpus = &ws.corpus;
    let engine = ws.search.as_mut()?;
    if wait {
        engine.worker.wait_index();
    }
    engine.catch_up(corpus);
    engine.index()
}

/// The voice picker: the author, then the speakers the article already
/// names (so one speaker keeps one spelling); a name matching none of them
/// is taken as a new speaker.
fn open_voice(app: &mut App, st: &FormState, field: usize, query: &str) {
    let (FormFor::NewNode { map, .. } | FormFor::EditNode { map, .. }) = st.target else {
        return;
    };
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let mut items = vec![(String::new(), "(the author's own claim)".to_string())];
    items.extend(
        crate::model::attribution::speakers(a)
            .into_iter()
            .map(|v| (v.to_string(), v.to_string())),
    );
    let chooser = Chooser::new(
        format!(
            "Who says it — {} chooses; a new name is typed, then {}",
            app.key(Mode::Search, Action::Accept),
            app.key(Mode::Search, Action::Accept)
        ),
        items,
        false,
        &[],
        "",
    );
    let chooser = chooser.with_query(query);
    app.overlays.push(Overlay::Choose(Box::new(ChooseState {
        chooser,
        purpose: ChooseFor::Voice { field },
    })));
}

impl Layer for ChooseState {
    fn mode(&self) -> Mode {
        Mode::Search
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        // A speaker not yet used in the article: the typed name is the
        // voice, unless the selected speaker contains it (fuzzy matching
        // alone would turn "US" into "(the author's own claim)").
        if let ChooseFor::Voice { field } = self.purpose
            && action == Action::Accept
        {
            let c = &self.chooser;
            let name = c.line.text.trim().to_string();
            let selected = c
                .filtered
                .get(c.selected)
                .map(|&i| c.label(i).to_lowercase());
            if !name.is_empty() && !selected.is_some_and(|l| l.contains(&name.to_lowercase())) {
                chosen(app, ChooseFor::Voice { field }, vec![name]);
                return Outcome::Close;
            }
        }
        // Enter chooses among the query's matches: a query typed before
        // the search index was built waits for it here.
        if action == Action::Accept
            && self.chooser.indexing.is_some()
            && let Some(index) = link_index(&mut app.ws, true)
        {
            self.chooser.set_index(index);
        }
        let rows = chooser_view::rows(app.view.areas.screen);
        match self.chooser.handle(action, rows) {
            ChooseEvent::None => Outcome::Stay,
            ChooseEvent::Cancel => Outcome::Close,
            ChooseEvent::Done(values) => {
                chosen(app, self.purpose.clone(), values);
                Outcome::Close
            }
        }
    }

    fn typed(&mut self, _app: &mut App, c: char) -> Option<Outcome> {
        self.chooser.type_char(c);
        Some(Outcome::Stay)
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Outcome {
        self.chooser.paste(text);
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let s = &app.settings;
        chooser_view::render(&self.chooser, &s.palette, s.bidi, &s.keymap, screen, buf)
    }
}

/// The files of `--sources` for an article form's source field, each with
/// the start of its text to tell them apart.
pub fn open_source(app: &mut App, query: &str) {
    let Some(dir) = app.ws.sources_dir.clone() else {
        app.flash = Some("no sources folder: start mizan with --sources DIR".into());
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    if names.is_empty() {
        app.flash = Some(format!("no files in {}", dir.display()));
        return;
    }
    let items = names
        .into_iter()
        .map(|n| {
            let start: String = std::fs::read_to_string(dir.join(&n))
                .ok()
                .and_then(|t| t.lines().find(|l| !l.trim().is_empty()).map(str::to_owned))
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            (n.clone(), format!("{n} — {}", start.trim()))
        })
        .collect();
    let chooser = Chooser::new(
        format!(
            "Source file in {} — {} chooses",
            dir.display(),
            app.key(Mode::Search, Action::Accept)
        ),
        items,
        false,
        &[],
        "",
    );
    let chooser = chooser.with_query(query);
    app.overlays.push(Overlay::Choose(Box::new(ChooseState {
        chooser,
        purpose: ChooseFor::Source,
    })));
}

/// Takes the answer of the top chooser's scoring thread if it came, and
/// hands the link picker the search index once built; returns whether
/// either is still awaited, so the loop can poll again soon.
pub fn pump(app: &mut App) -> bool {
    let Some(Overlay::Choose(st)) = app.overlays.last_mut() else {
        return false;
    };
    if st.chooser.needs_index() {
        match link_index(&mut app.ws, false) {
            Some(index) => st.chooser.set_index(index),
            None => {
                // Still building: a query typed meanwhile shows how far.
                if st.chooser.indexing.is_none() {
                    return false;
                }
                let progress = app.ws.search.as_ref().and_then(|e| e.worker.progress());
                st.chooser.indexing = Some(progress.unwrap_or(0));
                return true;
            }
        }
    }
    st.chooser.poll()
}

/// `c`: the articles to compare the current one with, matched on their
/// ids and both titles (Arabic normalised).
pub fn open_compare_picker(app: &mut App) {
    let a = app.map();
    if app.ws.corpus.article(a).is_none() {
        app.flash = Some("this map did not load; there is nothing to compare".into());
        return;
    }
    let lang = app.settings.lang;
    let (mut items, mut keys) = (Vec::new(), Vec::new());
    for (m, art) in app.ws.corpus.articles().filter(|&(m, _)| m != a) {
        let st = art.meta.stance;
        let title = match lang {
            Lang::Ar => &art.meta.title_original,
            Lang::En => &art.meta.title_en,
        };
        let badge = format!("{} {}", stance_glyph(st), st.map_or("?", |s| s.name()));
        items.push((m.to_string(), format!("{badge} — {title}")));
        keys.push(format!(
            "{} {} {}",
            art.meta.id, art.meta.title_en, art.meta.title_original
        ));
    }
    if items.is_empty() {
        app.flash = Some("there is no other article to compare with".into());
        return;
    }
    let a_id = app.ws.corpus.article(a).map_or("", |x| &*x.meta.id);
    let chooser =
        Chooser::new(format!("Compare {a_id} with"), items, false, &[], "").with_keys(keys);
    app.overlays.push(Overlay::Choose(Box::new(ChooseState {
        chooser,
        purpose: ChooseFor::Compare { a },
    })));
}

fn chosen(app: &mut App, purpose: ChooseFor, values: Vec<String>) {
    match purpose {
        ChooseFor::Compare { a } => {
            if let Some(b) = values.first().and_then(|v| v.parse().ok()) {
                open_compare(app, a, b);
            }
        }
        ChooseFor::Source => {
            if let (Some(name), Some(Overlay::Form(st))) = (values.first(), app.overlays.last_mut())
            {
                crate::tui::overlays::article_form::set_source(&mut st.form, name);
            }
        }
        ChooseFor::Voice { field } => {
            if let Some(Overlay::Form(st)) = app.overlays.last_mut()
                && let Some(list) = st.form.list_mut(field)
            {
                // Empty is the author's own voice: no speaker.
                *list = values
                    .into_iter()
                    .filter(|v| !v.trim().is_empty())
                    .collect();
                list.truncate(1);
            }
        }
        ChooseFor::Themes { field } => {
            if let Some(Overlay::Form(st)) = app.overlays.last_mut()
                && let Some(list) = st.form.list_mut(field)
            {
                *list = values;
            }
        }
        ChooseFor::LinkTarget { field } => {
            let Some(to) = values.into_iter().next() else {
                return;
            };
            let items = [LinkKind::Agrees, LinkKind::Contradicts, LinkKind::Rebuts]
                .iter()
                .map(|k| (k.name().to_string(), k.name().to_string()))
                .collect();
            let chooser = Chooser::new(format!("Link to {to} — how?"), items, false, &[], "");
            app.overlays.push(Overlay::Choose(Box::new(ChooseState {
                chooser,
                purpose: ChooseFor::LinkKind { field, to },
            })));
        }
        ChooseFor::LinkKind { field, to } => {
            let Some(kind) = values.into_iter().next() else {
                return;
            };
            if let Some(Overlay::Form(st)) = app.overlays.last_mut()
                && let Some(list) = st.form.list_mut(field)
            {
                list.push(format!("{kind} {to}"));
            }
        }
    }
}
