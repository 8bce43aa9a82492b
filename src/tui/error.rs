//! The UI's error type: whatever stops it from starting or running, boxed.
//! Its own file so the loading screen and the loop can name it without
//! importing the module root that starts them.

pub type Error = Box<dyn std::error::Error + Send + Sync>;
