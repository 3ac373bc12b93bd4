//! `yanxiu render`, `yanxiu summary`, `yanxiu demo` and `yanxiu fonts`.

use crate::input::read_document;
use crate::load_profile;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yanxiu_core::parse::{Document, Kind};
use yanxiu_render::{RenderError, RenderOptions, Renderer, write_atomic};

/// Font and template settings shared by the rendering commands.
#[derive(clap::Args, Clone)]
pub(crate) struct Setup {
    /// A folder of extra fonts (e.g. the official 仿宋_GB2312); may be repeated.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Do not look for the official fonts installed on this machine; use only
    /// the bundled fonts and --font-dir.
    #[arg(long)]
    no_system_fonts: bool,
    /// A folder with style.typ / application.typ / summary.typ replacing the embedded templates.
    #[arg(long, value_name = "DIR")]
    template_dir: Option<PathBuf>,
    /// A notice profile (TOML) other than the embedded 2024 one.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

impl Setup {
    pub(crate) fn renderer(&self) -> Result<Renderer, String> {
        let mut b = Renderer::builder()
            .system_fonts(!self.no_system_fonts)
            .profile(load_profile(self.profile.as_ref())?);
        for d in &self.font_dirs {
            b = b.font_dir(d);
        }
        if let Some(t) = &self.template_dir {
            b = b.template_dir(t);
        }
        b.build().map_err(|e| e.to_string())
    }
}

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

pub(crate) fn run(args: &Args, kind: Kind) -> ExitCode {
    if args.xlsx.is_some() && kind == Kind::Application {
        return fail(2, "--xlsx 只用于 yanxiu summary（汇总表）");
    }
    let renderer = match args.setup.renderer() {
        Ok(r) => r,
        Err(e) => return fail(2, &e),
    };
    let opts = RenderOptions {
        draft: args.draft,
        pdfa: args.pdfa,
    };
    let result = if args.blank {
        match kind {
            Kind::Application => renderer.blank_application(&opts),
            Kind::Summary => renderer.blank_summary(&opts),
        }
    } else {
        let path = args
            .input
            .as_ref()
            .expect("clap requires input without --blank");
        let doc = match read_document(path, Some(kind)) {
            Ok(d) => d,
            Err(e) => {
                return fail(2, &format!("{}：{e}", path.display()));
            }
        };
        match doc {
            Document::Application(a) => renderer.render_application(&a, &opts),
            Document::Summary(s) => renderer.render_summary(&s, &opts),
            Document::Applications(_) => unreachable!("a kind was given"),
        }
    };
    let code = match result {
        Ok(pdf) => write_out(&args.output, &pdf),
        Err(e) => return render_failure(&e),
    };
    match (&args.xlsx, &args.input) {
        (Some(out), Some(input)) if code == ExitCode::SUCCESS => {
            match crate::batch_cmd::summary_xlsx(input, out, renderer.profile()) {
                Ok(()) => code,
                Err(e) => fail(1, &e),
            }
        }
        _ => code,
    }
}

pub(crate) fn write_out(path: &Path, pdf: &[u8]) -> ExitCode {
    match write_atomic(path, pdf) {
        Ok(()) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, &format!("无法写入 {}：{e}", path.display())),
    }
}

pub(crate) fn render_failure(e: &RenderError) -> ExitCode {
    eprintln!("错误：{e}");
    if let RenderError::Invalid(findings) = e {
        for f in findings {
            eprintln!(
                "  {} {} {}：{}",
                f.severity.label_zh(),
                f.code,
                f.path,
                f.message
            );
        }
    }
    ExitCode::from(1)
}

pub(crate) fn fail(code: u8, msg: &str) -> ExitCode {
    eprintln!("错误：{msg}");
    ExitCode::from(code)
}

/// Arguments of `yanxiu demo`.
#[derive(clap::Args)]
pub(crate) struct DemoArgs {
    /// Folder for the PDFs.
    #[arg(short, long, default_value = "out")]
    output: PathBuf,
    #[command(flatten)]
    setup: Setup,
}

const DEMO_APPLICATION: &str = include_str!("../../../examples/application.json");
const DEMO_SUMMARY: &str = include_str!("../../../examples/summary.json");

pub(crate) fn demo(args: &DemoArgs) -> ExitCode {
    let renderer = match args.setup.renderer() {
        Ok(r) => r,
        Err(e) => return fail(2, &e),
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        return fail(1, &format!("无法创建文件夹 {}：{e}", args.output.display()));
    }
    let app = yanxiu_core::parse::application_from_json(DEMO_APPLICATION)
        .expect("the bundled example parses");
    let summary =
        yanxiu_core::parse::summary_from_json(DEMO_SUMMARY).expect("the bundled example parses");
    let opts = RenderOptions::default();
    let jobs: [(&str, Result<Vec<u8>, RenderError>); 4] = [
        ("申报表-示例.pdf", renderer.render_application(&app, &opts)),
        ("汇总表-示例.pdf", renderer.render_summary(&summary, &opts)),
        ("申报表-空白.pdf", renderer.blank_application(&opts)),
        ("汇总表-空白.pdf", renderer.blank_summary(&opts)),
    ];
    let mut code = ExitCode::SUCCESS;
    if let Err(e) = crate::batch_cmd::demo_batch(&renderer, &args.output) {
        code = fail(1, &e);
    }
    for (name, result) in jobs {
        let path = args.output.join(name);
        let c = match result {
            Ok(pdf) => write_out(&path, &pdf),
            Err(e) => render_failure(&e),
        };
        if c != ExitCode::SUCCESS {
            code = c;
        }
    }
    code
}

/// `yanxiu fonts`: which face each role resolved to.
pub(crate) fn fonts(setup: &Setup) -> ExitCode {
    let renderer = match setup.renderer() {
        Ok(r) => r,
        Err(e) => return fail(2, &e),
    };
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
    ExitCode::SUCCESS
}
