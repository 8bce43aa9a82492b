//! Counting bearings and turning two counts into a verdict. The rules are
//! spelled out (and argued for) in the module doc of [`crate::compare`].

use serde::Serialize;

use crate::model::Bearing;

/// How many of a side's nodes on one theme bear for, against, or neither
/// way on the motion (unknown bearings count as neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    #[serde(rename = "for")]
    pub for_: u32,
    pub against: u32,
    pub neither: u32,
}

impl Tally {
    pub fn add(&mut self, bearing: Option<Bearing>) {
        match bearing {
            Some(Bearing::For) => self.for_ += 1,
            Some(Bearing::Against) => self.against += 1,
            Some(Bearing::Neither) | None => self.neither += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.for_ + self.against + self.neither
    }

    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    /// What the side mostly argues; `None` when it has no node at all.
    pub fn lean(&self) -> Option<Lean> {
        if self.is_empty() {
            return None;
        }
        Some(match self.for_.cmp(&self.against) {
            std::cmp::Ordering::Greater => Lean::For,
            std::cmp::Ordering::Less => Lean::Against,
            std::cmp::Ordering::Equal if self.for_ > 0 => Lean::Split,
            std::cmp::Ordering::Equal => Lean::Neutral,
        })
    }

    /// Which ways the side argues at all (the overview matrix's cell mark).
    pub fn mark(&self) -> Mark {
        match (self.for_ > 0, self.against > 0) {
            (true, true) => Mark::Both,
            (true, false) => Mark::For,
            (false, true) => Mark::Against,
            (false, false) if self.neither > 0 => Mark::Neither,
            (false, false) => Mark::Empty,
        }
    }
}

/// Whose claims count towards tallies, leans, verdicts and the spectrum.
///
/// A reported claim (a node with a `voice`) is evidence of what others say,
/// not one of the author's reasons, so by default only the author's own
/// claims count; reported ones are still listed, and tallied apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Voices {
    /// Only the author's own claims count.
    #[default]
    Own,
    /// Reported claims count as if they were the author's.
    All,
}

impl Voices {
    /// Whether a node, reported or not, counts.
    pub fn counts(self, reported: bool) -> bool {
        !reported || self == Voices::All
    }

    pub fn name(self) -> &'static str {
        match self {
            Voices::Own => "own",
            Voices::All => "all",
        }
    }

    /// The other setting (for a toggle).
    pub fn toggled(self) -> Voices {
        match self {
            Voices::Own => Voices::All,
            Voices::All => Voices::Own,
        }
    }
}

/// The majority of a side's bearings on one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    /// More nodes for the motion than against.
    For,
    /// More nodes against the motion than for.
    Against,
    /// As many for as against (at least one each).
    Split,
    /// Only nodes that bear neither way.
    Neutral,
}

impl Lean {
    /// How a report says it: "leans for", "is split".
    pub fn phrase(self) -> &'static str {
        match self {
            Lean::For => "leans for",
            Lean::Against => "leans against",
            Lean::Split => "is split",
            Lean::Neutral => "is neutral",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lean::For => "for",
            Lean::Against => "against",
            Lean::Split => "split",
            Lean::Neutral => "neutral",
        }
    }
}

/// Which ways an article argues on a theme at all: presence, not majority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Only for (and perhaps neither).
    For,
    /// Only against (and perhaps neither).
    Against,
    /// Both for and against.
    Both,
    /// Only nodes that bear neither way.
    Neither,
    /// No node on the theme.
    Empty,
}

impl Mark {
    pub fn name(self) -> &'static str {
        match self {
            Mark::For => "for",
            Mark::Against => "against",
            Mark::Both => "both",
            Mark::Neither => "neither",
            Mark::Empty => "empty",
        }
    }
}

/// How two articles stand to each other on one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Both lean the same way.
    Agree,
    /// One leans for, the other against.
    Clash,
    /// Both speak, but not both leaning: one is split or neutral.
    Mixed,
    /// Only article A has nodes on the theme.
    OnlyA,
    /// Only article B has nodes on the theme.
    OnlyB,
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::Agree,
        Verdict::Clash,
        Verdict::Mixed,
        Verdict::OnlyA,
        Verdict::OnlyB,
    ];

    /// The name used in JSON and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Clash => "clash",
            Verdict::Mixed => "mixed",
            Verdict::OnlyA => "only-a",
            Verdict::OnlyB => "only-b",
        }
    }

    /// The verdict on two sides' tallies. Two empty sides (no row would be
    /// made for them) count as agreeing: neither says anything different.
    pub fn of(a: &Tally, b: &Tally) -> Verdict {
        match (a.lean(), b.lean()) {
            (None, None) => Verdict::Agree,
            (Some(_), None) => Verdict::OnlyA,
            (None, Some(_)) => Verdict::OnlyB,
            (Some(x), Some(y)) if x == y => Verdict::Agree,
            (Some(Lean::For), Some(Lean::Against)) | (Some(Lean::Against), Some(Lean::For)) => {
                Verdict::Clash
            }
            (Some(_), Some(_)) => Verdict::Mixed,
        }
    }
}

/// How many rows got each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct VerdictCounts {
    pub agree: u32,
    pub clash: u32,
    pub mixed: u32,
    pub only_a: u32,
    pub only_b: u32,
}

impl VerdictCounts {
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Agree => self.agree += 1,
            Verdict::Clash => self.clash += 1,
            Verdict::Mixed => self.mixed += 1,
            Verdict::OnlyA => self.only_a += 1,
            Verdict::OnlyB => self.only_b += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(for_: u32, against: u32, neither: u32) -> Tally {
        Tally {
            for_,
            against,
            neither,
        }
    }

    // The majority decides the lean; equal non-zero counts are a split.
    #[test]
    fn lean_is_the_majority() {
        assert_eq!(t(2, 1, 5).lean(), Some(Lean::For));
        assert_eq!(t(0, 1, 0).lean(), Some(Lean::Against));
        assert_eq!(t(2, 2, 0).lean(), Some(Lean::Split));
        assert_eq!(t(0, 0, 3).lean(), Some(Lean::Neutral));
        assert_eq!(t(0, 0, 0).lean(), None);
    }

    // Unknown bearings are counted, as neither, so a row never loses a node.
    #[test]
    fn unknown_counts_as_neither() {
        let mut x = Tally::default();
        x.add(None);
        x.add(Some(Bearing::Neither));
        x.add(Some(Bearing::For));
        assert_eq!(x, t(1, 0, 2));
    }

    // Every pair of leans gets the documented verdict, and swapping sides
    // only swaps only-a and only-b.
    #[test]
    fn verdict_table_is_symmetric() {
        let cases = [
            (t(1, 0, 0), t(3, 1, 0), Verdict::Agree),
            (t(0, 2, 0), t(0, 1, 4), Verdict::Agree),
            (t(1, 0, 0), t(0, 1, 0), Verdict::Clash),
            (t(3, 1, 0), t(1, 2, 0), Verdict::Clash),
            (t(1, 1, 0), t(2, 2, 0), Verdict::Agree),
            (t(0, 0, 1), t(0, 0, 2), Verdict::Agree),
            (t(1, 1, 0), t(1, 0, 0), Verdict::Mixed),
            (t(0, 0, 1), t(0, 1, 0), Verdict::Mixed),
            (t(1, 1, 0), t(0, 0, 1), Verdict::Mixed),
            (t(1, 0, 0), t(0, 0, 0), Verdict::OnlyA),
        ];
        for (a, b, want) in cases {
            assert_eq!(Verdict::of(&a, &b), want, "{a:?} vs {b:?}");
            let swapped = match want {
                Verdict::OnlyA => Verdict::OnlyB,
                Verdict::OnlyB => Verdict::OnlyA,
                v => v,
            };
            assert_eq!(Verdict::of(&b, &a), swapped, "{b:?} vs {a:?}");
        }
    }

    // The matrix mark is presence: one node against among many for is "both".
    #[test]
    fn mark_is_presence() {
        assert_eq!(t(5, 1, 0).mark(), Mark::Both);
        assert_eq!(t(5, 0, 1).mark(), Mark::For);
        assert_eq!(t(0, 2, 0).mark(), Mark::Against);
        assert_eq!(t(0, 0, 1).mark(), Mark::Neither);
        assert_eq!(t(0, 0, 0).mark(), Mark::Empty);
    }
}
