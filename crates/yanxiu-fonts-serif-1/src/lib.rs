//! The first half of the bytes of `NotoSerifSC-Regular.otf` (Noto Serif CJK SC
//! Regular, SIL Open Font License 1.1, see `OFL.txt`). Not a font on its own:
//! `yanxiu-fonts` joins the two halves. The face is 19.6 MB, crates.io takes
//! at most 10 MB a crate, so it travels in two.
#![no_std]

/// The first half of the face's bytes.
pub static PART: &[u8] = include_bytes!("../NotoSerifSC-Regular.otf.part1");
