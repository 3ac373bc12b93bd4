//! What counts as a tick: the one vocabulary of the marks and words people
//! use to tick a box or answer yes or no, shared by the workbook reader (a
//! 是/否 column) and the Word reader (a mark before an option).

/// Marks people put in or before a box to tick it (a crossed box ☒ is a
/// ticked box in Word's own check boxes).
pub const TICKS: &[char] = &['☑', '☒', '■', '√', '✓', '✔', '▣', '⊠', '●'];

/// Marks that say no.
pub const CROSSES: &[char] = &['×', '✗', '✘', '☐', '□'];

/// Words that say yes in a 是/否 cell.
const YES: &[&str] = &["是", "有", "y", "yes", "true", "1"];
/// Words that say no.
const NO: &[&str] = &["否", "无", "n", "no", "false", "0"];

/// Whether a character ticks a box.
pub fn is_tick(c: char) -> bool {
    TICKS.contains(&c)
}

/// A 是/否 answer: `Some(Some(true))` for yes (是, a tick, `Y`, `TRUE`…),
/// `Some(Some(false))` for no, `Some(None)` for an empty cell and `None`
/// for anything else (the caller names the cell).
pub fn answer(text: &str) -> Option<Option<bool>> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let mark = |set: &[char]| {
        let mut chars = t.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if set.contains(&c))
    };
    if t.is_empty() {
        Some(None)
    } else if YES.contains(&lower.as_str()) || mark(TICKS) {
        Some(Some(true))
    } else if NO.contains(&lower.as_str()) || mark(CROSSES) {
        Some(Some(false))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_offices_write_them() {
        for yes in [
            "是", "√", "✓", "☑", "✔", "有", "Y", "yes", "TRUE", "True", "1", " 是 ",
        ] {
            assert_eq!(answer(yes), Some(Some(true)), "{yes}");
        }
        for no in ["否", "×", "✗", "☐", "无", "N", "No", "FALSE", "0"] {
            assert_eq!(answer(no), Some(Some(false)), "{no}");
        }
        assert_eq!(answer(""), Some(None));
        assert_eq!(answer("也许"), None);
        assert_eq!(answer("√√"), None);
    }
}
