//! Fonts: the bundled Noto faces, official fonts found on the machine, and
//! which face each role of the forms resolved to.

use crate::error::RenderError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontStretch, FontStyle, FontVariant, FontWeight};

/// Family name of the bundled serif (宋/仿宋 substitute).
pub const BUNDLED_SERIF: &str = "Noto Serif CJK SC";
/// Family name of the bundled serif's rare characters (CJK Extension A,
/// Hangul, the supplementary planes): the same design as [`BUNDLED_SERIF`],
/// a face of its own only because one crate cannot carry the whole.
pub const BUNDLED_SERIF_RARE: &str = "Noto Serif CJK SC Rare";
/// Family name of the bundled sans (黑体 substitute).
pub const BUNDLED_SANS: &str = "Noto Sans CJK SC";

/// The bundled faces (feature `bundled-fonts`, on by default).
#[cfg(feature = "bundled-fonts")]
fn bundled_fonts() -> Vec<Font> {
    yanxiu_fonts::files()
        .iter()
        .flat_map(|f| Font::iter(Bytes::new(f.data)))
        .collect()
}

/// Built without the bundled faces: the official ones must be found.
#[cfg(not(feature = "bundled-fonts"))]
fn bundled_fonts() -> Vec<Font> {
    Vec::new()
}

/// What a piece of the form is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The title: 方正小标宋简体.
    Title,
    /// `附件1`: 黑体.
    Hei,
    /// Table text: 仿宋_GB2312, else 仿宋.
    Body,
    /// Page numbers: 宋体, as GB/T 9704-2012 §7.5 sets them.
    Song,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 4] = [Role::Title, Role::Hei, Role::Body, Role::Song];

    /// The faces a role asks for before its bundled face, in preference
    /// order: the official face (under the names fonts carry it by, in
    /// English and Chinese), then its broader relatives. Every one that is
    /// installed (or in a font folder) joins the role's chain; a character
    /// the first lacks is set in the next that has it, as Word does.
    ///
    /// | role | chain (then the bundled face) |
    /// |---|---|
    /// | title | 方正小标宋简体 (`FZXiaoBiaoSong-B05S`, `FZXiaoBiaoSong-B05`, `方正小标宋_GBK`) |
    /// | 附件 label | 黑体 (`SimHei`) |
    /// | body | 仿宋_GB2312 (`FangSong_GB2312`), 仿宋 (`FangSong`, GBK), 华文仿宋 (`STFangsong`) |
    /// | page number | 宋体 (`SimSun`), 新宋体 (`NSimSun`) |
    pub fn candidates(self) -> &'static [&'static str] {
        match self {
            Role::Title => &[
                "FZXiaoBiaoSong-B05S",
                "FZXiaoBiaoSong-B05",
                "方正小标宋简体",
                "方正小标宋_GBK",
            ],
            Role::Hei => &["SimHei", "黑体"],
            Role::Body => &[
                "FangSong_GB2312",
                "仿宋_GB2312",
                "FangSong",
                "仿宋",
                "STFangsong",
                "华文仿宋",
            ],
            Role::Song => &["SimSun", "宋体", "NSimSun", "新宋体"],
        }
    }

    /// The bundled faces that end the chain (one face in one or two files:
    /// the body serif's rare characters come after its common ones), and the
    /// weight the role is set in.
    fn bundled(self) -> (&'static [&'static str], u16) {
        match self {
            Role::Title => (&[BUNDLED_SERIF], 700),
            Role::Hei => (&[BUNDLED_SANS], 400),
            Role::Body => (&[BUNDLED_SERIF, BUNDLED_SERIF_RARE], 400),
            // The bundled serif is itself a 宋体 (Noto Serif CJK SC).
            Role::Song => (&[BUNDLED_SERIF], 400),
        }
    }

    /// The role's name for scripts: `title`, `hei` or `body`.
    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Hei => "hei",
            Role::Body => "body",
            Role::Song => "song",
        }
    }

    /// What the role is, in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Title => "标题（方正小标宋简体）",
            Role::Hei => "附件标注（黑体）",
            Role::Body => "表格正文（仿宋_GB2312）",
            Role::Song => "页码（宋体）",
        }
    }
}

/// One face of a role's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Face {
    /// Family name passed to Typst.
    pub family: String,
    /// True for an official font (or a relative) found on the machine or in
    /// a font folder; false for the bundled face (either of its files).
    pub official: bool,
    /// Index of the face in the font list.
    #[serde(skip)]
    pub index: usize,
}

/// The faces a role is set in, in fallback order: each character comes
/// from the first face that has it; the last is always the bundled face.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// The role.
    pub role: Role,
    /// Weight the role is set in.
    pub weight: u16,
    /// The chain, first choice first.
    pub faces: Vec<Face>,
}

impl Resolved {
    /// The first face: what most characters are set in.
    pub fn first(&self) -> &Face {
        // Never empty: `resolve` gives no chain rather than an empty one.
        &self.faces[0]
    }

    /// The family names, in order, as the template passes them to Typst.
    pub fn families(&self) -> Vec<&str> {
        self.faces.iter().map(|f| f.family.as_str()).collect()
    }

    /// The chain as people read it: `FangSong_GB2312 → Noto Serif CJK SC`.
    pub fn chain_text(&self) -> String {
        self.families().join(" → ")
    }
}

/// The fonts of a renderer and the chain of each role.
pub(crate) struct FontSet {
    pub fonts: Vec<Font>,
    pub book: FontBook,
    pub roles: Vec<Resolved>,
    /// The characters of each face in a chain, by font index.
    covered: Vec<Covered>,
}

/// The characters a face has, as sorted ranges: Typst's `Coverage` scans
/// its runs from the start (thousands for a CJK face), which made checking
/// a form's characters 5 % of its render time; a binary search is not.
#[derive(Default)]
struct Covered(Vec<(u32, u32)>);

impl Covered {
    fn of(font: &Font) -> Covered {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in font.info().coverage.iter() {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == c => *end = c,
                _ => ranges.push((c, c)),
            }
        }
        Covered(ranges)
    }

    fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.0.partition_point(|(start, _)| *start <= c);
        i > 0 && self.0[i - 1].1 >= c
    }
}

/// Where office PCs keep fonts.
fn system_dirs() -> Vec<PathBuf> {
    system_dirs_from(|key| std::env::var_os(key))
}

/// The font folders, given the environment: Linux's and macOS's shared
/// folders, Windows' (`%WINDIR%\Fonts`, `C:\Windows\Fonts` when that is
/// unset), and each user's own — where Windows 10 and later install a font
/// for one user without administrator rights
/// (`%LOCALAPPDATA%\Microsoft\Windows\Fonts`), as offices often must.
fn system_dirs_from(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        "/System/Library/Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let windir = env("WINDIR").or_else(|| env("SystemRoot"));
    v.push(
        windir
            .map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from)
            .join("Fonts"),
    );
    if let Some(local) = env("LOCALAPPDATA") {
        v.push(
            PathBuf::from(local)
                .join("Microsoft")
                .join("Windows")
                .join("Fonts"),
        );
    }
    if let Some(home) = env("HOME").or_else(|| env("USERPROFILE")) {
        let home = PathBuf::from(home);
        v.push(home.join(".fonts"));
        v.push(home.join(".local/share/fonts"));
        v.push(home.join("Library/Fonts"));
        v.push(home.join("AppData/Local/Microsoft/Windows/Fonts"));
    }
    v.dedup();
    v
}

/// File names that may hold an official face. Reading every font of a
/// machine would cost more than a whole render, so only these are opened.
fn maybe_official(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "sim",
        "fang",
        "hei",
        "fz",
        "xbs",
        "xiaobiao",
        "仿宋",
        "宋体",
        "黑体",
        "小标宋",
        "方正",
        "stfang",
    ]
    .iter()
    .any(|k| n.contains(k))
}

fn is_font_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref(),
        Some("ttf" | "otf" | "ttc" | "otc")
    )
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() && depth < 4 {
            walk(&p, depth + 1, out);
        } else if is_font_file(&p) {
            out.push(p);
        }
    }
}

impl FontSet {
    /// Bundled fonts, plus the official faces found on the machine when
    /// `system` is set, plus every font in `dirs`.
    pub fn load(
        dirs: &[PathBuf],
        system: bool,
        chains: &[(Role, Vec<String>)],
    ) -> Result<FontSet, RenderError> {
        let mut fonts: Vec<Font> = Vec::new();
        for dir in dirs {
            if !dir.is_dir() {
                return Err(RenderError::Load {
                    path: dir.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::NotFound, "字体文件夹不存在"),
                });
            }
            let mut files = Vec::new();
            walk(dir, 0, &mut files);
            for f in files {
                load_file(&f, &mut fonts);
            }
        }
        if system {
            for dir in system_dirs() {
                let mut files = Vec::new();
                walk(&dir, 0, &mut files);
                for f in files.iter().filter(|f| {
                    f.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(maybe_official)
                }) {
                    load_file(f, &mut fonts);
                }
            }
        }
        fonts.extend(bundled_fonts());
        let book = FontBook::from_fonts(&fonts);
        let roles = Role::ALL
            .iter()
            .map(|r| {
                let custom = chains.iter().find(|(c, _)| c == r).map(|(_, names)| names);
                resolve(*r, custom, &book)
                    // A page number is digits and dashes: with no 宋体 at all
                    // (a server with the three official faces alone, no
                    // bundled ones) it is set in the body's face.
                    .or_else(|| {
                        let body = chains.iter().find(|(c, _)| *c == Role::Body);
                        (*r == Role::Song && custom.is_none())
                            .then(|| resolve(Role::Body, body.map(|(_, n)| n), &book))
                            .flatten()
                            .map(|b| Resolved {
                                role: Role::Song,
                                ..b
                            })
                    })
                    .ok_or_else(|| RenderError::NoFont {
                        role: r.label_zh().to_owned(),
                        candidates: custom
                            .map(|names| names.join("、"))
                            .unwrap_or_else(|| r.candidates().join("、")),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut covered: Vec<Covered> = fonts.iter().map(|_| Covered::default()).collect();
        for face in roles.iter().flat_map(|r| &r.faces) {
            if covered[face.index].0.is_empty() {
                covered[face.index] = Covered::of(&fonts[face.index]);
            }
        }
        Ok(FontSet {
            fonts,
            book,
            roles,
            covered,
        })
    }

    /// Whether a face of a chain has a character.
    pub fn covers(&self, face: &Face, c: char) -> bool {
        self.covered.get(face.index).is_some_and(|r| r.contains(c))
    }

    /// The chain of a role.
    pub fn role(&self, role: Role) -> &Resolved {
        // `load` resolves every role of Role::ALL, in that order.
        &self.roles[Role::ALL.iter().position(|r| *r == role).unwrap_or(0)]
    }

    /// The fonts of a role's chain, first choice first.
    pub fn chain(&self, role: Role) -> impl Iterator<Item = (&Face, &Font)> {
        self.role(role)
            .faces
            .iter()
            .filter_map(|f| self.fonts.get(f.index).map(|font| (f, font)))
    }
}

fn load_file(path: &Path, fonts: &mut Vec<Font>) {
    // A file that cannot be read or parsed is not a font we can use; skip it
    // rather than fail, as the bundled fonts always remain.
    if let Ok(data) = std::fs::read(path) {
        fonts.extend(Font::iter(Bytes::new(data)));
    }
}

fn variant(weight: u16) -> FontVariant {
    FontVariant::new(
        FontStyle::Normal,
        FontWeight::from_number(weight),
        FontStretch::NORMAL,
    )
}

/// A role's chain: every candidate that is installed, then the bundled
/// face. `custom` replaces the candidates (a renderer's own chain).
fn resolve(role: Role, custom: Option<&Vec<String>>, book: &FontBook) -> Option<Resolved> {
    let (bundled, weight) = role.bundled();
    let names: Vec<&str> = match custom {
        Some(names) => names.iter().map(String::as_str).collect(),
        None => role.candidates().to_vec(),
    };
    let mut faces: Vec<Face> = Vec::new();
    for name in names {
        let Some(index) = book.select(&name.to_lowercase(), variant(weight)) else {
            continue;
        };
        let Some(info) = book.info(index) else {
            continue;
        };
        // One face may answer to several names (FangSong_GB2312, 仿宋_GB2312).
        if faces.iter().any(|f| f.family == info.family) || bundled.contains(&info.family.as_str())
        {
            continue;
        }
        faces.push(Face {
            family: info.family.clone(),
            official: true,
            index,
        });
    }
    // Absent when built without the bundled fonts: then the chain is the
    // official faces alone, and a role with none of them cannot be set.
    for family in bundled {
        if let Some(index) = book.select(&family.to_lowercase(), variant(weight)) {
            faces.push(Face {
                family: (*family).to_owned(),
                official: false,
                index,
            });
        }
    }
    if faces.is_empty() {
        return None;
    }
    Some(Resolved {
        role,
        weight,
        faces,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    /// The ranges answer as Typst's coverage does, at every edge of every
    /// range of every face in a chain (and a character no face has).
    #[cfg(feature = "bundled-fonts")]
    #[test]
    fn ranges_answer_as_the_coverage() {
        let set = FontSet::load(&[], false, &[]).unwrap();
        let faces: Vec<&Face> = set.roles.iter().flat_map(|r| &r.faces).collect();
        assert!(!faces.is_empty());
        for face in faces {
            let coverage = &set.fonts[face.index].info().coverage;
            let ranges = &set.covered[face.index].0;
            assert!(
                ranges.len() > 100,
                "{} has {} ranges",
                face.family,
                ranges.len()
            );
            for &(start, end) in ranges {
                for c in [start.saturating_sub(1), start, end, end + 1] {
                    let Some(ch) = char::from_u32(c) else {
                        continue;
                    };
                    assert_eq!(set.covers(face, ch), coverage.contains(c), "U+{c:04X}");
                }
            }
            // The rare file has no common character; every other face has 汉.
            let common = if face.family == BUNDLED_SERIF_RARE {
                '䶮'
            } else {
                '汉'
            };
            assert!(set.covers(face, common), "{}", face.family);
            assert!(!set.covers(face, '\u{10FFFD}'));
        }
    }

    /// Windows: the system folder from %WINDIR%, and the per-user folder
    /// from %LOCALAPPDATA% (where a font installed "for me" goes).
    #[test]
    fn windows_font_folders() {
        let env = |key: &str| -> Option<OsString> {
            match key {
                "WINDIR" => Some("D:\\WINDOWS".into()),
                "LOCALAPPDATA" => Some("C:\\Users\\张三\\AppData\\Local".into()),
                "USERPROFILE" => Some("C:\\Users\\张三".into()),
                _ => None,
            }
        };
        let dirs = system_dirs_from(env);
        assert!(
            dirs.contains(&PathBuf::from("D:\\WINDOWS").join("Fonts")),
            "{dirs:?}"
        );
        let user = PathBuf::from("C:\\Users\\张三\\AppData\\Local")
            .join("Microsoft")
            .join("Windows")
            .join("Fonts");
        assert!(dirs.contains(&user), "{dirs:?}");
        // No %WINDIR%: the usual place.
        let dirs = system_dirs_from(|_| None);
        assert!(
            dirs.contains(&PathBuf::from("C:\\Windows").join("Fonts")),
            "{dirs:?}"
        );
    }

    /// The official fonts under the file names Windows and the font vendors
    /// ship them by are opened; the other fonts of a PC are not.
    #[test]
    fn official_font_file_names() {
        for name in [
            "simfang.ttf",
            "SIMFANG.TTF",
            "simhei.ttf",
            "FZXBSJW.TTF",
            "FZXBSK.TTF",
            "方正小标宋简体.ttf",
            "仿宋_GB2312.ttf",
            "FangSong_GB2312.ttf",
            "黑体.TTF",
            "STFANGSO.TTF",
        ] {
            let path = PathBuf::from("C:\\Windows\\Fonts").join(name);
            assert!(is_font_file(&path), "{name} is a font file");
            assert!(maybe_official(name), "{name} is looked at");
        }
        for name in [
            "arial.ttf",
            "msyh.ttc",
            "times.ttf",
            "segoeui.ttf",
            "calibri.ttf",
        ] {
            assert!(!maybe_official(name), "{name} is skipped");
        }
        assert!(!is_font_file(Path::new("simfang.ttf.lnk")));
    }

    /// Font files in a folder with a Chinese name are found.
    #[test]
    fn chinese_folder_names() {
        let dir = std::env::temp_dir().join(format!("字体-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("方正")).unwrap();
        std::fs::write(dir.join("方正").join("方正小标宋简体.TTF"), b"x").unwrap();
        let mut found = Vec::new();
        walk(&dir, 0, &mut found);
        assert_eq!(found, vec![dir.join("方正").join("方正小标宋简体.TTF")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
