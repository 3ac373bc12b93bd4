//! `yanxiu render`, `yanxiu summary` and `yanxiu fonts`.

use crate::common::{Setup, read_document, write_out};
use crate::error::CliError;
use std::path::{Path, PathBuf};
use yanxiu_core::parse::{Document, Kind};
use yanxiu_render::RenderOptions;

/// Arguments of `yanxiu render` and `yanxiu summary`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The data file (JSON). Omit with --blank.
    #[arg(required_unless_present = "blank")]
    input: Option<PathBuf>,
    /// Where to write the form: a PDF, or with a `.docx` name (or
    /// `--format docx`) the editable Word 电子版.
    #[arg(short, long, value_name = "OUT.pdf|OUT.docx")]
    output: PathBuf,
    /// The output format (default: from the output's extension, else PDF).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Render even with validation errors, marked 草稿 (draft).
    #[arg(long)]
    draft: bool,
    /// PDF/A-2b, for archives.
    #[arg(long)]
    pdfa: bool,
    /// The blank form, for filling in by hand.
    #[arg(long, conflicts_with = "input")]
    blank: bool,
    /// Also write the summary as an Excel workbook (summary only).
    #[arg(long, value_name = "OUT.xlsx", conflicts_with = "blank")]
    xlsx: Option<PathBuf>,
    #[command(flatten)]
    setup: Setup,
}

/// What `render` and `summary` write.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub(crate) enum Format {
    /// PDF for the stamped paper copy.
    Pdf,
    /// Word (.docx) for the 电子版.
    Docx,
}

impl Format {
    /// `--format`, else the output's extension.
    pub(crate) fn of(given: Option<Format>, output: &Path) -> Format {
        given.unwrap_or_else(|| {
            let docx = output
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
            if docx { Format::Docx } else { Format::Pdf }
        })
    }
}

pub(crate) fn run(args: &Args, kind: Kind) -> Result<(), CliError> {
    if args.xlsx.is_some() && kind == Kind::Application {
        return Err(CliError::Usage(
            "--xlsx 只用于 yanxiu summary（汇总表）".into(),
        ));
    }
    if Format::of(args.format, &args.output) == Format::Docx {
        return word(args, kind);
    }
    let renderer = args.setup.renderer()?;
    let opts = RenderOptions {
        draft: args.draft,
        pdfa: args.pdfa,
    };
    let doc = match &args.input {
        Some(path) if !args.blank => Some(read_document(path, Some(kind))?),
        _ => None,
    };
    let profile = renderer.profile();
    let (pdf, fonts) = match (&doc, kind) {
        (None, Kind::Application) => (renderer.blank_application(&opts)?, None),
        (None, Kind::Summary) => (renderer.blank_summary(&opts)?, None),
        (Some(Document::Application(a)), _) => {
            let r = renderer.render_checked_application(a, &a.validate(profile), &opts)?;
            (r.pdf, Some(r.fonts))
        }
        (Some(Document::Summary(s)), _) => {
            let r = renderer.render_checked_summary(s, &s.validate(profile), &opts)?;
            (r.pdf, Some(r.fonts))
        }
        // A kind is always given here, so a list is read as one form and refused.
        (Some(Document::Applications(_)), _) => {
            return Err(CliError::Usage("需要一份申报表或汇总表，而不是列表".into()));
        }
    };
    write_out(&args.output, &pdf)?;
    // Characters a fallback face set: a warning, as a reviewer may notice them.
    for f in fonts.iter().flat_map(|u| u.findings()) {
        eprintln!("{f}");
    }
    if let (Some(out), Some(Document::Summary(s))) = (&args.xlsx, &doc) {
        summary_xlsx(s, out, renderer.profile())?;
    }
    Ok(())
}

/// The Word 电子版. It stays editable, so unlike the PDF it is written
/// from data with findings (the unit finishes it in Word); the findings
/// are printed as `validate` prints them.
fn word(args: &Args, kind: Kind) -> Result<(), CliError> {
    if args.pdfa {
        return Err(CliError::Usage("--pdfa 只用于 PDF".into()));
    }
    let profile = args.setup.profile()?;
    let doc = match &args.input {
        Some(path) if !args.blank => Some(read_document(path, Some(kind))?),
        _ => None,
    };
    let (bytes, findings) = match (&doc, kind) {
        (None, Kind::Application) => (yanxiu_word::application_docx(None, &profile)?, Vec::new()),
        (None, Kind::Summary) => (yanxiu_word::summary_docx(None, &profile)?, Vec::new()),
        (Some(Document::Application(a)), _) => (
            yanxiu_word::application_docx(Some(a), &profile)?,
            a.validate(&profile),
        ),
        (Some(Document::Summary(s)), _) => (
            yanxiu_word::summary_docx(Some(s), &profile)?,
            s.validate(&profile),
        ),
        (Some(Document::Applications(_)), _) => {
            return Err(CliError::Usage("需要一份申报表或汇总表，而不是列表".into()));
        }
    };
    write_out(&args.output, &bytes)?;
    for f in &findings {
        eprintln!("{f}");
    }
    if let (Some(out), Some(Document::Summary(s))) = (&args.xlsx, &doc) {
        summary_xlsx(s, out, &profile)?;
    }
    Ok(())
}

/// `yanxiu summary … --xlsx OUT.xlsx`: the workbook beside the PDF.
fn summary_xlsx(
    s: &yanxiu_core::Summary,
    out: &Path,
    profile: &yanxiu_core::Profile,
) -> Result<(), CliError> {
    let bytes = yanxiu_sheet::summary_workbook(s, profile)?;
    write_out(out, &bytes)
}

/// Arguments of `yanxiu fonts`.
#[derive(clap::Args)]
pub(crate) struct FontsArgs {
    /// A data file (申报表 or 汇总表 JSON): list which characters each face will set.
    #[arg(long, value_name = "FILE")]
    check: Option<PathBuf>,
    /// Write the bundled font files (and their licence) into this folder, to
    /// install them so that Word, WPS or LibreOffice show the .docx as the PDF.
    #[arg(long, value_name = "DIR")]
    export: Option<PathBuf>,
    #[command(flatten)]
    setup: Setup,
}

/// `yanxiu fonts`: each role's chain of faces, and with `--check` which
/// characters of a data file each face sets.
pub(crate) fn fonts(args: &FontsArgs) -> Result<(), CliError> {
    if let Some(dir) = &args.export {
        return export_fonts(dir);
    }
    let renderer = args.setup.renderer()?;
    for r in renderer.fonts() {
        let chain: Vec<String> = r
            .faces
            .iter()
            .map(|f| {
                let source = if f.official {
                    "已安装的正式字体"
                } else {
                    "内置开源字体，SIL OFL"
                };
                format!("{}（{source}）", f.family)
            })
            .collect();
        println!(
            "{}：{}  weight {}",
            r.role.label_zh(),
            chain.join(" → "),
            r.weight
        );
    }
    let Some(path) = &args.check else {
        return Ok(());
    };
    let usage = match read_document(path, None)? {
        Document::Application(a) => renderer.font_usage_application(Some(&a))?,
        Document::Summary(s) => renderer.font_usage_summary(Some(&s))?,
        Document::Applications(list) => {
            let s = yanxiu_core::Summary {
                applications: list,
                ..Default::default()
            };
            renderer.font_usage_summary(Some(&s))?
        }
    };
    println!();
    println!("{}：", path.display());
    for f in usage.faces.iter().filter(|f| !f.chars.is_empty()) {
        let n = f.chars.chars().count();
        let first = renderer
            .fonts()
            .iter()
            .find(|r| r.role == f.role)
            .is_some_and(|r| r.first().family == f.family);
        if first {
            println!("  {} {}：{n} 个字符", f.role.label_zh(), f.family);
        } else {
            println!(
                "  {} {}（后备）：{n} 个字符：{}",
                f.role.label_zh(),
                f.family,
                f.chars
            );
        }
    }
    for finding in usage.findings() {
        println!("  {finding}");
    }
    Ok(())
}

/// `yanxiu fonts --export DIR`.
#[cfg(feature = "bundled-fonts")]
fn export_fonts(dir: &Path) -> Result<(), CliError> {
    use yanxiu_render::bundled_fonts;
    std::fs::create_dir_all(dir).map_err(|source| CliError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for f in bundled_fonts::files() {
        write_out(&dir.join(f.name), f.data)?;
    }
    write_out(&dir.join("OFL.txt"), bundled_fonts::LICENSE.as_bytes())
}

#[cfg(not(feature = "bundled-fonts"))]
fn export_fonts(_: &Path) -> Result<(), CliError> {
    Err(CliError::Usage(
        "此版本构建时未带内置字体（bundled-fonts），没有可导出的字体".into(),
    ))
}
