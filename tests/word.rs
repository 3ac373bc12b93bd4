//! The Word 电子版 proven by the programs people open it with: LibreOffice
//! converts every file to PDF (read back with pdftotext and pdfinfo), and
//! python-docx reads the table and every field's control.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use yanxiu_core::form::Field;
use yanxiu_core::{Application, Profile, Summary, TopicScope};
use yanxiu_tests::*;
use yanxiu_word::{application_docx, summary_docx};

fn profile() -> Profile {
    Profile::default()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-word-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Texts that must stay text: markup, entities, control characters.
const HOSTILE: &str = "<w:p>&amp;</w:p> ]]> \"引号\" 'x' \u{1}\u{b}控制符\t制表";

fn hostile_application() -> Application {
    let mut a = example_application();
    a.project_name = format!("高级研修班{HOSTILE}");
    a.venue = "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".into();
    a.purpose = format!("第一段{HOSTILE}\n\n第二段<![CDATA[x]]>");
    a
}

fn many_rows(n: usize) -> Summary {
    let mut s = example_summary();
    let base = s.applications.clone();
    s.applications = (0..n)
        .map(|i| {
            let mut a = base[i % base.len()].clone();
            a.project_name = format!("第{}号{}", i + 1, a.project_name);
            a
        })
        .collect();
    s
}

/// Every test document, written once, converted by LibreOffice once (one
/// `soffice` call for all of them: it starts slowly).
struct Converted {
    dir: PathBuf,
}

fn converted() -> &'static Converted {
    static C: OnceLock<Converted> = OnceLock::new();
    C.get_or_init(|| {
        let dir = tmp("converted");
        let p = profile();
        let files: Vec<(&str, Vec<u8>)> = vec![
            (
                "application",
                application_docx(Some(&example_application_zh()), &p).unwrap(),
            ),
            (
                "application-en",
                application_docx(Some(&example_application()), &p).unwrap(),
            ),
            ("blank-application", application_docx(None, &p).unwrap()),
            (
                "summary",
                summary_docx(Some(&example_summary()), &p).unwrap(),
            ),
            ("blank-summary", summary_docx(None, &p).unwrap()),
            (
                "long-summary",
                summary_docx(Some(&many_rows(40)), &p).unwrap(),
            ),
            (
                "hostile",
                application_docx(Some(&hostile_application()), &p).unwrap(),
            ),
        ];
        let mut args = Vec::new();
        for (name, bytes) in &files {
            let path = dir.join(format!("{name}.docx"));
            std::fs::write(&path, bytes).unwrap();
            args.push(path);
        }
        let mut soffice_args: Vec<std::ffi::OsString> = vec![
            "--convert-to".into(),
            "pdf".into(),
            "--outdir".into(),
            dir.clone().into(),
        ];
        soffice_args.extend(args.iter().map(|p| p.clone().into_os_string()));
        let out = soffice(
            &dir.join("lo-profile"),
            &soffice_args,
            &[("FONTCONFIG_FILE", fontconfig(&dir).into_os_string())],
        );
        assert!(
            out.status.success(),
            "soffice: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (name, _) in &files {
            assert!(
                dir.join(format!("{name}.pdf")).is_file(),
                "LibreOffice did not convert {name}.docx"
            );
        }
        Converted { dir }
    })
}

/// A fontconfig set-up that gives LibreOffice the bundled faces for the
/// official names the documents use, as Word substitutes on a PC without them.
fn fontconfig(dir: &Path) -> PathBuf {
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for f in yanxiu_render::bundled_fonts::files() {
        std::fs::write(fonts.join(f.name), f.data).unwrap();
    }
    let alias = |name: &str, face: &str| {
        format!(
            "<alias binding=\"same\"><family>{name}</family><prefer><family>{face}</family></prefer></alias>"
        )
    };
    let conf = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>\
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include><dir>{}</dir><cachedir>{}</cachedir>{}{}{}{}</fontconfig>",
        fonts.display(),
        dir.join("fc-cache").display(),
        alias("仿宋_GB2312", "Noto Serif CJK SC"),
        alias("宋体", "Noto Serif CJK SC"),
        alias("方正小标宋简体", "Noto Serif CJK SC"),
        alias("黑体", "Noto Sans CJK SC"),
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

fn pdf_of(name: &str) -> Vec<u8> {
    std::fs::read(converted().dir.join(format!("{name}.pdf"))).unwrap()
}

fn page_sizes(name: &str) -> Vec<(f64, f64)> {
    let path = converted().dir.join(format!("{name}.pdf"));
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(&path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let nums: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums[nums.len() - 2], nums[nums.len() - 1])
        })
        .collect()
}

#[test]
fn libreoffice_converts_the_application_with_every_label_and_value_in_order() {
    let app = example_application_zh();
    let text = pdf_text(&pdf_of("application"));
    let mut needles = vec!["附件1".to_owned(), "高级研修项目申报表".to_owned()];
    let form = Profile::fujian_2024().application_form;
    for (field, label) in form.labelled() {
        needles.push(label.replace('\n', ""));
        match field {
            Field::Applicant => needles.push(app.applicant.name.clone()),
            Field::ProjectName => needles.push(app.project_name.clone()),
            Field::Venue => needles.push(app.venue.clone()),
            Field::Authority => needles.push(app.authority.clone()),
            Field::Purpose => needles.push(app.purpose.lines().next().unwrap().to_owned()),
            Field::Experts => needles.push(app.experts.clone()),
            _ => {}
        }
    }
    in_order(&text, &needles);
    for (w, h) in page_sizes("application") {
        assert!(
            (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
            "A4 portrait: {w}x{h}"
        );
    }
    let blank = squeeze(&pdf_text(&pdf_of("blank-application")));
    for (field, h) in form.hints() {
        assert!(
            blank.contains(&squeeze(h)),
            "hint of {field:?} missing:\n{blank}"
        );
    }
}

#[test]
fn libreoffice_converts_the_summary_landscape_with_its_header_on_every_page() {
    let header: Vec<String> = profile()
        .summary_form
        .columns
        .iter()
        .map(|c| c.label.replace('\n', ""))
        .collect();
    let text = pdf_text(&pdf_of("summary"));
    in_order(&text, &header);
    let s = example_summary();
    let t = s.totals();
    let names: Vec<String> = s
        .applications
        .iter()
        .map(|a| a.project_name.clone())
        .collect();
    in_order(&text, &names);
    assert!(
        squeeze(&text).contains(&format!("合计：{}个项目", t.projects)),
        "{text}"
    );
    let pages = pdf_pages(&pdf_of("long-summary"));
    assert!(
        pages.len() > 2,
        "40 rows take several pages, got {}",
        pages.len()
    );
    for (i, p) in pages.iter().enumerate() {
        in_order(p, &header);
        assert!(
            squeeze(p).contains(&format!("—{}—", i + 1)),
            "page {} number:\n{p}",
            i + 1
        );
    }
    for (w, h) in page_sizes("long-summary") {
        assert!(
            (w - 841.9).abs() < 1.0 && (h - 595.3).abs() < 1.0,
            "A4 landscape: {w}x{h}"
        );
    }
    assert!(squeeze(&pdf_text(&pdf_of("blank-summary"))).contains("合计"));
    // The blank 汇总表 fits one page with its 合计 row, as the PDF does.
    assert_eq!(page_sizes("blank-summary").len(), 1);
}

/// What python-docx reads from a file.
fn python_docx(path: &Path) -> Value {
    let python = std::env::var("YANXIU_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .arg(root().join("tests/word_read.py"))
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e}"));
    assert!(
        out.status.success(),
        "python-docx could not read {} (pip install python-docx; scripts/test.sh does): {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A bookmark's text, as a script finds a value by name.
fn bookmark<'a>(v: &'a Value, path: &str) -> &'a str {
    let name = format!(
        "yx_{}",
        path.replace(['.', '[', ']'], "_").replace("__", "_")
    );
    let name = name.trim_end_matches('_');
    v["bookmarks"][name]
        .as_str()
        .unwrap_or_else(|| panic!("no bookmark {name}: {}", v["bookmarks"]))
}

/// Whether the box just before `label` in a cell's text is ticked.
fn ticked(cell: &str, label: &str) -> bool {
    let at = cell
        .find(label)
        .unwrap_or_else(|| panic!("no {label} in {cell}"));
    match cell[..at].chars().next_back() {
        Some('☑') => true,
        Some('☐') => false,
        other => panic!("no box before {label}: {other:?} in {cell}"),
    }
}

/// An office script's view of our 申报表: python-docx's plain `cell.text`
/// and `paragraph.text` hold every value and every box (no content control
/// hides them), and each value is found by its bookmark.
#[test]
fn python_docx_reads_one_table_every_field_and_every_checkbox() {
    let app = example_application_zh();
    let v = python_docx(&converted().dir.join("application.docx"));
    let tables = v["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1, "one table");
    let rows = tables[0].as_array().unwrap();
    assert_eq!(rows.len(), 10, "{rows:?}");
    let cell = |r: usize, c: usize| rows[r][c].as_str().unwrap().to_owned();
    // The label cells are ordinary cells; the values sit beside them.
    assert_eq!(cell(0, 0), "项目名称");
    assert_eq!(cell(0, 1), app.project_name);
    assert_eq!(cell(1, 2), "办班地点");
    assert_eq!(cell(1, 3), app.venue);
    assert_eq!(cell(2, 3), app.authority);
    let purpose: Vec<&str> = app
        .purpose
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(cell(5, 1), purpose.join("\n"));
    let funding = cell(3, 1);
    assert_eq!(ticked(&funding, "财政资助项目"), app.funding.government);
    assert_eq!(
        ticked(&funding, "自筹经费项目"),
        app.funding.self_funded.is_some()
    );
    let topics = cell(4, 1);
    for t in TopicScope::ALL {
        assert_eq!(
            ticked(&topics, t.label()),
            app.topics.get(t).is_some(),
            "{}",
            t.label()
        );
        if let Some(text) = app.topics.get(t) {
            assert!(topics.contains(text), "{topics}");
        }
    }
    let featured = cell(9, 1);
    let f = app.featured.as_ref().unwrap();
    assert!(
        featured.contains(&f.previous[0].name) && featured.contains(&f.plan),
        "{featured}"
    );
    // The line above the table, as paragraph.text.
    let paragraphs: Vec<&str> = v["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    // (A long unit's name puts 申报时间 on a line of its own.)
    assert!(
        paragraphs.iter().any(|p| p.contains(&app.applicant.name))
            && paragraphs.iter().any(|p| p.contains("申报时间：2024年")),
        "{paragraphs:?}"
    );
    // Values by name.
    assert_eq!(bookmark(&v, "project_name"), app.project_name);
    assert_eq!(bookmark(&v, "applicant.name"), app.applicant.name);
    assert_eq!(bookmark(&v, "purpose"), purpose.join("\n"));
    assert_eq!(
        bookmark(&v, "featured.previous[0].name"),
        f.previous[0].name
    );
    assert_eq!(v["sections"][0]["landscape"], false);

    // The blank form: empty boxes, the hints in place of the values.
    let v = python_docx(&converted().dir.join("blank-application.docx"));
    let rows = v["tables"][0].as_array().unwrap();
    let funding = rows[3][1].as_str().unwrap();
    assert!(!ticked(funding, "财政资助项目") && !ticked(funding, "自筹经费项目"));
    assert!(
        rows[6][1].as_str().unwrap().contains("主题报告"),
        "{}",
        rows[6][1]
    );
    assert!(bookmark(&v, "content").contains("主题报告"));

    let v = python_docx(&converted().dir.join("summary.docx"));
    assert_eq!(v["tables"].as_array().unwrap().len(), 1);
    assert_eq!(v["sections"][0]["landscape"], true);
    let rows = v["tables"][0].as_array().unwrap();
    let s = example_summary();
    assert_eq!(rows.len(), s.applications.len() + 2, "header, rows, 合计");
    assert_eq!(rows[1][1], s.applications[0].project_name.as_str());
}

#[test]
fn hostile_text_stays_text() {
    let v = python_docx(&converted().dir.join("hostile.docx"));
    let app = hostile_application();
    let cleaned = |s: &str| s.replace(['\u{1}', '\u{b}'], "").replace('\t', " ");
    assert_eq!(bookmark(&v, "project_name"), cleaned(&app.project_name));
    assert_eq!(bookmark(&v, "venue"), app.venue);
    assert_eq!(
        v["tables"].as_array().unwrap().len(),
        1,
        "the structure is ours"
    );
    let text = squeeze(&pdf_text(&pdf_of("hostile")));
    assert!(
        text.contains(&squeeze("</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")),
        "{text}"
    );
}

/// LibreOffice re-saves our filled form as another word processor writes
/// it (its own XML, our controls' tags dropped): every field comes back.
#[test]
fn a_form_resaved_by_libreoffice_reads_back_whole() {
    let dir = tmp("resaved");
    let app = example_application_zh();
    let path = dir.join("申报表.docx");
    std::fs::write(&path, application_docx(Some(&app), &profile()).unwrap()).unwrap();
    let out = dir.join("out");
    let status = soffice(
        &dir.join("lo-profile"),
        &[
            "--convert-to".into(),
            "docx:MS Word 2007 XML".into(),
            "--outdir".into(),
            out.clone().into_os_string(),
            path.clone().into_os_string(),
        ],
        &[],
    );
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let resaved = std::fs::read(out.join("申报表.docx")).unwrap();
    assert_ne!(
        resaved,
        std::fs::read(&path).unwrap(),
        "LibreOffice wrote its own file"
    );
    assert_eq!(yanxiu_word::read_docx(&resaved).unwrap(), app);
}

#[test]
fn word_files_are_byte_identical_on_rerun() {
    let p = profile();
    let app = example_application();
    assert_eq!(
        application_docx(Some(&app), &p).unwrap(),
        application_docx(Some(&app), &p).unwrap()
    );
    let s = example_summary();
    assert_eq!(
        summary_docx(Some(&s), &p).unwrap(),
        summary_docx(Some(&s), &p).unwrap()
    );
}

/// A table's lines at the description's exact pitch and Word's margins the
/// PDF's insets less what a line and a rule add: LibreOffice breaks the
/// pages where the PDF does, with the bundled faces' tall line boxes too.
#[test]
fn libreoffice_breaks_the_pages_where_the_pdf_does() {
    let r = yanxiu_render::Renderer::new().unwrap();
    let p = profile();
    let pdf_pages = |layout: yanxiu_render::Layout| layout.pages.len();
    let cases = [
        (
            "blank-application",
            pdf_pages(r.application_layout(None, false).unwrap()),
        ),
        (
            "application",
            pdf_pages(
                r.application_layout(Some(&example_application_zh()), false)
                    .unwrap(),
            ),
        ),
        (
            "summary",
            pdf_pages(r.summary_layout(Some(&example_summary()), false).unwrap()),
        ),
        (
            "blank-summary",
            pdf_pages(r.summary_layout(None, false).unwrap()),
        ),
    ];
    for (name, pdf) in cases {
        assert_eq!(
            page_sizes(name).len(),
            pdf,
            "{name}: LibreOffice's pages against the PDF's"
        );
    }
    // Every paragraph of a table cell is set at the exact pitch (or its own
    // exact spacing: the blank form's lines to write on).
    let docx = application_docx(Some(&example_application_zh()), &p).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let cell_paras: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((w, "p")) && n.ancestors().any(|a| a.has_tag_name((w, "tc"))))
        .collect();
    assert!(cell_paras.len() > 20);
    let want = ((p.application_form.line_pitch_pt * 20.0).round() as u32).to_string();
    for para in cell_paras {
        let spacing = para
            .descendants()
            .find(|n| n.has_tag_name((w, "spacing")))
            .unwrap();
        assert_eq!(spacing.attribute((w, "lineRule")), Some("exact"));
        assert_eq!(spacing.attribute((w, "line")), Some(want.as_str()));
    }
}

/// A word and its box: text, x min, y min, x max, y max (points).
type WordBox = (String, f64, f64, f64, f64);

/// The words of each page of a converted file with their boxes
/// (pdftotext -bbox).
fn word_boxes(name: &str) -> Vec<Vec<WordBox>> {
    let pdf = converted().dir.join(format!("{name}.pdf"));
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |l: &str, k: &str| -> f64 {
        let at = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
        l[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for l in html.lines() {
        if l.trim_start().starts_with("<page ") {
            pages.push(Vec::new());
        } else if l.trim_start().starts_with("<word ") {
            let text = l
                .split('>')
                .nth(1)
                .unwrap_or("")
                .split('<')
                .next()
                .unwrap_or("");
            let b = (
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            );
            pages
                .last_mut()
                .unwrap()
                .push((text.to_owned(), b.0, b.1, b.2, b.3));
        }
    }
    pages
}

/// GB/T 9704 §8 in Word too: the landscape pages' numbers in the binding
/// margin, turned, odd pages low and even pages high (as the PDF's).
#[test]
fn libreoffice_prints_the_summary_page_numbers_turned_into_the_binding_margin() {
    let mm = 72.0 / 25.4;
    let pages = word_boxes("long-summary");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, words) in pages.iter().enumerate() {
        let page = i + 1;
        let number: Vec<_> = words
            .iter()
            .filter(|w| w.1 < 35.0 * mm - 7.0 * mm)
            .collect();
        assert!(
            number.iter().any(|w| w.0 == page.to_string()),
            "page {page}: {number:?}"
        );
        let (top, bottom) = (
            number.iter().map(|w| w.2).fold(f64::MAX, f64::min),
            number.iter().map(|w| w.4).fold(f64::MIN, f64::max),
        );
        // Read downward: taller than wide, as turned text is.
        assert!(bottom - top > 30.0, "page {page}: {top:.1}..{bottom:.1}");
        if page % 2 == 1 {
            let edge = 210.0 * mm - 26.0 * mm - 14.0;
            assert!(
                (bottom - edge).abs() < 3.0,
                "odd page {page} ends at {bottom:.1}, {edge:.1}"
            );
        } else {
            let edge = 28.0 * mm + 14.0;
            assert!(
                (top - edge).abs() < 3.0,
                "even page {page} starts at {top:.1}, {edge:.1}"
            );
        }
    }
}
