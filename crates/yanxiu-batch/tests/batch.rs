//! Batches end to end: files written, bad records reported, runs resumed.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;
use yanxiu_batch::*;
use yanxiu_core::DataErrorKind;
use yanxiu_render::Renderer;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().expect("bundled fonts load"))
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn fresh_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn run(input: Input, dir: &Path, opts: &Options) -> Report {
    run_batch(
        renderer(),
        input,
        dir,
        opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn example_workbook_gives_every_pdf_both_summaries_and_the_report() {
    let dir = fresh_dir("example");
    let input = read_input(&examples().join("申报信息.xlsx")).unwrap();
    assert_eq!(input.items.len(), 5);
    let report = run(input.clone(), &dir, &Options::default());
    assert!(report.success(), "{}", report.to_text());
    let names = files(&dir);
    assert_eq!(names.len(), 5 + 4, "{names:?}");
    assert!(names.contains(&"1-数字经济与实体经济深度融合高级研修班.pdf".to_owned()));
    for f in [SUMMARY_PDF, SUMMARY_XLSX, REPORT_JSON, REPORT_TXT] {
        assert!(names.contains(&f.to_owned()), "{f} missing from {names:?}");
    }
    for e in &report.entries {
        let pdf = std::fs::read(dir.join(&e.file)).unwrap();
        assert!(
            pdf.starts_with(b"%PDF-") && pdf.len() > 10_000,
            "{}",
            e.file
        );
    }
    // The report on disk is the one returned, and reads back.
    assert_eq!(previous_report(&dir).as_ref(), Some(&report));
    let text = std::fs::read_to_string(dir.join(REPORT_TXT)).unwrap();
    assert!(text.contains("共 5 项：已生成 5"), "{text}");

    // A second run keeps every PDF; a changed record alone is redone.
    let before = std::fs::metadata(dir.join(&report.entries[0].file))
        .unwrap()
        .modified()
        .unwrap();
    let again = run(input.clone(), &dir, &Options::default());
    assert!(again.entries.iter().all(|e| e.status == Status::Kept));
    assert!(again.success());
    let mut changed = input.clone();
    if let Ok(a) = &mut changed.items[2].data {
        a.venue.push_str("二号楼");
    }
    let third = run(changed, &dir, &Options::default());
    let statuses: Vec<_> = third.entries.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Kept,
            Status::Kept,
            Status::Written,
            Status::Kept,
            Status::Kept
        ]
    );
    let after = std::fs::metadata(dir.join(&report.entries[0].file))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "a kept PDF is not rewritten");
    // --force redoes all.
    let forced = run(
        input,
        &dir,
        &Options {
            force: true,
            ..Options::default()
        },
    );
    assert!(forced.entries.iter().all(|e| e.status == Status::Written));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_records_are_reported_and_the_rest_written() {
    let dir = fresh_dir("bad");
    let text = std::fs::read_to_string(examples().join("summary.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let apps = v["applications"].as_array_mut().unwrap();
    apps[1]["projct_name"] = "拼错的键".into();
    apps[3]["participants"] = 5.into(); // provincial: at least 25 → refused
    let path = dir.with_extension("json");
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    let input = read_input(&path).unwrap();
    let report = run(input, &dir, &Options::default());
    let statuses: Vec<_> = report.entries.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Written,
            Status::Unreadable,
            Status::Written,
            Status::Refused,
            Status::Written
        ]
    );
    let bad = &report.entries[1];
    assert!(
        bad.problems[0].contains("applications[1].projct_name"),
        "{:?}",
        bad.problems
    );
    assert!(report.entries[3].findings.iter().any(|f| f.code == "YX031"));
    // A summary lacking a project is not written.
    assert!(report.summary.files.is_empty());
    assert!(
        report.summary.problems[0].contains("第 2 项无法读取"),
        "{:?}",
        report.summary.problems
    );
    assert!(!report.success());
    let names = files(&dir);
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".pdf")).count(),
        3,
        "{names:?}"
    );
    let text = std::fs::read_to_string(dir.join(REPORT_TXT)).unwrap();
    assert!(
        text.contains("未通过校验") && text.contains("YX031") && text.contains("无法读取"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_folder_of_json_files_is_read_in_name_order() {
    let dir = fresh_dir("folder-in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(examples().join("application.json"), dir.join("02-b.json")).unwrap();
    std::fs::copy(
        examples().join("application-zh.json"),
        dir.join("01-a.json"),
    )
    .unwrap();
    std::fs::write(dir.join("03-c.json"), b"{\"project_name\": \"\xce\xd2\"}").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a record").unwrap();
    let input = read_input(&dir).unwrap();
    let sources: Vec<_> = input.items.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(sources, ["01-a.json", "02-b.json", "03-c.json"]);
    let err = input.items[2].data.as_ref().unwrap_err();
    assert!(err[0].to_string().contains("不是 UTF-8 编码"), "{err:?}");
    assert!(matches!(&err[0], RecordProblem::Data(e) if e.kind == DataErrorKind::Encoding));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cancelled_run_leaves_whole_files_and_resumes() {
    let dir = fresh_dir("cancel");
    let input = read_input(&examples().join("summary.json")).unwrap();
    let cancel = AtomicBool::new(true);
    let report = run_batch(
        renderer(),
        input.clone(),
        &dir,
        &Options::default(),
        &cancel,
        &mut |_| {},
    )
    .unwrap();
    assert!(!report.complete);
    assert!(report.entries.iter().all(|e| e.status == Status::NotDone));
    assert!(report.headline().contains("已中断"));
    assert!(files(&dir).iter().all(|f| !f.ends_with(".pdf")));
    // A temporary file left by a killed run is swept away.
    std::fs::write(dir.join(".1-x.pdf.123-0.part"), b"half").unwrap();
    let report = run(input, &dir, &Options::default());
    assert!(report.success(), "{}", report.to_text());
    assert!(files(&dir).iter().all(|f| !f.ends_with(".part")));
}

#[test]
fn an_unusable_output_folder_is_one_clear_error() {
    let file = fresh_dir("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let input = read_input(&examples().join("summary.json")).unwrap();
    let err = run_batch(
        renderer(),
        input,
        &file.join("out"),
        &Options::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("无法写入输出文件夹"), "{err}");
    let _ = std::fs::remove_file(&file);
}

#[test]
fn progress_reaches_the_total() {
    let dir = fresh_dir("progress");
    let input = read_input(&examples().join("summary.json")).unwrap();
    let mut last = None;
    run_batch(
        renderer(),
        input,
        &dir,
        &Options {
            workers: Some(2),
            no_summary: true,
            ..Options::default()
        },
        &AtomicBool::new(false),
        &mut |p| last = Some(*p),
    )
    .unwrap();
    let p = last.unwrap();
    assert_eq!((p.done, p.total, p.failed), (5, 5, 0));
    assert!(!files(&dir).contains(&SUMMARY_PDF.to_owned()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn other_templates_or_fonts_redo_finished_pdfs() {
    let dir = fresh_dir("setup-change");
    let input = read_input(&examples().join("summary.json")).unwrap();
    let opts = Options {
        no_summary: true,
        ..Options::default()
    };
    let first = run(input.clone(), &dir, &opts);
    assert!(first.entries.iter().all(|e| e.status == Status::Written));
    // The same data through other templates must not keep the old PDFs.
    let templates = fresh_dir("setup-change-templates");
    std::fs::create_dir_all(&templates).unwrap();
    let style = Renderer::embedded_templates()
        .iter()
        .find(|(n, _)| *n == "style.typ")
        .unwrap()
        .1;
    std::fs::write(
        templates.join("style.typ"),
        style.replace("size-er = 22pt", "size-er = 21pt"),
    )
    .unwrap();
    let other = Renderer::builder()
        .template_dir(&templates)
        .build()
        .unwrap();
    assert_ne!(other.setup_identity(), renderer().setup_identity());
    let again = run_batch(
        &other,
        input,
        &dir,
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert!(again.entries.iter().all(|e| e.status == Status::Written));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&templates);
}

/// Each unit sends its own workbook: a folder of them (with a JSON, a broken
/// file and Excel's lock file) is one batch, numbered by file then row.
#[test]
fn a_folder_of_units_workbooks_is_one_batch() {
    let dir = fresh_dir("units");
    let inbox = dir.join("收到的表");
    std::fs::create_dir_all(&inbox).unwrap();
    let summary = yanxiu_core::parse::summary_from_json(
        &std::fs::read_to_string(examples().join("summary.json")).unwrap(),
    )
    .unwrap();
    let apps = summary.applications.clone();
    let profile = yanxiu_core::Profile::fujian_2024();
    let book = |apps: &[yanxiu_core::Application]| {
        yanxiu_sheet::write_intake(apps, None, None, &profile).unwrap()
    };
    std::fs::write(inbox.join("01-单位甲.xlsx"), book(&apps[..2])).unwrap();
    std::fs::write(inbox.join("02-单位乙.xlsx"), book(&apps[2..4])).unwrap();
    std::fs::copy(
        examples().join("application.json"),
        inbox.join("03-单位丙.json"),
    )
    .unwrap();
    std::fs::write(inbox.join("04-损坏.xlsx"), b"PK\x03\x04 not a workbook").unwrap();
    std::fs::write(inbox.join("~$01-单位甲.xlsx"), b"lock").unwrap();
    let input = read_inputs(std::slice::from_ref(&inbox)).unwrap();
    let sources: Vec<&str> = input.items.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "01-单位甲.xlsx「申报信息」第2行",
            "01-单位甲.xlsx「申报信息」第3行",
            "02-单位乙.xlsx「申报信息」第2行",
            "02-单位乙.xlsx「申报信息」第3行",
            "03-单位丙.json",
            "04-损坏.xlsx"
        ]
    );
    assert!(input.items[5].data.is_err());

    // Two inputs given one after the other; the same project from two files
    // keeps the 汇总表 back, naming both.
    let again = dir.join("again.xlsx");
    std::fs::write(&again, book(&apps[..1])).unwrap();
    std::fs::remove_file(inbox.join("04-损坏.xlsx")).unwrap();
    let mut input = read_inputs(&[inbox.clone(), again]).unwrap();
    input.reporter = Some(summary.reporter.clone());
    let report = run_batch(
        renderer(),
        input,
        &dir.join("out"),
        &Options::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert!(report.summary.files.is_empty());
    let why = report.summary.problems.join("\n");
    assert!(
        why.contains(
            "重复：01-单位甲.xlsx「申报信息」第2行 与 03-单位丙.json 与 again.xlsx「申报信息」第2行"
        ),
        "{why}"
    );
    assert_eq!(report.done().count(), 6);
}

/// Twenty units, one project each: the folder reads in name order, and the
/// merged workbook reads back to the same twenty applications.
#[test]
fn twenty_units_merge_into_one_workbook() {
    let dir = fresh_dir("twenty");
    let inbox = dir.join("收到的表");
    std::fs::create_dir_all(&inbox).unwrap();
    let base = yanxiu_core::parse::application_from_json(
        &std::fs::read_to_string(examples().join("application.json")).unwrap(),
    )
    .unwrap();
    let profile = yanxiu_core::Profile::fujian_2024();
    let mut expected = Vec::new();
    for u in 1..=20 {
        let mut a = base.clone();
        a.project_name = format!("第{u}单位高级研修班");
        a.applicant.name = format!("单位{u}");
        a.year = None; // the workbook has no 年度 column: the profile's year
        let book =
            yanxiu_sheet::write_intake(std::slice::from_ref(&a), None, None, &profile).unwrap();
        std::fs::write(inbox.join(format!("{u:02}-单位{u}.xlsx")), book).unwrap();
        expected.push(a);
    }
    let input = read_inputs(&[inbox]).unwrap();
    let (bytes, unreadable) = merged_workbook(&input, &profile).unwrap();
    assert!(unreadable.is_empty());
    let back = yanxiu_sheet::read_intake_bytes(bytes).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    let apps: Vec<_> = back.applications().cloned().collect();
    assert!(
        apps == expected,
        "the merged workbook reads back differently"
    );
}

#[test]
fn docx_beside_each_pdf_and_a_missing_one_is_redone() {
    let dir = fresh_dir("docx");
    let input = read_input(&examples().join("summary.json")).unwrap();
    let opts = Options {
        docx: true,
        ..Options::default()
    };
    let report = run(input.clone(), &dir, &opts);
    assert!(report.success(), "{}", report.to_text());
    for e in &report.entries {
        let docx = std::fs::read(dir.join(docx_name(&e.file))).unwrap();
        assert!(docx.starts_with(b"PK"), "{}", e.file);
    }
    assert!(report.summary.files.contains(&SUMMARY_DOCX.to_owned()));
    assert!(dir.join(SUMMARY_DOCX).is_file());
    // A Word file deleted since: that record is done again, the rest kept.
    let gone = docx_name(&report.entries[2].file);
    std::fs::remove_file(dir.join(&gone)).unwrap();
    let again = run(input.clone(), &dir, &opts);
    let statuses: Vec<Status> = again.entries.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == Status::Written).count(),
        1,
        "{statuses:?}"
    );
    assert!(dir.join(&gone).is_file());
    // Other options, other outputs: without --docx every record is done again.
    let without = run(input, &dir, &Options::default());
    assert!(
        without.entries.iter().all(|e| e.status == Status::Written),
        "the flag is part of the fingerprint"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The files are written by a thread of their own: a PDF that cannot be
/// written fails its record alone (its Word file written before does not
/// make it done), and the other records are written.
#[test]
fn a_pdf_that_cannot_be_written_fails_its_record_alone() {
    let dir = fresh_dir("blocked");
    let input = read_input(&examples().join("summary.json")).unwrap();
    let opts = Options {
        docx: true,
        ..Options::default()
    };
    let second = pdf_name(2, input.items.len(), &input.items[1].project_name);
    // A folder, not empty, where the second PDF goes: no rename replaces it.
    std::fs::create_dir_all(dir.join(&second).join("占位")).unwrap();
    let report = run(input, &dir, &opts);
    let blocked = &report.entries[1];
    assert_eq!(blocked.file, second);
    assert_eq!(blocked.status, Status::Failed, "{}", report.to_text());
    assert!(
        blocked
            .problems
            .iter()
            .any(|p| p.contains("无法写入输出文件夹")),
        "{:?}",
        blocked.problems
    );
    for (i, e) in report.entries.iter().enumerate().filter(|(i, _)| *i != 1) {
        assert_eq!(e.status, Status::Written, "record {i}");
        assert!(dir.join(&e.file).is_file());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_of_filled_word_forms_is_a_batch() {
    let inbox = fresh_dir("docx-inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let summary = yanxiu_core::parse::summary_from_json(
        &std::fs::read_to_string(examples().join("summary.json")).unwrap(),
    )
    .unwrap();
    let profile = yanxiu_core::Profile::default();
    for (i, app) in summary.applications.iter().take(2).enumerate() {
        let docx = yanxiu_word::application_docx(Some(app), &profile).unwrap();
        std::fs::write(inbox.join(format!("0{}-单位.docx", i + 1)), docx).unwrap();
    }
    std::fs::write(inbox.join("03-坏文件.docx"), b"not a zip").unwrap();
    let input = read_input(&inbox).unwrap();
    assert_eq!(input.items.len(), 3);
    let dir = fresh_dir("docx-out");
    let report = run(
        input,
        &dir,
        &Options {
            no_summary: true,
            ..Options::default()
        },
    );
    let statuses: Vec<Status> = report.entries.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [Status::Written, Status::Written, Status::Unreadable]
    );
    assert_eq!(
        report.entries[0].project_name,
        summary.applications[0].project_name
    );
    let bad = &report.entries[2];
    assert_eq!(bad.source, "03-坏文件.docx");
    assert!(
        bad.problems.iter().any(|p| p.contains("不是 Word 文档")),
        "{:?}",
        bad.problems
    );
    let _ = std::fs::remove_dir_all(&inbox);
    let _ = std::fs::remove_dir_all(&dir);
}
