//! `yanxiu batch` and `yanxiu xlsx-template`.

use crate::common::{Setup, load_profile, write_out};
use crate::error::CliError;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use yanxiu_batch::{Options, Progress, Status, read_inputs, run_batch};
use yanxiu_render::RenderOptions;

/// Arguments of `yanxiu batch`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// 输入（可多个）：申报信息工作簿（.xlsx/.xls/.ods）、申报表 JSON 列表、汇总表 JSON、
    /// 填好的申报表 Word 文件（.docx/.doc/.wps），或装有这些文件的文件夹。按给出的顺序、文件夹内按文件名、工作簿内按行编号。
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
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
    /// 另生成一份供打印盖章的 PDF：汇总表在前，各申报表按序号排列，每份从奇数页开始（双面打印），带书签。
    #[arg(long = "print", value_name = "打印.pdf")]
    print_file: Option<PathBuf>,
    /// 另生成报送用的压缩包（电子版）：汇总表.xlsx、汇总表.pdf 和各申报表，中文文件名。
    #[arg(long, value_name = "报送材料.zip")]
    package: Option<PathBuf>,
    /// 另在每份 PDF 旁写出 Word 电子版（<序号>-<项目名称>.docx，及 汇总表.docx）。
    #[arg(long)]
    docx: bool,
    /// 不显示进度条。
    #[arg(long)]
    quiet: bool,
    #[command(flatten)]
    setup: Setup,
}

/// Exit status `0` all done, `1` some record or the summary not done,
/// `130` interrupted; an unusable input or folder is an error (`2`).
pub(crate) fn run(args: &Args) -> Result<ExitCode, CliError> {
    let renderer = args.setup.renderer()?;
    let mut input = read_inputs(&args.inputs)?;
    if let Some(path) = &args.reporter {
        let (reporter, filled_on) = yanxiu_batch::read_reporter(path)?;
        input.reporter = Some(reporter);
        input.filled_on = filled_on.or(input.filled_on);
    }
    let opts = Options {
        workers: args.jobs,
        render: RenderOptions {
            draft: args.draft,
            pdfa: args.pdfa,
        },
        force: args.force,
        no_summary: args.no_summary,
        print_file: args.print_file.clone(),
        package: args.package.clone(),
        docx: args.docx,
    };

    // The first Ctrl-C (or SIGTERM; on Windows also Ctrl-Break) stops handing
    // out records and writes the report; a second one ends the process at
    // once (files stay whole: every write is a rename).
    let cancel = Arc::new(AtomicBool::new(false));
    for sig in STOP_SIGNALS {
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
    let report = result?;
    print_outcome(&report, &args.output);
    println!(
        "报告：{}",
        args.output.join(yanxiu_batch::REPORT_TXT).display()
    );
    Ok(if cancel.load(Ordering::Relaxed) {
        ExitCode::from(130)
    } else if report.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// What did not get done, and why, on stderr; the summary's files and
/// the bundles written on stdout.
fn print_outcome(report: &yanxiu_batch::Report, output: &std::path::Path) {
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
    for n in &report.notes {
        eprintln!("注意：{n}");
    }
    for p in report.summary.problems.iter().chain(&report.problems) {
        eprintln!("{p}");
    }
    println!("{}", report.headline());
    for f in &report.summary.files {
        println!("{}", output.join(f).display());
    }
    for b in &report.bundles {
        if b.written {
            println!("{}", b.file);
        }
        for p in &b.problems {
            eprintln!("{}：{p}", b.file);
        }
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
    /// A notice profile (TOML) other than the embedded 2024 one.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

/// The signals that stop a batch. Windows raises SIGINT for Ctrl-C and
/// SIGBREAK for Ctrl-Break and never SIGTERM, which stays for hosts that send it.
#[cfg(windows)]
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGBREAK,
    signal_hook::consts::SIGTERM,
];
#[cfg(not(windows))]
const STOP_SIGNALS: [i32; 2] = [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];

const EXAMPLE: &str = yanxiu_core::examples::APPLICATION_ZH;

pub(crate) fn template(args: &TemplateArgs) -> Result<(), CliError> {
    let example =
        yanxiu_core::parse::application_from_json(EXAMPLE).map_err(|source| CliError::Data {
            path: PathBuf::from("examples/application-zh.json"),
            source: Box::new(source),
        })?;
    let profile = load_profile(args.profile.as_ref())?;
    write_out(
        &args.output,
        &yanxiu_sheet::intake_template(&example, &profile)?,
    )
}

/// Arguments of `yanxiu xlsx-merge`.
#[derive(clap::Args)]
pub(crate) struct MergeArgs {
    /// 收到的各单位工作簿（或装有它们的文件夹；也可有 JSON）。
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// 合并后的工作簿。
    #[arg(short, long, value_name = "合并.xlsx")]
    output: PathBuf,
    /// A notice profile (TOML) other than the embedded 2024 one.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

/// `yanxiu xlsx-merge`: one intake workbook of everything received, with a
/// 来源 column, to check and rank before the batch. Exit 1 when some record
/// could not be read (listed; the others are merged).
pub(crate) fn merge(args: &MergeArgs) -> Result<ExitCode, CliError> {
    let profile = load_profile(args.profile.as_ref())?;
    let input = read_inputs(&args.inputs)?;
    for n in &input.notes {
        eprintln!("注意：{n}");
    }
    let (bytes, unreadable) = yanxiu_batch::merged_workbook(&input, &profile)?;
    write_out(&args.output, &bytes)?;
    let merged = input.items.len() - input.items.iter().filter(|i| i.data.is_err()).count();
    println!("合并 {merged} 个项目");
    for u in &unreadable {
        eprintln!("未合并（无法读取）：{u}");
    }
    Ok(if unreadable.is_empty() && input.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        for p in &input.problems {
            eprintln!("{p}");
        }
        ExitCode::from(1)
    })
}
