//! The three-way merge of the motion file: the question in both languages
//! and the theme vocabulary, themes matched by id. The motion has no place
//! for a Conflict entry (one file every map depends on should not hold an
//! undecided value), so a real conflict here is an error and the caller
//! falls back to git's line merge.

use std::collections::{HashMap, HashSet};

use super::order::merge_order;
use crate::model::{Motion, Theme};

/// Merges three versions of the motion, or says which value conflicts.
pub fn merge_motion(
    base: Option<&Motion>,
    ours: &Motion,
    theirs: &Motion,
) -> Result<Motion, String> {
    let pick = |what: &str, b: Option<&str>, o: &str, t: &str| -> Result<Box<str>, String> {
        if o == t || b == Some(t) {
            Ok(o.into())
        } else if b == Some(o) {
            Ok(t.into())
        } else {
            Err(format!("both sides changed {what}"))
        }
    };
    let question_en = pick(
        "the question (English)",
        base.map(|b| &*b.question_en),
        &ours.question_en,
        &theirs.question_en,
    )?;
    let question_ar = pick(
        "the question (Arabic)",
        base.map(|b| &*b.question_ar),
        &ours.question_ar,
        &theirs.question_ar,
    )?;
    let index = |m: Option<&Motion>| -> HashMap<Box<str>, Theme> {
        m.map_or_else(HashMap::new, |m| {
            m.themes.iter().map(|t| (t.id.clone(), t.clone())).collect()
        })
    };
    let (bi, oi, ti) = (index(base), index(Some(ours)), index(Some(theirs)));
    let mut merged: HashMap<&str, Theme> = HashMap::new();
    let ids: Vec<&str> = ours
        .themes
        .iter()
        .chain(&theirs.themes)
        .map(|t| &*t.id)
        .collect();
    for &id in &ids {
        if merged.contains_key(id) {
            continue;
        }
        let b = bi.get(id);
        let theme = match (oi.get(id), ti.get(id)) {
            (Some(o), Some(t)) => Theme {
                id: id.into(),
                en: pick(&format!("theme `{id}`"), b.map(|b| &*b.en), &o.en, &t.en)?,
                ar: pick(&format!("theme `{id}`"), b.map(|b| &*b.ar), &o.ar, &t.ar)?,
            },
            (Some(only), None) | (None, Some(only)) => match b {
                None => only.clone(),
                Some(b) if b == only => continue,
                Some(_) => {
                    return Err(format!(
                        "theme `{id}` changed on one side, removed on the other"
                    ));
                }
            },
            (None, None) => continue,
        };
        merged.insert(id, theme);
    }
    let keep: HashSet<&str> = merged.keys().copied().collect();
    let (bl, ol, tl) = (
        theme_ids(base),
        theme_ids(Some(ours)),
        theme_ids(Some(theirs)),
    );
    // merge_order borrows ids for the lifetime of the lists; copy out after.
    let ordered: Vec<String> = merge_order(&bl, &ol, &tl, &keep)
        .into_iter()
        .map(str::to_owned)
        .collect();
    let themes = ordered
        .iter()
        .filter_map(|id| merged.remove(id.as_str()))
        .collect();
    Ok(Motion {
        question_en,
        question_ar,
        themes,
    })
}

fn theme_ids(m: Option<&Motion>) -> Vec<&str> {
    m.map_or_else(Vec::new, |m| m.themes.iter().map(|t| &*t.id).collect())
}
