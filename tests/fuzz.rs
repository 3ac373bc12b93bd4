//! Fuzzing on the stable toolchain: random and mutated inputs for the JSON
//! reader, the workbook reader and rendering from an arbitrary model. Each
//! target runs briefly in the test suite; a long run is
//!
//! ```sh
//! YANXIU_FUZZ_SECONDS=600 cargo test --release -p yanxiu-tests --test integration fuzz::<target> -- --nocapture
//! ```
//!
//! (targets: `json_reader`, `xlsx_reader`, `render_model`, `pipeline`,
//! `docx_reader`, `doc_reader`). The
//! test suite runs a fixed seed, so a CI failure reproduces; a long run picks
//! fresh inputs with `YANXIU_FUZZ_SEED=time` (or any number). A failing input
//! is saved under `tests/fuzz-regressions/<target>/` and replayed by every
//! later run, so a fixed crash stays fixed.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRng, TestRunner};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use yanxiu_core::{Application, Contact, Featured, Level, Mode, PreviousClass, Schedule, parse};
use yanxiu_render::{RenderError, RenderOptions, Renderer};

/// The seed of the suite's runs.
const FIXED_SEED: u64 = 0x5eed_2024;

fn regressions(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz-regressions")
        .join(target)
}

/// Runs `check` on saved regressions, then on generated inputs: a number of
/// cases (`YANXIU_FUZZ_CASES`, default `default_cases`) or, with
/// `YANXIU_FUZZ_SECONDS`, as many as fit in that time.
fn fuzz<S>(target: &str, default_cases: u64, strategy: S, check: impl Fn(&[u8]))
where
    S: Strategy<Value = Vec<u8>>,
{
    let dir = regressions(target);
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            check(&std::fs::read(e.path()).unwrap());
        }
    }
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let budget = env("YANXIU_FUZZ_SECONDS").map(Duration::from_secs);
    let cases = env("YANXIU_FUZZ_CASES").unwrap_or(default_cases);
    // A fixed seed by default: the suite tests the same inputs every run.
    let seed = match std::env::var("YANXIU_FUZZ_SEED").as_deref() {
        Ok("time") => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
        Ok(n) => n.parse().unwrap_or(FIXED_SEED),
        Err(_) => FIXED_SEED,
    };
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let start = Instant::now();
    let mut n = 0u64;
    let mut slowest = Duration::ZERO;
    loop {
        match budget {
            Some(b) if start.elapsed() >= b => break,
            None if n >= cases => break,
            _ => {}
        }
        let input = strategy.new_tree(&mut runner).expect("strategy").current();
        let t = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input)));
        slowest = slowest.max(t.elapsed());
        if let Err(p) = outcome {
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("crash-{seed}-{n}.bin"));
            std::fs::write(&path, &input).unwrap();
            std::panic::resume_unwind(p);
        }
        n += 1;
    }
    eprintln!(
        "fuzz {target}: {n} executions in {:.1} s, slowest {:.3} s (seed {seed})",
        start.elapsed().as_secs_f64(),
        slowest.as_secs_f64()
    );
}

/// Byte-level mutations of a seed: flips, inserts, deletions, truncation, splices.
fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let n = seeds.len();
    (
        0..n,
        prop::collection::vec((0u8..5, any::<usize>(), any::<u8>()), 1..12),
    )
        .prop_map(move |(which, ops)| {
            let mut b = seeds[which].clone();
            for (op, at, byte) in ops {
                if b.is_empty() {
                    b.push(byte);
                    continue;
                }
                let i = at % b.len();
                match op {
                    0 => b[i] ^= byte.max(1),
                    1 => b.insert(i, byte),
                    2 => {
                        b.remove(i);
                    }
                    3 => b.truncate(i),
                    _ => {
                        let j = (i + usize::from(byte)).min(b.len());
                        let chunk = b[i..j].to_vec();
                        b.splice(i..i, chunk);
                    }
                }
            }
            b
        })
}

fn example(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../examples")
            .join(name),
    )
    .unwrap()
}

#[test]
fn json_reader() {
    let seeds = vec![
        example("application.json"),
        example("application-zh.json"),
        example("summary.json"),
        example("invalid-application.json"),
    ];
    let strategy = prop_oneof![
        mutated(seeds),
        prop::collection::vec(any::<u8>(), 0..256),
        "[\\[\\]{}\":,0-9a-z项目名称申报单位培训人数 \\\\-]{0,80}".prop_map(String::into_bytes),
    ];
    fuzz("json_reader", 2000, strategy, |bytes| {
        for kind in [
            None,
            Some(parse::Kind::Application),
            Some(parse::Kind::Summary),
        ] {
            if let Err(e) = parse::document_from_bytes(bytes, kind) {
                assert!(!e.to_string().is_empty());
            }
        }
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
            let _ = parse::from_value::<Application>(v.clone());
            let _ = parse::from_value::<yanxiu_core::Summary>(v);
        }
    });
}

/// One cell as a clerk might fill it.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(u16, u8, u8),
    Empty,
}

/// Workbooks in the intake layout (headers shuffled, dropped, repeated or
/// unknown) with arbitrary cells, plus the other two sheets.
fn workbook() -> impl Strategy<Value = Vec<u8>> {
    let headers: Vec<&'static str> = yanxiu_sheet::INTAKE_COLUMNS
        .iter()
        .map(|c| c.header)
        .chain(["培训天数", "", "序号"])
        .collect();
    let cell = prop_oneof![
        4 => text().prop_map(Cell::Text),
        2 => prop::sample::select(vec!["是", "否", "省级", "国家级", "线下", "企业", "示例", "2024年6月11日至14日", "2024年13月", "八十", "300000年6月", "9999-12-31", "2100年12月28日至2101年1月3日"])
            .prop_map(|s| Cell::Text(s.to_owned())),
        2 => prop_oneof![any::<f64>(), -5.0f64..500.0].prop_map(Cell::Number),
        1 => any::<bool>().prop_map(Cell::Bool),
        1 => (1900u16..2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Cell::Date(y, m, d)),
        2 => Just(Cell::Empty),
    ];
    let row = prop::collection::vec(cell, 0..12);
    (
        prop::collection::vec(prop::sample::select(headers), 1..12),
        prop::collection::vec(row.clone(), 0..6),
        prop::collection::vec(row.clone(), 0..4),
        prop::collection::vec(row, 0..5),
    )
        .prop_map(|(head, rows, previous, reporter)| {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let mut sheet = |name: &str, head: &[&str], rows: &[Vec<Cell>]| {
                let ws = wb.add_worksheet().set_name(name).unwrap();
                for (c, h) in head.iter().enumerate() {
                    ws.write_string(0, c as u16, *h).unwrap();
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let (r, c) = (r as u32 + 1, c as u16);
                        let _ = match cell {
                            Cell::Text(s) => ws.write_string(r, c, s),
                            Cell::Number(n) => ws.write_number(r, c, *n),
                            Cell::Bool(b) => ws.write_boolean(r, c, *b),
                            Cell::Date(y, m, d) => {
                                let f = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
                                let dt =
                                    rust_xlsxwriter::ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                                ws.write_datetime_with_format(r, c, &dt, &f)
                            }
                            Cell::Empty => Ok(&mut *ws),
                        };
                    }
                }
            };
            sheet("申报信息", &head, &rows);
            sheet("已办班次", &["项目名称", "班次名称", "人数"], &previous);
            sheet("报送单位", &[], &reporter);
            wb.save_to_buffer().unwrap()
        })
}

#[test]
fn xlsx_reader() {
    let seeds = vec![example("申报信息.xlsx")];
    let strategy = prop_oneof![mutated(seeds), workbook()];
    fuzz(
        "xlsx_reader",
        150,
        strategy,
        |bytes| match yanxiu_sheet::read_intake_bytes(bytes.to_vec()) {
            Ok(intake) => {
                for e in intake.errors() {
                    assert!(!e.message.is_empty());
                }
                // Whatever reads must validate without a panic.
                for a in intake.applications() {
                    let _ = a.validate(renderer().profile());
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        },
    );
}

/// Text as offices and attackers type it: CJK, ASCII, Typst and shell
/// syntax, controls, invisible and right-to-left characters, emoji.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        30 => "[研修高级班福建省数字经济人才（）、，。“”：；0-9A-Za-z #$\\[\\]{}()*_`<>@=+\\-\\\\/\"'\n]{0,60}",
        // Anything at all (usually a character no font has: an answer, not a crash).
        1 => any::<String>(),
        1 => prop::sample::select(vec!["\u{200B}", "\u{202E}", "\u{7}", "😀", "مرحبا"]).prop_map(str::to_owned),
        3 => prop::collection::vec(
            prop::sample::select(vec![
                "#panic(\"x\")", "]", "[", "$", "２０２４", "\r\n", "\t", "\\", "//", "/*", "{{",
                "=HYPERLINK(\"x\")", "𠀀", "龘", "  ", "\n\n\n",
            ]),
            0..8,
        )
        .prop_map(|v| v.concat()),
    ]
}

fn date() -> impl Strategy<Value = chrono::NaiveDate> {
    (2020i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn application() -> impl Strategy<Value = Application> {
    let texts = prop::collection::vec(text(), 16);
    (
        texts,
        prop::option::of(0u32..200_000),
        any::<bool>(),
        0u8..3,
        prop::option::of((date(), 0i64..10)),
        prop::option::of(date()),
        prop::collection::vec(any::<bool>(), 8),
    )
        .prop_map(
            |(t, participants, national, mode, schedule, applied_on, b)| {
                let mut a = Application {
                    level: if national {
                        Level::National
                    } else {
                        Level::Provincial
                    },
                    mode: [Mode::Onsite, Mode::Blended, Mode::Online][usize::from(mode)],
                    participants,
                    applied_on,
                    schedule: schedule
                        .map(|(d, n)| Schedule::dates(d, d + chrono::Duration::days(n)).unwrap()),
                    ..Application::default()
                };
                a.applicant.name = t[0].clone();
                a.project_name = t[1].clone();
                a.venue = t[2].clone();
                a.industry = t[3].clone();
                a.authority = t[4].clone();
                a.purpose = t[5].clone();
                a.content = t[6].clone();
                a.experts = t[7].clone();
                a.audience = t[8].clone();
                a.remark = t[9].clone();
                a.funding.government = b[0];
                if b[1] {
                    a.funding.self_funded = Some(yanxiu_core::SelfFunded {
                        source: t[10].clone(),
                    });
                }
                for (i, scope) in yanxiu_core::TopicScope::ALL.into_iter().enumerate() {
                    if b[2 + i] {
                        a.topics.set(scope, Some(t[11 + i % 2].clone()));
                    }
                }
                if b[6] {
                    a.contact = Some(Contact {
                        name: t[13].clone(),
                        phone: t[14].clone(),
                    });
                }
                if b[7] {
                    a.featured = Some(Featured {
                        previous: vec![PreviousClass {
                            name: t[15].clone(),
                            ..Default::default()
                        }],
                        focus: t[12].clone(),
                        plan: t[13].clone(),
                    });
                }
                a
            },
        )
}

fn draft() -> RenderOptions {
    RenderOptions {
        draft: true,
        pdfa: false,
    }
}

/// Renders a draft; true when a PDF came out. Answers about the data are
/// fine; a typesetting or export failure would be a template bug.
fn render_draft(app: &Application) -> bool {
    match renderer().render_application(app, &draft()) {
        Ok(pdf) => {
            assert!(pdf.starts_with(b"%PDF-"));
            true
        }
        Err(
            RenderError::UncoveredChar { .. }
            | RenderError::TooLong { .. }
            | RenderError::TooManyPages { .. },
        ) => false,
        Err(e) => panic!("{e}"),
    }
}

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().unwrap())
}

#[test]
fn render_model() {
    // Inputs travel as the model's JSON, so saved crashes replay exactly.
    let strategy = application().prop_map(|a| serde_json::to_vec(&a).unwrap());
    fuzz("render_model", 12, strategy, |bytes| {
        let text = std::str::from_utf8(bytes).expect("saved as JSON text");
        let app = parse::application_from_json(text)
            .unwrap_or_else(|e| panic!("model JSON must read back: {e}"));
        let _ = app.validate(renderer().profile());
        if render_draft(&app) {
            RENDERED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let opts = draft();
        let s = yanxiu_core::Summary {
            applications: vec![app],
            ..Default::default()
        };
        match renderer().render_summary(&s, &opts) {
            Ok(pdf) => assert!(pdf.starts_with(b"%PDF-")),
            Err(RenderError::UncoveredChar { .. } | RenderError::TooLong { .. }) => {}
            Err(e) => panic!("summary: {e}"),
        }
    });
    // Most generated models are printable: the target must reach the typesetter.
    assert!(RENDERED.load(std::sync::atomic::Ordering::Relaxed) > 0);
}

static RENDERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A value a clerk or a script could put in any field: extreme dates and
/// numbers, wrong types, nested shapes of the schedule.
fn wild_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{Value, json};
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "300000年6月",
            "2024年6月",
            "2024年6月11日至14日",
            "0000-01-01",
            "9999-12-31",
            "2100年12月",
            "2000年1月1日",
            "1999-12-31",
            "2024-02-30",
            "-1年1月",
            "2024年6月11日至2100年1月1日",
            "省级",
            "国家级",
            "市级",
            "线上",
            "企业",
            "无",
            "",
            "是",
            "60",
            "八十",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        prop_oneof![
            Just(json!(i64::MAX)),
            Just(json!(-1)),
            Just(json!(0)),
            Just(json!(u64::MAX)),
            Just(json!(4_294_967_296u64)),
            Just(json!(1e308)),
            Just(json!(60.5)),
            Just(json!(null)),
            Just(json!(true)),
        ],
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "start",
                    "end",
                    "month",
                    "days",
                    "开始",
                    "结束",
                    "月份",
                    "天数",
                    "name",
                    "名称",
                    "previous",
                    "已办班次",
                    "focus",
                    "plan",
                    "source",
                    "government",
                    "人数",
                ]),
                inner,
                0..4,
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// Objects keyed by the table's own keys (English, labels, aliases), with
/// wild values: parse, then validate, then render, as a batch does.
#[test]
fn pipeline() {
    let keys: Vec<&'static str> = yanxiu_core::fields::APPLICATION
        .iter()
        .filter(|d| d.parent().is_empty())
        .flat_map(|d| {
            [d.key(), d.label]
                .into_iter()
                .chain(d.aliases.iter().copied())
        })
        .collect();
    let strategy = prop::collection::btree_map(prop::sample::select(keys), wild_value(), 0..10)
        .prop_map(|m| {
            let obj: serde_json::Map<String, serde_json::Value> =
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            serde_json::to_vec(&obj).unwrap()
        });
    fuzz("pipeline", 300, strategy, |bytes| {
        let Ok(app) = parse::application_from_json(&String::from_utf8_lossy(bytes)) else {
            return;
        };
        let findings = app.validate(renderer().profile());
        for f in &findings {
            assert!(!f.message.is_empty());
        }
        if render_draft(&app) {
            PIPELINE_RENDERED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let s = yanxiu_core::Summary {
            applications: vec![app],
            ..Default::default()
        };
        let _ = s.validate(renderer().profile());
    });
    // Wild values are mostly refused by the reader; some must get through.
    let rendered = PIPELINE_RENDERED.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!("pipeline: {rendered} rendered");
    assert!(rendered > 0);
}

static PIPELINE_RENDERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A .docx holding `document` as its document part (and nothing else a
/// reader needs), stored.
fn docx_with(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    out.start_file("word/document.xml", opts).unwrap();
    out.write_all(document).unwrap();
    out.finish().unwrap().into_inner()
}

/// The document part of a .docx.
fn document_of(docx: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut f = zip.by_name("word/document.xml").unwrap();
    let mut b = Vec::new();
    f.read_to_end(&mut b).unwrap();
    b
}

/// Deeply nested and huge XML: what a hostile document part may be.
fn hostile_xml() -> impl Strategy<Value = Vec<u8>> {
    (0usize..20_000, 0usize..200_000, any::<bool>()).prop_map(|(depth, len, table)| {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let mut s = format!("<w:document {w}><w:body>");
        let (open, close) = if table {
            ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>")
        } else {
            ("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>")
        };
        s.push_str(&open.repeat(depth));
        s.push_str("<w:p><w:r><w:t>项目名称");
        s.push_str(&"研".repeat(len));
        s.push_str("</w:t></w:r></w:p>");
        s.push_str(&close.repeat(depth));
        s.push_str("</w:body></w:document>");
        docx_with(s.as_bytes())
    })
}

#[test]
fn docx_reader() {
    let profile = yanxiu_core::Profile::default();
    let filled: Vec<Vec<u8>> = [example("application.json"), example("application-zh.json")]
        .iter()
        .map(|j| {
            let app = parse::application_from_json(std::str::from_utf8(j).unwrap()).unwrap();
            yanxiu_word::application_docx(Some(&app), &profile).unwrap()
        })
        .chain([yanxiu_word::application_docx(None, &profile).unwrap()])
        .collect();
    let parts: Vec<Vec<u8>> = filled.iter().map(|d| document_of(d)).collect();
    let strategy = prop_oneof![
        // The zip itself damaged: truncated, flipped, spliced.
        mutated(filled),
        // The XML damaged inside an intact zip.
        mutated(parts).prop_map(|xml| docx_with(&xml)),
        hostile_xml(),
    ];
    fuzz("docx_reader", 120, strategy, |bytes| {
        match yanxiu_word::read_docx(bytes) {
            // Whatever reads must validate without a panic.
            Ok(app) => {
                let _ = app.validate(&profile);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    });
}

/// The streams of a compound file, by name.
fn streams_of(doc: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(doc)).unwrap();
    let names: Vec<String> = cf
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut b = Vec::new();
            cf.open_stream(&n).unwrap().read_to_end(&mut b).unwrap();
            (n, b)
        })
        .collect()
}

/// A compound file of these streams.
fn compound(streams: &[(String, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in streams {
        cf.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    cf.into_inner().into_inner()
}

/// The Word 97–2003 reader: the compound file damaged, one of its streams
/// damaged inside an intact compound file, the FIB's offsets and lengths
/// set to anything. Seeds: the demo's .doc (LibreOffice's Word 97 export).
#[test]
fn doc_reader() {
    let profile = yanxiu_core::Profile::default();
    let seed = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../crates/yanxiu-cli/assets/demo-form-word97.doc"),
    )
    .unwrap();
    // The seed itself reads: the mutations start from a working document.
    assert!(yanxiu_word::read_word(&seed, &profile).is_ok());
    let streams = streams_of(&seed);
    let per_stream = streams.clone();
    let damaged_stream = (0..streams.len()).prop_flat_map(move |which| {
        let s = per_stream.clone();
        mutated(vec![s[which].1.clone()]).prop_map(move |bytes| {
            let mut s = s.clone();
            s[which].1 = bytes;
            compound(&s)
        })
    });
    let word = streams
        .iter()
        .position(|(n, _)| n.ends_with("WordDocument"))
        .unwrap();
    let fib_streams = streams.clone();
    // FibRgFcLcb97 starts at byte 154 (93 pairs of offset and length).
    let fib =
        prop::collection::vec((0usize..186, any::<u32>(), 0u8..3), 1..6).prop_map(move |edits| {
            let mut s = fib_streams.clone();
            for (slot, value, kind) in edits {
                let at = 154 + slot * 4;
                let value = match kind {
                    0 => value,
                    1 => value % 0x1_0000,
                    _ => value % 64,
                };
                if let Some(b) = s[word].1.get_mut(at..at + 4) {
                    b.copy_from_slice(&value.to_le_bytes());
                }
            }
            compound(&s)
        });
    let strategy = prop_oneof![mutated(vec![seed.clone()]), damaged_stream, fib];
    fuzz(
        "doc_reader",
        60,
        strategy,
        |bytes| match yanxiu_word::read_word(bytes, &profile) {
            Ok(r) => {
                let _ = r.application.validate(&profile);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        },
    );
}
