//! The maps being worked on and everything that follows them: editing with
//! undo, saving with conflict checks, reloading, recovery after a crash.

pub mod editing;
pub mod history;
pub mod saving;
