//! `yanxiu batch` and `yanxiu xlsx-template`.

use crate::input::read_document;
use crate::render_cmd::{Setup, fail};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use yanxiu_batch::{Options, Progress, Status, read_input, run_batch};
use yanxiu_core::parse::{Document, Kind};
use yanxiu_render::{RenderOptions, write_atomic};

/// Arguments of `yanxiu batch`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// 输入：申报信息工作簿（.xlsx）、申报表 JSON 列表、汇总表 JSON，或装有 JSON 文件的文件夹。
    input: PathBuf,
    /// 输出文件夹（不存在则创建）。
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// 并行线程数（默认：CPU 核数）。
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// 草稿：有校验错误也生成，并加“草稿”水印。
    #[arg(long)]
    draft: bool,
    /// 生成 PDF/A-2b（存档用）。
    #[arg(long)]
    pdfa: bool,
    /// 报送单位 JSON（{"name","contact","phone"}，可含 filled_on），覆盖输入中的报送单位。
    #[arg(long, value_name = "FILE")]
    reporter: Option<PathBuf>,
    /// 全部重新生成（默认跳过上次已生成且数据未变的 PDF）。
    #[arg(long)]
    force: bool,
    /// 不生成汇总表。
    #[arg(long)]
    no_summary: bool,
    /// 不显示进度条。
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    setup: Setup,
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let renderer = match args.setup.renderer() {
        Ok(r) => r,
        Err(e) => return fail(2, &e),
    };
    let mut input = match read_input(&args.input) {
        Ok(i) => i,
        Err(e) => return fail(2, &e.to_string()),
    };
    if let Some(path) = &args.reporter {
        match yanxiu_batch::read_reporter(path) {
            Ok((reporter, filled_on)) => {
                input.reporter = Some(reporter);
                input.filled_on = filled_on.or(input.filled_on);
            }
            Err(e) => return fail(2, &e.to_string()),
        }
    }
    let opts = Options {
        workers: args.jobs,
        render: RenderOptions {
            draft: args.draft,
            pdfa: args.pdfa,
        },
        force: args.force,
        no_summary: args.no_summary,
        ..Options::default()
    };

    // The first Ctrl-C (or SIGTERM) stops handing out records and writes the
    // report; a second one ends the process at once (files stay whole: every
    // write is a rename).
    let cancel = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(&cancel));
        let _ = signal_hook::flag::register(sig, Arc::clone(&cancel));
    }
    let show = !args.quiet && std::io::stderr().is_terminal();
    let mut bar = |p: &Progress| {
        if show {
            draw(p);
        }
    };
    let result = run_batch(&renderer, input, &args.output, &opts, &cancel, &mut bar);
    if show {
        eprintln!();
    }
    let report = match result {
        Ok(r) => r,
        Err(e) => return fail(2, &e.to_string()),
    };
    for e in report.entries.iter().filter(|e| !e.status.is_done()) {
        eprintln!(
            "{:>4} {} [{}] {}",
            e.index,
            e.status.label_zh(),
            e.source,
            e.project_name
        );
        for p in &e.problems {
            eprintln!("       {p}");
        }
        if e.status == Status::Refused {
            for f in e
                .findings
                .iter()
                .filter(|f| f.severity == yanxiu_core::Severity::Error)
            {
                eprintln!("       {f}");
            }
        }
    }
    for p in report.summary.problems.iter().chain(&report.problems) {
        eprintln!("{p}");
    }
    println!("{}", report.headline());
    for f in &report.summary.files {
        println!("{}", args.output.join(f).display());
    }
    println!(
        "报告：{}",
        args.output.join(yanxiu_batch::REPORT_TXT).display()
    );
    if cancel.load(Ordering::Relaxed) {
        ExitCode::from(130)
    } else if report.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One line redrawn in place: bar, count, rate, time left.
fn draw(p: &Progress) {
    const WIDTH: usize = 30;
    let filled = (p.done * WIDTH).checked_div(p.total).unwrap_or(WIDTH);
    let eta = p
        .eta()
        .map(|d| format!("，剩余约 {} 秒", d.as_secs()))
        .unwrap_or_default();
    let failed = if p.failed > 0 {
        format!("，未成功 {}", p.failed)
    } else {
        String::new()
    };
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r[{}{}] {}/{} {:.1} 份/秒{eta}{failed}   ",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        p.done,
        p.total,
        p.rate()
    );
    let _ = err.flush();
}

/// Arguments of `yanxiu xlsx-template`.
#[derive(clap::Args)]
pub(crate) struct TemplateArgs {
    /// Where to write the workbook.
    #[arg(short, long, default_value = "申报信息.xlsx")]
    output: PathBuf,
}

const EXAMPLE: &str = include_str!("../../../examples/application-zh.json");

pub(crate) fn template(args: &TemplateArgs) -> ExitCode {
    let example =
        yanxiu_core::parse::application_from_json(EXAMPLE).expect("the bundled example parses");
    match yanxiu_sheet::intake_template(&example) {
        Ok(bytes) => match write_atomic(&args.output, &bytes) {
            Ok(()) => {
                println!("{}", args.output.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, &format!("无法写入 {}：{e}", args.output.display())),
        },
        Err(e) => fail(1, &e.to_string()),
    }
}

/// `yanxiu summary … --xlsx OUT.xlsx`: the workbook beside the PDF.
pub(crate) fn summary_xlsx(
    input: &std::path::Path,
    out: &std::path::Path,
    profile: &yanxiu_core::Profile,
) -> Result<(), String> {
    let doc = read_document(input, Some(Kind::Summary))
        .map_err(|e| format!("{}：{e}", input.display()))?;
    let Document::Summary(s) = doc else {
        unreachable!("a summary was asked for")
    };
    let bytes = yanxiu_sheet::summary_workbook(&s, profile).map_err(|e| e.to_string())?;
    write_atomic(out, &bytes).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
    println!("{}", out.display());
    Ok(())
}

const EXAMPLE_WORKBOOK: &[u8] = include_bytes!("../../../examples/申报信息.xlsx");

/// The bulk job on the bundled workbook: `OUT/申报信息.xlsx` (the input, to
/// look at) and `OUT/批量/` (one PDF per row, both summary files, the report).
pub(crate) fn demo_batch(
    renderer: &yanxiu_render::Renderer,
    out: &std::path::Path,
) -> Result<(), String> {
    let workbook = out.join("申报信息.xlsx");
    write_atomic(&workbook, EXAMPLE_WORKBOOK)
        .map_err(|e| format!("无法写入 {}：{e}", workbook.display()))?;
    let input = read_input(&workbook).map_err(|e| e.to_string())?;
    let dir = out.join("批量");
    let opts = Options {
        force: true,
        ..Options::default()
    };
    let report = run_batch(
        renderer,
        input,
        &dir,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .map_err(|e| e.to_string())?;
    println!("{}", workbook.display());
    for e in report.done() {
        println!("{}", dir.join(&e.file).display());
    }
    for f in &report.summary.files {
        println!("{}", dir.join(f).display());
    }
    if report.success() {
        Ok(())
    } else {
        Err(report.to_text())
    }
}
