use super::*;

fn fields() -> NodeFields {
    NodeFields {
        id: "n1".into(),
        claim_en: "Forces should leave.".into(),
        claim_ar: "يجب أن تغادر القوات".into(),
        voice: Some("US officials".into()),
        kind: Some(ClaimKind::Proposal),
        relation: Some(Relation::Opposes),
        bearing: Some(Bearing::For),
        quote: Some("".into()),
        themes: vec!["isis".into(), "إيران".into(), "isis".into()],
        links: vec![Link {
            kind: super::super::LinkKind::Rebuts,
            to: "b/n2".into(),
        }],
        note: None,
        conflicts: vec![Conflict::new("note", Some("a"), None)],
        parent: Some(3),
        children: vec![7, 5, 9],
    }
}

#[test]
fn every_field_round_trips_through_the_packed_form() {
    let f = fields();
    let n = Node::from(f.clone());
    assert_eq!(n.to_fields(), f);
    assert_eq!(n.id(), "n1");
    assert_eq!(n.claim_ar(), "يجب أن تغادر القوات");
    // An empty quote is not an absent one.
    assert_eq!(n.quote(), Some(""));
    assert_eq!(n.note(), None);
    assert!(n.is_reported());
    assert_eq!(n.themes().len(), 3);
    assert_eq!(n.themes().next_back(), Some("isis"));
    assert!(n.has_theme("إيران") && !n.has_theme("iran"));
    assert_eq!(n.children(), [7, 5, 9]);
    assert_eq!(
        Node::from(NodeFields::default()).to_fields(),
        NodeFields::default()
    );
}

#[test]
fn setters_change_one_field_and_keep_the_others() {
    let mut n = Node::from(fields());
    n.set_claim_en("Changed, and longer than it was before.");
    n.set_voice(None);
    n.set_note(Some("a note"));
    n.set_themes(["timeline"]);
    n.children_mut().push(11);
    n.links_mut().clear();
    let mut want = fields();
    want.claim_en = "Changed, and longer than it was before.".into();
    want.voice = None;
    want.note = Some("a note".into());
    want.themes = vec!["timeline".into()];
    want.children.push(11);
    want.links.clear();
    assert_eq!(n.to_fields(), want);
    assert_eq!(n, Node::from(want));
}

#[test]
fn texts_past_64_kib_keep_their_ends() {
    let mut f = fields();
    f.claim_ar = "ب".repeat(40_000).into();
    f.quote = Some("q".repeat(30_000).into());
    let n = Node::from(f.clone());
    assert_eq!(n.to_fields(), f);
    let mut short = n.clone();
    short.set_claim_ar("قصير");
    short.set_quote(None);
    assert_eq!(short.claim_ar(), "قصير");
    assert_eq!(
        short.themes().collect::<Vec<_>>(),
        ["isis", "إيران", "isis"]
    );
    assert_eq!(short.note(), None);
}

#[test]
fn equal_nodes_compare_equal_however_they_were_built() {
    let mut a = Node::from(fields());
    a.links_mut().push(Link {
        kind: super::super::LinkKind::Agrees,
        to: "c/x".into(),
    });
    a.links_mut().pop();
    assert_eq!(a, Node::from(fields()));
    let mut b = Node::from(fields());
    b.set_parent(None);
    assert_ne!(a, b);
}

#[test]
fn themes_are_kept_whole_when_the_id_table_refuses() {
    let mut n = Node::from(fields());
    let texts = n.texts().map(|t| t.map(str::to_owned));
    let first = theme_ids::intern("isis");
    // The table takes "isis" and then is full: every theme moves to the node.
    n.pack_with(
        std::array::from_fn(|i| texts[i].as_deref()),
        ["isis", "full-1", "isis", "full-2"],
        |t| if t == "isis" { first } else { None },
    );
    assert_eq!(
        n.themes().collect::<Vec<_>>(),
        ["isis", "full-1", "isis", "full-2"]
    );
    assert_eq!(n.themes().len(), 4);
    assert_eq!(n.note(), None);
    assert_eq!(n.claim_en(), "Forces should leave.");
    // Setting themes the table takes brings them back into the buffer.
    n.set_themes(["isis"]);
    assert_eq!(n, {
        let mut f = fields();
        f.themes = vec!["isis".into()];
        Node::from(f)
    });
}

#[test]
fn children_keep_their_order_through_one_many_and_none() {
    let mut n = Node::from(fields());
    n.set_children(vec![4]);
    assert_eq!(n.children(), [4]);
    n.children_mut().insert(0, 2);
    assert_eq!(n.children(), [2, 4]);
    n.children_mut().retain(|&c| c != 2);
    assert_eq!(n.children(), [4]);
    n.children_mut().clear();
    assert!(n.children().is_empty());
    // Links and conflicts are untouched by the children moving around.
    assert_eq!(n.links().len(), 1);
    assert_eq!(n.conflicts().len(), 1);
    let mut f = fields();
    f.children = Vec::new();
    assert_eq!(n, Node::from(f));
}

#[test]
fn a_node_stays_small() {
    // Issue 19 item 4: the node itself, besides its text, in 48 bytes.
    assert!(
        std::mem::size_of::<Node>() <= 48,
        "{}",
        std::mem::size_of::<Node>()
    );
}

#[test]
fn shared_text_reads_the_same_and_an_edit_stays_on_its_node() {
    let mut nodes: Vec<Node> = (0..4)
        .map(|i| {
            let mut f = fields();
            f.id = format!("n{i}").into();
            if i == 2 {
                f.claim_ar = "ب".repeat(40_000).into();
                f.note = Some("ن".repeat(20_000).into());
            }
            if i == 3 {
                f = NodeFields::default();
            }
            Node::from(f)
        })
        .collect();
    let before = nodes.clone();
    share_text(&mut nodes);
    assert_eq!(nodes, before);
    assert_eq!(nodes[2].note().map(|n| n.chars().count()), Some(20_000));
    nodes[1].set_claim_en("Only this one changes.");
    assert_eq!(nodes[1].claim_en(), "Only this one changes.");
    assert_eq!(nodes[0], before[0]);
    assert_eq!(nodes[2], before[2]);
    assert_eq!(nodes[1].id(), "n1");
    assert_eq!(
        nodes[1].themes().collect::<Vec<_>>(),
        ["isis", "إيران", "isis"]
    );
}

// The pre-order walk asks for nodes ahead by index, guessing the arena is
// in pre-order (`Preorder::AHEAD`). The guess must never change the walk:
// over arenas laid out in pre-order, in reverse and scrambled, with every
// kind of node (shared text, texts past 64 KiB, no text, no themes, one
// child, many), the walk equals a recursive one.
#[test]
fn the_walk_is_pre_order_whatever_the_arena_layout() {
    use super::super::{Article, ArticleMeta};
    // A tree of 40 nodes: node k's parent is (k - 1) / 3, so most nodes have
    // three children, some one, the rest none.
    let n = 40u32;
    let parent_of = |k: u32| (k > 0).then(|| (k - 1) / 3);
    fn recurse(a: &Article, at: NodeIdx, out: &mut Vec<NodeIdx>) {
        out.push(at);
        for &c in a.node(at).children() {
            recurse(a, c, out);
        }
    }
    for layout in 0..3u32 {
        // Where tree node k sits in the arena.
        let slot = |k: u32| match layout {
            0 => k,
            1 => n - 1 - k,
            _ => (k * 17 + 5) % n,
        };
        let mut nodes: Vec<Node> = vec![Node::default(); n as usize];
        for k in 0..n {
            let mut f = match k % 4 {
                0 => fields(),
                1 => NodeFields::default(),
                2 => NodeFields {
                    id: format!("w{k}").into(),
                    claim_ar: "ب".repeat(70_000).into(),
                    ..NodeFields::default()
                },
                _ => NodeFields {
                    id: format!("n{k}").into(),
                    ..NodeFields::default()
                },
            };
            f.parent = parent_of(k).map(slot);
            f.children = (0..n)
                .filter(|&c| parent_of(c) == Some(k))
                .map(slot)
                .collect();
            nodes[slot(k) as usize] = Node::from(f);
        }
        share_text(&mut nodes);
        let a = Article {
            meta: ArticleMeta::default(),
            nodes,
            root: slot(0),
        };
        let mut want = Vec::new();
        recurse(&a, a.root, &mut want);
        assert_eq!(want.len(), n as usize);
        assert_eq!(a.preorder().collect::<Vec<_>>(), want, "layout {layout}");
        for &from in &want {
            let mut sub = Vec::new();
            recurse(&a, from, &mut sub);
            assert_eq!(a.preorder_from(from).collect::<Vec<_>>(), sub);
        }
    }
}
