//! `yanxiu`: fill, check and print the forms of the Fujian 2024 advanced
//! seminar call (闽人社办〔2023〕216号).

mod batch_cmd;
mod bench_cmd;
mod common;
mod demo;
mod error;
mod read_cmd;
mod render_cmd;
mod validate_cmd;

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: a batch renders about 13 % faster than on the system allocator
/// (see `yanxiu_batch::allocator`).
#[global_allocator]
static ALLOCATOR: yanxiu_batch::allocator::Allocator = yanxiu_batch::allocator::Allocator;
use std::process::ExitCode;
use yanxiu_core::parse::Kind;

/// 研修 yanxiu — 专业技术人员知识更新工程高级研修项目申报表、汇总表的校验与生成工具。
///
/// Checks application data against the rules of notice 闽人社办〔2023〕216号
/// and renders the official 申报表 (附件1) and 汇总表 (附件2).
#[derive(Parser)]
#[command(name = "yanxiu", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 校验申报数据：按通知规则检查申报表或汇总表 JSON，列出错误和警告。
    ///
    /// Exit status: 0 no errors (warnings allowed), 1 some file has errors,
    /// 2 some file cannot be read or parsed.
    Validate(validate_cmd::Args),
    /// 生成申报表（附件1）PDF：`yanxiu render APP.json -o 申报表.pdf`，或 --blank 生成空白表。
    Render(render_cmd::Args),
    /// 生成汇总表（附件2）PDF：`yanxiu summary SUMMARY.json -o 汇总表.pdf`，或 --blank 生成空白表。
    Summary(render_cmd::Args),
    /// 批量生成：读取申报信息工作簿、各单位的申报表 Word 文件（或 JSON），每个项目生成一份申报表 PDF，另生成汇总表 PDF、xlsx 和报告。
    ///
    /// Exit status: 0 all done, 1 some record or the summary not done,
    /// 2 the input or the output folder unusable, 130 interrupted (rerun to resume).
    Batch(batch_cmd::Args),
    /// 读取各单位填好的申报表 Word 文件（.docx、.doc、.wps），输出 JSON 并列出校验结果：`yanxiu read 申报表.docx -o 申报表.json`。
    Read(read_cmd::Args),
    /// 生成供各单位填写的申报信息 Excel 模板（含下拉选项、填表说明和一行示例）。
    XlsxTemplate(batch_cmd::TemplateArgs),
    /// 把各单位交回的工作簿合并成一个（带“来源”列），供核对、排序后再批量生成。
    XlsxMerge(batch_cmd::MergeArgs),
    /// 用内置示例生成两种表格（含空白表）到文件夹（默认 out/），并列出文件路径。
    Demo(demo::Args),
    /// 显示各部分（标题、附件标注、正文）的字体链；--check 数据文件：列出每个字由哪个字体显示。
    Fonts(render_cmd::FontsArgs),
    /// 性能测试：用同一个渲染器连续生成 N 份不同的申报表，报告耗时与内存（请用 release 构建）。
    #[command(hide = true)]
    Bench(bench_cmd::Args),
    /// 输出输入数据的 JSON Schema（application 申报表 / summary 汇总表）。
    Schema {
        /// Which form.
        #[arg(value_enum, default_value = "application")]
        kind: KindArg,
    },
}

/// The form a file describes.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum KindArg {
    /// 申报表 (附件1).
    Application,
    /// 汇总表 (附件2).
    Summary,
}

impl From<KindArg> for yanxiu_core::parse::Kind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Application => yanxiu_core::parse::Kind::Application,
            KindArg::Summary => yanxiu_core::parse::Kind::Summary,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = |r: Result<(), error::CliError>| r.map(|()| ExitCode::SUCCESS);
    let result = match cli.command {
        Command::Validate(args) => validate_cmd::run(&args),
        Command::Render(args) => done(render_cmd::run(&args, Kind::Application)),
        Command::Summary(args) => done(render_cmd::run(&args, Kind::Summary)),
        Command::Batch(args) => batch_cmd::run(&args),
        Command::Read(args) => done(read_cmd::run(&args)),
        Command::XlsxTemplate(args) => done(batch_cmd::template(&args)),
        Command::XlsxMerge(args) => batch_cmd::merge(&args),
        Command::Demo(args) => done(demo::run(&args)),
        Command::Fonts(args) => done(render_cmd::fonts(&args)),
        Command::Bench(args) => bench_cmd::run(&args),
        Command::Schema { kind } => {
            let schema = match kind {
                KindArg::Application => schemars::schema_for!(yanxiu_core::Application),
                KindArg::Summary => schemars::schema_for!(yanxiu_core::Summary),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
    };
    // Errors become exit statuses in one place.
    result.unwrap_or_else(|e| {
        e.print();
        ExitCode::from(e.exit_code())
    })
}
