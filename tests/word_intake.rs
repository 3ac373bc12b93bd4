//! The Word intake proven on files other programs wrote: forms ticked as
//! units tick boxes, written by python-docx, re-saved by LibreOffice and
//! exported by it as Word 97–2003 `.doc`, each read by the one reader.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use yanxiu_core::{Application, Profile};
use yanxiu_tests::*;
use yanxiu_word::{ReadForm, application_docx, read_word};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-intake-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// LibreOffice converts every `.docx` of `dir` to `filter` into `out`.
fn convert(dir: &Path, filter: &str, out: &Path) {
    let mut args: Vec<std::ffi::OsString> = vec![
        "--convert-to".into(),
        filter.into(),
        "--outdir".into(),
        out.into(),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    args.extend(files.into_iter().map(PathBuf::into_os_string));
    let o = soffice(&dir.join("lo-profile"), &args, &[]);
    assert!(
        o.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The habit files: as python-docx wrote them, LibreOffice's re-save and its
/// Word 97 export; and the example and a 2025 form as LibreOffice's .doc.
struct Files {
    dir: PathBuf,
    habits: Vec<String>,
}

fn files() -> &'static Files {
    static F: OnceLock<Files> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tmp("habits");
        let p = Profile::default();
        let blank = dir.join("blank.docx");
        std::fs::write(&blank, application_docx(None, &p).unwrap()).unwrap();
        let made = dir.join("made");
        std::fs::create_dir_all(&made).unwrap();
        let python = std::env::var("YANXIU_PYTHON").unwrap_or_else(|_| "python3".into());
        let out = Command::new(&python)
            .arg(root().join("tests/word_habits.py"))
            .arg(&blank)
            .arg(&made)
            .output()
            .unwrap_or_else(|e| panic!("{python}: {e}"));
        assert!(
            out.status.success(),
            "python-docx could not write the habits (scripts/test.sh installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let habits: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
        // The example with its record, and a 2025 form, for the .doc export.
        let mut y2025 = example_application_zh();
        y2025.year = Some(2025);
        std::fs::write(
            made.join("example.docx"),
            application_docx(Some(&example_application_zh()), &p).unwrap(),
        )
        .unwrap();
        std::fs::write(
            made.join("year-2025.docx"),
            application_docx(Some(&y2025), &p).unwrap(),
        )
        .unwrap();
        // The second example unit, to send as a WPS .wps in the mixed folder.
        let second = &example_summary().applications[1];
        std::fs::write(
            made.join("unit-2.docx"),
            application_docx(Some(second), &p).unwrap(),
        )
        .unwrap();
        convert(&made, "docx:MS Word 2007 XML", &dir.join("lo"));
        convert(&made, "doc:MS Word 97", &dir.join("doc"));
        Files { dir, habits }
    })
}

fn read(path: &Path) -> ReadForm {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_word(&bytes, &Profile::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every habit, in each program's file: 财政资助项目 and 突出数字技术
/// ticked, 自筹经费项目 and 服务重大战略 not; nothing read with doubt.
#[test]
fn boxes_ticked_as_units_tick_them_read_right_from_every_program() {
    let f = files();
    assert!(f.habits.len() >= 12, "{:?}", f.habits);
    for habit in &f.habits {
        for (program, path) in [
            ("python-docx", f.dir.join(format!("made/{habit}.docx"))),
            ("LibreOffice .docx", f.dir.join(format!("lo/{habit}.docx"))),
            (
                "LibreOffice Word 97 .doc",
                f.dir.join(format!("doc/{habit}.doc")),
            ),
        ] {
            let r = read(&path);
            let a = &r.application;
            let what = format!("{habit} ({program})");
            assert_eq!(
                a.project_name,
                format!("{habit}习惯测试高级研修班"),
                "{what}"
            );
            assert!(
                a.funding.self_funded.is_none(),
                "{what}: 自筹 read as ticked"
            );
            assert!(
                a.topics.major_strategy.is_none(),
                "{what}: 服务重大战略 read as ticked"
            );
            let lost = habit == "eq-field" && program != "python-docx";
            if habit == "sym-unknown" || lost {
                // Never a silent "unticked": a warning names the cell and option.
                assert!(!a.funding.government, "{what}");
                let why = if lost {
                    "找不到方框"
                } else {
                    "无法识别"
                };
                for option in [
                    "「申报项目类别（可多选）」：「财政资助项目」",
                    "「是否符合选题范围」：「突出数字技术」",
                ] {
                    assert!(
                        r.warnings
                            .iter()
                            .any(|w| w.starts_with(option) && w.contains(why)),
                        "{what}: {:?}",
                        r.warnings
                    );
                }
                continue;
            }
            assert!(
                a.funding.government,
                "{what}: 财政资助项目 not read as ticked"
            );
            assert_eq!(
                a.topics.digital.as_deref(),
                Some(""),
                "{what}: 突出数字技术"
            );
            assert!(r.warnings.is_empty(), "{what}: {:?}", r.warnings);
        }
    }
}

/// What the form shows of an application (a .doc keeps no stored record).
fn form_only(a: &Application) -> Application {
    let mut docx = application_docx(Some(a), &Profile::default()).unwrap();
    docx = without_record(&docx);
    read_word(&docx, &Profile::default()).unwrap().application
}

/// A .docx without its stored record (docProps/custom.xml).
fn without_record(docx: &[u8]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let f = zin.by_index(i).unwrap();
        if f.name() != "docProps/custom.xml" {
            out.raw_copy_file(f).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A whole filled 申报表 as LibreOffice's Word 97 export reads back as the
/// form shows it — every field, the 特色班 and the year of a 2025 title.
#[test]
fn a_word_97_doc_reads_as_the_form_shows_it() {
    let f = files();
    // LibreOffice carries our stored record over into the .doc's custom
    // properties: the whole application comes back, as from the .docx.
    let example = read(&f.dir.join("doc/example.doc"));
    assert_eq!(example.application, example_application_zh());
    assert!(example.warnings.is_empty(), "{:?}", example.warnings);
    // Without it (a .doc typed from scratch), what the form shows.
    let bare = without_doc_record(&std::fs::read(f.dir.join("doc/example.doc")).unwrap());
    let bare = read_word(&bare, &Profile::default()).unwrap();
    assert_eq!(bare.application, form_only(&example_application_zh()));
    // The 2024 title says the profile's own year: left absent, as written.
    assert_eq!(bare.application.year, None);
    let mut y2025 = example_application_zh();
    y2025.year = Some(2025);
    let with = read(&f.dir.join("doc/year-2025.doc")).application;
    assert_eq!(with, y2025);
    let bare = without_doc_record(&std::fs::read(f.dir.join("doc/year-2025.doc")).unwrap());
    let bare = read_word(&bare, &Profile::default()).unwrap().application;
    assert_eq!(bare.year, Some(2025), "the year from the title");
    assert_eq!(bare, form_only(&y2025));
}

/// A compound file without its document properties (where a .doc keeps the
/// custom ones).
fn without_doc_record(doc: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(doc)).unwrap();
    let names: Vec<String> = cf
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|n| !n.contains("DocumentSummaryInformation"))
        .collect();
    let mut out = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for n in names {
        let mut b = Vec::new();
        cf.open_stream(&n).unwrap().read_to_end(&mut b).unwrap();
        out.create_stream(&n).unwrap().write_all(&b).unwrap();
    }
    out.into_inner().into_inner()
}

/// The .doc `yanxiu demo` sends in (crates/yanxiu-cli/assets, made by
/// scripts/make-demo-doc.sh) still shows the fourth example form.
#[test]
fn the_demo_word_97_form_is_the_fourth_example() {
    let path = root().join("crates/yanxiu-cli/assets/demo-form-word97.doc");
    let r = read(&path);
    let example = example_summary().applications[3].clone();
    // Its stored record came over from the .docx: the whole application.
    assert_eq!(
        r.application, example,
        "the examples changed: run scripts/make-demo-doc.sh"
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

/// `yanxiu batch` over a folder as a 主管部门 receives it: .docx, a WPS
/// .wps (the Word binary), a Word 97 .doc and a unit's workbook — every
/// form read, rendered and listed in one 汇总表.
#[test]
fn a_folder_mixing_docx_doc_wps_and_xlsx_is_one_batch() {
    use std::sync::atomic::AtomicBool;
    let f = files();
    let summary = example_summary();
    let apps = &summary.applications;
    let p = Profile::default();
    let inbox = tmp("mixed");
    let write = |name: &str, bytes: &[u8]| std::fs::write(inbox.join(name), bytes).unwrap();
    write(
        "01-单位.docx",
        &application_docx(Some(&apps[0]), &p).unwrap(),
    );
    write(
        "02-单位.wps",
        &std::fs::read(f.dir.join("doc/unit-2.doc")).unwrap(),
    );
    write(
        "03-单位.xlsx",
        &yanxiu_sheet::write_intake(&apps[2..3], None, None, &p).unwrap(),
    );
    write(
        "04-单位.doc",
        &std::fs::read(root().join("crates/yanxiu-cli/assets/demo-form-word97.doc")).unwrap(),
    );
    write(
        "05-单位.docx",
        &application_docx(Some(&apps[4]), &p).unwrap(),
    );
    let mut input = yanxiu_batch::read_inputs(std::slice::from_ref(&inbox)).unwrap();
    let sources: Vec<&str> = input.items.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "01-单位.docx",
            "02-单位.wps",
            "03-单位.xlsx「申报信息」第2行",
            "04-单位.doc",
            "05-单位.docx"
        ]
    );
    let names: Vec<&str> = input
        .items
        .iter()
        .map(|i| i.project_name.as_str())
        .collect();
    let want: Vec<&str> = apps.iter().map(|a| a.project_name.as_str()).collect();
    assert_eq!(names, want);
    input.reporter = Some(summary.reporter.clone());
    let out = inbox.join("输出");
    let renderer = yanxiu_render::Renderer::new().unwrap();
    let report = yanxiu_batch::run_batch(
        &renderer,
        input,
        &out,
        &yanxiu_batch::Options::default(),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.done().count(), 5, "{}", report.to_text());
    assert!(
        out.join(yanxiu_batch::SUMMARY_PDF).is_file(),
        "{}",
        report.to_text()
    );
}
