//! `mizan fmt`: rewrite maps canonically, or (`--check`) list those that differ.

use std::path::Path;

use mizan::store::map_save::{Backup, Expect, Saved, save_map};
use mizan::store::{canon, regular};

pub fn run(maps_dir: &Path, check_only: bool) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let mut out = super::out::Out::stdout();
    // Each file with what it held when read, so that a file changed since
    // is left alone rather than overwritten (the motion's bytes are not kept).
    let mut files: Vec<(&Path, String, Expect)> = Vec::new();
    if let Some(m) = &corpus.motion {
        files.push((
            &corpus.motion_path,
            canon::motion_to_string(m),
            Expect::Anything,
        ));
    }
    let mut broken = 0;
    for entry in &corpus.maps {
        match &entry.article {
            Some(a) => files.push((
                &entry.path,
                canon::article_to_string(a),
                Expect::loaded(entry.hash),
            )),
            None => {
                broken += 1;
                if let Some(d) = &entry.error {
                    super::out::note(&format!("{d}\n"));
                }
            }
        }
    }
    let mut differing = 0;
    for (path, text, expect) in &files {
        let same = regular::read(path).is_ok_and(|old| old == text.as_bytes());
        if same {
            continue;
        }
        differing += 1;
        if check_only {
            out.text(&path.display().to_string())?;
        } else {
            match save_map(path, text.as_bytes(), *expect, Backup::Skip)? {
                Saved::Conflict => {
                    broken += 1;
                    super::out::note(&format!(
                        "mizan: {} changed while it was being formatted; left as it is",
                        path.display()
                    ));
                }
                _ => out.text(&format!("formatted {}", path.display()))?,
            }
        }
    }
    out.finish()?;
    if broken > 0 {
        super::out::note(&format!(
            "mizan: {broken} map(s) could not be parsed (or changed meanwhile) and were left as they are"
        ));
    }
    Ok(if broken > 0 || (check_only && differing > 0) {
        1
    } else {
        0
    })
}
