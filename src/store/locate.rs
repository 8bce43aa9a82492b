//! Finds where each node of a parsed map sits in its file, so that semantic
//! diagnostics (found after parsing, on the arena) can say `file:line:col`.
//!
//! serde gives values, not positions, so this is a small second pass over the
//! text with the shared lexer (`lex`), which skips strings and comments: it
//! notes each `Node(` and the `id:` directly inside it. `Node(` openings come in pre-order whatever the
//! field order, which is exactly the arena's order.

use super::lex::{Lexer, Token};
use crate::model::corpus::Pos;

/// Position of each node's `id` field (or of its `Node(` when it has none),
/// in file order. Columns count characters, as ron's do.
pub fn node_positions(text: &str) -> Vec<Pos> {
    let mut lx = Lexer::new(text);
    let mut out: Vec<Pos> = Vec::new();
    // Open nodes: (bracket depth inside the node, arena index, id seen).
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    // The identifier just before this token, if it was one.
    let mut ident: Option<(&str, Pos)> = None;
    while let Some(t) = lx.next_token() {
        let before = ident.take();
        match t {
            Token::Ident(word, pos) => ident = Some((word, pos)),
            Token::Open => {
                if let Some(("Node", pos)) = before {
                    open.push((depth + 1, out.len(), false));
                    out.push(pos);
                }
                depth += 1;
            }
            Token::Close => {
                if open.last().is_some_and(|&(d, _, _)| d == depth) {
                    open.pop();
                }
                depth = depth.saturating_sub(1);
            }
            Token::Colon => {
                if let Some(("id", pos)) = before
                    && let Some(top) = open.last_mut()
                    && top.0 == depth
                    && !top.2
                {
                    top.2 = true;
                    out[top.1] = pos;
                }
            }
            Token::Str | Token::Other => {}
        }
    }
    out
}

/// The text of a 1-based line, without its line ending.
pub fn line_of(text: &str, line: u32) -> Option<&str> {
    let l = text.split('\n').nth(line.checked_sub(1)? as usize)?;
    Some(l.strip_suffix('\r').unwrap_or(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Ids are found in pre-order even when `children` precedes `id`, and ids
    // inside strings or comments are not mistaken for fields.
    #[test]
    fn finds_ids_in_preorder() {
        let text = "Article(id: \"a\", thesis: Node(\n  children: [Node(id: \"c\")],\n  // id: \"x\"\n  note: \"Node(id:\",\n  id: \"t\",\n))";
        let p = node_positions(text);
        assert_eq!(p, vec![Pos { line: 5, col: 3 }, Pos { line: 2, col: 19 }]);
    }

    #[test]
    fn columns_count_characters() {
        let p = node_positions("Node(claim_ar: \"عربي\", id: \"x\")");
        assert_eq!(p, vec![Pos { line: 1, col: 24 }]);
    }
}
