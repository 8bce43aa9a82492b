//! Lines composed of separate fields (outlet · date, id · title, a header's
//! article id, outlet and date) laid out so that no field's direction leaks
//! into its neighbours. Laid out as one paragraph, "نون بوست · 2021-07"
//! turns the date into Arabic numbers and shows `07-2021`; HTML's `<bdi>`
//! (FSI … PDI) exists for exactly this (DESIGN.md, "composed lines isolate
//! their fields", issue 14).
//!
//! Each field is laid out as a paragraph of its own and the results are put
//! side by side, left to right. That is what isolating every field with
//! FSI … PDI in a left-to-right line does (an isolate is one neutral to the
//! text around it, and separators are neutral too), without sending the
//! isolate controls through a pipeline that rightly refuses them in map
//! text — so a stray PDI in a map cannot end an isolate early either.

use super::layout::{BidiMode, Glyph, VisualLine, layout, truncated};

/// `fields` joined by `sep` on one row of `width` cells, each field
/// isolated; `…` where the row runs out. Empty fields are left out. The
/// glyphs' logical ranges are byte ranges of the joined text
/// (`fields.join(sep)` of the non-empty fields).
pub fn isolated(fields: &[&str], sep: &str, width: usize, mode: BidiMode) -> VisualLine {
    let mut out = VisualLine::default();
    let mut offset = 0;
    let mut first = true;
    for field in fields.iter().filter(|f| !f.is_empty()) {
        let mut parts: Vec<(&str, bool)> = Vec::with_capacity(2);
        if !first {
            parts.push((sep, true));
        }
        parts.push((field, false));
        first = false;
        for (text, is_sep) in parts {
            let room = width.saturating_sub(out.width);
            if room == 0 {
                return out;
            }
            let whole = layout(text, usize::MAX / 4, mode);
            let w = whole.first().map_or(0, |l| l.width);
            // A separator needs room for a bit of the field after it too,
            // else the row ends on a dangling ` · `.
            let fits = if is_sep { w + 2 <= room } else { w <= room } && whole.len() <= 1;
            let line = if fits {
                whole.into_iter().next().unwrap_or_default()
            } else if is_sep {
                // No room for the separator and anything after it.
                return out;
            } else {
                truncated(text, room, mode)
            };
            out.width += line.width;
            out.glyphs.extend(line.glyphs.into_iter().map(|g| Glyph {
                logical: g.logical.start + offset..g.logical.end + offset,
                ..g
            }));
            offset += text.len();
            if !fits {
                return out;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 14: a date after Arabic keeps its order (not `07-2021`).
    #[test]
    fn dates_after_arabic_are_not_reversed() {
        let l = isolated(
            &["Noon Post (نون بوست)", "2021-07"],
            " · ",
            80,
            BidiMode::Mizan,
        );
        assert!(l.text().ends_with(" · 2021-07"), "{}", l.text());
        let l = isolated(&["الجزيرة", "2024-09-28"], " · ", 80, BidiMode::Mizan);
        assert!(l.text().ends_with(" · 2024-09-28"), "{}", l.text());
        assert!(!l.text().contains("28-09-2024"));
    }

    // The same text as one paragraph does reverse the date: the reason for this module.
    #[test]
    fn one_paragraph_would_reverse() {
        let l = layout("الجزيرة · 2024-09-28", 80, BidiMode::Mizan);
        assert!(!l[0].text().contains("2024-09-28"), "{}", l[0].text());
    }

    // A row too narrow for the next field ends without a dangling separator.
    #[test]
    fn no_dangling_separator() {
        let l = isolated(
            &["ANTI (implicit)", "2020-12-03"],
            " · ",
            18,
            BidiMode::Mizan,
        );
        assert_eq!(l.text(), "ANTI (implicit)");
    }

    // Fields stay in their order, each one reordered inside itself.
    #[test]
    fn fields_in_order_and_cut_with_ellipsis() {
        let l = isolated(
            &["alpha", "", "Test Outlet", "2024-01-02"],
            " · ",
            80,
            BidiMode::Mizan,
        );
        assert_eq!(l.text(), "alpha · Test Outlet · 2024-01-02");
        let l = isolated(
            &["alpha", "Test Outlet", "2024-01-02"],
            " · ",
            16,
            BidiMode::Mizan,
        );
        assert_eq!(l.text(), "alpha · Test…");
        assert!(l.width <= 16);
    }
}
