//! Issue 20, items 4, 9 and 13: the one save protocol
//! (`store::map_save::save_map`) — conflicts, symlinks written through,
//! permissions kept, and a save without a backup when the state directory
//! cannot hold one.

use std::fs;

use mizan::store::backup;
use mizan::store::disk::content_hash;
use mizan::store::map_save::{Backup, Expect, SaveError, Saved, save_map};

// A file changed since it was read is a conflict, and nothing is written.
#[test]
fn changed_file_is_a_conflict() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state");
    let map = tmp.path().join("m.ron");
    fs::write(&map, "v1").unwrap();
    let loaded = Expect::Hash(content_hash(b"v1"));
    fs::write(&map, "theirs").unwrap();
    let out = save_map(&map, b"mine", loaded, Backup::In(&state)).unwrap();
    assert_eq!(out, Saved::Conflict);
    assert_eq!(fs::read_to_string(&map).unwrap(), "theirs");
    // Overwriting on purpose keeps theirs as a backup.
    let out = save_map(&map, b"mine", Expect::Anything, Backup::In(&state)).unwrap();
    let Saved::Written { backup: Some(b) } = out else {
        panic!("{out:?}")
    };
    assert_eq!(fs::read_to_string(b).unwrap(), "theirs");
    assert_eq!(fs::read_to_string(&map).unwrap(), "mine");
    // A removed file is a conflict too, and a new map must not replace one
    // that appeared meanwhile.
    fs::remove_file(&map).unwrap();
    let out = save_map(
        &map,
        b"x",
        Expect::Hash(content_hash(b"mine")),
        Backup::Skip,
    );
    assert_eq!(out.unwrap(), Saved::Conflict);
    assert!(!map.exists());
    assert_eq!(
        save_map(&map, b"new", Expect::Absent, Backup::Skip).unwrap(),
        Saved::Written { backup: None }
    );
    assert_eq!(
        save_map(&map, b"other", Expect::Absent, Backup::Skip).unwrap(),
        Saved::Conflict
    );
    assert_eq!(fs::read_to_string(&map).unwrap(), "new");
    assert_eq!(
        save_map(
            &map,
            b"new",
            Expect::Hash(content_hash(b"new")),
            Backup::Skip
        )
        .unwrap(),
        Saved::Unchanged
    );
}

// Item 9: a map that is a symlink stays a symlink; its target gets the edit.
#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_the_target() {
    let tmp = tempfile::tempdir().unwrap();
    let real_dir = tmp.path().join("checkout");
    let maps = tmp.path().join("maps");
    fs::create_dir(&real_dir).unwrap();
    fs::create_dir(&maps).unwrap();
    let real = real_dir.join("m.ron");
    fs::write(&real, "v1").unwrap();
    let link = maps.join("m.ron");
    std::os::unix::fs::symlink("../checkout/m.ron", &link).unwrap();
    let out = save_map(
        &link,
        b"v2",
        Expect::Hash(content_hash(b"v1")),
        Backup::In(&tmp.path().join("state")),
    )
    .unwrap();
    assert!(matches!(out, Saved::Written { .. }), "{out:?}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "v2");
    // The temporary file was made beside the target, not beside the link.
    assert_eq!(fs::read_dir(&maps).unwrap().count(), 1);
    assert_eq!(fs::read_dir(&real_dir).unwrap().count(), 1);
}

// Item 9: a private map stays private.
#[cfg(unix)]
#[test]
fn saving_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path().join("m.ron");
    fs::write(&map, "v1").unwrap();
    fs::set_permissions(&map, fs::Permissions::from_mode(0o600)).unwrap();
    save_map(&map, b"v2", Expect::Hash(content_hash(b"v1")), Backup::Skip).unwrap();
    let mode = fs::metadata(&map).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600);
    fs::set_permissions(&map, fs::Permissions::from_mode(0o640)).unwrap();
    mizan::store::save::save_atomic(&map, b"v3").unwrap();
    let mode = fs::metadata(&map).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
}

// Item 13: when no backup can be kept the save stops with an error a UI
// can tell apart, and a save without a backup then works.
#[test]
fn unwritable_state_dir_is_a_backup_error_then_skip_saves() {
    let tmp = tempfile::tempdir().unwrap();
    let map = tmp.path().join("m.ron");
    fs::write(&map, "v1").unwrap();
    // A file where the state directory should be: no backup can go there,
    // whoever runs the test (root ignores permissions).
    let state = tmp.path().join("state");
    fs::write(&state, "not a directory").unwrap();
    let loaded = Expect::Hash(content_hash(b"v1"));
    let err = save_map(&map, b"v2", loaded, Backup::In(&state)).unwrap_err();
    assert!(matches!(err, SaveError::Backup(_)), "{err}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(fs::read_to_string(&map).unwrap(), "v1");
    let out = save_map(&map, b"v2", loaded, Backup::Skip).unwrap();
    assert_eq!(out, Saved::Written { backup: None });
    assert_eq!(fs::read_to_string(&map).unwrap(), "v2");
    assert!(backup::list(&map, &state).is_empty());
}

// A FIFO or device in place of the map is refused, never opened for a
// blocking read or replaced.
#[cfg(unix)]
#[test]
fn fifo_in_place_of_a_map_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("m.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = save_map(&fifo, b"x", Expect::Anything, Backup::Skip).unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}
