//! The fonts yanxiu sets the forms in when a machine lacks the official
//! ones (方正小标宋简体, 黑体, 仿宋_GB2312): Noto Serif CJK SC Regular and Bold
//! and Noto Sans CJK SC Regular, under the SIL Open Font License 1.1
//! (`fonts/OFL.txt`).
//!
//! The Regular serif is 19.6 MB and crates.io takes at most 10 MB a crate:
//! its bytes travel in `yanxiu-fonts-serif-1` and `-2` and are joined here
//! once per process, on first use.
//!
//! ```
//! let files = yanxiu_fonts::files();
//! assert_eq!(files[0].name, "NotoSerifSC-Regular.otf");
//! assert!(files.iter().all(|f| f.data.starts_with(b"OTTO")));
//! ```

use std::sync::OnceLock;

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
/// Family of the bundled sans (黑体 substitute).
pub const SANS: &str = "Noto Sans CJK SC";

static SERIF_BOLD: &[u8] = include_bytes!("../fonts/NotoSerifSC-Bold.otf");
static SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.otf");

/// The Regular serif, joined from its two halves on first use. Leaked once:
/// fonts live as long as the process, as `include_bytes!` data would.
fn serif_regular() -> &'static [u8] {
    static JOINED: OnceLock<&'static [u8]> = OnceLock::new();
    JOINED.get_or_init(|| {
        let (a, b) = (yanxiu_fonts_serif_1::PART, yanxiu_fonts_serif_2::PART);
        let mut v = Vec::with_capacity(a.len() + b.len());
        v.extend_from_slice(a);
        v.extend_from_slice(b);
        Box::leak(v.into_boxed_slice())
    })
}

/// The bundled font files: serif Regular, serif Bold, sans Regular.
pub fn files() -> [FontFile; 3] {
    [
        FontFile {
            name: "NotoSerifSC-Regular.otf",
            family: SERIF,
            data: serif_regular(),
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
    ]
}

/// The licence the fonts come under.
pub const LICENSE: &str = include_str!("../fonts/OFL.txt");

#[cfg(test)]
mod tests {
    /// Every table the joined serif's directory lists lies inside the file
    /// and its checksum matches: the halves were joined in order, whole.
    #[test]
    fn joined_serif_is_the_whole_font() {
        let data = super::files()[0].data;
        assert_eq!(data.len(), 19_601_700);
        let u16_at = |o: usize| u16::from_be_bytes([data[o], data[o + 1]]) as usize;
        let u32_at =
            |o: usize| u32::from_be_bytes([data[o], data[o + 1], data[o + 2], data[o + 3]]);
        assert_eq!(&data[..4], b"OTTO");
        let tables = u16_at(4);
        assert!(tables > 8, "{tables} tables");
        for i in 0..tables {
            let rec = 12 + 16 * i;
            let tag = String::from_utf8_lossy(&data[rec..rec + 4]).into_owned();
            let (sum, off, len) = (u32_at(rec + 4), u32_at(rec + 8) as usize, u32_at(rec + 12));
            assert!(off + len as usize <= data.len(), "{tag} out of the file");
            if tag == "head" {
                continue; // its checksum covers the whole-file adjustment
            }
            let mut padded = data[off..off + len as usize].to_vec();
            padded.resize(padded.len().div_ceil(4) * 4, 0);
            let computed = padded
                .chunks(4)
                .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                .fold(0u32, u32::wrapping_add);
            assert_eq!(computed, sum, "checksum of {tag}");
        }
    }
}
