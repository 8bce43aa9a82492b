//! Hooks the end-to-end tests use to prove that a panic leaves the
//! terminal usable and keeps unsaved edits: `MIZAN_TEST_PANIC` panics after
//! the first frame, or (`MIZAN_TEST_PANIC=F12`) when F12 is pressed; and
//! to see browsing while the maps load: `MIZAN_TEST_LOAD_HOLD` holds the
//! loader back. Kept
//! out of the loop's body so the loop reads as what it does.

use crossterm::event::{Event, KeyCode};

pub struct TestHooks {
    after_frame: bool,
    on_f12: bool,
}

impl TestHooks {
    pub fn from_env() -> TestHooks {
        let v = std::env::var("MIZAN_TEST_PANIC").ok();
        TestHooks {
            after_frame: v.as_deref().is_some_and(|v| v != "F12"),
            on_f12: v.as_deref() == Some("F12"),
        }
    }

    /// While the file `MIZAN_TEST_LOAD_HOLD` names exists, the background
    /// loader holds back every map after the first, so that an end-to-end
    /// test sees the browser at work while a corpus is still loading.
    pub fn load_hold() -> Option<std::path::PathBuf> {
        std::env::var_os("MIZAN_TEST_LOAD_HOLD").map(Into::into)
    }

    /// Called once a frame is drawn.
    pub fn after_frame(&self) {
        if self.after_frame {
            panic!("MIZAN_TEST_PANIC is set");
        }
    }

    /// Called with each terminal event before it is handled.
    pub fn on_event(&self, ev: &Event) {
        if self.on_f12
            && let Event::Key(k) = ev
            && k.code == KeyCode::F(12)
        {
            panic!("MIZAN_TEST_PANIC: F12 pressed");
        }
    }
}
