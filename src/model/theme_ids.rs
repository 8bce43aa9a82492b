//! Theme ids interned for the whole process, so that a node stores each of
//! its themes as a small number instead of its own copy of the string
//! (issue 19: a million nodes carry ~1.9 themes each from a vocabulary of a
//! few dozen).
//!
//! The table only grows: an id once given keeps its string until the
//! process ends, so names are `&'static str` and reading one takes no lock
//! (two atomic loads). Interning takes a lock only the first time a thread
//! meets a string; after that the thread's own map answers. The table holds
//! [`CAPACITY`] ids; past that [`intern`] says `None` and the caller keeps
//! the strings itself (`Node` does), so nothing is ever lost.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const CHUNK: usize = 1024;
const CHUNKS: usize = 1024;
/// How many distinct ids the table holds.
pub const CAPACITY: usize = CHUNK * CHUNKS;

type Chunk = Box<[OnceLock<&'static str>]>;

static NAMES: [OnceLock<Chunk>; CHUNKS] = [const { OnceLock::new() }; CHUNKS];
static IDS: Mutex<Option<HashMap<&'static str, u32>>> = Mutex::new(None);

thread_local! {
    static SEEN: RefCell<HashMap<&'static str, u32>> = RefCell::new(HashMap::new());
}

/// The id of a theme string, giving it one if it has none; `None` when the
/// table is full.
pub fn intern(name: &str) -> Option<u32> {
    if let Some(id) = SEEN.with(|s| s.borrow().get(name).copied()) {
        return Some(id);
    }
    let (key, id) = {
        // A poisoned lock only means another thread panicked while holding
        // it; the map is never left half-updated (one insert at the end).
        let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
        let ids = ids.get_or_insert_with(HashMap::new);
        match ids.get_key_value(name) {
            Some((&k, &id)) => (k, id),
            None => {
                let id = ids.len();
                if id >= CAPACITY {
                    return None;
                }
                let key: &'static str = Box::leak(name.into());
                let chunk =
                    NAMES[id / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
                // Set before the id is handed out, so `name` always finds it.
                let _ = chunk[id % CHUNK].set(key);
                ids.insert(key, id as u32);
                (key, id as u32)
            }
        }
    };
    SEEN.with(|s| s.borrow_mut().insert(key, id));
    Some(id)
}

/// The string of an id [`intern`] gave; `""` for any other number.
pub fn name(id: u32) -> &'static str {
    let id = id as usize;
    NAMES
        .get(id / CHUNK)
        .and_then(OnceLock::get)
        .and_then(|c| c.get(id % CHUNK))
        .and_then(OnceLock::get)
        .copied()
        .unwrap_or("")
}

/// An id as one `char`, so that a node's theme ids can sit in its text
/// buffer (a `str`): ids below the surrogate range are their own code
/// point, the others are moved above it.
pub fn to_char(id: u32) -> Option<char> {
    char::from_u32(if id < 0xD800 {
        id
    } else {
        id.checked_add(0x800)?
    })
}

/// The id [`to_char`] turned into `c`.
pub fn from_char(c: char) -> u32 {
    let c = c as u32;
    if c < 0xE000 { c } else { c - 0x800 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_string_gets_the_same_id_on_every_thread() {
        let a = intern("lean-test-theme-a").unwrap();
        let b = intern("lean-test-theme-b").unwrap();
        assert_ne!(a, b);
        assert_eq!(intern("lean-test-theme-a"), Some(a));
        let other = std::thread::spawn(|| intern("lean-test-theme-a"))
            .join()
            .unwrap();
        assert_eq!(other, Some(a));
        assert_eq!(name(a), "lean-test-theme-a");
        assert_eq!(name(b), "lean-test-theme-b");
        assert_eq!(name(u32::MAX), "");
    }

    #[test]
    fn ids_round_trip_through_chars_around_the_surrogates() {
        for id in [
            0,
            1,
            127,
            128,
            0xD7FF,
            0xD800,
            0xDFFF,
            0xE000,
            CAPACITY as u32 - 1,
        ] {
            let c = to_char(id).unwrap();
            assert_eq!(from_char(c), id, "{id:#x}");
        }
    }
}
