//! The print file and the package of a batch, made from the files it wrote.

use crate::bundle::{Entry, Part, PrintError, package, print_file};
use crate::error::io_reason;
use crate::names::{SUMMARY_DOCX, SUMMARY_PDF, SUMMARY_XLSX, docx_name};
use crate::options::Options;
use crate::output::write_atomic_with;
use crate::report::{BundleOutcome, Report};
use std::path::Path;

/// E-mail services commonly cap attachments at 20–50 MB.
const PACKAGE_WARN_BYTES: u64 = 20 * 1024 * 1024;

/// Writes the print file and the package asked for. Both are made anew on
/// every run, from the files on disk, so they always match them.
pub(crate) fn write_bundles(report: &Report, dir: &Path, opts: &Options) -> Vec<BundleOutcome> {
    let mut out = Vec::new();
    // Without its 汇总表 the submission is incomplete: nothing to hand in yet.
    let missing_summary =
        !opts.no_summary && !report.summary.files.iter().any(|f| f == SUMMARY_PDF);
    if let Some(path) = &opts.print_file {
        out.push(outcome("print", path, missing_summary, || {
            let mut files: Vec<(String, String)> = Vec::new();
            if !opts.no_summary {
                files.push((SUMMARY_PDF.to_owned(), "汇总表".to_owned()));
            }
            for e in report.done() {
                files.push((e.file.clone(), format!("{} {}", e.index, e.project_name)));
            }
            // Each form is read when its turn comes: one in memory at a time.
            let parts = files.into_iter().map(|(file, title)| {
                read(dir, &file)
                    .map(|pdf| Part { pdf, title })
                    .map_err(PrintError::Part)
            });
            let mut pages = 0;
            write_atomic_with(path, |w| {
                pages = print_file(parts, w).map_err(std::io::Error::other)?;
                Ok(())
            })
            .map_err(|e| format!("无法生成打印文件 {}：{e}", path.display()))?;
            Ok(Some(pages))
        }));
    }
    if let Some(path) = &opts.package {
        out.push(outcome("package", path, missing_summary, || {
            // With --docx the Word files go in beside their PDFs: the
            // 电子版 the office copies text out of.
            let mut names: Vec<String> = Vec::new();
            if !opts.no_summary {
                names.extend([SUMMARY_XLSX, SUMMARY_PDF].map(str::to_owned));
                if opts.docx {
                    names.push(SUMMARY_DOCX.to_owned());
                }
            }
            for e in report.done() {
                names.push(e.file.clone());
                if opts.docx {
                    names.push(docx_name(&e.file));
                }
            }
            let entries: Vec<Entry<'_>> = names
                .iter()
                .map(|name| Entry {
                    name,
                    path: dir.join(name),
                })
                .collect();
            write_atomic_with(path, |w| {
                package(&entries, w).map_err(std::io::Error::other)
            })
            .map_err(|e| format!("无法生成压缩包 {}：{e}", path.display()))?;
            Ok(None)
        }));
    }
    out
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    std::fs::read(dir.join(name)).map_err(|e| format!("无法读取 {name}：{}", io_reason(&e)))
}

/// Makes one bundle and writes it whole, or says why not.
fn outcome(
    kind: &str,
    path: &Path,
    missing_summary: bool,
    make: impl FnOnce() -> Result<Option<usize>, String>,
) -> BundleOutcome {
    let mut o = BundleOutcome {
        kind: kind.to_owned(),
        file: path.display().to_string(),
        bytes: 0,
        pages: None,
        problems: Vec::new(),
        written: false,
    };
    if missing_summary {
        o.problems
            .push("汇总表未生成，报送材料不完整，未生成；修正后重新运行".to_owned());
        return o;
    }
    match make().map(|pages| {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        (bytes, pages)
    }) {
        Ok((bytes, pages)) => {
            o.bytes = bytes;
            o.pages = pages;
            o.written = true;
            if kind == "package" && bytes > PACKAGE_WARN_BYTES {
                o.problems.push(format!(
                    "压缩包有 {:.1} MB，超过 20 MB：许多邮箱不收这么大的附件，可分批发送或用网盘",
                    bytes as f64 / 1024.0 / 1024.0
                ));
            }
        }
        Err(m) => o.problems.push(m),
    }
    o
}
