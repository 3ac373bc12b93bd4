//! `yanxiu validate`.

use crate::KindArg;
use crate::common::{Setup, read_document};
use crate::error::CliError;
use clap::ValueEnum;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use yanxiu_core::parse::Document;
use yanxiu_core::validate::code;
use yanxiu_core::{Finding, Profile, Severity};
use yanxiu_render::{FontUsage, RenderError, Renderer};

/// Arguments of `yanxiu validate`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// JSON files: one application (申报表), one summary (汇总表) or a list of applications.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Treat every file as this form instead of guessing from its keys.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Output: readable text, or JSON for scripts.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Fonts (for the check that every character can be printed), templates, profile.
    #[command(flatten)]
    setup: Setup,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ReadError>,
}

#[derive(Serialize)]
struct ReadError {
    path: String,
    message: String,
    line: Option<usize>,
    column: Option<usize>,
    /// The whole sentence, as the error itself words it.
    #[serde(skip)]
    text: String,
}

/// Findings of any parsed document.
pub(crate) fn findings_of(doc: &Document, profile: &Profile) -> Vec<Finding> {
    match doc {
        Document::Application(a) => a.validate(profile),
        Document::Summary(s) => s.validate(profile),
        Document::Applications(list) => list
            .iter()
            .enumerate()
            .flat_map(|(i, a)| yanxiu_core::validate_application(a, profile, &format!("[{i}]")))
            .collect(),
    }
}

/// Whether the faces of the renderer can print every character of a
/// document: YX110 warnings for characters a fallback face sets, a YX111
/// error for one no face has.
fn font_findings(r: &Renderer, doc: &Document) -> Vec<Finding> {
    let one = |usage: Result<FontUsage, RenderError>, prefix: &str| {
        match usage {
            Ok(u) => u.findings(),
            Err(e @ RenderError::UncoveredChar { .. }) => {
                let RenderError::UncoveredChar { path, .. } = &e else {
                    return Vec::new();
                };
                vec![Finding {
                    code: code::FONT_MISSING.to_owned(),
                    severity: Severity::Error,
                    path: path.clone(),
                    message: e.to_string(),
                }]
            }
            Err(_) => Vec::new(),
        }
        .into_iter()
        .map(|mut f| {
            f.path = format!("{prefix}{}", f.path);
            f
        })
        .collect::<Vec<_>>()
    };
    match doc {
        Document::Application(a) => one(r.font_usage_application(Some(a)), ""),
        Document::Summary(s) => one(r.font_usage_summary(Some(s)), ""),
        Document::Applications(list) => list
            .iter()
            .enumerate()
            .flat_map(|(i, a)| one(r.font_usage_application(Some(a)), &format!("[{i}].")))
            .collect(),
    }
}

/// Exit status `0` no errors, `1` some file breaks a rule, `2` some file
/// cannot be read (a report is printed for every file either way).
pub(crate) fn run(args: &Args) -> Result<ExitCode, CliError> {
    let renderer = args.setup.renderer()?;
    let profile = renderer.profile();
    let mut reports = Vec::new();
    for file in &args.files {
        let name = file.display().to_string();
        match read_document(file, args.kind.map(Into::into)) {
            Ok(doc) => {
                let mut findings = findings_of(&doc, profile);
                findings.extend(font_findings(&renderer, &doc));
                // Severity first, then the order of the form.
                findings.sort_by_key(|f| f.severity);
                reports.push(FileReport {
                    file: name,
                    findings,
                    error: None,
                });
            }
            Err(e) => {
                let error = match e {
                    CliError::Data { source, .. } => {
                        let d = *source;
                        ReadError {
                            text: d.to_string(),
                            path: d.path,
                            message: d.message,
                            line: d.line,
                            column: d.column,
                        }
                    }
                    CliError::Io { source, .. } => ReadError {
                        path: String::new(),
                        message: format!("无法读取文件：{source}"),
                        text: format!("无法读取文件：{source}"),
                        line: None,
                        column: None,
                    },
                    other => return Err(other),
                };
                reports.push(FileReport {
                    file: name,
                    findings: Vec::new(),
                    error: Some(error),
                });
            }
        }
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&reports).unwrap_or_default()
        ),
        Format::Text => print_text(&reports),
    }
    Ok(if reports.iter().any(|r| r.error.is_some()) {
        ExitCode::from(2)
    } else if reports.iter().any(|r| yanxiu_core::has_errors(&r.findings)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(reports: &[FileReport]) {
    for r in reports {
        println!("{}", r.file);
        if let Some(e) = &r.error {
            println!("  无法读取：{}", e.text);
            continue;
        }
        if r.findings.is_empty() {
            println!("  通过：未发现问题");
            continue;
        }
        for f in &r.findings {
            println!("  {f}");
        }
        let errors = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        println!(
            "  共 {} 个错误，{} 个警告",
            errors,
            r.findings.len() - errors
        );
    }
}
