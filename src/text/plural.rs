//! Counting in English: "1 node", "2 nodes", "0 errors". Every message that
//! states a number goes through here so none says "1 words" or "cut 1 nodes".

/// `n` and the noun, pluralised with a plain `s` unless `n` is 1.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `n` and the noun, for nouns whose plural is not a plain `s` ("match").
pub fn count_irregular(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1, "word"), "1 word");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(2, "node"), "2 nodes");
        assert_eq!(count_irregular(1, "match", "matches"), "1 match");
        assert_eq!(count_irregular(3, "match", "matches"), "3 matches");
    }
}
