//! Which face sets each character a form shows: the first face of the
//! role's chain that has it. A character no face has is refused by name; a
//! character a fallback face sets is reported, since a reviewer may notice
//! its different design.

use crate::error::RenderError;
use crate::fonts::{FontSet, Role};
use crate::view::View;
use std::collections::HashSet;
use yanxiu_core::{Finding, Severity};

/// A character set by a face other than the first of its role's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    /// The field it is in (`applicant.name`).
    pub path: String,
    /// The character.
    pub ch: char,
    /// The role of the text.
    pub role: Role,
    /// The face that sets it.
    pub face: String,
    /// The role's first face, which lacks it.
    pub first: String,
}

/// The characters one face of a role sets in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceUsage {
    /// The role.
    pub role: Role,
    /// The face's family.
    pub family: String,
    /// An installed official face (or relative), not the bundled one.
    pub official: bool,
    /// The distinct characters it sets, in the order they first appear.
    pub chars: String,
}

/// Which face sets what in one document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FontUsage {
    /// Every face of every chain, in chain order (faces setting nothing included).
    pub faces: Vec<FaceUsage>,
    /// The characters set by a fallback face, field by field.
    pub fallbacks: Vec<Fallback>,
}

/// Code of the warning about characters set by a fallback face.
pub const FALLBACK_CODE: &str = yanxiu_core::validate::code::FONT_FALLBACK;

impl FontUsage {
    /// One warning per field whose characters a fallback face sets, e.g.
    /// `字符「堃喆」由「Noto Serif CJK SC」显示（「FangSong_GB2312」无此字）`.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::new();
        let mut groups: Vec<(&str, &str, &str, String)> = Vec::new();
        for f in &self.fallbacks {
            match groups
                .iter_mut()
                .find(|(p, face, _, _)| *p == f.path && *face == f.face)
            {
                Some((_, _, _, chars)) if !chars.contains(f.ch) => chars.push(f.ch),
                Some(_) => {}
                None => groups.push((&f.path, &f.face, &f.first, f.ch.to_string())),
            }
        }
        for (path, face, first, chars) in groups {
            out.push(Finding {
                code: FALLBACK_CODE.to_owned(),
                severity: Severity::Warning,
                path: path.to_owned(),
                message: format!(
                    "字符「{chars}」由后备字体「{face}」显示（「{first}」无此字），字形可能与周围略有不同"
                ),
            });
        }
        out
    }
}

/// Characters that are layout, not glyphs: never checked for coverage.
fn is_layout(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t' | ' ')
}

/// Finds the face of every shown character; the first one no face of its
/// chain has is an error naming the field and the chain.
pub(crate) fn check(view: &View, fonts: &FontSet) -> Result<FontUsage, RenderError> {
    let mut usage = FontUsage::default();
    let mut seen: Vec<HashSet<char>> = Vec::new();
    for role in Role::ALL {
        for (face, _) in fonts.chain(role) {
            usage.faces.push(FaceUsage {
                role,
                family: face.family.clone(),
                official: face.official,
                chars: String::new(),
            });
            seen.push(HashSet::new());
        }
    }
    for s in &view.shown {
        let base = usage
            .faces
            .iter()
            .position(|f| f.role == s.role)
            .unwrap_or(0);
        let chain: Vec<_> = fonts.chain(s.role).collect();
        for ch in s.text.chars().filter(|c| !is_layout(*c)) {
            let Some(i) = chain.iter().position(|(face, _)| fonts.covers(face, ch)) else {
                return Err(RenderError::UncoveredChar {
                    path: s.path.clone(),
                    ch,
                    code: ch as u32,
                    font: fonts.role(s.role).families().join("、"),
                });
            };
            if seen[base + i].insert(ch) {
                usage.faces[base + i].chars.push(ch);
            }
            // The bundled serif's two files are one face: its rare
            // characters are no fallback from its common ones.
            if i > 0 && (chain[0].0.official || chain[i].0.official) {
                usage.fallbacks.push(Fallback {
                    path: s.path.clone(),
                    ch,
                    role: s.role,
                    face: chain[i].0.family.clone(),
                    first: chain[0].0.family.clone(),
                });
            }
        }
    }
    Ok(usage)
}
