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
    #[command(flatten)]
    setup: crate::render_cmd::Setup,
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
    let base = parse::application_from_json(include_str!("../../../examples/application.json"))
        .expect("example parses");
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

pub(crate) fn run(args: &Args) -> ExitCode {
    let t0 = Instant::now();
    let renderer = match args.setup.renderer() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let setup_ms = t0.elapsed().as_secs_f64() * 1e3;
    let apps = synthetic(args.count);
    let opts = RenderOptions::default();
    let t1 = Instant::now();
    let mut first_ms = 0.0;
    let mut bytes = 0usize;
    for (i, app) in apps.iter().enumerate() {
        match renderer.render_application(app, &opts) {
            Ok(pdf) => bytes += pdf.len(),
            Err(e) => {
                eprintln!("错误：第{}份：{e}", i + 1);
                return ExitCode::from(1);
            }
        }
        if i == 0 {
            first_ms = t1.elapsed().as_secs_f64() * 1e3;
        }
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
    ExitCode::SUCCESS
}
