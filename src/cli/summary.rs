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
                // The author's own claims; reported ones are counted apart.
                let count = |want| {
                    a.preorder()
                        .filter(|&i| !a.node(i).is_reported() && b.of(i) == Some(want))
                        .count()
                };
                let reported = a.preorder().filter(|&i| a.node(i).is_reported()).count();
                let reported = if reported > 0 {
                    format!("; {reported} reported")
                } else {
                    String::new()
                };
                out.text(&format!(
                    "{:<8} {:<28} {:>4} nodes ({} for, {} against{reported})  {}",
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
