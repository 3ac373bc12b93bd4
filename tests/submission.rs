//! The submission: one print file (汇总表 first, each 申报表 from a
//! right-hand page, bookmarks) and one zip of the 电子版, from a batch.

use lopdf::{Document, Object};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use yanxiu_batch::{Input, Options, run_batch};
use yanxiu_core::{Reporter, Summary};
use yanxiu_render::Renderer;
use yanxiu_tests::*;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-submission-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example summary, its second project long enough for three pages.
fn summary() -> Summary {
    let mut s = example_summary();
    s.applications[1].content = "研修内容与方式的详细安排。".repeat(220);
    s
}

fn batch(dir: &std::path::Path) -> (yanxiu_batch::Report, PathBuf, PathBuf) {
    let s = summary();
    let mut input = Input::from_applications(s.applications.clone(), "test");
    input.reporter = Some(Reporter {
        name: s.reporter.name.clone(),
        contact: s.reporter.contact.clone(),
        phone: s.reporter.phone.clone(),
    });
    input.filled_on = s.filled_on;
    submit(input, dir)
}

/// A batch into `dir/out` asking for `dir/打印.pdf` and `dir/报送材料.zip`.
fn submit(input: Input, dir: &std::path::Path) -> (yanxiu_batch::Report, PathBuf, PathBuf) {
    let print = dir.join("打印.pdf");
    let package = dir.join("报送材料.zip");
    let opts = Options {
        print_file: Some(print.clone()),
        package: Some(package.clone()),
        ..Options::default()
    };
    let report = run_batch(
        &Renderer::new().unwrap(),
        input,
        &dir.join("out"),
        &opts,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    (report, print, package)
}

#[test]
fn the_print_file_is_the_separate_pdfs_page_for_page_each_from_a_right_hand_page() {
    let dir = tmp("print");
    let (report, print, _) = batch(&dir);
    assert!(report.success(), "{}", report.to_text());
    let out = dir.join("out");
    let joined = pdf_pages(&std::fs::read(&print).unwrap());
    let mut expected: Vec<String> = Vec::new();
    let mut starts = Vec::new();
    let mut files = vec!["汇总表.pdf".to_owned()];
    files.extend(report.done().map(|e| e.file.clone()));
    for f in &files {
        let pages = pdf_pages(&std::fs::read(out.join(f)).unwrap());
        starts.push(expected.len());
        let odd = pages.len() % 2 == 1;
        expected.extend(pages);
        if odd {
            expected.push(String::new());
        }
    }
    assert_eq!(joined.len(), expected.len(), "pages");
    for (i, (a, b)) in joined.iter().zip(&expected).enumerate() {
        assert_eq!(squeeze(a), squeeze(b), "page {}", i + 1);
    }
    // Every form starts on an odd page (a right-hand page double-sided).
    assert!(starts.iter().all(|s| s % 2 == 0), "{starts:?}");
    // The three-page form was followed by a blank page.
    assert!(expected.iter().any(String::is_empty));
    let b = report.bundles.iter().find(|b| b.kind == "print").unwrap();
    assert!(b.written && b.pages == Some(joined.len()));

    // Bookmarks: 汇总表, then `序号 项目名称`, pointing at each part's first page.
    let doc = Document::load(&print).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut item = outlines.get(b"First").unwrap().as_reference().ok();
    let mut titles = Vec::new();
    let mut targets = Vec::new();
    while let Some(id) = item {
        let d = doc.get_dictionary(id).unwrap();
        let Object::String(bytes, _) = d.get(b"Title").unwrap() else {
            panic!("title")
        };
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        titles.push(String::from_utf16(&units).unwrap());
        let dest = d.get(b"Dest").unwrap().as_array().unwrap();
        targets.push(
            pages
                .iter()
                .position(|p| *p == dest[0].as_reference().unwrap())
                .unwrap(),
        );
        item = d.get(b"Next").and_then(Object::as_reference).ok();
    }
    let mut expected_titles = vec!["汇总表".to_owned()];
    expected_titles.extend(
        report
            .done()
            .map(|e| format!("{} {}", e.index, e.project_name)),
    );
    assert_eq!(titles, expected_titles);
    assert_eq!(targets, starts);
}

#[test]
fn the_package_holds_the_electronic_version_under_chinese_names() {
    let dir = tmp("package");
    let (report, _, package) = batch(&dir);
    let b = report.bundles.iter().find(|b| b.kind == "package").unwrap();
    assert!(b.written && b.problems.is_empty(), "{b:?}");
    let mut expected = vec!["汇总表.xlsx".to_owned(), "汇总表.pdf".to_owned()];
    expected.extend(report.done().map(|e| e.file.clone()));
    // unzip lists exactly those names, and nothing else.
    let out = std::process::Command::new("unzip")
        .arg("-Z1")
        .arg(&package)
        .output()
        .expect("unzip (scripts/test.sh installs it)");
    let names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(names, expected);
    // Each entry has the zip's UTF-8 name flag (bit 11), so Chinese names show on Windows.
    // (Read from the central directory: the stored xlsx is a zip of its own.)
    let bytes = std::fs::read(&package).unwrap();
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([bytes[i], bytes[i + 1]]));
    let u32_at = |i: usize| {
        u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
    };
    let eocd = bytes.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let (count, mut at) = (u16_at(eocd + 10), u32_at(eocd + 16));
    assert_eq!(count, expected.len());
    for _ in 0..count {
        assert_eq!(&bytes[at..at + 4], b"PK\x01\x02");
        assert!(u16_at(at + 8) & 0x0800 != 0, "entry without the UTF-8 flag");
        at += 46 + u16_at(at + 28) + u16_at(at + 30) + u16_at(at + 32);
    }
    // The same files give the same bytes.
    let again = tmp("package-again");
    let (_, _, package2) = batch(&again);
    assert_eq!(bytes, std::fs::read(package2).unwrap());
}

#[test]
fn without_its_summary_nothing_is_packaged() {
    let dir = tmp("refused");
    let mut s = summary();
    s.applications.push(s.applications[0].clone()); // one project twice: YX102
    let input = Input::from_applications(s.applications, "test");
    let (report, _, _) = submit(input, &dir);
    assert!(
        report
            .bundles
            .iter()
            .all(|b| !b.written && !b.problems.is_empty())
    );
    assert!(!dir.join("打印.pdf").exists() && !dir.join("报送材料.zip").exists());
    assert!(!report.success());
}
