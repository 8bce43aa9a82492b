//! The node and article forms: what fields they have, filled from the model,
//! and what a confirmed form turns into (one undoable edit). The form widget
//! itself is generic (`form`), as is the picker for themes and links
//! (`choose`).

use crate::model::date::PartialDate;
use crate::model::edit::{self, Edit, NodeField};
use crate::model::{
    Article, ArticleMeta, Bearing, ClaimKind, Genre, Link, LinkKind, MapEntry, Node, NodeIdx,
    Relation, Stance, StanceBasis,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::effects::Effect;
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::choose;
use crate::tui::overlays::help::Help;
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::form_view;
use crate::tui::workspace::editing::{self, node_name, unique_id};

/// Where a node form's node goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Child,
    Sibling,
    Edit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormFor {
    NewNode {
        map: u32,
        parent: NodeIdx,
        at: usize,
    },
    EditNode {
        map: u32,
        node: NodeIdx,
    },
    Article {
        map: u32,
    },
    NewArticle,
}

#[derive(Debug, Clone)]
pub struct FormState {
    pub form: Form,
    pub target: FormFor,
}

// The node form's fields, in order.
const ID: usize = 0;
const EN: usize = 1;
const AR: usize = 2;
const RELATION: usize = 3;
const BEARING: usize = 4;
const QUOTE: usize = 5;
pub(super) const THEMES: usize = 6;
const LINKS: usize = 7;
const NOTE: usize = 8;
// Who argues what (issue 13), after the older fields so that their places
// (and the keys that reach them) stay as they were.
pub(super) const VOICE: usize = 9;
const KIND: usize = 10;

const KINDS: [&str; 5] = [
    "unclassified",
    "fact",
    "prediction",
    "evaluation",
    "proposal",
];

const RELATIONS: [&str; 3] = ["supports", "opposes", "none"];
const BEARINGS: [&str; 4] = ["derived", "for", "against", "neither"];

fn relation_index(r: Option<Relation>) -> usize {
    match r {
        Some(Relation::Supports) => 0,
        Some(Relation::Opposes) => 1,
        None => 2,
    }
}

fn bearing_index(b: Option<Bearing>) -> usize {
    match b {
        None => 0,
        Some(Bearing::For) => 1,
        Some(Bearing::Against) => 2,
        Some(Bearing::Neither) => 3,
    }
}

fn link_label(l: &Link) -> String {
    format!("{} {}", l.kind.name(), l.to)
}

fn parse_link(s: &str) -> Option<Link> {
    let (kind, to) = s.split_once(' ')?;
    let kind = [LinkKind::Agrees, LinkKind::Contradicts, LinkKind::Rebuts]
        .into_iter()
        .find(|k| k.name() == kind)?;
    Some(Link {
        kind,
        to: to.into(),
    })
}

/// `pick`: the key that opens the chooser of a list field.
fn node_form(title: String, n: &Node, pick: &str) -> Form {
    let mut form = Form::new(
        title,
        vec![
            Field::text("id", &n.id, "empty: made from the English claim"),
            Field::text("claim (English)", &n.claim_en, "required"),
            Field::text("claim (Arabic)", &n.claim_ar, "required"),
            Field::choice(
                "relation",
                RELATIONS,
                relation_index(n.relation),
                "to the parent",
            ),
            Field::choice(
                "bearing",
                BEARINGS,
                bearing_index(n.bearing),
                "on the motion",
            ),
            Field::text(
                "quote",
                n.quote.as_deref().unwrap_or(""),
                "verbatim from the source",
            ),
            Field::list(
                "themes",
                n.themes.iter().map(|t| t.to_string()).collect(),
                format!("{pick} chooses"),
            ),
            Field::list(
                "links",
                n.links.iter().map(link_label).collect(),
                format!("{pick} adds"),
            ),
            Field::text("note", n.note.as_deref().unwrap_or(""), ""),
            Field::list(
                "voice",
                n.voice.iter().map(|v| v.to_string()).collect(),
                format!("who says it, if not the author: {pick} picks or names one"),
            ),
            Field::choice(
                "kind",
                KINDS,
                n.kind
                    .and_then(|k| ClaimKind::ALL.iter().position(|&x| x == k))
                    .map_or(0, |i| i + 1),
                "what sort of claim",
            ),
        ],
    );
    form.focus = EN;
    form
}

/// `a`, `A`, `i`: opens the node form.
pub fn open_node(app: &mut App, target: Target) {
    let pick = app.key(Mode::Form, Action::Pick);
    let Some(r) = app.current() else { return };
    let Some(a) = app.ws.corpus.article(r.map) else {
        return;
    };
    let n = r.node;
    let (form, to) = match target {
        Target::Edit => (
            node_form(format!("Edit {}", node_name(a, n)), a.node(n), &pick),
            FormFor::EditNode {
                map: r.map,
                node: n,
            },
        ),
        Target::Child | Target::Sibling => {
            let (parent, at) = match (target, a.node(n).parent) {
                (Target::Sibling, Some(p)) => {
                    let i = a.node(p).children.iter().position(|&c| c == n).unwrap_or(0);
                    (p, i + 1)
                }
                _ => (n, usize::MAX),
            };
            let blank = Node {
                relation: Some(Relation::Supports),
                themes: a.node(parent).themes.clone(),
                ..Default::default()
            };
            (
                node_form(
                    format!("New node under {}", node_name(a, parent)),
                    &blank,
                    &pick,
                ),
                FormFor::NewNode {
                    map: r.map,
                    parent,
                    at,
                },
            )
        }
    };
    app.overlays
        .push(Overlay::Form(Box::new(FormState { form, target: to })));
}

/// Words of the English claim as an id: `us-forces-must-leave`.
fn slug(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if words.is_empty() {
        "node".into()
    } else {
        words.join("-")
    }
}

fn opt(s: &str) -> Option<Box<str>> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.into())
}

/// The node a confirmed form describes, or what is wrong with it.
fn node_from_form(f: &Form, a: &Article, editing: Option<NodeIdx>) -> Result<Node, String> {
    let mut id = f.text(ID).trim().to_string();
    let taken: std::collections::HashSet<Box<str>> = a
        .preorder()
        .filter(|&x| Some(x) != editing)
        .map(|x| a.node(x).id.clone())
        .collect();
    if id.is_empty() {
        id = unique_id(&slug(f.text(EN)), &taken).into();
    } else if let Some(bad) = crate::model::ids::node_id_problem(&id) {
        return Err(format!(
            "the id {bad}: an id has no spaces, `/` or control characters (links address nodes as article/id)"
        ));
    } else if taken.contains(id.as_str()) {
        return Err(format!("id `{id}` is taken in this article"));
    }
    let links = f.list(LINKS).iter().filter_map(|s| parse_link(s)).collect();
    Ok(Node {
        id: id.into(),
        claim_en: f.text(EN).trim().into(),
        claim_ar: f.text(AR).trim().into(),
        voice: f.list(VOICE).first().and_then(|v| opt(v)),
        kind: f
            .choice(KIND)
            .checked_sub(1)
            .and_then(|i| ClaimKind::ALL.get(i).copied()),
        relation: match f.choice(RELATION) {
            0 => Some(Relation::Supports),
            1 => Some(Relation::Opposes),
            _ => None,
        },
        bearing: match f.choice(BEARING) {
            1 => Some(Bearing::For),
            2 => Some(Bearing::Against),
            3 => Some(Bearing::Neither),
            _ => None,
        },
        quote: opt(f.text(QUOTE)),
        themes: f.list(THEMES).iter().map(|t| t.as_str().into()).collect(),
        links,
        note: opt(f.text(NOTE)),
        parent: None,
        children: Vec::new(),
    })
}

/// The field edits that turn `old` into `new`.
fn changes(node: NodeIdx, old: &Node, new: Node) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut set = |changed: bool, field: NodeField| {
        if changed {
            out.push(Edit::Set { node, field });
        }
    };
    set(old.id != new.id, NodeField::Id(new.id));
    set(
        old.claim_en != new.claim_en,
        NodeField::ClaimEn(new.claim_en),
    );
    set(
        old.claim_ar != new.claim_ar,
        NodeField::ClaimAr(new.claim_ar),
    );
    set(
        old.relation != new.relation,
        NodeField::Relation(new.relation),
    );
    set(old.bearing != new.bearing, NodeField::Bearing(new.bearing));
    set(old.quote != new.quote, NodeField::Quote(new.quote));
    set(old.themes != new.themes, NodeField::Themes(new.themes));
    set(old.links != new.links, NodeField::Links(new.links));
    set(old.note != new.note, NodeField::Note(new.note));
    set(old.voice != new.voice, NodeField::Voice(new.voice));
    set(old.kind != new.kind, NodeField::Kind(new.kind));
    out
}

impl Layer for FormState {
    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if action == Action::Help {
            return Outcome::Push(Overlay::Help(Help::at(app, Mode::Form)));
        }
        // The source field of an article form: pick one of the files of --sources.
        if action == Action::Pick
            && matches!(self.target, FormFor::NewArticle | FormFor::Article { .. })
            && self.form.focus == A_SOURCE
        {
            choose::open_source(app, self.form.text(A_SOURCE));
            return Outcome::Stay;
        }
        let event = self.form.handle(action);
        self.event(app, event)
    }

    fn typed(&mut self, app: &mut App, c: char) -> Option<Outcome> {
        let event = self.form.type_char(c);
        Some(self.event(app, event))
    }

    fn paste(&mut self, _app: &mut App, text: &str) -> Outcome {
        self.form.paste(text);
        Outcome::Stay
    }

    fn render(&self, app: &App, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let s = &app.settings;
        form_view::render(&self.form, &s.palette, s.bidi, &s.keymap, screen, buf)
    }
}

impl FormState {
    fn event(&mut self, app: &mut App, event: FormEvent) -> Outcome {
        match event {
            FormEvent::None => Outcome::Stay,
            FormEvent::Cancel => {
                app.flash = Some("form cancelled; nothing changed".into());
                Outcome::Close
            }
            FormEvent::Pick { field, query } => {
                choose::open(app, self, field, &query);
                Outcome::Stay
            }
            FormEvent::Accept => {
                let result = match self.target.clone() {
                    FormFor::NewNode { map, parent, at } => {
                        accept_new_node(app, &self.form, map, parent, at)
                    }
                    FormFor::EditNode { map, node } => accept_edit_node(app, &self.form, map, node),
                    FormFor::Article { map } => accept_article(app, &self.form, map),
                    FormFor::NewArticle => accept_new_article(app, &self.form),
                };
                match result {
                    // The new article's form stays until its file name is found.
                    Ok(()) if self.target == FormFor::NewArticle => Outcome::Stay,
                    Ok(()) => Outcome::Close,
                    Err(e) => {
                        self.form.error = Some(e);
                        Outcome::Stay
                    }
                }
            }
        }
    }
}

type Accepted = Result<(), String>;

fn accept_new_node(app: &mut App, f: &Form, map: u32, parent: NodeIdx, at: usize) -> Accepted {
    let a = app.ws.corpus.article(map).ok_or("the map is gone")?;
    let node = node_from_form(f, a, None)?;
    let name = format!("add `{}` under {}", node.id, node_name(a, parent));
    let idx = a.nodes.len() as NodeIdx;
    let e = edit::add_child(a, parent, at, node);
    editing::expand(app, map, parent);
    editing::apply(app, map, e, name, idx, parent);
    Ok(())
}

fn accept_edit_node(app: &mut App, f: &Form, map: u32, node: NodeIdx) -> Accepted {
    let a = app.ws.corpus.article(map).ok_or("the map is gone")?;
    let new = node_from_form(f, a, Some(node))?;
    let edits = changes(node, a.node(node), new);
    if edits.is_empty() {
        app.flash = Some("no change".into());
        return Ok(());
    }
    let name = format!("edit {}", node_name(a, node));
    editing::apply(app, map, Edit::Batch(edits), name, node, node);
    Ok(())
}

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
    }
}

/// The key that lists the source files, when there is a sources folder.
fn source_pick_key(app: &App) -> Option<String> {
    app.ws
        .sources_dir
        .as_ref()
        .map(|_| app.key(Mode::Form, Action::Pick))
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

fn accept_article(app: &mut App, f: &Form, map: u32) -> Accepted {
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
fn accept_new_article(app: &mut App, f: &Form) -> Accepted {
    check_date(f)?;
    let id = f.text(A_ID).trim().to_string();
    if app.ws.corpus.map_of(&id).is_some() {
        return Err(format!("another article has the id `{id}`"));
    }
    let meta = meta_from_form(f, &ArticleMeta::default());
    let thesis = Node {
        id: "thesis".into(),
        claim_en: f.text(A_THESIS_EN).trim().into(),
        claim_ar: f.text(A_THESIS_AR).trim().into(),
        ..Default::default()
    };
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

/// Puts a quote into a node form's quote field (quoting from the source).
pub fn set_quote(form: &mut Form, text: &str) {
    if let Some(crate::tui::widgets::form::FieldValue::Text(line)) =
        form.fields.get_mut(QUOTE).map(|f| &mut f.value)
    {
        line.text = text.to_string();
        line.cursor = line.text.len();
    }
}
