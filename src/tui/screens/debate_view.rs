//! The debate screen: the motion and the filters on top, then two columns,
//! *for* and *against*, each listing its arguments ranked by how many
//! articles make them: `[n]` articles, `✗` when contested, the
//! representative claim (English or Arabic, per `L`). The selected argument
//! opens below its row into the badges of the articles that make it (stance
//! glyph, short name, year; reporters in brackets), its nodes in their own
//! articles' words (with the voice of a reported one), and the arguments
//! that contradict or rebut it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::compare::debate::Badge;
use crate::model::{Bearing, NodeRef};
use crate::tui::action::Action;
use crate::tui::app::{App, Lang};
use crate::tui::keymap::Mode;
use crate::tui::palette::bearing_glyph;
use crate::tui::screens::debate_state::{DebateState, SIDES};
use crate::tui::widgets::bidi_line::one_line;
use crate::tui::widgets::border::Border;

pub fn render(app: &App, s: &DebateState, screen: Rect, buf: &mut Buffer) {
    let [top, columns] = screen.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    render_top(app, s, top, buf);
    let [left, right] = columns.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Fill(1),
    ]));
    for (i, area) in [left, right].into_iter().enumerate() {
        render_column(app, s, i, area, buf);
    }
}

fn claim_of(app: &App, node: NodeRef) -> String {
    let Some(a) = app.ws.corpus.article(node.map) else {
        return String::new();
    };
    let n = a.node(node.node);
    let text = if app.settings.lang == Lang::Ar {
        n.claim_ar()
    } else {
        n.claim_en()
    };
    text.to_string()
}

/// The motion (in the current language) and what the filters show.
fn render_top(app: &App, s: &DebateState, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let motion = app.ws.corpus.motion.as_ref().map_or(String::new(), |m| {
        if app.settings.lang == Lang::Ar {
            m.question_ar.to_string()
        } else {
            m.question_en.to_string()
        }
    });
    let mut first = one_line(
        &app.view.layout_cache,
        &motion,
        area.width.saturating_sub(13),
        app.settings.bidi,
        p.title,
    );
    first
        .spans
        .insert(0, Span::styled(" The debate: ", p.title));
    let theme = s.filter.theme.as_deref().unwrap_or("all");
    let year = s
        .filter
        .year
        .map_or_else(|| "all".to_string(), |y| y.to_string());
    let second = Line::from(vec![
        Span::styled(format!(" theme {theme}"), p.dim),
        Span::styled(
            format!(" ({})", app.key(Mode::Debate, Action::CycleTheme)),
            p.key,
        ),
        Span::styled(format!(" · year {year}"), p.dim),
        Span::styled(
            format!(" ({})", app.key(Mode::Debate, Action::CycleYear)),
            p.key,
        ),
        Span::styled(
            format!(
                " · {} arguments from {} nodes",
                s.debate.clusters.len(),
                // Not the corpus's count: that walks every node, each frame.
                s.debate.clusters.node_count()
            ),
            p.dim,
        ),
    ]);
    Paragraph::new(vec![first, second]).render(area, buf);
}

fn render_column(app: &App, s: &DebateState, i: usize, area: Rect, buf: &mut Buffer) {
    let p = &app.settings.palette;
    let focused = s.side == i;
    let (glyph, name, bearing) = match SIDES[i] {
        crate::model::ClusterBearing::For => ("▲", "For", Bearing::For),
        _ => ("▼", "Against", Bearing::Against),
    };
    let title = Span::styled(
        format!(" {glyph} {name} ({}) ", s.lists[i].len()),
        p.bearing(Some(bearing)),
    );
    let b = Border::pane(focused, p.border_focus, p.border, title);
    let inner = b.inner(area);
    b.render(area, buf);
    let h = inner.height as usize;
    let w = inner.width;
    let list = &s.lists[i];
    if list.is_empty() {
        Paragraph::new(Line::styled("no argument under this filter", p.dim)).render(inner, buf);
        return;
    }
    let sel = s.sel[i];
    let expansion = if focused {
        expansion(app, s, w)
    } else {
        Vec::new()
    };
    // Keep the selected row and its opened lines in view.
    let shown = expansion.len().min(h.saturating_sub(1));
    let offset = (sel + 1 + shown).saturating_sub(h).min(sel);
    let mut lines: Vec<Line> = Vec::new();
    for (k, &c) in list.iter().enumerate().skip(offset) {
        if lines.len() >= h {
            break;
        }
        let Some(info) = s.debate.info(c) else {
            continue;
        };
        let mark = if info.contested { "✗" } else { " " };
        let head = format!("[{}]{mark}", info.makers);
        let mut l = one_line(
            &app.view.layout_cache,
            &claim_of(app, info.representative),
            w.saturating_sub(head.chars().count() as u16 + 1),
            app.settings.bidi,
            Style::new(),
        );
        l.spans.insert(
            0,
            Span::styled(format!("{head} "), p.bearing(Some(bearing))),
        );
        if k == sel && !(focused && s.in_members) {
            l = l.patch_style(if focused { p.selection } else { p.title });
        }
        lines.push(l);
        if k == sel && focused {
            lines.extend(
                expansion
                    .iter()
                    .take(h.saturating_sub(lines.len()))
                    .cloned(),
            );
        }
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The lines the selected argument opens into.
fn expansion(app: &App, s: &DebateState, w: u16) -> Vec<Line<'static>> {
    let p = &app.settings.palette;
    let Some(c) = s.selected() else {
        return Vec::new();
    };
    let corpus = &app.ws.corpus;
    let badges: Vec<String> = s
        .debate
        .articles(c)
        .into_iter()
        .filter_map(|(map, makes)| {
            let b = Badge::of(corpus.article(map)?).label();
            Some(if makes { b } else { format!("({b})") })
        })
        .collect();
    let mut out = vec![one_line(
        &app.view.layout_cache,
        &format!("  {}", badges.join(" ")),
        w,
        app.settings.bidi,
        p.dim,
    )];
    for (k, m) in s.debate.members(c).iter().enumerate() {
        let Some(a) = corpus.article(m.node.map) else {
            continue;
        };
        let voice = a
            .node(m.node.node)
            .voice()
            .map_or(String::new(), |v| format!("[{v}] "));
        let head = format!("  {} {}: ", bearing_glyph(m.bearing), Badge::of(a).name);
        let text = format!("{voice}{}", claim_of(app, m.node));
        let mut l = one_line(
            &app.view.layout_cache,
            &text,
            w.saturating_sub(head.chars().count() as u16),
            app.settings.bidi,
            Style::new(),
        );
        l.spans.insert(0, Span::styled(head, p.bearing(m.bearing)));
        if s.in_members && k == s.member_sel {
            l = l.patch_style(p.selection);
        }
        out.push(l);
    }
    for o in s.debate.oppositions(c) {
        let other = s.debate.info(o.other).map(|i| i.representative);
        let verb = match (o.kind, o.outgoing) {
            (k, true) => format!("  ✗ {} ", k.name()),
            (crate::model::LinkKind::Rebuts, false) => "  ✗ rebutted by ".to_string(),
            (_, false) => "  ✗ contradicted by ".to_string(),
        };
        let mut l = one_line(
            &app.view.layout_cache,
            &other.map_or(String::new(), |r| claim_of(app, r)),
            w.saturating_sub(verb.chars().count() as u16),
            app.settings.bidi,
            p.dim,
        );
        l.spans.insert(0, Span::styled(verb, p.warning));
        out.push(l);
    }
    out
}
