//! `yanxiu bench`: render time per document with one reused renderer.

use std::process::ExitCode;
use std::time::Instant;
use yanxiu_core::{Application, parse};
use yanxiu_render::RenderOptions;

/// Arguments of `yanxiu bench`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// How many distinct applications to render.
    #[arg(default_value_t = 300)]
    count: usize,
    /// Run them as `yanxiu batch` does (parallel workers, files written, report)
    /// instead of one after another in memory.
    #[arg(long)]
    batch: bool,
    /// Worker threads for --batch (default: one per core).
    #[arg(short = 'j', long, value_name = "N", requires = "batch")]
    jobs: Option<usize>,
    /// Folder for the --batch files (default: a temporary folder, removed after).
    #[arg(long, value_name = "DIR", requires = "batch")]
    out: Option<std::path::PathBuf>,
    /// With --batch, also write the Word file beside each PDF.
    #[arg(long, requires = "batch")]
    docx: bool,
    /// With --batch, also make the 汇总表 (PDF and workbook) at the end, as
    /// a real batch does: the whole job's memory.
    #[arg(long, requires = "batch")]
    with_summary: bool,
    /// Drop Typst's cached results unused for N documents after each one.
    #[arg(long, value_name = "N", default_value_t = yanxiu_render::DEFAULT_CACHE_MAX_AGE)]
    evict_age: usize,
    /// Write the same N records for the peer benchmarks instead of rendering:
    /// `records.json` (applications), `data/NNNNN.json` (what our template
    /// receives) and `templates/` (our Typst templates), see bench/README.md.
    #[arg(long, value_name = "DIR", conflicts_with = "batch")]
    export_peer_inputs: Option<std::path::PathBuf>,
    /// Render one 汇总表 listing the N records (PDF and workbook) instead.
    #[arg(long, conflicts_with_all = ["batch", "export_peer_inputs"])]
    summary: bool,
    /// Time reading the N applications back from their .docx (`yanxiu read`)
    /// instead of rendering.
    #[arg(long, conflicts_with_all = ["batch", "export_peer_inputs", "summary"])]
    read_docx: bool,
    /// Time reading a Word 97–2003 .doc form N times (the demo's, saved by
    /// LibreOffice's "MS Word 97" export) instead of rendering.
    #[arg(long, conflicts_with_all = ["batch", "export_peer_inputs", "summary", "read_docx"])]
    read_doc: bool,
    /// Typeset a 汇总表 in runs of N rows (a larger N than the rows: one
    /// table, as before runs; to compare).
    #[arg(long, value_name = "N", default_value_t = yanxiu_render::DEFAULT_SUMMARY_RUN_ROWS)]
    summary_run_rows: usize,
    /// Print the peak RSS every N documents (to see whether memory stays flat).
    #[arg(long, value_name = "N")]
    rss_every: Option<usize>,
    #[command(flatten)]
    setup: crate::common::Setup,
}

const CITIES: [&str; 9] = [
    "福州", "厦门", "泉州", "漳州", "莆田", "三明", "南平", "龙岩", "宁德",
];
const FIELDS: [&str; 6] = [
    "电子信息和数字产业",
    "先进装备制造",
    "石油化工",
    "现代纺织服装",
    "现代物流",
    "旅游",
];

/// N distinct, valid, two-page applications derived from the bundled example.
pub(crate) fn synthetic(n: usize) -> Vec<Application> {
    let base =
        parse::application_from_json(yanxiu_core::examples::APPLICATION).expect("example parses");
    (0..n)
        .map(|i| {
            let mut a = base.clone();
            let city = CITIES[i % CITIES.len()];
            let field = FIELDS[(i / CITIES.len()) % FIELDS.len()];
            a.project_name = format!("{city}{field}创新发展高级研修班（第{}期）", i + 1);
            a.applicant.name = format!("{city}市{field}继续教育基地");
            a.venue = format!("{city}市人才发展中心第{}培训室", i % 7 + 1);
            a.industry = field.to_owned();
            a.participants = Some(25 + (i % 70) as u32);
            a.purpose = format!(
                "{}\n\n本期为第{}期，围绕{field}重点任务设置课程。",
                a.purpose,
                i + 1
            );
            a
        })
        .collect()
}

/// Reads each application back from the .docx written for it.
fn read_docx(
    renderer: &yanxiu_render::Renderer,
    apps: &[Application],
) -> Result<ExitCode, crate::error::CliError> {
    let files = apps
        .iter()
        .map(|a| yanxiu_word::application_docx(Some(a), renderer.profile()))
        .collect::<Result<Vec<_>, _>>()?;
    let t = Instant::now();
    for (i, (bytes, app)) in files.iter().zip(apps).enumerate() {
        match yanxiu_word::read_docx(bytes) {
            Ok(read) if read == *app => {}
            Ok(_) => {
                eprintln!("错误：第{}份读回的数据与写入的不同", i + 1);
                return Ok(ExitCode::from(1));
            }
            Err(e) => {
                eprintln!("错误：第{}份：{e}", i + 1);
                return Ok(ExitCode::from(1));
            }
        }
    }
    let total = t.elapsed().as_secs_f64();
    let n = apps.len().max(1) as f64;
    let mean = files.iter().map(Vec::len).sum::<usize>() as f64 / n / 1024.0;
    println!("documents        {}", apps.len());
    println!("read per form    {:.3} ms (one thread)", total * 1e3 / n);
    println!("mean .docx size  {mean:.1} KB");
    Ok(ExitCode::SUCCESS)
}

/// Reads the demo's Word 97–2003 form `n` times.
fn read_doc(renderer: &yanxiu_render::Renderer, n: usize) -> ExitCode {
    let bytes = crate::demo::WORD_97_FORM;
    let first = yanxiu_word::read_word(bytes, renderer.profile());
    if let Err(e) = &first {
        eprintln!("错误：{e}");
        return ExitCode::from(1);
    }
    let t = Instant::now();
    for _ in 0..n {
        if yanxiu_word::read_word(bytes, renderer.profile()) != first {
            eprintln!("错误：读回的数据前后不同");
            return ExitCode::from(1);
        }
    }
    let total = t.elapsed().as_secs_f64();
    println!("documents        {n}");
    println!(
        "read per form    {:.3} ms (one thread)",
        total * 1e3 / n.max(1) as f64
    );
    println!(".doc size        {:.1} KB", bytes.len() as f64 / 1024.0);
    ExitCode::SUCCESS
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

pub(crate) fn run(args: &Args) -> Result<ExitCode, crate::error::CliError> {
    let t0 = Instant::now();
    let renderer = args
        .setup
        .builder()?
        .cache_max_age(args.evict_age)
        .summary_run_rows(args.summary_run_rows)
        .build()?;
    let setup_ms = t0.elapsed().as_secs_f64() * 1e3;
    let apps = synthetic(args.count);
    if let Some(dir) = &args.export_peer_inputs {
        export(dir, &renderer, &apps).map_err(|source| crate::error::CliError::Write {
            path: dir.clone(),
            source,
        })?;
        println!("{}", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    if args.batch {
        return Ok(batch(args, &renderer, apps, setup_ms));
    }
    if args.summary {
        return Ok(summary(&renderer, apps));
    }
    if args.read_doc {
        return Ok(read_doc(&renderer, apps.len()));
    }
    if args.read_docx {
        return read_docx(&renderer, &apps);
    }
    let opts = RenderOptions::default();
    let t1 = Instant::now();
    let mut first_ms = 0.0;
    let mut bytes = 0usize;
    let mut log = RssLog::new(args.rss_every);
    for (i, app) in apps.iter().enumerate() {
        match renderer.render_application(app, &opts) {
            Ok(pdf) => bytes += pdf.len(),
            Err(e) => {
                eprintln!("错误：第{}份：{e}", i + 1);
                return Ok(ExitCode::from(1));
            }
        }
        if i == 0 {
            first_ms = t1.elapsed().as_secs_f64() * 1e3;
        }
        log.tick(i + 1);
    }
    let total = t1.elapsed().as_secs_f64();
    let n = apps.len().max(1) as f64;
    println!("documents        {}", apps.len());
    println!("renderer setup   {setup_ms:.1} ms");
    println!("first document   {first_ms:.1} ms");
    println!(
        "per document     {:.2} ms (reused renderer, one thread)",
        total * 1e3 / n
    );
    println!("throughput       {:.1} documents/s", n / total);
    println!("mean PDF size    {:.1} KB", bytes as f64 / n / 1024.0);
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS         {mb:.0} MB");
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the peak RSS each time another `every` documents are done.
struct RssLog {
    every: usize,
    next: usize,
}

impl RssLog {
    fn new(every: Option<usize>) -> RssLog {
        let every = every.filter(|n| *n > 0).unwrap_or(usize::MAX);
        RssLog { every, next: every }
    }

    fn tick(&mut self, done: usize) {
        if done >= self.next {
            if let Some(mb) = peak_rss_mb() {
                eprintln!("after {done:>6} documents: peak RSS {mb:.0} MB");
            }
            self.next = (done / self.every + 1).saturating_mul(self.every);
        }
    }
}

/// The same records through the batch engine: parallel, written to disk.
fn batch(
    args: &Args,
    renderer: &yanxiu_render::Renderer,
    apps: Vec<Application>,
    setup_ms: f64,
) -> ExitCode {
    let (dir, temporary) = match &args.out {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!("yanxiu-bench-{}", std::process::id())),
            true,
        ),
    };
    let n = apps.len();
    let mut input = yanxiu_batch::Input::from_applications(apps, "bench");
    // The 汇总表 needs its reporting body, as a real batch's workbook names it.
    input.reporter = Some(yanxiu_core::Reporter {
        name: "福建省人力资源和社会保障厅直属继续教育基地".into(),
        contact: "刘敏".into(),
        phone: "0591-87500000".into(),
    });
    let opts = yanxiu_batch::Options {
        workers: args.jobs,
        force: true,
        no_summary: !args.with_summary,
        docx: args.docx,
        ..Default::default()
    };
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut log = RssLog::new(args.rss_every);
    let mut tick = |p: &yanxiu_batch::Progress| log.tick(p.done);
    let t = Instant::now();
    let report = match yanxiu_batch::run_batch(renderer, input, &dir, &opts, &cancel, &mut tick) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let total = t.elapsed().as_secs_f64();
    let bytes: u64 = report
        .done()
        .filter_map(|e| std::fs::metadata(dir.join(&e.file)).ok())
        .map(|m| m.len())
        .sum();
    let done = report.done().count();
    let workers = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("documents        {n} ({done} written)");
    println!("renderer setup   {setup_ms:.1} ms");
    println!(
        "per document     {:.2} ms wall ({workers} workers, files written)",
        total * 1e3 / n.max(1) as f64
    );
    println!("throughput       {:.1} documents/s", n as f64 / total);
    println!(
        "mean PDF size    {:.1} KB",
        bytes as f64 / done.max(1) as f64 / 1024.0
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS         {mb:.0} MB");
    }
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    if done == n {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The records and the exact template data, for running peers on the same work.
fn export(
    dir: &std::path::Path,
    renderer: &yanxiu_render::Renderer,
    apps: &[Application],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("data"))?;
    std::fs::create_dir_all(dir.join("templates"))?;
    let records = serde_json::to_vec_pretty(apps).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("records.json"), records)?;
    for (i, app) in apps.iter().enumerate() {
        let data = renderer.application_template_data(Some(app), false);
        std::fs::write(dir.join("data").join(format!("{i:05}.json")), data)?;
    }
    for (name, text) in yanxiu_render::Renderer::embedded_templates() {
        std::fs::write(dir.join("templates").join(name), text)?;
    }
    Ok(())
}

/// One summary of all the records: the 300-row case of the issue.
fn summary(renderer: &yanxiu_render::Renderer, apps: Vec<Application>) -> ExitCode {
    let n = apps.len();
    let s = yanxiu_core::Summary {
        reporter: yanxiu_core::Reporter {
            name: "福建省某设区市人力资源和社会保障局".into(),
            contact: "王喆".into(),
            phone: "0591-87654321".into(),
        },
        filled_on: yanxiu_core::date::parse_date("2024-01-12").ok(),
        applications: apps,
        ..Default::default()
    };
    let t = Instant::now();
    let pdf = match renderer.render_summary(&s, &RenderOptions::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(1);
        }
    };
    let pdf_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let xlsx = match yanxiu_sheet::summary_workbook(&s, renderer.profile()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(1);
        }
    };
    let xlsx_ms = t.elapsed().as_secs_f64() * 1e3;
    println!("summary rows     {n}");
    println!(
        "summary PDF      {pdf_ms:.0} ms, {:.0} KB",
        pdf.len() as f64 / 1024.0
    );
    println!(
        "summary xlsx     {xlsx_ms:.0} ms, {:.0} KB",
        xlsx.len() as f64 / 1024.0
    );
    ExitCode::SUCCESS
}
