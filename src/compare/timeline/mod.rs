//! The debate over time: the articles on a time axis with their stance, and
//! for each theme when it is argued and which way.
//!
//! A date is placed as the span it means ([`DateSpan`]): `2024` covers the
//! whole year and `2021-07` the whole month, so a view draws a bar, never a
//! point that would claim a precision the map does not have; a date the
//! map says was inferred (not printed in the article) is marked as such.
//! Articles without a readable date are kept apart in [`Timeline::undated`]
//! rather than guessed.
//!
//! The per-theme tallies are the overview's cells ([`Overview`]), so the
//! timeline and the articles × themes matrix never disagree.

pub mod report;

use super::date_span::DateSpan;
use super::{Overview, Tally};
use crate::model::{Corpus, Stance};

/// One dated article on the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub map: u32,
    pub span: DateSpan,
    /// The date is inferred from the text, not printed in it.
    pub inferred: bool,
    pub stance: Option<Stance>,
}

/// An article that cannot be placed: it has no date, or one that is not
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undated {
    pub map: u32,
    /// The date as written, when there is one.
    pub written: Option<Box<str>>,
}

/// One article's nodes on one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemePoint {
    /// Index into [`Timeline::entries`].
    pub entry: u32,
    pub tally: Tally,
}

/// When a theme is argued and which way: one point per dated article with
/// a node on it, in time order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeTrack {
    pub theme: Box<str>,
    pub points: Vec<ThemePoint>,
}

impl ThemeTrack {
    /// The points summed per calendar year (of each article's span).
    pub fn by_year(&self, entries: &[Entry]) -> Vec<(i32, Tally)> {
        let mut out: Vec<(i32, Tally)> = Vec::new();
        for p in &self.points {
            let Some(e) = entries.get(p.entry as usize) else {
                continue;
            };
            let y = e.span.year;
            let t = match out.iter_mut().find(|(yy, _)| *yy == y) {
                Some((_, t)) => t,
                None => {
                    out.push((y, Tally::default()));
                    &mut out.last_mut().expect("just pushed").1
                }
            };
            t.for_ += p.tally.for_;
            t.against += p.tally.against;
            t.neither += p.tally.neither;
        }
        out.sort_by_key(|(y, _)| *y);
        out
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Dated articles, by first day, then last day, then corpus order.
    pub entries: Vec<Entry>,
    pub undated: Vec<Undated>,
    /// One track per overview column (theme) that a dated article argues.
    pub themes: Vec<ThemeTrack>,
}

impl Timeline {
    pub fn build(corpus: &Corpus) -> Timeline {
        Timeline::from_overview(corpus, &Overview::build(corpus))
    }

    /// The timeline of an overview already built (the TUI keeps one).
    pub fn from_overview(corpus: &Corpus, ov: &Overview) -> Timeline {
        let mut t = Timeline::default();
        let mut rows: Vec<(usize, Entry)> = Vec::new();
        for (row, r) in ov.articles.iter().enumerate() {
            let Some(a) = corpus.article(r.map) else {
                continue;
            };
            match a.meta.date.as_deref().and_then(DateSpan::parse) {
                Some(span) => rows.push((
                    row,
                    Entry {
                        map: r.map,
                        span,
                        inferred: a.meta.date_inferred,
                        stance: a.meta.stance,
                    },
                )),
                None => t.undated.push(Undated {
                    map: r.map,
                    written: a.meta.date.clone(),
                }),
            }
        }
        rows.sort_by_key(|(_, e)| (e.span.first, e.span.last, e.map));
        for (col, theme) in ov.themes.iter().enumerate() {
            let points: Vec<ThemePoint> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, (row, _))| {
                    let cell = ov.articles[*row].cells.get(col)?;
                    (!cell.tally.is_empty()).then_some(ThemePoint {
                        entry: i as u32,
                        tally: cell.tally,
                    })
                })
                .collect();
            if !points.is_empty() {
                t.themes.push(ThemeTrack {
                    theme: theme.clone(),
                    points,
                });
            }
        }
        t.entries = rows.into_iter().map(|(_, e)| e).collect();
        t
    }

    /// First and last day of the axis, if anything is dated.
    pub fn range(&self) -> Option<(i32, i32)> {
        let first = self.entries.iter().map(|e| e.span.first).min()?;
        let last = self.entries.iter().map(|e| e.span.last).max()?;
        Some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::date_span::Precision;

    fn bundled() -> Corpus {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
        crate::store::load_dir(&dir).unwrap()
    }

    // The bundled articles sit on the axis in date order, partial dates as
    // spans (2024 is the whole year, 2021-07 the month), inferred ones marked.
    #[test]
    fn bundled_articles_in_order_as_spans() {
        let c = bundled();
        let t = Timeline::build(&c);
        assert!(t.undated.is_empty());
        let dates: Vec<String> = t.entries.iter().map(|e| e.span.to_string()).collect();
        assert_eq!(
            dates,
            ["2020-12-03", "2021-07", "2024", "2024", "2024-09-28"]
        );
        let e2024 = &t.entries[2];
        assert_eq!(
            (e2024.span.precision, e2024.span.days()),
            (Precision::Year, 366)
        );
        assert!(e2024.inferred);
        let walldorf = &t.entries[4];
        assert_eq!(
            c.article(walldorf.map).unwrap().id(),
            "walldorf-2024-time-to-act"
        );
        assert!(!walldorf.inferred);
        let (first, last) = t.range().unwrap();
        assert_eq!((first, last), (t.entries[0].span.first, e2024.span.last));
    }

    // Each theme's points are the overview's cells, in time order, and the
    // yearly sums add up to them.
    #[test]
    fn theme_tracks_follow_the_overview() {
        let c = bundled();
        let ov = Overview::build(&c);
        let t = Timeline::from_overview(&c, &ov);
        assert!(!t.themes.is_empty());
        for track in &t.themes {
            let col = ov.column(&track.theme).unwrap();
            let mut last = i32::MIN;
            for p in &track.points {
                let e = &t.entries[p.entry as usize];
                assert!(e.span.first >= last);
                last = e.span.first;
                let row = ov.articles.iter().find(|r| r.map == e.map).unwrap();
                assert_eq!(row.cells[col].tally, p.tally);
            }
            let sum: u32 = track
                .by_year(&t.entries)
                .iter()
                .map(|(_, t)| t.total())
                .sum();
            assert_eq!(
                sum,
                track.points.iter().map(|p| p.tally.total()).sum::<u32>()
            );
        }
    }

    // An unreadable date is kept apart, with what was written.
    #[test]
    fn unreadable_dates_are_undated() {
        let mut c = bundled();
        let a = c.maps[0].article.as_mut().unwrap();
        a.meta.date = Some("summer 2021".into());
        let t = Timeline::build(&c);
        assert_eq!(t.entries.len(), 4);
        assert_eq!(
            t.undated,
            [Undated {
                map: 0,
                written: Some("summer 2021".into())
            }]
        );
    }
}
