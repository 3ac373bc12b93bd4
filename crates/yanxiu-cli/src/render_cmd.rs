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
    let pdf = match (&doc, kind) {
        (None, Kind::Application) => renderer.blank_application(&opts)?,
        (None, Kind::Summary) => renderer.blank_summary(&opts)?,
        (Some(Document::Application(a)), _) => renderer.render_application(a, &opts)?,
        (Some(Document::Summary(s)), _) => renderer.render_summary(s, &opts)?,
        // A kind is always given here, so a list is read as one form and refused.
        (Some(Document::Applications(_)), _) => {
            return Err(CliError::Usage("需要一份申报表或汇总表，而不是列表".into()));
        }
    };
    write_out(&args.output, &pdf)?;
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

/// `yanxiu fonts`: which face each role resolved to.
pub(crate) fn fonts(setup: &Setup) -> Result<(), CliError> {
    let renderer = setup.renderer()?;
    for r in renderer.fonts() {
        let source = if r.official {
            "已安装的正式字体"
        } else {
            "内置开源字体（SIL OFL）"
        };
        println!(
            "{:<24} {} (weight {})  —— {}",
            r.role.label_zh(),
            r.family,
            r.weight,
            source
        );
    }
    Ok(())
}
