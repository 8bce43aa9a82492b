//! The node form — its fields, filled from the model, and what a confirmed
//! form turns into (one undoable edit) — and the layer both forms share;
//! the article form's fields are in `article_form`. The form widget itself
//! is generic (`form`), as is the picker for themes, links and voices
//! (`choose`).

use crate::model::edit::{self, Edit, NodeField};
use crate::model::{
    Article, Bearing, ClaimKind, Link, LinkKind, Node, NodeFields, NodeIdx, Relation,
};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::Mode;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::overlays::article_form;
pub use crate::tui::overlays::article_form::{create_article, open_article, open_new_article};
use crate::tui::overlays::choose;
use crate::tui::overlays::help;
use crate::tui::widgets::form::{Field, FieldKey, Form, FormEvent};
use crate::tui::widgets::form_view;

use crate::tui::overlays::form_state::{Accepted, FormFor, FormState, Target, opt};
use crate::tui::workspace::editing::{self, node_name, unique_id};

/// The node form's fields, in the form's order. Who argues what (issue 13:
/// voice, kind) comes after the older fields so that their places (and the
/// keys that reach them) stay as they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeInput {
    Id,
    ClaimEn,
    ClaimAr,
    Relation,
    Bearing,
    Quote,
    Themes,
    Links,
    Note,
    Voice,
    Kind,
}

impl NodeInput {
    const ALL: [NodeInput; 11] = [
        NodeInput::Id,
        NodeInput::ClaimEn,
        NodeInput::ClaimAr,
        NodeInput::Relation,
        NodeInput::Bearing,
        NodeInput::Quote,
        NodeInput::Themes,
        NodeInput::Links,
        NodeInput::Note,
        NodeInput::Voice,
        NodeInput::Kind,
    ];
}

impl FieldKey for NodeInput {
    fn label(self) -> &'static str {
        match self {
            NodeInput::Id => "id",
            NodeInput::ClaimEn => "claim (English)",
            NodeInput::ClaimAr => "claim (Arabic)",
            NodeInput::Relation => "relation",
            NodeInput::Bearing => "bearing",
            NodeInput::Quote => "quote",
            NodeInput::Themes => "themes",
            NodeInput::Links => "links",
            NodeInput::Note => "note",
            NodeInput::Voice => "voice",
            NodeInput::Kind => "kind",
        }
    }
}

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
    let field = |k: NodeInput| {
        let label = k.label();
        match k {
            NodeInput::Id => Field::text(label, n.id(), "empty: made from the English claim"),
            NodeInput::ClaimEn => Field::text(label, n.claim_en(), "required"),
            NodeInput::ClaimAr => Field::text(label, n.claim_ar(), "required"),
            NodeInput::Relation => Field::choice(
                label,
                RELATIONS,
                relation_index(n.relation),
                "to the parent",
            ),
            NodeInput::Bearing => {
                Field::choice(label, BEARINGS, bearing_index(n.bearing), "on the motion")
            }
            NodeInput::Quote => {
                Field::text(label, n.quote().unwrap_or(""), "verbatim from the source")
            }
            NodeInput::Themes => Field::list(
                label,
                n.themes().map(|t| t.to_string()).collect(),
                format!("{pick} chooses"),
            ),
            NodeInput::Links => Field::list(
                label,
                n.links().iter().map(link_label).collect(),
                format!("{pick} adds"),
            ),
            NodeInput::Note => Field::text(label, n.note().unwrap_or(""), ""),
            NodeInput::Voice => Field::list(
                label,
                n.voice().iter().map(|v| v.to_string()).collect(),
                format!("who says it, if not the author: {pick} picks or names one"),
            ),
            NodeInput::Kind => Field::choice(
                label,
                KINDS,
                n.kind
                    .and_then(|k| ClaimKind::ALL.iter().position(|&x| x == k))
                    .map_or(0, |i| i + 1),
                "what sort of claim",
            ),
        }
    };
    let mut form = Form::new(title, NodeInput::ALL.map(field).to_vec());
    form.focus_on(NodeInput::ClaimEn);
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
            let (parent, at) = match (target, a.node(n).parent()) {
                (Target::Sibling, Some(p)) => {
                    let i = a
                        .node(p)
                        .children()
                        .iter()
                        .position(|&c| c == n)
                        .unwrap_or(0);
                    (p, i + 1)
                }
                _ => (n, usize::MAX),
            };
            let blank = Node::from(NodeFields {
                relation: Some(Relation::Supports),
                themes: a.node(parent).themes().map(Into::into).collect(),
                ..Default::default()
            });
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

/// The node a confirmed form describes, or what is wrong with it.
fn node_from_form(f: &Form, a: &Article, editing: Option<NodeIdx>) -> Result<Node, String> {
    let mut id = f.text_of(NodeInput::Id).trim().to_string();
    let taken: std::collections::HashSet<Box<str>> = a
        .preorder()
        .filter(|&x| Some(x) != editing)
        .map(|x| a.node(x).id().into())
        .collect();
    if id.is_empty() {
        id = unique_id(&slug(f.text_of(NodeInput::ClaimEn)), &taken).into();
    } else if let Some(bad) = crate::model::ids::node_id_problem(&id) {
        return Err(format!(
            "the id {bad}: an id has no spaces, `/` or control characters (links address nodes as article/id)"
        ));
    } else if taken.contains(id.as_str()) {
        return Err(format!("id `{id}` is taken in this article"));
    }
    let links = f
        .list_of(NodeInput::Links)
        .iter()
        .filter_map(|s| parse_link(s))
        .collect();
    Ok(Node::from(NodeFields {
        id: id.into(),
        claim_en: f.text_of(NodeInput::ClaimEn).trim().into(),
        claim_ar: f.text_of(NodeInput::ClaimAr).trim().into(),
        voice: f.list_of(NodeInput::Voice).first().and_then(|v| opt(v)),
        kind: f
            .choice_of(NodeInput::Kind)
            .and_then(|c| c.checked_sub(1))
            .and_then(|i| ClaimKind::ALL.get(i).copied()),
        relation: match f.choice_of(NodeInput::Relation) {
            Some(0) => Some(Relation::Supports),
            Some(1) => Some(Relation::Opposes),
            _ => None,
        },
        bearing: match f.choice_of(NodeInput::Bearing) {
            Some(1) => Some(Bearing::For),
            Some(2) => Some(Bearing::Against),
            Some(3) => Some(Bearing::Neither),
            _ => None,
        },
        quote: opt(f.text_of(NodeInput::Quote)),
        themes: f
            .list_of(NodeInput::Themes)
            .iter()
            .map(|t| t.as_str().into())
            .collect(),
        links,
        note: opt(f.text_of(NodeInput::Note)),
        conflicts: Vec::new(),
        parent: None,
        children: Vec::new(),
    }))
}

/// The field edits that turn `old` into `new`.
fn changes(node: NodeIdx, old: &Node, new: Node) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut set = |changed: bool, field: NodeField| {
        if changed {
            out.push(Edit::Set { node, field });
        }
    };
    set(old.id() != new.id(), NodeField::Id(new.id().into()));
    set(
        old.claim_en() != new.claim_en(),
        NodeField::ClaimEn(new.claim_en().into()),
    );
    set(
        old.claim_ar() != new.claim_ar(),
        NodeField::ClaimAr(new.claim_ar().into()),
    );
    set(
        old.relation != new.relation,
        NodeField::Relation(new.relation),
    );
    set(old.bearing != new.bearing, NodeField::Bearing(new.bearing));
    set(
        old.quote() != new.quote(),
        NodeField::Quote(new.quote().map(Into::into)),
    );
    set(
        !old.themes().eq(new.themes()),
        NodeField::Themes(new.themes().map(Into::into).collect()),
    );
    set(
        old.links() != new.links(),
        NodeField::Links(new.links().to_vec()),
    );
    set(
        old.note() != new.note(),
        NodeField::Note(new.note().map(Into::into)),
    );
    set(
        old.voice() != new.voice(),
        NodeField::Voice(new.voice().map(Into::into)),
    );
    set(old.kind != new.kind, NodeField::Kind(new.kind));
    out
}

impl Layer for FormState {
    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Outcome {
        if action == Action::Help {
            return Outcome::Push(Overlay::Help(help::at(app, Mode::Form)));
        }
        // The source field of an article form: pick one of the files of --sources.
        if action == Action::Pick
            && matches!(self.target, FormFor::NewArticle | FormFor::Article { .. })
            && article_form::on_source(&self.form)
        {
            choose::open_source(app, article_form::source_text(&self.form));
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
                let what = match self.form.key_at(field, &NodeInput::ALL) {
                    Some(NodeInput::Themes) => choose::ListField::Themes,
                    Some(NodeInput::Voice) => choose::ListField::Voice,
                    _ => choose::ListField::Links,
                };
                choose::open(app, self, field, what, &query);
                Outcome::Stay
            }
            FormEvent::Accept => {
                let result = match self.target.clone() {
                    FormFor::NewNode { map, parent, at } => {
                        accept_new_node(app, &self.form, map, parent, at)
                    }
                    FormFor::EditNode { map, node } => accept_edit_node(app, &self.form, map, node),
                    FormFor::Article { map } => article_form::accept_article(app, &self.form, map),
                    FormFor::NewArticle => article_form::accept_new_article(app, &self.form),
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

fn accept_new_node(app: &mut App, f: &Form, map: u32, parent: NodeIdx, at: usize) -> Accepted {
    let a = app.ws.corpus.article(map).ok_or("the map is gone")?;
    let node = node_from_form(f, a, None)?;
    let name = format!("add `{}` under {}", node.id(), node_name(a, parent));
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

/// Puts a quote into a node form's quote field (quoting from the source).
pub fn set_quote(form: &mut Form, text: &str) {
    form.set_text(NodeInput::Quote, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    // The form's fields are the keys' fields in the keys' order, each
    // found by its key, and a node read into the form and back is the same
    // node (every field goes through its key both ways).
    #[test]
    fn every_field_round_trips_through_its_key() {
        let a = &crate::synthetic::generate(1, 40, 4).1[0];
        let mut seen = 0;
        for idx in a.preorder() {
            let n = a.node(idx);
            let form = node_form("t".into(), n, "C-p");
            for (i, &k) in NodeInput::ALL.iter().enumerate() {
                assert_eq!(form.key_at(i, &NodeInput::ALL), Some(k));
                assert_eq!(form.index_of(k), Some(i));
            }
            assert!(form.on(NodeInput::ClaimEn));
            let back = node_from_form(&form, a, Some(idx)).unwrap();
            let mut want = n.to_fields();
            want.conflicts.clear();
            want.parent = None;
            want.children.clear();
            assert_eq!(back.into_fields(), want, "{}", n.id());
            seen += usize::from(n.voice().is_some() || n.kind.is_some());
        }
        assert!(seen > 0, "no node with a voice or a kind was tried");
    }

    // The quote put into a form lands in its quote field.
    #[test]
    fn set_quote_fills_the_quote_field() {
        let mut form = node_form("t".into(), &Node::default(), "C-p");
        set_quote(&mut form, "نص");
        assert_eq!(form.text_of(NodeInput::Quote), "نص");
        assert_eq!(form.text_of(NodeInput::Note), "");
    }
}
