//! `mizan fmt`: rewrite maps canonically, or (`--check`) list those that differ.

use std::path::Path;

use mizan::store::{canon, regular, save};

pub fn run(maps_dir: &Path, check_only: bool) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let mut out = super::out::Out::stdout();
    let mut files: Vec<(&Path, String)> = Vec::new();
    if let Some(m) = &corpus.motion {
        files.push((&corpus.motion_path, canon::motion_to_string(m)));
    }
    let mut broken = 0;
    for entry in &corpus.maps {
        match &entry.article {
            Some(a) => files.push((&entry.path, canon::article_to_string(a))),
            None => {
                broken += 1;
                if let Some(d) = &entry.error {
                    super::out::note(&format!("{d}\n"));
                }
            }
        }
    }
    let mut differing = 0;
    for (path, text) in &files {
        let same = regular::read(path).is_ok_and(|old| old == text.as_bytes());
        if same {
            continue;
        }
        differing += 1;
        if check_only {
            out.text(&path.display().to_string())?;
        } else {
            save::save_atomic(path, text.as_bytes())?;
            out.text(&format!("formatted {}", path.display()))?;
        }
    }
    out.finish()?;
    if broken > 0 {
        super::out::note(&format!(
            "mizan: {broken} map(s) could not be parsed and were left as they are"
        ));
    }
    Ok(if broken > 0 || (check_only && differing > 0) {
        1
    } else {
        0
    })
}
