//! The fonts yanxiu sets the forms in when a machine lacks the official
//! ones (方正小标宋简体, 黑体, 仿宋_GB2312): Noto Serif CJK SC Regular and Bold
//! and Noto Sans CJK SC Regular, under the SIL Open Font License 1.1
//! (`fonts/OFL.txt`).
//!
//! The Regular serif is 19.6 MB and crates.io takes at most 10 MB a crate,
//! so it comes as two real faces split by coverage: `Noto Serif CJK SC`
//! (crate `yanxiu-fonts-serif`) and `Noto Serif CJK SC Rare` (CJK Extension
//! A, Hangul, the supplementary planes; crate `yanxiu-fonts-serif-rare`).
//! Every face is `&'static` data in the program's image: a process keeps
//! resident only the pages it reads, and nothing is copied to the heap.
//!
//! ```
//! let files = yanxiu_fonts::files();
//! assert_eq!(files[0].name, "NotoSerifSC-Regular.otf");
//! assert!(files.iter().all(|f| f.data.starts_with(b"OTTO")));
//! ```
#![no_std]

/// One bundled font file.
#[derive(Debug, Clone, Copy)]
pub struct FontFile {
    /// The file's name, as `yanxiu fonts --export` writes it.
    pub name: &'static str,
    /// The family it holds.
    pub family: &'static str,
    /// The whole file.
    pub data: &'static [u8],
}

/// Family of the bundled serif (宋/仿宋 and title substitute).
pub const SERIF: &str = "Noto Serif CJK SC";
/// Family of the bundled serif's rare characters: set where [`SERIF`] lacks one.
pub const SERIF_RARE: &str = "Noto Serif CJK SC Rare";
/// Family of the bundled sans (黑体 substitute).
pub const SANS: &str = "Noto Sans CJK SC";

static SERIF_BOLD: &[u8] = include_bytes!("../fonts/NotoSerifSC-Bold.otf");
static SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.otf");

/// The bundled font files: serif Regular, serif Bold, sans Regular, and the
/// serif Regular's rare characters.
pub fn files() -> [FontFile; 4] {
    [
        FontFile {
            name: "NotoSerifSC-Regular.otf",
            family: SERIF,
            data: yanxiu_fonts_serif::REGULAR,
        },
        FontFile {
            name: "NotoSerifSC-Bold.otf",
            family: SERIF,
            data: SERIF_BOLD,
        },
        FontFile {
            name: "NotoSansSC-Regular.otf",
            family: SANS,
            data: SANS_REGULAR,
        },
        FontFile {
            name: "NotoSerifSC-Rare.otf",
            family: SERIF_RARE,
            data: yanxiu_fonts_serif_rare::RARE,
        },
    ]
}

/// The licence the fonts come under.
pub const LICENSE: &str = include_str!("../fonts/OFL.txt");

#[cfg(test)]
mod tests {
    extern crate std;
    use std::{string::String, vec::Vec};

    /// Every table each face's directory lists lies inside its file and its
    /// checksum matches: the files are whole fonts, as committed.
    #[test]
    fn every_face_is_a_whole_font() {
        for file in super::files() {
            let data = file.data;
            let u16_at = |o: usize| u16::from_be_bytes([data[o], data[o + 1]]) as usize;
            let u32_at =
                |o: usize| u32::from_be_bytes([data[o], data[o + 1], data[o + 2], data[o + 3]]);
            assert_eq!(&data[..4], b"OTTO", "{}", file.name);
            let tables = u16_at(4);
            assert!(tables > 8, "{}: {tables} tables", file.name);
            for i in 0..tables {
                let rec = 12 + 16 * i;
                let tag = String::from_utf8_lossy(&data[rec..rec + 4]).into_owned();
                let (sum, off, len) = (u32_at(rec + 4), u32_at(rec + 8) as usize, u32_at(rec + 12));
                assert!(
                    off + len as usize <= data.len(),
                    "{}: {tag} out of the file",
                    file.name
                );
                if tag == "head" {
                    continue; // its checksum covers the whole-file adjustment
                }
                let mut padded: Vec<u8> = data[off..off + len as usize].to_vec();
                padded.resize(padded.len().div_ceil(4) * 4, 0);
                let computed = padded
                    .chunks(4)
                    .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                    .fold(0u32, u32::wrapping_add);
                assert_eq!(computed, sum, "{}: checksum of {tag}", file.name);
            }
        }
    }
}
