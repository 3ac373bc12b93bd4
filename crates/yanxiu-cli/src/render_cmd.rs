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
    /// Where to write the PDF.
    #[arg(short, long, value_name = "OUT.pdf")]
    output: PathBuf,
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

pub(crate) fn run(args: &Args, kind: Kind) -> Result<(), CliError> {
    if args.xlsx.is_some() && kind == Kind::Application {
        return Err(CliError::Usage(
            "--xlsx 只用于 yanxiu summary（汇总表）".into(),
        ));
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
    #[command(flatten)]
    setup: Setup,
}

/// `yanxiu fonts`: each role's chain of faces, and with `--check` which
/// characters of a data file each face sets.
pub(crate) fn fonts(args: &FontsArgs) -> Result<(), CliError> {
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
