//! The one set of glyphs for stance, bearing and relation, shared by the TUI,
//! the CLI reports and the exports so that a glyph means one thing
//! everywhere: the triangles are about the motion (▲ for / pro, ▼ against /
//! anti, ◆ neither / mixed, ● neutral), `+`/`−` only about a node's parent
//! (supports / opposes). Shapes, not colours, carry the meaning, so the
//! glyphs read without colour and in a pipe.

use super::{Bearing, Relation, Stance};

impl Stance {
    /// The stance badge: `▲` pro, `▼` anti, `◆` mixed, `●` neutral.
    pub fn glyph(self) -> &'static str {
        match self {
            Stance::Pro => "▲",
            Stance::Anti => "▼",
            Stance::Mixed => "◆",
            Stance::Neutral => "●",
        }
    }

    /// The badge of a stance that may be missing (`?`).
    pub fn glyph_of(s: Option<Stance>) -> &'static str {
        s.map_or("?", Stance::glyph)
    }
}

impl Bearing {
    /// A node's bearing on the motion, in the stance shapes (for = pro).
    pub fn glyph(self) -> &'static str {
        match self {
            Bearing::For => "▲",
            Bearing::Against => "▼",
            Bearing::Neither => "◆",
        }
    }

    /// The glyph of a bearing that may be unknown (`?`).
    pub fn glyph_of(b: Option<Bearing>) -> &'static str {
        b.map_or("?", Bearing::glyph)
    }
}

impl Relation {
    /// A node's relation to its parent: `+` supports, `−` opposes.
    pub fn glyph(self) -> &'static str {
        match self {
            Relation::Supports => "+",
            Relation::Opposes => "−",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects issue 14's rule: the motion glyphs and the parent glyphs are disjoint.
    #[test]
    fn motion_and_parent_glyphs_never_share_a_shape() {
        let motion: Vec<&str> = Stance::ALL
            .into_iter()
            .map(Stance::glyph)
            .chain([Bearing::For, Bearing::Against, Bearing::Neither].map(Bearing::glyph))
            .collect();
        for r in [Relation::Supports, Relation::Opposes] {
            assert!(
                !motion.contains(&r.glyph()),
                "{} is also a motion glyph",
                r.glyph()
            );
        }
        assert_eq!(Bearing::For.glyph(), Stance::Pro.glyph());
        assert_eq!(Bearing::Against.glyph(), Stance::Anti.glyph());
    }
}
