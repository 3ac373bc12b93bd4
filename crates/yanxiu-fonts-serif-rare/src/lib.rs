//! The rare characters of Noto Serif CJK SC Regular (SIL Open Font License
//! 1.1, see `fonts/OFL.txt`) as a face of their own, `Noto Serif CJK SC
//! Rare`: CJK Extension A (U+3400–4DBF), Hangul syllables (U+AC00–D7AF) and
//! every supplementary-plane character (Extension B and later). Same
//! outlines and metrics as the common face in `yanxiu-fonts-serif`; the
//! renderer sets a character from here when that face lacks it.
#![no_std]

/// The face's file, `NotoSerifSC-Rare.otf`: embedded, never copied.
pub static RARE: &[u8] = include_bytes!("../fonts/NotoSerifSC-Rare.otf");
