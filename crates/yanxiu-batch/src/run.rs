//! Running a batch in three steps: [`plan`] decides what each record needs
//! (kept from an earlier run, unreadable, or to render), [`execute`] renders
//! the records on a pool of workers while the calling thread collects
//! outcomes, reports progress and keeps the report on disk current, and
//! [`summarise`] writes the 汇总表 when every record is good.

use crate::error::{BatchError, RecordProblem, io_reason, is_fatal};
use crate::input::{Input, Item};
use crate::names::{SUMMARY_DOCX, SUMMARY_PDF, SUMMARY_XLSX, docx_name, pdf_name};
use crate::options::Options;
use crate::output::{is_partial, write_atomic};
use crate::report::{
    Entry, REPORT_JSON, REPORT_TXT, Report, Status, SummaryOutcome, fingerprint, previous_report,
};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use yanxiu_core::{Application, Finding, Severity, Summary, has_errors};
use yanxiu_render::{RenderError, Renderer};

/// Typst worker stacks: the 2 MiB default overflowed on long batches.
const WORKER_STACK: usize = 16 << 20;
/// How often the report on disk is brought up to date during a run.
const REPORT_EVERY: Duration = Duration::from_secs(2);

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

/// A record to render: its place in the report, its data, its file.
struct Job<'a> {
    entry: usize,
    app: &'a Application,
    file: String,
}

/// What a worker sends back about one record.
struct Outcome {
    entry: usize,
    status: Status,
    problems: Vec<String>,
    findings: Vec<Finding>,
    /// An output error that will fail every other record too.
    fatal: Option<std::io::Error>,
    /// Files rendered and still to be written, in order: the Word file,
    /// then the PDF, whose presence marks the record done.
    files: Vec<(String, Vec<u8>)>,
}

/// Rendered records waiting for the writer, per worker: enough that a
/// worker rarely waits for a file to reach the disk, few enough that
/// memory does not grow when the disk is slower than the workers.
const WRITE_QUEUE_PER_WORKER: usize = 4;

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
    let out_err = |source| BatchError::Output {
        dir: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(out_err)?;
    clean_partials(dir);
    let (mut report, jobs) = plan(renderer, &input, dir, opts);
    // The first write tells at once whether the folder takes files at all.
    save_report(dir, &report).map_err(out_err)?;
    let run = Run {
        renderer,
        dir,
        opts,
        cancel,
        start,
    };
    let fatal = execute(&run, &jobs, &mut report, progress)?;
    let stopped = cancel.load(Ordering::Relaxed);
    if let Some(e) = &fatal {
        report.problems.push(format!(
            "无法写入输出文件夹 {}：{}",
            dir.display(),
            io_reason(e)
        ));
    }
    if !stopped && !opts.no_summary {
        report.summary = summarise(renderer, &input, &report, dir, opts);
    }
    if !stopped && fatal.is_none() {
        report.bundles = crate::submission::write_bundles(&report, dir, opts);
    }
    report.complete = !stopped;
    report.seconds = start.elapsed().as_secs_f64();
    let saved = save_report(dir, &report);
    match (fatal, saved) {
        (Some(e), _) | (None, Err(e)) => Err(out_err(e)),
        (None, Ok(())) => Ok(report),
    }
}

/// The report's entries and the records that need rendering: an earlier
/// run's PDF is kept when its data, the options and the renderer's setup
/// are unchanged.
fn plan<'a>(
    renderer: &Renderer,
    input: &'a Input,
    dir: &Path,
    opts: &Options,
) -> (Report, Vec<Job<'a>>) {
    let finished = if opts.force {
        HashMap::new()
    } else {
        previous_report(dir)
            .map(|r| r.finished())
            .unwrap_or_default()
    };
    let total = input.items.len();
    let mut report = Report {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        complete: false,
        entries: Vec::with_capacity(total),
        summary: SummaryOutcome::default(),
        problems: input.problems.clone(),
        notes: input.notes.clone(),
        bundles: Vec::new(),
        seconds: 0.0,
    };
    let flags = [
        u8::from(opts.render.draft),
        u8::from(opts.render.pdfa),
        u8::from(opts.docx),
    ];
    let mut jobs = Vec::new();
    for (i, item) in input.items.iter().enumerate() {
        let Item {
            source,
            project_name,
            data,
        } = item;
        let mut entry = Entry {
            index: i + 1,
            source: source.clone(),
            project_name: project_name.clone(),
            status: Status::NotDone,
            file: pdf_name(i + 1, total, project_name),
            problems: Vec::new(),
            findings: Vec::new(),
            fingerprint: String::new(),
        };
        match data {
            Err(problems) => {
                entry.status = Status::Unreadable;
                entry.problems = problems.iter().map(RecordProblem::to_string).collect();
            }
            Ok(app) => {
                let json = serde_json::to_vec(app).unwrap_or_default();
                entry.fingerprint =
                    fingerprint(&[renderer.setup_identity().as_bytes(), &flags, &json]);
                let up_to_date = finished.get(&entry.file) == Some(&entry.fingerprint)
                    && dir.join(&entry.file).is_file()
                    && (!opts.docx || dir.join(docx_name(&entry.file)).is_file());
                if up_to_date {
                    keep(renderer, app, &mut entry);
                } else {
                    jobs.push(Job {
                        entry: i,
                        app,
                        file: entry.file.clone(),
                    });
                }
            }
        }
        report.entries.push(entry);
    }
    (report, jobs)
}

/// What every step of a run shares.
struct Run<'a> {
    renderer: &'a Renderer,
    dir: &'a Path,
    opts: &'a Options,
    cancel: &'a AtomicBool,
    start: Instant,
}

/// Where the records stand while the outcomes come in.
struct Tally {
    done: usize,
    total: usize,
    failed: usize,
    fatal: Option<std::io::Error>,
}

impl Tally {
    /// Records one outcome in the report.
    fn record(&mut self, o: Outcome, report: &mut Report, cancel: &AtomicBool) {
        self.done += 1;
        if !o.status.is_done() {
            self.failed += 1;
        }
        if let Some(e) = o.fatal {
            cancel.store(true, Ordering::Relaxed);
            self.fatal.get_or_insert(e);
        }
        let e = &mut report.entries[o.entry];
        e.status = o.status;
        e.problems = o.problems;
        e.findings = o.findings;
    }

    fn progress(&self, start: Instant) -> Progress {
        Progress {
            done: self.done,
            total: self.total,
            failed: self.failed,
            elapsed: start.elapsed(),
        }
    }
}

/// An earlier run's PDF, kept: its findings are still reported (warnings).
fn keep(renderer: &Renderer, app: &Application, entry: &mut Entry) {
    let checked = guarded(|| {
        let mut f = app.validate(renderer.profile());
        if let Ok(usage) = renderer.font_usage_application(Some(app)) {
            f.extend(usage.findings());
        }
        f
    });
    match checked {
        Ok(findings) => {
            entry.status = Status::Kept;
            entry.findings = findings;
        }
        Err(e) => {
            entry.status = Status::Failed;
            entry.problems.push(e.to_string());
        }
    }
}

/// Renders the jobs on plain threads while this thread collects outcomes.
/// Returns the output error that stopped the run, if one did.
fn execute(
    run: &Run<'_>,
    jobs: &[Job<'_>],
    report: &mut Report,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Option<std::io::Error>, BatchError> {
    let total = report.entries.len();
    let workers = run
        .opts
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len().max(1));
    let mut tally = Tally {
        done: total - jobs.len(),
        total,
        failed: report.not_done().count() - jobs.len(),
        fatal: None,
    };
    let (tx, rx) = mpsc::channel::<Outcome>();
    let (to_write, written) = mpsc::sync_channel::<Outcome>(workers * WRITE_QUEUE_PER_WORKER);
    let next = AtomicUsize::new(0);
    let spawn_error = |source| BatchError::Output {
        dir: run.dir.to_owned(),
        source,
    };
    std::thread::scope(|s| -> Result<(), BatchError> {
        // Plain threads, not a rayon pool: Typst and krilla run their own
        // rayon work inside a document, and a rayon worker waiting on that
        // work steals other documents and nests them on its stack — memory
        // and stack depth then grow with the batch.
        for w in 0..workers {
            let to_write = to_write.clone();
            let next = &next;
            std::thread::Builder::new()
                .name(format!("yanxiu-render-{w}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(s, move || {
                    while !run.cancel.load(Ordering::Relaxed) {
                        let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        if to_write
                            .send(render_one(run.renderer, job, run.opts))
                            .is_err()
                        {
                            break;
                        }
                    }
                })
                .map_err(spawn_error)?;
        }
        drop(to_write);
        // One thread writes the files, so that no worker waits for the disk
        // (each file is synced before it is renamed into place): with one
        // worker that was a tenth of the batch's time.
        let tx_written = tx.clone();
        std::thread::Builder::new()
            .name("yanxiu-write".to_owned())
            .spawn_scoped(s, move || {
                for mut o in written {
                    for (file, bytes) in std::mem::take(&mut o.files) {
                        if !write_file(&mut o, run.dir, &file, &bytes) {
                            break;
                        }
                    }
                    if tx_written.send(o).is_err() {
                        break;
                    }
                }
            })
            .map_err(spawn_error)?;
        drop(tx);
        collect(run, &rx, &mut tally, report, progress);
        Ok(())
    })?;
    progress(&tally.progress(run.start));
    Ok(tally.fatal)
}

/// Takes the outcomes as they come until every worker is done, telling the
/// progress about ten times a second and saving the report every few.
fn collect(
    run: &Run<'_>,
    rx: &mpsc::Receiver<Outcome>,
    tally: &mut Tally,
    report: &mut Report,
    progress: &mut dyn FnMut(&Progress),
) {
    let mut last_save = Instant::now();
    let mut last_tick = Instant::now() - Duration::from_secs(1);
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(o) => tally.record(o, report, run.cancel),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if last_tick.elapsed() >= Duration::from_millis(100) {
            last_tick = Instant::now();
            progress(&tally.progress(run.start));
        }
        if last_save.elapsed() >= REPORT_EVERY && tally.fatal.is_none() {
            last_save = Instant::now();
            report.seconds = run.start.elapsed().as_secs_f64();
            let _ = save_report(run.dir, report);
        }
    }
}

/// Runs `f`, turning a panic into an error: an unforeseen panic in
/// validating or rendering costs one record, never the run.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, RenderError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| RenderError::from_panic(&*p))
}

/// Validates (once) and renders one record; the writer writes its files.
fn render_one(renderer: &Renderer, job: &Job<'_>, opts: &Options) -> Outcome {
    let mut o = Outcome {
        entry: job.entry,
        status: Status::Failed,
        problems: Vec::new(),
        findings: Vec::new(),
        fatal: None,
        files: Vec::new(),
    };
    let rendered = guarded(|| {
        let findings = job.app.validate(renderer.profile());
        let pdf = (opts.render.draft || !has_errors(&findings))
            .then(|| renderer.render_checked_application(job.app, &findings, &opts.render));
        // The Word 电子版 beside the PDF, from the same record.
        let docx = (opts.docx && matches!(pdf, Some(Ok(_))))
            .then(|| yanxiu_word::application_docx(Some(job.app), renderer.profile()));
        (findings, pdf, docx)
    });
    match rendered {
        Err(e) => o.problems.push(e.to_string()),
        Ok((findings, None, _)) => {
            o.findings = findings;
            o.status = Status::Refused;
        }
        Ok((findings, Some(pdf), docx)) => {
            o.findings = findings;
            match pdf {
                Ok(rendered) => {
                    // Characters a fallback face set are warned of, as for `render`.
                    o.findings.extend(rendered.fonts.findings());
                    // The Word file first: the PDF's presence marks the record done.
                    match docx {
                        Some(Ok(bytes)) => o.files.push((docx_name(&job.file), bytes)),
                        Some(Err(e)) => o.problems.push(e.to_string()),
                        None => {}
                    }
                    if o.problems.is_empty() {
                        o.files.push((job.file.clone(), rendered.pdf));
                    }
                }
                Err(RenderError::Invalid(_)) => o.status = Status::Refused,
                Err(e) => o.problems.push(e.to_string()),
            }
        }
    }
    o
}

/// Writes one of a record's files, saying whether it was; a folder that
/// cannot take it stops the run.
fn write_file(o: &mut Outcome, dir: &Path, file: &str, bytes: &[u8]) -> bool {
    match write_atomic(&dir.join(file), bytes) {
        Ok(()) => {
            o.status = Status::Written;
            true
        }
        Err(e) => {
            // A Word file written before is no record done without its PDF.
            o.status = Status::Failed;
            o.problems.push(format!(
                "无法写入输出文件夹 {}：{}",
                dir.display(),
                io_reason(&e)
            ));
            if is_fatal(&e) {
                o.fatal = Some(e);
            }
            false
        }
    }
}

/// The summary of every record, written only when it would be complete:
/// a 汇总表 that silently lacks a project must not be stamped. When it is
/// refused, the findings that refuse it are in the outcome.
fn summarise(
    renderer: &Renderer,
    input: &Input,
    report: &Report,
    dir: &Path,
    opts: &Options,
) -> SummaryOutcome {
    let mut out = SummaryOutcome::default();
    if let Some(problem) = incomplete(input, report) {
        out.problems.push(problem);
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
    let pdf = match render_summary(renderer, &summary, opts) {
        Err(e) => Err(e.to_string()),
        Ok((findings, None)) => {
            out.problems = refusal(&findings, report, input);
            out.findings = findings
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            return out;
        }
        Ok((_, Some(pdf))) => pdf.map(|r| r.pdf).map_err(|e| e.to_string()),
    };
    write_summary_file(&mut out, dir, SUMMARY_PDF, "PDF", pdf);
    if opts.docx {
        let docx = yanxiu_word::summary_docx(Some(&summary), renderer.profile());
        write_summary_file(
            &mut out,
            dir,
            SUMMARY_DOCX,
            "Word",
            docx.map_err(|e| e.to_string()),
        );
    }
    let xlsx = yanxiu_sheet::summary_workbook(&summary, renderer.profile());
    write_summary_file(
        &mut out,
        dir,
        SUMMARY_XLSX,
        "xlsx",
        xlsx.map_err(|e| e.to_string()),
    );
    out
}

/// Why no 汇总表 can be made: it must hold every project, and some could
/// not be read.
fn incomplete(input: &Input, report: &Report) -> Option<String> {
    let unreadable: Vec<String> = report
        .entries
        .iter()
        .filter(|e| e.status == Status::Unreadable)
        .map(|e| e.index.to_string())
        .collect();
    (!unreadable.is_empty() || !input.problems.is_empty()).then(|| {
        format!(
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
        )
    })
}

/// The summary's findings, and its PDF unless an error refuses it (draft
/// aside). A long summary is a deep layout: it gets a worker's stack.
#[allow(clippy::type_complexity)]
fn render_summary(
    renderer: &Renderer,
    summary: &Summary,
    opts: &Options,
) -> Result<
    (
        Vec<Finding>,
        Option<Result<yanxiu_render::Rendered, RenderError>>,
    ),
    RenderError,
> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(WORKER_STACK)
            .spawn_scoped(s, || {
                guarded(|| {
                    let findings = summary.validate(renderer.profile());
                    let pdf = (opts.render.draft || !has_errors(&findings))
                        .then(|| renderer.render_checked_summary(summary, &findings, &opts.render));
                    (findings, pdf)
                })
            })
            .map_err(|e| RenderError::Internal(e.to_string()))
            .and_then(|h| {
                h.join()
                    .unwrap_or_else(|p| Err(RenderError::from_panic(&*p)))
            })
    })
}

/// Writes one of the summary's files, or says why it could not be made.
fn write_summary_file(
    out: &mut SummaryOutcome,
    dir: &Path,
    name: &str,
    what: &str,
    bytes: Result<Vec<u8>, String>,
) {
    match bytes {
        Ok(bytes) => match write_atomic(&dir.join(name), &bytes) {
            Ok(()) => out.files.push(name.to_owned()),
            Err(e) => out.problems.push(io_reason(&e)),
        },
        Err(e) => out.problems.push(format!("汇总表 {what} 生成失败：{e}")),
    }
}

/// Why the summary was refused, in sentences for the report.
fn refusal(findings: &[Finding], report: &Report, input: &Input) -> Vec<String> {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let refused = report
        .entries
        .iter()
        .filter(|e| e.status == Status::Refused)
        .count();
    let mut why = vec![format!(
        "汇总表未生成：数据有 {errors} 个错误（{refused} 个项目未通过校验）"
    )];
    // The summary's own errors (not those of a refused record, listed with it).
    why.extend(
        findings
            .iter()
            .filter(|f| f.severity == Severity::Error && !record_finding(f, report))
            .map(ToString::to_string),
    );
    // The same project sent twice (often by two units' workbooks): say
    // where each copy came from, once per project.
    let key = |e: &crate::report::Entry| yanxiu_core::validate::project_key(&e.project_name);
    let mut said: Vec<String> = Vec::new();
    for f in findings
        .iter()
        .filter(|f| f.code == yanxiu_core::validate::code::SUMMARY_DUPLICATE)
    {
        let Some(dup) = entry_index(&f.path).and_then(|i| report.entries.get(i)) else {
            continue;
        };
        if said.contains(&key(dup)) {
            continue;
        }
        said.push(key(dup));
        let sources: Vec<&str> = report
            .entries
            .iter()
            .filter(|e| key(e) == key(dup))
            .map(|e| e.source.as_str())
            .collect();
        why.push(format!(
            "项目「{}」重复：{}",
            dup.project_name.trim(),
            sources.join(" 与 ")
        ));
    }
    if input.reporter.is_none() {
        why.push("未提供报送单位：请在工作簿「报送单位」表填写，或使用 --reporter 文件".into());
    }
    why
}

/// The record a summary path (`applications[3].project_name`) is about.
fn entry_index(path: &str) -> Option<usize> {
    path.strip_prefix("applications[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

/// Whether a summary finding is one of a record that was refused for it.
fn record_finding(f: &Finding, report: &Report) -> bool {
    report.entries.iter().any(|e| {
        e.status == Status::Refused
            && f.path
                .strip_prefix(&format!("applications[{}]", e.index - 1))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            && e.findings.iter().any(|g| g.code == f.code)
    })
}

/// Removes temporary files a killed earlier run may have left.
fn clean_partials(dir: &Path) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if is_partial(&e.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

fn save_report(dir: &Path, report: &Report) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(report).map_err(std::io::Error::other)?;
    write_atomic(&dir.join(REPORT_JSON), &json)?;
    write_atomic(&dir.join(REPORT_TXT), report.to_text().as_bytes())
}
