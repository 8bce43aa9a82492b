//! A tiny two-article selection with a reported claim, a claim kind, a
//! genre, an implicit stance and a cross-article link, for the exporters'
//! tests of who argues what (issue 13).

use super::Selection;

/// Two small articles: `b/r` reported by "US officials", a prediction,
/// and linked from `a/r`; `b` is an implicit-stance news report.
pub fn voiced() -> (crate::model::Motion, Vec<crate::model::Article>) {
    let (motion, mut arts) = crate::synthetic::generate(2, 3, 7);
    for a in &mut arts {
        a.meta.genre = None;
        a.meta.stance_basis = crate::model::StanceBasis::Explicit;
        for n in &mut a.nodes {
            n.set_voice(None);
            n.kind = None;
            n.links_mut().clear();
            let id = if n.parent().is_none() { "thesis" } else { "r" };
            n.set_id(id);
        }
        a.nodes.truncate(2);
        *a.nodes[0].children_mut() = vec![1];
        a.nodes[1].set_parent(Some(0));
    }
    arts[0].meta.id = "a".into();
    arts[1].meta.id = "b".into();
    *arts[0].nodes[1].links_mut() = vec![crate::model::Link {
        kind: crate::model::LinkKind::Contradicts,
        to: "b/r".into(),
    }];
    arts[1].meta.genre = Some(crate::model::Genre::News);
    arts[1].meta.stance_basis = crate::model::StanceBasis::Implicit;
    arts[1].nodes[1].set_voice(Some("US officials"));
    arts[1].nodes[1].kind = Some(crate::model::ClaimKind::Prediction);
    (motion, arts)
}

pub fn selection<'a>(
    motion: &'a crate::model::Motion,
    arts: &'a [crate::model::Article],
) -> Selection<'a> {
    Selection {
        motion: Some(motion),
        articles: arts.iter().collect(),
        files: vec!["a.ron".into(), "b.ron".into()],
    }
}
