//! `yanxiu read`: a filled 申报表 (.docx, .doc or .wps) back to JSON, with
//! what was read with doubt and its findings.

use crate::common::{Setup, write_out};
use crate::error::CliError;
use std::path::PathBuf;

/// Arguments of `yanxiu read`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The filled 申报表 (.docx; Word 97–2003 .doc and WPS .wps too).
    input: PathBuf,
    /// Write the JSON here instead of to standard output.
    #[arg(short, long, value_name = "申报表.json")]
    output: Option<PathBuf>,
    /// Keys of the JSON: the form's Chinese labels, or the model's English names.
    #[arg(long, value_enum, default_value = "zh")]
    keys: Keys,
    #[command(flatten)]
    setup: Setup,
}

/// How the JSON names its fields.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Keys {
    /// 项目名称, 办班时间, …
    Zh,
    /// project_name, schedule, …
    En,
}

/// Exit status: 0 read (findings are printed, warnings or errors), 2 the
/// file is not a 申报表 that reads.
pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let profile = args.setup.profile()?;
    let bytes = std::fs::read(&args.input).map_err(|source| CliError::Io {
        path: args.input.clone(),
        source,
    })?;
    let read = yanxiu_word::read_word(&bytes, &profile).map_err(|source| CliError::Word {
        path: args.input.clone(),
        source: Box::new(source),
    })?;
    let app = read.application;
    let value = match args.keys {
        Keys::Zh => yanxiu_core::parse::to_chinese(&app),
        Keys::En => serde_json::to_value(&app).unwrap_or_default(),
    };
    let json = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    match &args.output {
        Some(out) => write_out(out, json.as_bytes())?,
        None => print!("{json}"),
    }
    // What was read with doubt first: a box to check against the paper.
    for w in &read.warnings {
        eprintln!("请核对：{w}");
    }
    for f in app.validate(&profile) {
        eprintln!("{f}");
    }
    Ok(())
}
