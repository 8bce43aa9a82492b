//! The article form: an article's metadata — titles, author, outlet, date,
//! language, source, stance and rationale, genre and whether the stance is
//! explicit or an inferred lean — and, for a new article, its thesis. A
//! confirmed form becomes one undoable edit of the metadata, or a new
//! unsaved map. Split from `form` (the node form and the shared layer).

use crate::model::{Article, ArticleMeta, Genre, MapEntry, Node, NodeFields, Stance, StanceBasis};

use crate::model::date::PartialDate;
use crate::model::edit::Edit;
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use crate::tui::overlays::form_state::{Accepted, FormFor, FormState, opt};
use crate::tui::widgets::form::{Field, Form};
use crate::tui::workspace::editing;

// The article form's fields, in order.
const A_ID: usize = 0;
const A_TITLE_EN: usize = 1;
const A_TITLE: usize = 2;
const A_AUTHOR: usize = 3;
const A_OUTLET: usize = 4;
const A_DATE: usize = 5;
const A_LANG: usize = 6;
const A_SOURCE: usize = 7;
const A_STANCE: usize = 8;
const A_WHY_EN: usize = 9;
const A_WHY_AR: usize = 10;
const A_THESIS_EN: usize = 11;
const A_THESIS_AR: usize = 12;

const STANCES: [&str; 5] = ["pro", "anti", "mixed", "neutral", "not set"];
const GENRES: [&str; 6] = [
    "not set",
    "opinion",
    "news",
    "analysis",
    "explainer",
    "interview",
];

/// A field of the article form by label (the genre and stance basis sit
/// after the thesis fields, which only a new article has).
fn field_at(f: &Form, label: &str) -> Option<usize> {
    f.fields.iter().position(|x| x.label == label)
}

fn article_form(title: String, m: &ArticleMeta, new: bool, pick: Option<String>) -> Form {
    let stance = m
        .stance
        .map_or(4, |s| Stance::ALL.iter().position(|&x| x == s).unwrap_or(4));
    let mut fields = vec![
        Field::text(
            "id",
            &m.id,
            if new {
                "letters, digits, - and _; names the file"
            } else {
                "other maps' links name it (article-id/node-id)"
            },
        ),
        Field::text("title (English)", &m.title_en, "required"),
        Field::text("title (original)", &m.title_original, ""),
        Field::text("author", m.author.as_deref().unwrap_or(""), ""),
        Field::text("outlet", m.outlet.as_deref().unwrap_or(""), ""),
        Field::text(
            "date",
            m.date.as_deref().unwrap_or(""),
            "YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        Field::text(
            "language",
            &m.language,
            "of the original text, as a code: ar, en, fr",
        ),
        Field::text(
            "source",
            m.source.as_deref().unwrap_or(""),
            match pick {
                Some(k) => format!("a file of --sources ({k} lists them)"),
                None => "file name of the full text (--sources lists them)".into(),
            },
        ),
        Field::choice("stance", STANCES, stance, "on the motion"),
        Field::text("rationale (English)", &m.rationale_en, "why this stance"),
        Field::text("rationale (Arabic)", &m.rationale_ar, ""),
    ];
    if new {
        fields.push(Field::text(
            "thesis (English)",
            "",
            "the article's main claim",
        ));
        fields.push(Field::text("thesis (Arabic)", "", ""));
    }
    // Last, so that the older fields keep their places.
    fields.push(Field::choice(
        "genre",
        GENRES,
        m.genre
            .and_then(|g| Genre::ALL.iter().position(|&x| x == g))
            .map_or(0, |i| i + 1),
        "what sort of article",
    ));
    fields.push(Field::choice(
        "stance basis",
        StanceBasis::ALL.map(StanceBasis::name),
        usize::from(m.stance_basis == StanceBasis::Implicit),
        "explicit: the author says; implicit: a lean read from framing",
    ));
    let mut form = Form::new(title, fields);
    form.focus = if new { A_ID } else { A_TITLE_EN };
    form
}

fn meta_from_form(f: &Form, old: &ArticleMeta) -> ArticleMeta {
    ArticleMeta {
        id: f.text(A_ID).trim().into(),
        title_en: f.text(A_TITLE_EN).trim().into(),
        title_original: f.text(A_TITLE).trim().into(),
        author: opt(f.text(A_AUTHOR)),
        outlet: opt(f.text(A_OUTLET)),
        date: opt(f.text(A_DATE)),
        date_inferred: old.date_inferred && opt(f.text(A_DATE)) == old.date,
        genre: field_at(f, "genre").map_or(old.genre, |i| {
            f.choice(i)
                .checked_sub(1)
                .and_then(|g| Genre::ALL.get(g).copied())
        }),
        language: f.text(A_LANG).trim().into(),
        source: opt(f.text(A_SOURCE)),
        stance: Stance::ALL.get(f.choice(A_STANCE)).copied(),
        stance_basis: field_at(f, "stance basis").map_or(old.stance_basis, |i| {
            StanceBasis::ALL
                .get(f.choice(i))
                .copied()
                .unwrap_or_default()
        }),
        rationale_en: f.text(A_WHY_EN).trim().into(),
        rationale_ar: f.text(A_WHY_AR).trim().into(),
        conflicts: old.conflicts.clone(),
    }
}

/// The key that lists the source files, when there is a sources folder.
fn source_pick_key(app: &App) -> Option<String> {
    app.ws
        .sources_dir
        .as_ref()
        .map(|_| app.key(Mode::Form, Action::Pick))
}

/// Whether the article form's focused field is its source (`C-p` there
/// lists the files of --sources).
pub fn on_source(form: &Form) -> bool {
    form.focus == A_SOURCE
}

/// The source field's text.
pub fn source_text(form: &Form) -> &str {
    form.text(A_SOURCE)
}

/// Puts the chosen source file's name into the article form's source field.
pub fn set_source(form: &mut Form, name: &str) {
    if let Some(crate::tui::widgets::form::FieldValue::Text(line)) =
        form.fields.get_mut(A_SOURCE).map(|f| &mut f.value)
    {
        line.text = name.to_string();
        line.cursor = line.text.len();
    }
}

/// The date field, if filled, is a real year, month or day (as `mizan
/// check` requires), else the form says what is expected.
fn check_date(f: &Form) -> Accepted {
    match opt(f.text(A_DATE)) {
        Some(d) => PartialDate::parse(&d)
            .map(|_| ())
            .map_err(|e| format!("date: {e}")),
        None => Ok(()),
    }
}

/// `I`: the selected article's title, stance and metadata.
pub fn open_article(app: &mut App) {
    let map = app.map();
    let Some(a) = app.ws.corpus.article(map) else {
        return;
    };
    let form = article_form(
        format!("Article `{}`", a.meta.id),
        &a.meta,
        false,
        source_pick_key(app),
    );
    app.overlays.push(Overlay::Form(Box::new(FormState {
        form,
        target: FormFor::Article { map },
    })));
}

/// `N`: a new article map.
pub fn open_new_article(app: &mut App) {
    let meta = ArticleMeta {
        language: "ar".into(),
        ..Default::default()
    };
    let form = article_form("New article".into(), &meta, true, source_pick_key(app));
    app.overlays.push(Overlay::Form(Box::new(FormState {
        form,
        target: FormFor::NewArticle,
    })));
}

pub(super) fn accept_article(app: &mut App, f: &Form, map: u32) -> Accepted {
    check_date(f)?;
    let a = app.ws.corpus.article(map).ok_or("the map is gone")?;
    let meta = meta_from_form(f, &a.meta);
    if meta == a.meta {
        app.flash = Some("no change".into());
        return Ok(());
    }
    if meta.id != a.meta.id && app.ws.corpus.map_of(&meta.id).is_some() {
        return Err(format!("another article has the id `{}`", meta.id));
    }
    // The id names the map's exports: the one rule for article ids.
    crate::model::ids::check_article_id(&meta.id)?;
    let root = a.root;
    let name = format!("edit article `{}`", a.meta.id);
    editing::apply(app, map, Edit::Meta(Box::new(meta)), name, root, root);
    Ok(())
}

/// Checks what needs no disk and asks for the article to be made: the
/// file name is found by the effect (`create_article`), which closes the
/// form or shows why not.
pub(super) fn accept_new_article(app: &mut App, f: &Form) -> Accepted {
    check_date(f)?;
    let id = f.text(A_ID).trim().to_string();
    if app.ws.corpus.map_of(&id).is_some() {
        return Err(format!("another article has the id `{id}`"));
    }
    let meta = meta_from_form(f, &ArticleMeta::default());
    let thesis = Node::from(NodeFields {
        id: "thesis".into(),
        claim_en: f.text(A_THESIS_EN).trim().into(),
        claim_ar: f.text(A_THESIS_AR).trim().into(),
        ..Default::default()
    });
    let article = Article {
        meta,
        nodes: vec![thesis],
        root: 0,
    };
    app.out.push(Effect::NewArticle(Box::new(article)));
    Ok(())
}

/// `Effect::NewArticle`: the article gets a file name in the maps
/// directory and is added as an unsaved map; the form on top closes. A
/// name that cannot be used is shown in the form, which stays.
pub fn create_article(app: &mut App, article: Article) {
    let id = article.meta.id.to_string();
    let path = match crate::store::names::new_map_path(&app.ws.maps_dir, &id) {
        Ok(p) => p,
        Err(e) => {
            if let Some(Overlay::Form(st)) = app.overlays.last_mut() {
                st.form.error = Some(e.to_string());
            }
            return;
        }
    };
    if let Some(Overlay::Form(st)) = app.overlays.last()
        && st.target == FormFor::NewArticle
    {
        app.overlays.pop();
    }
    let entry = MapEntry {
        path: path.clone(),
        article: Some(article),
        error: None,
        positions: Vec::new(),
        hash: 0,
    };
    let map = crate::tui::workspace::saving::add_unsaved(app, entry);
    editing::show(app, map, 0);
    app.flash = Some(format!(
        "new article `{id}`: {} writes {}; {} adds reasons",
        app.key(Mode::Normal, Action::Save),
        path.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        app.key(Mode::Normal, Action::AddChild)
    ));
}
