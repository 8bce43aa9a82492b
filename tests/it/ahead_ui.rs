//! Laying out text ahead of time (issue 19, item 6): the look-ahead never
//! changes what a frame draws, and after it has run, the frames the next
//! keys bring find their text laid out already.

use crate::common::{app, press, screen};
use mizan::tui::ahead;
use mizan::tui::app::App;

fn laid_out(app: &App) -> usize {
    app.view.layout_cache.borrow().laid_out()
}

// The same keys with and without the look-ahead draw the same screens,
// cell for cell; with it, moving down the list, the tree and the detail
// (in both languages) lays out nothing in the frame itself.
#[test]
fn frames_find_their_text_laid_out_and_look_the_same() {
    let mut plain = app();
    let mut ahead_app = app();
    let keys = [
        "j", "j", "k", "Enter", "j", "j", "l", "j", "k", "L", "j", "k", "Tab", "j", "S-Tab", "L",
        "S-Tab", "j", "k",
    ];
    // The first frame lays out what shows; the look-ahead then runs.
    assert_eq!(screen(&plain), screen(&ahead_app));
    ahead::step(&mut ahead_app);
    ahead::settle(&mut ahead_app);
    let mut missed = Vec::new();
    for k in keys {
        press(&mut plain, k);
        let want = screen(&plain);
        press(&mut ahead_app, k);
        ahead::collect(&mut ahead_app);
        let before = laid_out(&ahead_app);
        let s = screen(&ahead_app);
        if laid_out(&ahead_app) != before {
            missed.push(k);
        }
        assert_eq!(want, s, "after {k}");
        ahead::step(&mut ahead_app);
        ahead::settle(&mut ahead_app);
    }
    assert!(
        missed.is_empty(),
        "frames that laid out text after: {missed:?}"
    );
}
