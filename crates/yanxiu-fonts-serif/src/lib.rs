//! Noto Serif CJK SC Regular (SIL Open Font License 1.1, see `fonts/OFL.txt`)
//! as yanxiu bundles it: every character of the face but CJK Extension A,
//! Hangul syllables and the supplementary planes, which are the face
//! `Noto Serif CJK SC Rare` in `yanxiu-fonts-serif-rare`. The whole face
//! (19.6 MB) does not fit one crate (crates.io takes 10 MB); split by
//! coverage, each half is a font of its own that `yanxiu-fonts` lists.
#![no_std]

/// The face's file, `NotoSerifSC-Regular.otf`: embedded, never copied.
pub static REGULAR: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular.otf");
