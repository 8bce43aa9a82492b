//! The debate screen driven by keys, and its snapshots (issue 18). On the
//! fixture maps: `beta/threat` agrees with `alpha/not-done` (both against
//! the motion, so one argument made by two articles), and `alpha/done`
//! contradicts `beta/threat`.

use crate::common;

use common::{app, app_with, at, press, screen};
use mizan::model::ClusterBearing;
use mizan::tui::app::{App, Screen};
use mizan::tui::config::BidiChoice;
use mizan::tui::screens::debate::DebateState;

fn state(a: &App) -> &DebateState {
    match &a.screen {
        Screen::Debate(s, _) => s,
        _ => panic!("not on the debate screen"),
    }
}

fn addresses(a: &App, c: u32) -> Vec<String> {
    state(a)
        .debate
        .members(c)
        .iter()
        .map(|m| a.ws.corpus.address(m.node).unwrap())
        .collect()
}

// D opens the debate: the argument two articles make heads the against
// column, contested by alpha's contradiction; Esc goes back.
#[test]
fn d_opens_the_debate_ranked() {
    let mut a = app();
    press(&mut a, "D");
    let s = state(&a);
    let top = s.lists[1][0];
    assert_eq!(s.debate.bearing(top), ClusterBearing::Against);
    assert_eq!(addresses(&a, top), ["alpha/not-done", "beta/threat"]);
    let info = s.debate.info(top).unwrap();
    assert_eq!(info.makers, 2);
    assert!(info.contested);
    assert!(screen(&a).contains("[2]✗"), "{}", screen(&a));
    press(&mut a, "Esc");
    assert!(matches!(a.screen, Screen::Browse(_)));
}

// l to the against column, Tab into the argument's nodes, j to the second,
// Enter opens it in its own article.
#[test]
fn enter_opens_a_member_in_its_article() {
    let mut a = app();
    press(&mut a, "D l Tab j Enter");
    assert!(matches!(a.screen, Screen::Browse(_)));
    assert_eq!(at(&a), "beta/threat");
}

// t cycles the theme filter through the motion's themes and back to all;
// y does the same with the years articles are dated in.
#[test]
fn filters_cycle_by_theme_and_year() {
    let mut a = app();
    press(&mut a, "D");
    let all = state(&a).lists.clone();
    press(&mut a, "t");
    assert_eq!(state(&a).filter.theme.as_deref(), Some("isis"));
    let isis = state(&a).lists.clone();
    assert!(isis[0].len() + isis[1].len() < all[0].len() + all[1].len());
    assert!(screen(&a).contains("theme isis"));
    press(&mut a, "t t");
    assert_eq!(state(&a).filter.theme, None);
    assert_eq!(state(&a).lists, all);
    press(&mut a, "y");
    assert_eq!(state(&a).filter.year, Some(2024));
    // beta has no date: only arguments alpha makes remain, the shared one too
    for &c in state(&a).lists.iter().flatten() {
        assert!(addresses(&a, c).iter().any(|m| m.starts_with("alpha/")));
    }
    press(&mut a, "y");
    assert_eq!(state(&a).filter.year, None);
}

// L shows the claims in Arabic.
#[test]
fn l_switches_the_claims_to_arabic() {
    let mut a = app_with(BidiChoice::Off, 120, 40);
    press(&mut a, "D");
    let en = screen(&a);
    press(&mut a, "L");
    let ar = screen(&a);
    assert_ne!(en, ar);
    assert!(ar.contains("ينبغي") || ar.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
}

// The debate screen at the sizes people use.
#[test]
fn debate_snapshots() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = app_with(BidiChoice::Mizan, w, h);
        press(&mut a, "D l");
        insta::assert_snapshot!(format!("debate_{w}x{h}"), screen(&a));
    }
}

// T opens the timeline from the browser, T in the debate toggles it; the
// dated fixture article gets a bar, the undated one is listed apart.
#[test]
fn t_shows_the_timeline() {
    let mut a = app();
    press(&mut a, "T");
    assert!(state(&a).timeline.is_some());
    let shown = screen(&a);
    assert!(shown.contains("Timeline: 1 dated articles"), "{shown}");
    assert!(
        shown.contains("2024-01-02") && !shown.contains("2024-01-02?"),
        "{shown}"
    );
    assert!(shown.contains("no readable date"), "{shown}");
    press(&mut a, "j Enter");
    assert!(matches!(a.screen, Screen::Debate(..)), "column keys wait");
    press(&mut a, "T");
    assert!(state(&a).timeline.is_none());
    press(&mut a, "T Esc");
    assert!(matches!(a.screen, Screen::Browse(_)));
}

// The timeline at 80x24.
#[test]
fn timeline_snapshot() {
    let mut a = app_with(BidiChoice::Mizan, 80, 24);
    press(&mut a, "T");
    insta::assert_snapshot!("timeline_80x24", screen(&a));
}

// A timeline taller than the window scrolls with j/k and says where it is;
// it never scrolls past its last line.
#[test]
fn timeline_scrolls_when_it_does_not_fit() {
    // The bundled maps: five dated articles and fourteen themes.
    let maps = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let state = tempfile::tempdir().unwrap();
    let mut a = common::app_in(&maps, state.path());
    common::resize(&mut a, 80, 12);
    press(&mut a, "T");
    let first = screen(&a);
    assert!(first.contains("Timeline:"), "{first}");
    assert!(first.contains("lines 1–11 of"), "{first}");
    press(&mut a, "j");
    let second = screen(&a);
    assert!(!second.contains("Timeline:"), "{second}");
    assert!(second.contains("lines 2–12 of"), "{second}");
    press(&mut a, &"j ".repeat(50));
    let bottom = screen(&a);
    press(&mut a, "j");
    assert_eq!(screen(&a), bottom, "scrolled past the end");
    press(&mut a, &"k ".repeat(60));
    assert_eq!(screen(&a), first);
}
