//! Drawing a [`Form`] as a popup: a label column (the focused label
//! highlighted, hints in grey), the values beside it (text wrapped over up
//! to three rows, right-to-left paragraphs right-aligned), the caller's
//! error, and the keys on the bottom border. The form's state and keys live
//! in `form`; a text field's rows and cursor cell come from `text_field`.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use crate::text::{self, BidiMode};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::palette::Palette;
use crate::tui::widgets::bidi_line::to_line;
use crate::tui::widgets::form::{Field, FieldValue, Form};
use crate::tui::widgets::text_field::text_field;
use crate::tui::widgets::{hints, popup};

/// Rows a text or list field grows to before it scrolls.
const MAX_ROWS: usize = 3;

/// Draws the form centred over `area`; returns where the terminal cursor
/// goes (the focused text field's cursor), or `None` to hide it.
pub fn render(
    form: &Form,
    palette: &Palette,
    bidi: BidiMode,
    km: &Keymap,
    area: Rect,
    buf: &mut Buffer,
) -> Option<(u16, u16)> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let width = ((u32::from(area.width) * 9 / 10) as u16)
        .clamp(40, 100)
        .min(area.width);
    let inner_w = width.saturating_sub(2);
    let label_w = form
        .fields
        .iter()
        .map(|f| text::display_width(f.label))
        .max()
        .unwrap_or(0)
        .saturating_add(2)
        .min(usize::from(inner_w) * 2 / 5) as u16;
    // One blank cell before the right border, so a right-aligned Arabic
    // value does not run into it.
    let value_w = (inner_w - label_w).saturating_sub(u16::from(inner_w > 20));
    // What an empty list says to press.
    let pick = km.name(Mode::Form, Action::Pick);
    let laid = field_rows(form, palette, bidi, &pick, label_w, value_w);

    // The error wraps (up to three rows): its end often says what to do.
    let error_lines = form
        .error
        .as_deref()
        .map(|e| wrap_words(e, usize::from(inner_w).max(1), 3))
        .unwrap_or_default();
    let error_rows = error_lines.len() as u16;
    let height = u16::try_from(laid.rows.len())
        .unwrap_or(u16::MAX)
        .saturating_add(error_rows + 2)
        .min(area.height);
    let popup = popup::centered(area, width, height);
    crate::tui::widgets::popup::clear(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(palette.border_focus)
        .title(Span::styled(format!(" {} ", form.title), palette.title))
        .title_bottom(footer(form, palette, km));
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }

    let error_rows = error_rows.min(inner.height);
    let room = (inner.height - error_rows) as usize;
    let cursor = laid.cursor;
    let top = window_top(laid.spans.get(form.focus), cursor.map(|(_, y)| y), room);
    for (k, (label, value)) in laid.rows.iter().skip(top).take(room).enumerate() {
        let y = inner.y + k as u16;
        // A cell short, so a long label never touches its value.
        label.render(Rect::new(inner.x, y, label_w.saturating_sub(1), 1), buf);
        value.render(Rect::new(inner.x + label_w, y, value_w, 1), buf);
    }
    let first = inner.y + inner.height - error_rows;
    for (k, line) in error_lines.iter().take(usize::from(error_rows)).enumerate() {
        Line::styled(line.clone(), palette.warning)
            .render(Rect::new(inner.x, first + k as u16, inner.width, 1), buf);
    }
    let (x, y) = cursor?;
    (y >= top && y < top + room).then(|| (inner.x + label_w + x, inner.y + (y - top) as u16))
}

/// `text` in lines of at most `width` cells, broken between words, at most
/// `max` lines (the last one ends with `…` when text is left over).
fn wrap_words(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text::display_width(&candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// Every field's rows, before scrolling.
struct FieldRows {
    /// (label column, value column) for each row.
    rows: Vec<(Line<'static>, Line<'static>)>,
    /// Each field's rows.
    spans: Vec<Range<usize>>,
    /// The focused text field's cursor: (column in the values, row).
    cursor: Option<(u16, usize)>,
}

fn field_rows(
    form: &Form,
    p: &Palette,
    bidi: BidiMode,
    pick: &str,
    label_w: u16,
    value_w: u16,
) -> FieldRows {
    let mut out = FieldRows {
        rows: Vec::new(),
        spans: Vec::with_capacity(form.fields.len()),
        cursor: None,
    };
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (values, cursor) = value_lines(field, focused, p, bidi, pick, value_w);
        let first = out.rows.len();
        if let Some((x, y)) = cursor {
            out.cursor = Some((x, first + usize::from(y)));
        }
        let labels = label_lines(field, focused, p, label_w, values.len());
        out.rows.extend(labels.into_iter().zip(values));
        out.spans.push(first..out.rows.len());
    }
    out
}

/// The first row to show so that the focused field, and within it the
/// cursor's row, is in view.
fn window_top(focused: Option<&Range<usize>>, cursor_row: Option<usize>, room: usize) -> usize {
    let Some(span) = focused else { return 0 };
    let mut top = span.end.saturating_sub(room).min(span.start);
    if let Some(row) = cursor_row
        && row >= top + room
    {
        top = row + 1 - room.max(1);
    }
    top
}

/// The label's rows: the label (highlighted when focused), its hint after
/// it when there is room, else under it when the value takes a second row.
fn label_lines(
    field: &Field,
    focused: bool,
    p: &Palette,
    width: u16,
    rows: usize,
) -> Vec<Line<'static>> {
    let style = if focused { p.selection } else { Style::new() };
    let mut first = Line::from(Span::styled(field.label, style));
    let mut out = Vec::with_capacity(rows);
    let hint_w = text::display_width(&field.hint);
    let fits = text::display_width(field.label) + 1 + hint_w < width as usize;
    let mut under = None;
    // An empty text field shows its hint in place of the value instead.
    let placeholder = matches!(&field.value, FieldValue::Text(l) if l.text.is_empty());
    let show = !field.hint.is_empty() && !placeholder;
    if show && fits {
        first
            .spans
            .push(Span::styled(format!(" {}", field.hint), p.dim));
    } else if show && rows > 1 {
        under = Some(Line::styled(field.hint.clone(), p.dim));
    }
    out.push(first);
    out.extend(under);
    out.resize(rows.max(1), Line::default());
    out
}

/// The value's rows, and the cursor's (column, row) among them when the
/// field is a focused text field.
fn value_lines(
    field: &Field,
    focused: bool,
    p: &Palette,
    bidi: BidiMode,
    pick: &str,
    width: u16,
) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
    match &field.value {
        FieldValue::Text(line) => {
            let t = text_field(line, width, bidi, MAX_ROWS, focused, Style::new());
            // What the field wants, where nothing is typed yet (a
            // placeholder: the label column is too narrow for most hints).
            if line.text.is_empty() && !field.hint.is_empty() && width > 1 {
                let vl = text::truncated(&field.hint, width as usize - 1, bidi);
                let mut l = to_line(&vl, false, width, p.dim, 0, &|_| None);
                l.spans.insert(0, Span::raw(" "));
                return (vec![l], t.cursor);
            }
            let lines = if t.lines.is_empty() {
                vec![Line::default()]
            } else {
                t.lines
            };
            (lines, t.cursor)
        }
        FieldValue::Choice { options, selected } => (
            vec![choice_line(options, *selected, focused, p, width)],
            None,
        ),
        FieldValue::List(items) => (list_lines(items, p, bidi, pick, width), None),
    }
}

/// `‹ Supports ›  Opposes`: every option, the chosen one bracketed; when
/// they do not all fit, the chosen one and its place among them.
fn choice_line(
    options: &[String],
    selected: usize,
    focused: bool,
    p: &Palette,
    width: u16,
) -> Line<'static> {
    let chosen = if focused { p.key } else { p.title };
    let all: usize = options.iter().map(|o| text::display_width(o) + 4).sum();
    if all > width as usize {
        let name = options.get(selected).map_or("", String::as_str);
        return Line::from(vec![
            Span::styled(format!("‹ {name} ›"), chosen),
            Span::styled(format!(" {}/{}", selected + 1, options.len()), p.dim),
        ]);
    }
    let spans = options.iter().enumerate().map(|(i, o)| {
        if i == selected {
            Span::styled(format!("‹ {o} › "), chosen)
        } else {
            Span::styled(format!("  {o}   "), p.dim)
        }
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// The items joined with commas over up to three rows, the last ending in
/// `…` when there are more.
fn list_lines(
    items: &[String],
    p: &Palette,
    bidi: BidiMode,
    pick: &str,
    width: u16,
) -> Vec<Line<'static>> {
    if items.is_empty() {
        return vec![Line::styled(format!("none — {pick} to choose"), p.dim)];
    }
    let joined = items.join(", ");
    let none = |_| None;
    let mut laid = text::layout(&joined, width as usize, bidi);
    if laid.is_empty() {
        // No room at all: still one row, so the field keeps its label.
        return vec![Line::default()];
    }
    if laid.len() > MAX_ROWS {
        let from = laid[MAX_ROWS - 1]
            .glyphs
            .iter()
            .map(|g| g.logical.start)
            .min()
            .unwrap_or(0);
        laid.truncate(MAX_ROWS - 1);
        laid.push(text::truncated(&joined[from..], width as usize, bidi));
    }
    laid.iter()
        .map(|vl| to_line(vl, true, width, Style::new(), 0, &none))
        .collect()
}

/// The keys, for the bottom border (from the keymap's form rows).
fn footer(form: &Form, p: &Palette, km: &Keymap) -> Line<'static> {
    let mut actions = vec![Action::Accept, Action::Close, Action::FocusNext];
    if form
        .fields
        .iter()
        .any(|f| matches!(f.value, FieldValue::List(_)))
    {
        actions.push(Action::Pick);
    }
    Line::from(hints::footer_spans(km, p, Mode::Form, &actions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::TextEdit;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    const CLAIM: &str = "انسحاب القوات";

    fn node_form() -> Form {
        Form::new(
            "Edit node",
            vec![
                Field::text("Id", "talks", "required"),
                Field::text("Claim (Arabic)", CLAIM, "Arabic"),
                Field::choice("Relation", ["Supports", "Opposes"], 0, ""),
                Field::list("Themes", vec!["isis".into(), "iran".into()], ""),
                Field::list("Links", Vec::new(), ""),
            ],
        )
    }

    fn draw(form: &Form, w: u16, h: u16) -> (Buffer, Option<(u16, u16)>) {
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        let mut cursor = None;
        let p = Palette::colored();
        let km = Keymap::default_map();
        term.draw(|f| cursor = render(form, &p, BidiMode::Mizan, &km, f.area(), f.buffer_mut()))
            .expect("draw");
        (term.backend().buffer().clone(), cursor)
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
    }

    fn find(buf: &Buffer, s: &str) -> Option<(u16, u16)> {
        (0..buf.area.height).find_map(|y| {
            let r = row(buf, y);
            // Columns are cells, and every cell here holds one character.
            r.find(s).map(|b| (r[..b].chars().count() as u16, y))
        })
    }

    // Labels, values, the chosen option, the list and the keys show; the
    // focused label alone has the selection style.
    #[test]
    fn draws_fields_and_focus() {
        let mut form = node_form();
        form.focus = 2;
        let (buf, cursor) = draw(&form, 80, 24);
        for s in [
            " Edit node ",
            "talks",
            "required",
            "‹ Supports ›",
            "Opposes",
            "isis, iran",
            "none — C-p to choose",
            "Enter confirm",
            "C-p pick",
        ] {
            assert!(find(&buf, s).is_some(), "{s} missing");
        }
        let sel = Palette::colored().selection.bg;
        let (x, y) = find(&buf, "Relation").unwrap_or_default();
        assert_eq!(buf[(x, y)].bg, sel.unwrap_or_default());
        let (x, y) = find(&buf, "Id").unwrap_or_default();
        assert_ne!(buf[(x, y)].bg, sel.unwrap_or_default());
        assert_eq!(cursor, None, "a choice has no text cursor");
    }

    // The cursor of a focused English field sits after its text.
    #[test]
    fn english_cursor_on_screen() {
        let (buf, cursor) = draw(&node_form(), 80, 24);
        let (x, y) = cursor.expect("text field cursor");
        let (tx, ty) = find(&buf, "talks").unwrap_or_default();
        assert_eq!((x, y), (tx + 5, ty));
    }

    // The cursor of a focused Arabic field starts on the first letter at
    // the right end of the row and ends left of the last letter.
    #[test]
    fn arabic_cursor_on_screen() {
        let mut form = node_form();
        form.focus = 1;
        if let FieldValue::Text(l) = &mut form.fields[1].value {
            l.cursor = 0;
        }
        let (buf, cursor) = draw(&form, 80, 24);
        let (x, y) = cursor.expect("text field cursor");
        // The isolated alef that begins انسحاب, shaped.
        assert_eq!(buf[(x, y)].symbol(), "\u{FE8D}");
        assert_eq!(buf[(x + 1, y)].symbol(), " ", "rightmost letter of the row");
        form.handle(Action::Edit(TextEdit::LineEnd));
        let (_, end) = draw(&form, 80, 24);
        let (ex, ey) = end.expect("text field cursor");
        assert_eq!((ex, ey), (x - 13, y));
        assert_eq!(buf[(ex, ey)].symbol(), " ");
        assert_ne!(buf[(ex + 1, ey)].symbol(), " ");
    }

    // A long error wraps between words instead of being cut off.
    #[test]
    fn long_errors_wrap() {
        let lines = wrap_words(
            "the article id `../x`: '.' is not allowed here at all",
            20,
            3,
        );
        assert_eq!(
            lines,
            [
                "the article id",
                "`../x`: '.' is not",
                "allowed here at all"
            ]
        );
        let cut = wrap_words("a b c d e f g h", 3, 2);
        assert_eq!(cut, ["a b", "c d…"]);
    }

    // The caller's error shows in the warning style.
    #[test]
    fn error_in_warning_style() {
        let mut form = node_form();
        form.error = Some("id `talks` is taken".into());
        let (buf, _) = draw(&form, 80, 24);
        let (x, y) = find(&buf, "id `talks` is taken").expect("error shown");
        assert_eq!(
            buf[(x, y)].fg,
            Palette::colored().warning.fg.unwrap_or_default()
        );
    }

    // More fields than rows: the focused one scrolls into view, label and
    // cursor with it.
    #[test]
    fn scrolls_to_the_focused_field() {
        let labels = ["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"];
        let fields = labels.iter().map(|&l| Field::text(l, l, "")).collect();
        let mut form = Form::new("Many", fields);
        form.focus = 9;
        let (buf, cursor) = draw(&form, 60, 8);
        let (lx, ly) = find(&buf, "F9").expect("focused label in view");
        assert!(find(&buf, "F0").is_none());
        let (x, y) = cursor.expect("cursor in view");
        assert_eq!(y, ly);
        assert!(x > lx);
    }

    // Tiny and empty areas draw without panicking, and a cursor, if any,
    // stays inside the area.
    #[test]
    fn tiny_areas() {
        for (w, h) in [(10, 5), (1, 1), (3, 3), (20, 3), (40, 4), (80, 2)] {
            let mut form = node_form();
            form.error = Some("a problem".into());
            for focus in 0..form.fields.len() {
                form.focus = focus;
                let (_, cursor) = draw(&form, w, h);
                if let Some((x, y)) = cursor {
                    assert!(x < w && y < h, "{w}x{h}: {x},{y}");
                }
            }
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 0, 0));
        let p = Palette::monochrome();
        assert_eq!(
            render(
                &node_form(),
                &p,
                BidiMode::Mizan,
                &Keymap::default_map(),
                buf.area,
                &mut buf
            ),
            None
        );
    }
}
