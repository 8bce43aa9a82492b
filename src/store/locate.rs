//! Finds where each node of a parsed map sits in its file, so that semantic
//! diagnostics (found after parsing, on the arena) can say `file:line:col`.
//!
//! serde gives values, not positions, so this is a small second pass over the
//! text: a lexer that skips strings and comments and notes each `Node(` and the
//! `id:` directly inside it. `Node(` openings come in pre-order whatever the
//! field order, which is exactly the arena's order.

use crate::model::corpus::Pos;

/// Position of each node's `id` field (or of its `Node(` when it has none),
/// in file order. Columns count characters, as ron's do.
pub fn node_positions(text: &str) -> Vec<Pos> {
    let b = text.as_bytes();
    let mut out: Vec<Pos> = Vec::new();
    // Open nodes: (paren depth inside the node, arena index, id seen).
    let mut open: Vec<(usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let (mut line, mut line_start) = (1u32, 0usize);
    let mut i = 0;
    let col_at = |line_start: usize, i: usize| text[line_start..i].chars().count() as u32 + 1;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    } else if b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    if b[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if open.last().is_some_and(|&(d, _, _)| d == depth) {
                    open.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                let mut j = i;
                while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                let pos = Pos {
                    line,
                    col: col_at(line_start, start),
                };
                if word == "Node" && b.get(j) == Some(&b'(') {
                    open.push((depth + 1, out.len(), false));
                    out.push(pos);
                } else if word == "id"
                    && b.get(j) == Some(&b':')
                    && let Some(top) = open.last_mut()
                    && top.0 == depth
                    && !top.2
                {
                    top.2 = true;
                    out[top.1] = pos;
                }
            }
            _ => i += 1,
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
