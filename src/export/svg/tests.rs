//! The SVG pictures parse back, state the direction of every label, keep
//! Arabic in logical order (the browser shapes it), and escape map text.

use super::*;
use ::svg::node::element::tag::Type;
use ::svg::parser::Event;

fn bundled() -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    crate::store::load_dir(&dir).unwrap()
}

/// Every `<text>` element's attributes and content, after checking that
/// the document parses without an error event and opens with `<svg`.
fn texts(doc: &str) -> Vec<(::svg::node::Attributes, String)> {
    assert!(doc.starts_with("<svg"), "{}", &doc[..doc.len().min(80)]);
    let mut out = Vec::new();
    let mut open: Option<::svg::node::Attributes> = None;
    for ev in ::svg::read(doc).unwrap() {
        match ev {
            Event::Error(e) => panic!("{e:?}"),
            Event::Tag("text", Type::Start, attrs) => open = Some(attrs),
            Event::Text(t) if !t.trim().is_empty() => {
                if let Some(attrs) = open.take() {
                    out.push((attrs, t.to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

// Each view of the bundled maps parses, and every label says its
// direction: rtl exactly for Arabic paragraphs, which stay unshaped.
#[test]
fn every_label_states_its_direction() {
    let c = bundled();
    for view in View::ALL {
        let doc = render(&c, view);
        let labels = texts(&doc);
        assert!(labels.len() > 10, "{}", view.name());
        let mut rtl = 0;
        for (attrs, text) in &labels {
            let dir = attrs.get("direction").map(|v| v.to_string());
            assert_eq!(
                attrs.get("unicode-bidi").map(|v| v.to_string()).as_deref(),
                Some("embed")
            );
            let arabic_first = text
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            assert_eq!(
                dir.as_deref() == Some("rtl"),
                arabic_first,
                "{view:?}: {text}"
            );
            rtl += usize::from(arabic_first);
            assert!(
                !text.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)),
                "presentation forms in {text}"
            );
        }
        assert!(rtl >= 1, "{}: an Arabic label", view.name());
        let motion_ar = &*c.motion.as_ref().unwrap().question_ar;
        assert!(
            labels.iter().any(|(_, t)| t == motion_ar),
            "{}",
            view.name()
        );
    }
}

// The timeline draws a year-long bar for `2024` and a month for `2021-07`.
#[test]
fn timeline_bars_are_as_long_as_the_date_span() {
    let doc = render(&bundled(), View::Timeline);
    let mut widths: Vec<(String, f32)> = Vec::new();
    let mut rect: Option<f32> = None;
    for ev in ::svg::read(&doc).unwrap() {
        match ev {
            Event::Tag("rect", Type::Start, a) => {
                rect = a.get("width").and_then(|w| w.to_string().parse().ok());
            }
            Event::Text(t) if rect.is_some() && !t.trim().is_empty() => {
                widths.push((t.to_string(), rect.take().unwrap_or_default()));
            }
            _ => {}
        }
    }
    let width_of = |needle: &str| {
        widths
            .iter()
            .find(|(tip, _)| tip.contains(needle))
            .map(|(_, w)| *w)
            .unwrap_or_else(|| panic!("{needle} in {widths:?}"))
    };
    let year = width_of("— 2024 (year, inferred)");
    let month = width_of("— 2021-07 (month, inferred)");
    assert!(
        (year / month - 366.0 / 31.0).abs() < 0.05,
        "{year} vs {month}"
    );
}

// Map text with markup characters and control characters comes out
// escaped and visible, and the document still parses.
#[test]
fn map_text_is_escaped() {
    let mut c = bundled();
    let a = c.maps[0].article.as_mut().unwrap();
    a.meta.title_en = "A <b>&\"bold\"</b> \u{1b}[31m title".into();
    a.meta.title_original = "عنوان <script> \u{202e}مقلوب".into();
    a.nodes[a.root as usize].set_claim_en("x < y && z");
    for view in View::ALL {
        let doc = render(&c, view);
        assert!(
            !doc.contains("<b>") && !doc.contains("<script>"),
            "{view:?}"
        );
        assert!(!doc.contains('\u{1b}') && !doc.contains('\u{202e}'));
        texts(&doc);
    }
}

// A generated corpus of many articles renders every view, and a corpus
// without articles gives a valid, nearly empty picture.
#[test]
fn generated_and_empty_corpora_render() {
    let (motion, arts) = crate::synthetic::generate_linked(40, 30, 3, 10);
    let c = crate::model::Corpus::of_articles(Some(motion.clone()), arts);
    let empty = Corpus::new(Some(motion), "m.ron".into(), Vec::new());
    for view in View::ALL {
        assert!(texts(&render(&c, view)).len() > 20);
        texts(&render(&empty, view));
    }
}
