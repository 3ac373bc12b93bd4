//! `yanxiu demo`: the bundled examples rendered, and the bulk job run on the
//! bundled workbook.

use crate::common::{Setup, write_out};
use crate::error::CliError;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use yanxiu_batch::{Options, read_input, run_batch};
use yanxiu_core::Summary;
use yanxiu_render::{RenderOptions, Renderer};

/// Arguments of `yanxiu demo`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Folder for the PDFs.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    #[command(flatten)]
    setup: Setup,
}

const DEMO_APPLICATION: &str = yanxiu_core::examples::APPLICATION;
const DEMO_SUMMARY: &str = yanxiu_core::examples::SUMMARY;

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let renderer = args.setup.renderer()?;
    std::fs::create_dir_all(&args.output).map_err(|source| CliError::Write {
        path: args.output.clone(),
        source,
    })?;
    let read = |text: &str| {
        yanxiu_core::parse::document_from_json(text, None).map_err(|source| CliError::Data {
            path: PathBuf::from("examples"),
            source: Box::new(source),
        })
    };
    let opts = RenderOptions::default();
    use yanxiu_core::parse::Document;
    let Document::Application(example) = read(DEMO_APPLICATION)? else {
        return Err(CliError::Usage("示例不是申报表".into()));
    };
    let Document::Summary(example_summary) = read(DEMO_SUMMARY)? else {
        return Err(CliError::Usage("示例不是汇总表".into()));
    };
    let app = renderer.render_application(&example, &opts);
    let summary = renderer.render_summary(&example_summary, &opts);
    // The bulk job first: its report says what it wrote.
    let bulk = batch(&renderer, &example_summary, &args.output);
    let mut first: Option<CliError> = bulk.err();
    // 从 Word 收表: the units' filled forms in, the PDFs and 汇总表 out.
    if let Err(e) = word_intake(&renderer, &example_summary, &args.output) {
        e.print();
        first.get_or_insert(e);
    }
    let profile = renderer.profile();
    let word = |r: Result<Vec<u8>, yanxiu_word::WordError>| r.map_err(CliError::from);
    for (name, result) in [
        ("申报表-示例.pdf", app.map_err(CliError::from)),
        ("汇总表-示例.pdf", summary.map_err(CliError::from)),
        (
            "申报表-空白.pdf",
            renderer.blank_application(&opts).map_err(CliError::from),
        ),
        (
            "汇总表-空白.pdf",
            renderer.blank_summary(&opts).map_err(CliError::from),
        ),
        // The Word 电子版: the example, and the blank form a unit fills in Word.
        (
            "申报表-示例.docx",
            word(yanxiu_word::application_docx(Some(&example), profile)),
        ),
        (
            "汇总表-示例.docx",
            word(yanxiu_word::summary_docx(Some(&example_summary), profile)),
        ),
        (
            "申报表-空白.docx",
            word(yanxiu_word::application_docx(None, profile)),
        ),
        (
            "汇总表-空白.docx",
            word(yanxiu_word::summary_docx(None, profile)),
        ),
    ] {
        let written = result.and_then(|bytes| write_out(&args.output.join(name), &bytes));
        if let Err(e) = written {
            e.print();
            first.get_or_insert(e);
        }
    }
    first.map_or(Ok(()), Err)
}

/// The fourth example form as a Word 97–2003 .doc (`scripts/make-demo-doc.sh`
/// makes it; tests/word_intake.rs checks it still shows that form).
pub(crate) const WORD_97_FORM: &[u8] = include_bytes!("../assets/demo-form-word97.doc");
/// Which example unit sends the .doc.
const WORD_97_UNIT: usize = 3;

/// The Word intake: `OUT/收表/` gets the example summary's projects as the
/// filled 申报表 each unit e-mails back (.docx, one .doc), then one batch reads that
/// folder into `OUT/收表-输出/` (one PDF per form, 汇总表.pdf/.xlsx, report).
fn word_intake(
    renderer: &Renderer,
    summary: &yanxiu_core::Summary,
    out: &Path,
) -> Result<(), CliError> {
    let inbox = out.join("收表");
    std::fs::create_dir_all(&inbox).map_err(|source| CliError::Write {
        path: inbox.clone(),
        source,
    })?;
    for (i, app) in summary.applications.iter().enumerate() {
        let stem = format!(
            "{:02}-{}",
            i + 1,
            yanxiu_batch::safe_stem(&app.applicant.name)
        );
        // One unit sends Word 97–2003, as older offices do: the same form
        // saved by LibreOffice's "MS Word 97" export (which keeps our stored
        // record in the .doc's custom properties: it reads back whole).
        if i == WORD_97_UNIT {
            write_out(&inbox.join(format!("{stem}.doc")), WORD_97_FORM)?;
            continue;
        }
        let bytes = yanxiu_word::application_docx(Some(app), renderer.profile())?;
        write_out(&inbox.join(format!("{stem}.docx")), &bytes)?;
    }
    let mut input = read_input(&inbox)?;
    input.reporter = Some(summary.reporter.clone());
    input.filled_on = summary.filled_on;
    println!("{}", inbox.display());
    run_listed(renderer, input, &out.join("收表-输出"))
}

/// The bulk job on the bundled workbook: `OUT/申报信息.xlsx` (the input, to
/// look at) and `OUT/批量/` (one PDF per row, both summary files, the report).
fn batch(renderer: &Renderer, summary: &Summary, out: &Path) -> Result<(), CliError> {
    let workbook = out.join("申报信息.xlsx");
    let bytes = yanxiu_sheet::example_workbook(summary, renderer.profile())?;
    yanxiu_batch::write_atomic(&workbook, &bytes).map_err(|source| CliError::Write {
        path: workbook.clone(),
        source,
    })?;
    let input = read_input(&workbook)?;
    println!("{}", workbook.display());
    run_listed(renderer, input, &out.join("批量"))
}

/// Runs one demo batch into `dir` (everything redone) and prints the files
/// it wrote; an unfinished run is an error carrying its report.
fn run_listed(renderer: &Renderer, input: yanxiu_batch::Input, dir: &Path) -> Result<(), CliError> {
    let opts = Options {
        force: true,
        ..Options::default()
    };
    let report = run_batch(
        renderer,
        input,
        dir,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )?;
    for e in report.done() {
        println!("{}", dir.join(&e.file).display());
    }
    for f in &report.summary.files {
        println!("{}", dir.join(f).display());
    }
    if report.success() {
        Ok(())
    } else {
        Err(CliError::Unfinished(report.to_text()))
    }
}
