//! The catalogue of bad, hostile and oversized input (docs/robustness.md):
//! each gets a clear answer naming the place, or a documented acceptance;
//! none panics, hangs or leaves a partial file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;
use yanxiu_core::limits::{MAX_APPLICATIONS, MAX_FIELD_CHARS, MAX_INPUT_BYTES};
use yanxiu_core::parse::{self, Kind};
use yanxiu_core::{Application, DataError};
use yanxiu_render::{RenderError, RenderOptions, Renderer};
use yanxiu_tests::*;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().unwrap())
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-robust-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn app_err(json: &str) -> DataError {
    parse::application_from_json(json).unwrap_err()
}

fn draft() -> RenderOptions {
    RenderOptions {
        draft: true,
        pdfa: false,
    }
}

#[test]
fn gbk_and_invalid_utf8_json_name_the_encoding() {
    // “项目名称” saved by Notepad as GBK.
    let gbk: &[u8] = b"{\"\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\": \"x\"}";
    let e = parse::document_from_bytes(gbk, None).unwrap_err();
    assert!(
        e.message.contains("不是 UTF-8 编码（第 3 个字节起无效"),
        "{e}"
    );
    assert!(e.message.contains("GBK"), "{e}");
    let e = parse::document_from_bytes(b"\xff\xfe{}", Some(Kind::Application)).unwrap_err();
    assert!(e.message.contains("第 1 个字节"), "{e}");
    // A byte-order mark is fine.
    let with_bom = "\u{feff}{\"项目名称\": \"x\"}";
    assert!(parse::document_from_bytes(with_bom.as_bytes(), None).is_ok());
}

#[test]
fn a_list_where_an_object_belongs_names_the_field() {
    let e = app_err(r#"{"申报单位": ["甲", "乙"]}"#);
    assert_eq!(e.path, "申报单位");
    // Serde alone would read this list by position into the first box.
    let e = app_err(r#"{"选题范围": ["服务重大战略"]}"#);
    assert_eq!(e.path, "选题范围");
    assert!(e.message.contains("不能是列表"), "{e}");
    let e = app_err(r#"{"联系人": ["王喆", "0591-1"]}"#);
    assert_eq!(e.path, "联系人");
    let e = app_err(r#"{"特色班相关情况": {"已办班次": [["甲班", "2023年"]]}}"#);
    assert_eq!(e.path, "特色班相关情况.已办班次[0]");
    // A top-level list is several applications, refused where one is expected.
    let e = parse::document_from_json("[{}]", Some(Kind::Application)).unwrap_err();
    assert!(e.message.contains("不能是列表"), "{e}");
    // Lists where the model has them are fine.
    assert!(parse::document_from_json("[{}, {}]", None).is_ok());
}

#[test]
fn strings_as_numbers_and_numbers_as_strings() {
    let e = app_err(r#"{"项目名称": 123}"#);
    assert_eq!(e.path, "项目名称");
    assert!(e.message.contains("123"), "{e}");
    // Deliberate: a JSON count must be a number; "80" as text is refused
    // (the workbook reader accepts digits typed as text).
    let e = app_err(r#"{"培训人数": "80"}"#);
    assert_eq!(e.path, "培训人数");
    let e = app_err(r#"{"培训人数": 1e12}"#);
    assert_eq!(e.path, "培训人数");
    let e = app_err(r#"{"培训人数": 99999999999}"#);
    assert_eq!(e.path, "培训人数");
    let e = app_err(r#"{"培训人数": 2.5}"#);
    assert_eq!(e.path, "培训人数");
}

#[test]
fn impossible_months_and_reversed_schedules() {
    for (json, needle) in [
        (r#"{"办班时间": "2024年13月"}"#, "13"),
        (r#"{"办班时间": "2024年0月"}"#, "0"),
        (r#"{"申报时间": "2024-02-30"}"#, "不存在"),
        (r#"{"办班时间": "2024年6月14日至11日"}"#, "早于"),
    ] {
        let e = app_err(json);
        assert!(!e.path.is_empty(), "{json}: {e}");
        assert!(e.to_string().contains(needle), "{json}: {e}");
    }
}

#[test]
fn duplicate_keys_are_refused_not_silently_overwritten() {
    let e = app_err(r#"{"project_name": "甲", "project_name": "乙"}"#);
    assert!(e.to_string().contains("project_name"), "{e}");
    assert_eq!(e.kind, yanxiu_core::DataErrorKind::DuplicateField);
    assert!(e.line.is_some(), "{e}");
    // The Chinese and English names of one field are the same field.
    let e = app_err(r#"{"项目名称": "甲", "project_name": "乙"}"#);
    assert_eq!(e.kind, yanxiu_core::DataErrorKind::DuplicateField);
    assert!(e.to_string().contains("项目名称"), "{e}");
}

#[test]
fn absurd_and_negative_counts() {
    let e = app_err(r#"{"培训人数": -1}"#);
    assert_eq!(e.path, "培训人数");
    // Deliberate: a huge provincial class passes the parser; the notice sets
    // no provincial maximum. A national one is caught by YX033.
    let mut app = example_application();
    app.participants = Some(4_000_000);
    assert!(
        !app.validate(&yanxiu_core::Profile::fujian_2024())
            .iter()
            .any(|f| f.path == "participants")
    );
    app.level = yanxiu_core::Level::National;
    assert!(
        app.validate(&yanxiu_core::Profile::fujian_2024())
            .iter()
            .any(|f| f.code == "YX033")
    );
}

#[test]
fn a_megabyte_field_is_refused_by_name_everywhere() {
    let mut app = example_application();
    app.content = "研".repeat(1 << 20);
    let e = renderer().render_application(&app, &draft()).unwrap_err();
    match e {
        RenderError::TooLong { path, len, max } => {
            assert_eq!(path, "content");
            assert_eq!((len, max), (1 << 20, MAX_FIELD_CHARS));
        }
        other => panic!("{other}"),
    }
    // In a batch it is one failed record; the others are written.
    let dir = tmp("megabyte");
    let input = yanxiu_batch::Input::from_applications(vec![app, example_application()], "list");
    let report = yanxiu_batch::run_batch(
        renderer(),
        input,
        &dir,
        &yanxiu_batch::Options::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.entries[0].status, yanxiu_batch::Status::Failed);
    assert!(report.entries[0].problems[0].contains("字段「content」过长"));
    assert_eq!(report.entries[1].status, yanxiu_batch::Status::Written);
    assert!(!dir.join(&report.entries[0].file).exists());
}

#[test]
fn a_document_over_the_page_limit_is_refused() {
    let mut app = example_application();
    let long = "研修内容与方式说明。".repeat(MAX_FIELD_CHARS / 10);
    for f in [
        &mut app.purpose,
        &mut app.content,
        &mut app.experts,
        &mut app.audience,
    ] {
        *f = long.clone();
    }
    match renderer().render_application(&app, &draft()).unwrap_err() {
        RenderError::TooManyPages { pages, max } => assert!(pages > max, "{pages} {max}"),
        other => panic!("{other}"),
    }
}

#[test]
fn oversized_inputs_stop_before_parsing() {
    let dir = tmp("oversized");
    // 100,000 records in a JSON list.
    let list = format!("[{}]", vec!["{}"; 100_000].join(","));
    let path = dir.join("many.json");
    std::fs::write(&path, list).unwrap();
    let e = yanxiu_batch::read_input(&path).unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!("超过上限 {MAX_APPLICATIONS} 项")),
        "{e}"
    );
    // A summary of 100,000 rows cannot be rendered.
    let mut s = example_summary();
    s.applications = vec![example_application(); MAX_APPLICATIONS + 1];
    assert!(matches!(
        renderer().render_summary(&s, &draft()),
        Err(RenderError::TooManyRows { .. })
    ));
    // A file over the size limit is refused by its size.
    let big = dir.join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(MAX_INPUT_BYTES + 1).unwrap();
    let e = yanxiu_batch::read_input(&big).unwrap_err();
    assert!(e.to_string().contains("超过上限"), "{e}");
    let e =
        parse::document_from_bytes(&vec![b' '; MAX_INPUT_BYTES as usize + 1], None).unwrap_err();
    assert!(e.message.contains("超过上限"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_workbook_of_100000_rows_is_refused() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("申报信息").unwrap();
    ws.write_string(0, 0, "项目名称").unwrap();
    for r in 1..=100_000u32 {
        ws.write_string(r, 0, "班").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let e = yanxiu_sheet::read_intake_bytes(bytes).unwrap_err();
    assert!(e.to_string().contains("超过上限"), "{e}");
}

#[test]
fn odd_characters_print_or_are_named() {
    let cases: [(&str, bool); 8] = [
        ("全角数字２０２４与半角2024混排", true),
        ("制表\t与换行\n保留", true),
        ("零宽\u{200B}空格", false),
        ("响铃\u{7}控制字符", false),
        ("表情😀", false),
        ("阿拉伯文 مرحبا", false),
        ("希伯来文 שלום", false),
        ("私用区\u{E000}", false),
    ];
    for (text, prints) in cases {
        let mut app = example_application();
        app.audience = text.to_owned();
        match renderer().render_application(&app, &draft()) {
            Ok(pdf) => {
                assert!(prints, "{text:?} should have been refused");
                let shown = squeeze(&pdf_text(&pdf));
                let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(shown.contains(&want), "{text:?} not in the PDF");
            }
            Err(RenderError::UncoveredChar { path, code, .. }) => {
                assert!(!prints, "{text:?} should print");
                assert_eq!(path, "audience");
                assert!(text.chars().any(|c| c as u32 == code));
            }
            Err(e) => panic!("{text:?}: {e}"),
        }
    }
}

/// Every text field of the model set to `s`.
fn everywhere(s: &str) -> Application {
    let mut a = example_application();
    for f in [
        &mut a.applicant.name,
        &mut a.project_name,
        &mut a.venue,
        &mut a.industry,
        &mut a.authority,
        &mut a.purpose,
        &mut a.content,
        &mut a.experts,
        &mut a.audience,
        &mut a.remark,
    ] {
        *f = s.to_owned();
    }
    if let Some(sf) = &mut a.funding.self_funded {
        sf.source = s.to_owned();
    }
    a.topics.major_strategy = Some(s.to_owned());
    a.contact = Some(yanxiu_core::Contact {
        name: s.to_owned(),
        phone: s.to_owned(),
    });
    a.featured = Some(yanxiu_core::Featured {
        previous: vec![yanxiu_core::PreviousClass {
            name: s.to_owned(),
            held: s.to_owned(),
            experts: s.to_owned(),
            audience: s.to_owned(),
            participants: Some(30),
            results: s.to_owned(),
        }],
        focus: s.to_owned(),
        plan: s.to_owned(),
    });
    a
}

/// The same hostile texts in every field of the Word 电子版: they stay text
/// (the document keeps its one table) and read back exactly.
#[test]
fn hostile_text_in_every_field_of_the_word_form_stays_text() {
    let profile = yanxiu_core::Profile::default();
    for hostile in [
        "#panic(\"x\")#",
        "]#set page(width:1pt)[",
        "$(rm -rf ~)`id`;|&>",
        "</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p>",
        "<![CDATA[x]]>&amp;&#0;\"'",
        "\\u{0}{{x}}<b>'\"",
    ] {
        let app = everywhere(hostile);
        let docx = yanxiu_word::application_docx(Some(&app), &profile).unwrap();
        well_formed(&docx, hostile);
        let back = yanxiu_word::read_docx(&docx).unwrap();
        assert_eq!(back, app, "{hostile}");
        let mut s = example_summary();
        s.applications = vec![app];
        s.reporter.name = hostile.to_owned();
        well_formed(
            &yanxiu_word::summary_docx(Some(&s), &profile).unwrap(),
            hostile,
        );
    }
}

/// Every XML part of a .docx parses: Word refuses a file with one that does not.
fn well_formed(docx: &[u8], what: &str) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_owned();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{what}: {name} is not well-formed XML: {e}");
        }
    }
}

#[test]
fn typst_and_shell_metacharacters_in_every_field_print_literally() {
    for hostile in [
        "#panic(\"x\")#",
        "]#set page(width:1pt)[",
        "$(rm -rf ~)`id`;|&>",
        "#read(\"/etc/passwd\")",
        "\\u{0}{{x}}<b>'\"",
    ] {
        let app = everywhere(hostile);
        let pdf = renderer().render_application(&app, &draft()).unwrap();
        let text = squeeze(&pdf_text(&pdf));
        let count = text.matches(&squeeze(hostile)).count();
        assert!(count >= 15, "{hostile}: printed {count} times in {text}");
        assert!(!text.contains("root:x:0"));
        let mut s = example_summary();
        s.applications = vec![app];
        s.reporter.name = hostile.to_owned();
        let pdf = renderer().render_summary(&s, &draft()).unwrap();
        assert!(squeeze(&pdf_text(&pdf)).contains(&squeeze(hostile)));
    }
}

#[test]
fn formula_text_in_cells_is_data_in_and_text_out() {
    let formula = "=HYPERLINK(\"http://evil.invalid\",\"点击\")";
    let dde = "=cmd|' /C calc'!A0";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("申报信息").unwrap();
    for (c, h) in ["项目名称", "备注", "办班地点"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, formula).unwrap();
    ws.write_string(1, 1, dde).unwrap();
    ws.write_string(1, 2, "+86 591").unwrap();
    let apps = yanxiu_sheet::read_intake_bytes(wb.save_to_buffer().unwrap())
        .unwrap()
        .into_applications()
        .unwrap();
    assert_eq!(apps[0].project_name, formula);
    assert_eq!(apps[0].remark, dde);
    let mut s = example_summary();
    s.applications[0] = apps[0].clone();
    let bytes = yanxiu_sheet::summary_workbook(&s, &yanxiu_core::Profile::fujian_2024()).unwrap();
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let values: Vec<String> = wb
        .worksheet_range("汇总表")
        .unwrap()
        .used_cells()
        .map(|(_, _, v)| v.to_string())
        .collect();
    assert!(values.contains(&formula.to_owned()) && values.contains(&dde.to_owned()));
    let formulas = wb.worksheet_formula("汇总表").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn a_summary_listing_one_project_twice_is_refused() {
    let mut s = example_summary();
    s.applications.push(s.applications[0].clone());
    let findings = s.validate(&yanxiu_core::Profile::fujian_2024());
    assert!(findings.iter().any(|f| f.code == "YX102"), "{findings:?}");
    assert!(matches!(
        renderer().render_summary(&s, &RenderOptions::default()),
        Err(RenderError::Invalid(_))
    ));
}

/// A template folder whose application.typ tries to leave its world.
fn hostile_template(dir: &Path, body: &str) -> Renderer {
    std::fs::write(dir.join("application.typ"), body).unwrap();
    Renderer::builder().template_dir(dir).build().unwrap()
}

#[test]
fn templates_cannot_read_the_disk_or_the_network() {
    let dir = tmp("containment");
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "top secret").unwrap();
    for body in [
        "#read(\"/etc/passwd\")".to_owned(),
        "#read(\"../../../../../../etc/passwd\")".to_owned(),
        "#read(\"secret.txt\")".to_owned(),
        format!("#read(\"{}\")", secret.display()),
        "#image(\"/etc/hostname\")".to_owned(),
        "#import \"@preview/cetz:0.3.1\"".to_owned(),
        "#json(\"https://example.com/x.json\")".to_owned(),
    ] {
        let r = hostile_template(&dir, &body);
        match r.render_application(&example_application(), &draft()) {
            Err(RenderError::Typeset(m)) => {
                let m = m.to_string();
                assert!(
                    !m.contains("root:") && !m.contains("top secret"),
                    "{body}: {m}"
                )
            }
            Ok(pdf) => panic!("{body}: rendered {} bytes", pdf.len()),
            Err(e) => panic!("{body}: {e}"),
        }
    }
    // The data file and the embedded style are all a template can read.
    let r = hostile_template(
        &dir,
        "#import \"style.typ\": *\n#let d = json(\"/data.json\")\n#d.meta.title",
    );
    let pdf = r
        .render_application(&example_application(), &draft())
        .unwrap();
    assert!(pdf_text(&pdf).contains(&example_application().project_name));
    let _ = std::fs::remove_dir_all(&dir);
}
