//! Errors of rendering.

use yanxiu_core::Finding;

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The data breaks rules of the notice; render with `draft` to print it anyway.
    #[error("数据未通过校验（{} 个错误），不能生成正式文件；修改后重试，或使用草稿模式（命令行 --draft，Python draft=True）", count_errors(.0))]
    Invalid(Vec<Finding>),
    /// A character that none of the fonts setting it can show.
    #[error(
        "字段「{path}」中的字符「{ch}」（U+{code:04X}）无法用字体「{font}」显示；请改用常用字，或用 --font-dir 提供含此字的字体"
    )]
    UncoveredChar {
        /// JSON path of the field.
        path: String,
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// The face that would set it.
        font: String,
    },
    /// A text longer than the renderer accepts.
    #[error("字段「{path}」过长（{len} 个字符，上限 {max} 个）")]
    TooLong {
        /// JSON path of the field.
        path: String,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A document longer than the limit for its form.
    #[error("生成的文件有 {pages} 页，超过上限 {max} 页；请精简过长的内容")]
    TooManyPages {
        /// Pages laid out.
        pages: usize,
        /// The limit.
        max: usize,
    },
    /// A summary with more projects than the limit.
    #[error("汇总表有 {rows} 个项目，超过上限 {max} 个；请分成多个汇总表")]
    TooManyRows {
        /// Projects given.
        rows: usize,
        /// The limit.
        max: usize,
    },
    /// Typst failed to typeset (a template error, not a data error).
    #[error("排版失败：{0}")]
    Typeset(Diagnostics),
    /// PDF export failed (e.g. a PDF/A requirement).
    #[error("PDF 生成失败：{0}")]
    Pdf(Diagnostics),
    /// A font or template folder could not be read.
    #[error("无法读取 {}：{source}", path.display())]
    Load {
        /// The file or folder.
        path: std::path::PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// A role with no face to set it in: built without the bundled fonts
    /// and none of the official ones found.
    #[error(
        "找不到「{role}」所用字体（{candidates} 均未安装）；请安装官方字体、用 --font-dir 指定字体文件夹，或使用带内置字体的版本（bundled-fonts）"
    )]
    NoFont {
        /// The role, in Chinese.
        role: String,
        /// The faces looked for, joined with 、.
        candidates: String,
    },
    /// A panic inside the typesetter, caught so that it costs one document.
    #[error("内部错误：排版时程序异常（请把此数据发给开发者）：{0}")]
    Internal(String),
}

/// Typst's messages about a document it could not typeset or export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<String>);

impl Diagnostics {
    pub(crate) fn of(diags: &[typst::diag::SourceDiagnostic]) -> Self {
        Diagnostics(diags.iter().map(|d| d.message.to_string()).collect())
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join("；"))
    }
}

impl RenderError {
    /// Turns a panic caught while rendering into an error of one document.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        RenderError::Internal(what)
    }
}

fn count_errors(f: &[Finding]) -> usize {
    f.iter()
        .filter(|f| f.severity == yanxiu_core::Severity::Error)
        .count()
}
