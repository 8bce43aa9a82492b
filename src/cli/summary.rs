//! `mizan` without a terminal UI: a one-screen summary of the loaded maps.

use std::path::Path;

use mizan::model::bearing;

pub fn run(maps_dir: &Path) -> anyhow::Result<i32> {
    let corpus = super::load(maps_dir)?;
    let mut out = super::out::Out::stdout();
    if let Some(m) = &corpus.motion {
        out.text(&format!("Motion: {}\n", m.question_en))?;
    }
    for entry in &corpus.maps {
        match &entry.article {
            Some(a) => {
                let b = bearing::derive(a);
                let count = |want| a.preorder().filter(|&i| b.of(i) == Some(want)).count();
                out.text(&format!(
                    "{:<8} {:<28} {:>4} nodes ({} for, {} against)  {}",
                    a.meta.stance.map_or("?", |s| s.name()),
                    a.meta.id,
                    a.len(),
                    count(mizan::model::Bearing::For),
                    count(mizan::model::Bearing::Against),
                    a.meta.title_en
                ))?;
            }
            None => out.text(&format!("broken   {}", entry.path.display()))?,
        }
    }
    out.finish()?;
    Ok(0)
}
