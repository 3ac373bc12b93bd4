//! Running a batch: every record rendered in parallel on a pool of workers,
//! one coordinator (the calling thread) collecting outcomes, reporting
//! progress, bounding Typst's caches and keeping the report on disk current.

use crate::error::BatchError;
use crate::input::{Input, Item};
use crate::names::pdf_name;
use crate::report::{
    Entry, REPORT_JSON, REPORT_TXT, Report, Status, SummaryOutcome, fingerprint, previous_report,
};
use std::collections::HashMap;
use std::io::ErrorKind;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yanxiu_core::{Application, Summary, has_errors};
use yanxiu_render::{RenderError, RenderOptions, Renderer, write_atomic};

/// File name of the summary PDF.
pub const SUMMARY_PDF: &str = "汇总表.pdf";
/// File name of the summary workbook.
pub const SUMMARY_XLSX: &str = "汇总表.xlsx";

/// Typst worker stacks: the 2 MiB default overflowed on long batches.
const WORKER_STACK: usize = 16 << 20;
/// Memoised results older than this many documents are dropped; one
/// coordinator ages the caches once per document (see BENCHMARKS.md).
pub const CACHE_MAX_AGE: usize = 5;
/// How often the report on disk is brought up to date during a run.
const REPORT_EVERY: Duration = Duration::from_secs(2);

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads; `None` means one per core.
    pub workers: Option<usize>,
    /// Draft and PDF/A, as for single documents.
    pub render: RenderOptions,
    /// Render every record again, even those an earlier run finished.
    pub force: bool,
    /// Leave out the summary files.
    pub no_summary: bool,
    /// Typst's memoised results older than this many documents are dropped
    /// after each document ([`CACHE_MAX_AGE`] by default).
    pub cache_max_age: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            workers: None,
            render: RenderOptions::default(),
            force: false,
            no_summary: false,
            cache_max_age: CACHE_MAX_AGE,
        }
    }
}

/// Where a running batch stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Records finished (in any way).
    pub done: usize,
    /// Records in all.
    pub total: usize,
    /// Records without a PDF so far.
    pub failed: usize,
    /// Time since the start.
    pub elapsed: Duration,
}

impl Progress {
    /// Records per second so far.
    pub fn rate(&self) -> f64 {
        self.done as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Estimated time left at the current rate.
    pub fn eta(&self) -> Option<Duration> {
        (self.done > 0 && self.done < self.total)
            .then(|| Duration::from_secs_f64((self.total - self.done) as f64 / self.rate()))
    }
}

/// What a worker sends back.
struct Done {
    slot: usize,
    status: Status,
    problems: Vec<String>,
    findings: Vec<yanxiu_core::Finding>,
    /// An output error that will fail every other record too.
    fatal: Option<String>,
}

/// Errors of the output folder that no other record would escape.
fn is_fatal(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::StorageFull
            | ErrorKind::PermissionDenied
            | ErrorKind::ReadOnlyFilesystem
            | ErrorKind::QuotaExceeded
            | ErrorKind::FileTooLarge
            | ErrorKind::NotFound
    )
}

fn io_message(dir: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间已满".to_owned(),
        ErrorKind::FileTooLarge => "文件大小超出系统限制（磁盘配额或 ulimit -f）".to_owned(),
        ErrorKind::PermissionDenied => "没有写入权限".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的".to_owned(),
        ErrorKind::NotFound => "文件夹已不存在".to_owned(),
        _ => e.to_string(),
    };
    format!("无法写入输出文件夹 {}：{why}", dir.display())
}

/// Removes temporary files a killed earlier run may have left.
fn clean_partials(dir: &Path) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".part") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn save_report(dir: &Path, report: &Report) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(report).expect("a report serialises");
    write_atomic(&dir.join(REPORT_JSON), &json)?;
    write_atomic(&dir.join(REPORT_TXT), report.to_text().as_bytes())
}

/// Renders every record of `input` into `dir`, then the summary PDF and
/// workbook, and writes the report. Goes on past bad records. Stops early,
/// leaving only whole files and a report of what is done, when `cancel`
/// becomes true (an interrupt) or the folder cannot be written.
/// `progress` is called on this thread, about ten times a second at most.
pub fn run_batch(
    renderer: &Renderer,
    input: Input,
    dir: &Path,
    opts: &Options,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Report, BatchError> {
    let start = Instant::now();
    let out_err = |e: std::io::Error| BatchError::Output(io_message(dir, &e));
    std::fs::create_dir_all(dir).map_err(out_err)?;
    clean_partials(dir);
    let finished = if opts.force {
        HashMap::new()
    } else {
        previous_report(dir)
            .map(|r| r.finished())
            .unwrap_or_default()
    };

    let total = input.items.len();
    let version = env!("CARGO_PKG_VERSION");
    let mut report = Report {
        version: version.to_owned(),
        complete: false,
        entries: Vec::with_capacity(total),
        summary: SummaryOutcome {
            files: Vec::new(),
            problems: Vec::new(),
        },
        problems: input.problems.clone(),
        seconds: 0.0,
    };
    let flags = [u8::from(opts.render.draft), u8::from(opts.render.pdfa)];
    let mut jobs: Vec<(usize, &Application, String)> = Vec::new();
    for (i, item) in input.items.iter().enumerate() {
        let Item {
            source,
            project_name,
            data,
        } = item;
        let file = pdf_name(i + 1, total, project_name);
        let mut entry = Entry {
            index: i + 1,
            source: source.clone(),
            project_name: project_name.clone(),
            status: Status::NotDone,
            file,
            problems: Vec::new(),
            findings: Vec::new(),
            fingerprint: String::new(),
        };
        match data {
            Err(problems) => {
                entry.status = Status::Unreadable;
                entry.problems = problems.clone();
            }
            Ok(app) => {
                let json = serde_json::to_vec(app).expect("an application serialises");
                entry.fingerprint =
                    fingerprint(&[renderer.setup_identity().as_bytes(), &flags, &json]);
                let up_to_date = finished.get(&entry.file) == Some(&entry.fingerprint)
                    && dir.join(&entry.file).is_file();
                if up_to_date {
                    entry.status = Status::Kept;
                    entry.findings = app.validate(renderer.profile());
                } else {
                    jobs.push((i, app, entry.file.clone()));
                }
            }
        }
        report.entries.push(entry);
    }
    // The first write tells at once whether the folder takes files at all.
    save_report(dir, &report).map_err(out_err)?;

    let workers = opts
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len().max(1));

    let mut failed = report.not_done().count() - jobs.len();
    let mut done = total - jobs.len();
    let mut fatal: Option<String> = None;
    let mut last_save = Instant::now();
    let mut last_tick = Instant::now() - Duration::from_secs(1);
    let (tx, rx) = mpsc::channel::<Done>();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| -> Result<(), BatchError> {
        // Plain threads, not a rayon pool: Typst and krilla run their own
        // rayon work inside a document, and a rayon worker waiting on that
        // work steals other documents and nests them on its stack — memory
        // and stack depth then grow with the batch.
        for w in 0..workers {
            let tx = tx.clone();
            let (jobs, next) = (&jobs, &next);
            std::thread::Builder::new()
                .name(format!("yanxiu-render-{w}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || {
                    while !cancel.load(Ordering::Relaxed) {
                        let Some((slot, app, file)) =
                            jobs.get(next.fetch_add(1, Ordering::Relaxed))
                        else {
                            break;
                        };
                        let d = render_one(renderer, app, *slot, dir, file, opts);
                        if tx.send(d).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|e| BatchError::Output(format!("无法启动工作线程：{e}")))?;
        }
        drop(tx);
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(d) => {
                    // One coordinator ages the caches once per document.
                    Renderer::evict_caches(opts.cache_max_age);
                    done += 1;
                    if !d.status.is_done() {
                        failed += 1;
                    }
                    if let Some(f) = d.fatal {
                        cancel.store(true, Ordering::Relaxed);
                        fatal.get_or_insert(f);
                    }
                    let e = &mut report.entries[d.slot];
                    e.status = d.status;
                    e.problems = d.problems;
                    e.findings = d.findings;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if last_tick.elapsed() >= Duration::from_millis(100) {
                last_tick = Instant::now();
                progress(&Progress {
                    done,
                    total,
                    failed,
                    elapsed: start.elapsed(),
                });
            }
            if last_save.elapsed() >= REPORT_EVERY && fatal.is_none() {
                last_save = Instant::now();
                report.seconds = start.elapsed().as_secs_f64();
                let _ = save_report(dir, &report);
            }
        }
        Ok(())
    })?;
    progress(&Progress {
        done,
        total,
        failed,
        elapsed: start.elapsed(),
    });

    let stopped = cancel.load(Ordering::Relaxed);
    if let Some(f) = &fatal {
        report.problems.push(f.clone());
    }
    if !stopped && !opts.no_summary {
        report.summary = write_summary(renderer, &input, &report, dir, opts);
    }
    report.complete = !stopped;
    report.seconds = start.elapsed().as_secs_f64();
    match (save_report(dir, &report), fatal) {
        (_, Some(f)) => Err(BatchError::Output(f)),
        (Err(e), None) => Err(out_err(e)),
        (Ok(()), None) => Ok(report),
    }
}

fn render_one(
    renderer: &Renderer,
    app: &Application,
    slot: usize,
    dir: &Path,
    file: &str,
    opts: &Options,
) -> Done {
    let findings = app.validate(renderer.profile());
    let mut d = Done {
        slot,
        status: Status::Failed,
        problems: Vec::new(),
        findings,
        fatal: None,
    };
    if !opts.render.draft && has_errors(&d.findings) {
        d.status = Status::Refused;
        return d;
    }
    // A panic inside Typst costs this record, not the batch.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        renderer.render_application(app, &opts.render)
    }));
    match rendered {
        Ok(Ok(pdf)) => match write_atomic(&dir.join(file), &pdf) {
            Ok(()) => d.status = Status::Written,
            Err(e) => {
                let m = io_message(dir, &e);
                if is_fatal(&e) {
                    d.fatal = Some(m.clone());
                }
                d.problems.push(m);
            }
        },
        Ok(Err(RenderError::Invalid(_))) => d.status = Status::Refused,
        Ok(Err(e)) => d.problems.push(e.to_string()),
        Err(_) => d
            .problems
            .push("内部错误：排版时程序异常（请把此记录发给开发者）".to_owned()),
    }
    d
}

/// The summary of every record, written only when it would be complete:
/// a 汇总表 that silently lacks a project must not be stamped.
fn write_summary(
    renderer: &Renderer,
    input: &Input,
    report: &Report,
    dir: &Path,
    opts: &Options,
) -> SummaryOutcome {
    let mut out = SummaryOutcome {
        files: Vec::new(),
        problems: Vec::new(),
    };
    let unreadable: Vec<String> = report
        .entries
        .iter()
        .filter(|e| e.status == Status::Unreadable)
        .map(|e| e.index.to_string())
        .collect();
    if !unreadable.is_empty() || !input.problems.is_empty() {
        out.problems.push(format!(
            "汇总表须包含全部项目，但第 {} 项无法读取{}；修正后重新运行",
            if unreadable.is_empty() {
                "-".to_owned()
            } else {
                unreadable.join("、")
            },
            if input.problems.is_empty() {
                ""
            } else {
                "，且输入另有问题"
            }
        ));
        return out;
    }
    let summary = Summary {
        year: input.year,
        reporter: input.reporter.clone().unwrap_or_default(),
        filled_on: input.filled_on,
        applications: input
            .items
            .iter()
            .filter_map(|i| i.data.as_ref().ok().cloned())
            .collect(),
    };
    let findings = summary.validate(renderer.profile());
    if !opts.render.draft && has_errors(&findings) {
        let own: Vec<String> = findings
            .iter()
            .filter(|f| f.path.starts_with("reporter") || f.path == "year" || f.path == "filled_on")
            .map(|f| f.to_string())
            .collect();
        let refused = report
            .entries
            .iter()
            .filter(|e| e.status == Status::Refused)
            .count();
        let mut why = vec![format!(
            "汇总表未生成：数据有 {} 个错误（{} 个项目未通过校验）",
            findings
                .iter()
                .filter(|f| f.severity == yanxiu_core::Severity::Error)
                .count(),
            refused
        )];
        why.extend(own);
        if input.reporter.is_none() {
            why.push("未提供报送单位：请在工作簿「报送单位」表填写，或使用 --reporter 文件".into());
        }
        out.problems = why;
        return out;
    }
    // A long summary is a deep layout: give it a worker's stack.
    let rendered = std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(s, || {
                renderer
                    .render_summary(&summary, &opts.render)
                    .map_err(|e| e.to_string())
            })
            .map_err(|e| e.to_string())?
            .join()
            .unwrap_or_else(|_| Err("内部错误：排版时程序异常".to_owned()))
    });
    match rendered {
        Ok(pdf) => match write_atomic(&dir.join(SUMMARY_PDF), &pdf) {
            Ok(()) => out.files.push(SUMMARY_PDF.to_owned()),
            Err(e) => out.problems.push(io_message(dir, &e)),
        },
        Err(e) => out.problems.push(format!("汇总表 PDF 生成失败：{e}")),
    }
    match yanxiu_sheet::summary_workbook(&summary, renderer.profile()) {
        Ok(bytes) => match write_atomic(&dir.join(SUMMARY_XLSX), &bytes) {
            Ok(()) => out.files.push(SUMMARY_XLSX.to_owned()),
            Err(e) => out.problems.push(io_message(dir, &e)),
        },
        Err(e) => out.problems.push(format!("汇总表 xlsx 生成失败：{e}")),
    }
    out
}
