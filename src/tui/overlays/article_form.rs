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
use crate::tui::widgets::form::{Field, FieldKey, Form};
use crate::tui::workspace::editing;

/// The article form's fields, in the form's order. The thesis is asked
/// for a new article only; genre and stance basis come last so that the
/// older fields keep their places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArticleInput {
    Id,
    TitleEn,
    TitleOriginal,
    Author,
    Outlet,
    Date,
    Language,
    Source,
    Stance,
    RationaleEn,
    RationaleAr,
    ThesisEn,
    ThesisAr,
    Genre,
    StanceBasis,
}

impl ArticleInput {
    const ALL: [ArticleInput; 15] = [
        ArticleInput::Id,
        ArticleInput::TitleEn,
        ArticleInput::TitleOriginal,
        ArticleInput::Author,
        ArticleInput::Outlet,
        ArticleInput::Date,
        ArticleInput::Language,
        ArticleInput::Source,
        ArticleInput::Stance,
        ArticleInput::RationaleEn,
        ArticleInput::RationaleAr,
        ArticleInput::ThesisEn,
        ArticleInput::ThesisAr,
        ArticleInput::Genre,
        ArticleInput::StanceBasis,
    ];
}

impl FieldKey for ArticleInput {
    fn label(self) -> &'static str {
        match self {
            ArticleInput::Id => "id",
            ArticleInput::TitleEn => "title (English)",
            ArticleInput::TitleOriginal => "title (original)",
            ArticleInput::Author => "author",
            ArticleInput::Outlet => "outlet",
            ArticleInput::Date => "date",
            ArticleInput::Language => "language",
            ArticleInput::Source => "source",
            ArticleInput::Stance => "stance",
            ArticleInput::RationaleEn => "rationale (English)",
            ArticleInput::RationaleAr => "rationale (Arabic)",
            ArticleInput::ThesisEn => "thesis (English)",
            ArticleInput::ThesisAr => "thesis (Arabic)",
            ArticleInput::Genre => "genre",
            ArticleInput::StanceBasis => "stance basis",
        }
    }
}

const STANCES: [&str; 5] = ["pro", "anti", "mixed", "neutral", "not set"];
const GENRES: [&str; 6] = [
    "not set",
    "opinion",
    "news",
    "analysis",
    "explainer",
    "interview",
];

fn article_form(title: String, m: &ArticleMeta, new: bool, pick: Option<String>) -> Form {
    use ArticleInput as I;
    let stance = m
        .stance
        .map_or(4, |s| Stance::ALL.iter().position(|&x| x == s).unwrap_or(4));
    let field = |k: ArticleInput| {
        let label = k.label();
        Some(match k {
            I::Id => Field::text(
                label,
                &m.id,
                if new {
                    "letters, digits, - and _; names the file"
                } else {
                    "other maps' links name it (article-id/node-id)"
                },
            ),
            I::TitleEn => Field::text(label, &m.title_en, "required"),
            I::TitleOriginal => Field::text(label, &m.title_original, ""),
            I::Author => Field::text(label, m.author.as_deref().unwrap_or(""), ""),
            I::Outlet => Field::text(label, m.outlet.as_deref().unwrap_or(""), ""),
            I::Date => Field::text(
                label,
                m.date.as_deref().unwrap_or(""),
                "YYYY, YYYY-MM or YYYY-MM-DD",
            ),
            I::Language => Field::text(
                label,
                &m.language,
                "of the original text, as a code: ar, en, fr",
            ),
            I::Source => Field::text(
                label,
                m.source.as_deref().unwrap_or(""),
                match &pick {
                    Some(k) => format!("a file of --sources ({k} lists them)"),
                    None => "file name of the full text (--sources lists them)".into(),
                },
            ),
            I::Stance => Field::choice(label, STANCES, stance, "on the motion"),
            I::RationaleEn => Field::text(label, &m.rationale_en, "why this stance"),
            I::RationaleAr => Field::text(label, &m.rationale_ar, ""),
            I::ThesisEn if new => Field::text(label, "", "the article's main claim"),
            I::ThesisAr if new => Field::text(label, "", ""),
            I::ThesisEn | I::ThesisAr => return None,
            I::Genre => Field::choice(
                label,
                GENRES,
                m.genre
                    .and_then(|g| Genre::ALL.iter().position(|&x| x == g))
                    .map_or(0, |i| i + 1),
                "what sort of article",
            ),
            I::StanceBasis => Field::choice(
                label,
                StanceBasis::ALL.map(StanceBasis::name),
                usize::from(m.stance_basis == StanceBasis::Implicit),
                "explicit: the author says; implicit: a lean read from framing",
            ),
        })
    };
    let mut form = Form::new(
        title,
        ArticleInput::ALL.into_iter().filter_map(field).collect(),
    );
    form.focus_on(if new { I::Id } else { I::TitleEn });
    form
}

fn meta_from_form(f: &Form, old: &ArticleMeta) -> ArticleMeta {
    ArticleMeta {
        id: f.text_of(ArticleInput::Id).trim().into(),
        title_en: f.text_of(ArticleInput::TitleEn).trim().into(),
        title_original: f.text_of(ArticleInput::TitleOriginal).trim().into(),
        author: opt(f.text_of(ArticleInput::Author)),
        outlet: opt(f.text_of(ArticleInput::Outlet)),
        date: opt(f.text_of(ArticleInput::Date)),
        date_inferred: old.date_inferred && opt(f.text_of(ArticleInput::Date)) == old.date,
        genre: f.choice_of(ArticleInput::Genre).map_or(old.genre, |i| {
            i.checked_sub(1).and_then(|g| Genre::ALL.get(g).copied())
        }),
        language: f.text_of(ArticleInput::Language).trim().into(),
        source: opt(f.text_of(ArticleInput::Source)),
        stance: f
            .choice_of(ArticleInput::Stance)
            .and_then(|i| Stance::ALL.get(i).copied()),
        stance_basis: f
            .choice_of(ArticleInput::StanceBasis)
            .map_or(old.stance_basis, |i| {
                StanceBasis::ALL.get(i).copied().unwrap_or_default()
            }),
        rationale_en: f.text_of(ArticleInput::RationaleEn).trim().into(),
        rationale_ar: f.text_of(ArticleInput::RationaleAr).trim().into(),
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
    form.on(ArticleInput::Source)
}

/// The source field's text.
pub fn source_text(form: &Form) -> &str {
    form.text_of(ArticleInput::Source)
}

/// Puts the chosen source file's name into the article form's source field.
pub fn set_source(form: &mut Form, name: &str) {
    form.set_text(ArticleInput::Source, name);
}

/// The date field, if filled, is a real year, month or day (as `mizan
/// check` requires), else the form says what is expected.
fn check_date(f: &Form) -> Accepted {
    match opt(f.text_of(ArticleInput::Date)) {
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
    let id = f.text_of(ArticleInput::Id).trim().to_string();
    if app.ws.corpus.map_of(&id).is_some() {
        return Err(format!("another article has the id `{id}`"));
    }
    let meta = meta_from_form(f, &ArticleMeta::default());
    let thesis = Node::from(NodeFields {
        id: "thesis".into(),
        claim_en: f.text_of(ArticleInput::ThesisEn).trim().into(),
        claim_ar: f.text_of(ArticleInput::ThesisAr).trim().into(),
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

#[cfg(test)]
mod tests {
    use super::*;

    // A new article's form asks for the thesis, an existing one's does
    // not; either way the metadata read into the form comes back the same.
    #[test]
    fn metadata_round_trips_and_the_thesis_is_for_new_articles() {
        let arts = crate::synthetic::generate(4, 3, 7).1;
        for a in &arts {
            for new in [false, true] {
                let form = article_form("t".into(), &a.meta, new, None);
                assert_eq!(form.index_of(ArticleInput::ThesisEn).is_some(), new);
                assert_eq!(form.index_of(ArticleInput::ThesisAr).is_some(), new);
                assert!(form.on(if new {
                    ArticleInput::Id
                } else {
                    ArticleInput::TitleEn
                }));
                assert_eq!(meta_from_form(&form, &a.meta), a.meta);
            }
        }
        let mut form = article_form("t".into(), &arts[0].meta, false, None);
        set_source(&mut form, "x.txt");
        assert_eq!(source_text(&form), "x.txt");
    }
}
