//! Boxes and ticks that are not Unicode text: a character of a symbol font
//! (Insert → Symbol writes a `w:sym`; the old trick types `R` and sets the
//! font to Wingdings 2), a 带圈字符 field (`EQ \o\ac(□,√)`) and a legacy
//! form-field check box (`FORMCHECKBOX`). Each is read as the Unicode mark
//! it shows, so the one vocabulary of ticks (`yanxiu_core::ticks`) decides;
//! a symbol this table does not know is [`UNREADABLE`], which the label
//! reader reports by cell instead of reading an unticked box.

/// What the reader puts where a box shows something it cannot read (an
/// unknown symbol, a picture): the label reader warns about it, naming the
/// cell. U+FFFC is Unicode's own stand-in for an embedded object.
pub(crate) const UNREADABLE: char = '\u{FFFC}';

/// The fonts whose characters are pictures, not letters.
const FONTS: [&str; 5] = [
    "wingdings",
    "wingdings 2",
    "wingdings 3",
    "webdings",
    "symbol",
];

/// Whether a font is a symbol font (its letters are pictures).
pub(crate) fn is_symbol_font(font: &str) -> bool {
    FONTS.contains(&font.trim().to_ascii_lowercase().as_str())
}

/// The code points of the marks a box is ticked or left with, by font:
/// Microsoft's published glyph tables of each font, the boxes and ticks only.
const TABLE: &[(&str, &[(u8, char)])] = &[
    (
        "wingdings",
        &[
            (0xFE, '☑'),
            (0xFD, '☒'),
            (0xFC, '✔'),
            (0xFB, '✘'),
            (0xA8, '☐'),
            (0x6F, '☐'),
            (0x71, '☐'),
            (0x72, '☐'),
            (0x78, '☒'),
            (0x6E, '■'),
            (0x6C, '●'),
        ],
    ),
    (
        "wingdings 2",
        &[
            (0x50, '✓'),
            (0x4F, '✗'),
            (0x51, '☒'),
            (0x52, '☑'),
            (0x53, '☒'),
            (0x54, '☒'),
            (0xA3, '☐'),
            (0xA2, '☐'),
        ],
    ),
    (
        "webdings",
        &[(0x61, '✓'), (0x63, '☐'), (0x67, '■'), (0x72, '✗')],
    ),
    ("symbol", &[(0xD6, '√'), (0xB4, '×')]),
];

/// The mark a character of a symbol font shows: `code` as stored (`F0FE`
/// by Insert → Symbol, `FE` or `þ` by the font trick), [`UNREADABLE`] for
/// a character of a symbol font this table does not hold; `None` when the
/// font is no symbol font (the character is itself).
pub(crate) fn symbol(font: &str, code: u32) -> Option<char> {
    let font = font.trim().to_ascii_lowercase();
    if !is_symbol_font(&font) {
        return None;
    }
    // Word stores a symbol font's characters in the private-use block F0xx.
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else {
        code
    };
    // A space or a line stays what it is in any font.
    if let Some(c) = char::from_u32(low).filter(|c| c.is_whitespace()) {
        return Some(c);
    }
    let mark = TABLE
        .iter()
        .find(|(f, _)| *f == font)
        .and_then(|(_, marks)| marks.iter().find(|(c, _)| u32::from(*c) == low))
        .map(|(_, m)| *m);
    Some(mark.unwrap_or(UNREADABLE))
}

/// A letter set in a symbol font as the mark it draws: the Latin-1 letters
/// and Word's private-use copies of them; `None` for other text (it falls
/// back to another font) and for a font that is no symbol font.
pub(crate) fn letter(font: &str, c: char) -> Option<char> {
    let code = u32::from(c);
    let drawn = code < 0x100 || (0xF000..0xF100).contains(&code);
    drawn.then(|| symbol(font, code)).flatten()
}

/// A complex field being read (.docx `w:fldChar`, .doc 0x13/0x14/0x15): its
/// code so far, whether its result has begun, a form-field check box's state.
#[derive(Default)]
pub(crate) struct OpenField {
    pub code: String,
    pub result: bool,
    pub checked: Option<bool>,
}

impl OpenField {
    /// The mark the field shows as it closes: a check box its state; a
    /// 带圈字符 only when it has no result of its own (else that is read).
    pub(crate) fn mark(&self) -> Option<char> {
        let is_box = self
            .code
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("FORMCHECKBOX");
        field(&self.code, self.checked).filter(|_| is_box || !self.result)
    }
}

/// The mark a field shows when its code alone says it: a 带圈字符 (`EQ
/// \o\ac(□,√)`: a tick inside a box) is ticked when any of its characters
/// ticks, an unticked box otherwise; a legacy `FORMCHECKBOX` is its state
/// (`checked`, read from the field's own data). `None` for other fields,
/// whose result text is read as text.
pub(crate) fn field(code: &str, checked: Option<bool>) -> Option<char> {
    let c = code.trim();
    let name = c
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    match name.as_str() {
        "FORMCHECKBOX" => Some(if checked.unwrap_or(false) {
            '☑'
        } else {
            '☐'
        }),
        "EQ" if c.contains("\\o") || c.contains("\\O") => {
            let inner = c.split_once('(').map_or("", |(_, r)| r);
            if inner.chars().any(yanxiu_core::ticks::is_tick) {
                Some('☑')
            } else {
                Some('☐')
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_as_word_stores_them() {
        assert_eq!(symbol("Wingdings", 0xF0FE), Some('☑'));
        assert_eq!(symbol("Wingdings", 0xFE), Some('☑'));
        assert_eq!(symbol("Wingdings 2", u32::from('R')), Some('☑'));
        assert_eq!(symbol("Wingdings 2", u32::from('£')), Some('☐'));
        assert_eq!(symbol("Webdings", 0xF061), Some('✓'));
        assert_eq!(symbol("Symbol", 0xF0D6), Some('√'));
        assert_eq!(symbol("Wingdings", 0xF0A5), Some(UNREADABLE));
        assert_eq!(symbol("仿宋_GB2312", u32::from('R')), None);
    }

    #[test]
    fn fields_that_draw_a_box() {
        assert_eq!(field(r" EQ \o\ac(□,√) ", None), Some('☑'));
        assert_eq!(field(r"eq \o\ac(○,✓)", None), Some('☑'));
        assert_eq!(field(r"EQ \o\ac(□, )", None), Some('☐'));
        assert_eq!(field(" FORMCHECKBOX ", Some(true)), Some('☑'));
        assert_eq!(field(" FORMCHECKBOX ", None), Some('☐'));
        assert_eq!(field(" PAGE ", None), None);
    }
}
