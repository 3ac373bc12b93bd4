//! Helpers shared by the integration tests: the examples, and reading a PDF
//! back with poppler-utils (installed by scripts/test.sh).

use std::io::Write;
use std::process::{Command, Stdio};
use yanxiu_core::{Application, Summary, parse};

/// The bundled example application.
pub fn example_application() -> Application {
    parse::application_from_json(include_str!("../examples/application.json")).unwrap()
}

/// The bundled Chinese-keyed national example.
pub fn example_application_zh() -> Application {
    parse::application_from_json(include_str!("../examples/application-zh.json")).unwrap()
}

/// The bundled example summary.
pub fn example_summary() -> Summary {
    parse::summary_from_json(include_str!("../examples/summary.json")).unwrap()
}

/// The invalid example.
pub fn invalid_application() -> Application {
    parse::application_from_json(include_str!("../examples/invalid-application.json")).unwrap()
}

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{tool} is needed (apt-get install poppler-utils): {e}"));
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    // A PDF poppler cannot read must fail the test, not read as empty text.
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF in content order (`pdftotext -raw`).
pub fn pdf_text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw", "-", "-"], pdf)
}

/// The text of each page.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let t = pdf_text(pdf);
    let mut pages: Vec<String> = t.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Asserts the needles appear in this order in the squeezed text.
pub fn in_order(text: &str, needles: &[String]) {
    let hay = squeeze(text);
    let mut at = 0;
    for n in needles {
        let n = squeeze(n);
        match hay[at..].find(&n) {
            Some(i) => at += i + n.len(),
            None => panic!("「{n}」 missing or out of order in:\n{hay}"),
        }
    }
}

/// Text with all white space removed, to find strings that wrapped.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `pdffonts` output lines, one per font.
pub fn pdf_fonts(pdf: &[u8]) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "yanxiu-fonts-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&dir, pdf).unwrap();
    let out = Command::new("pdffonts")
        .arg(&dir)
        .output()
        .expect("pdffonts (poppler-utils)");
    let _ = std::fs::remove_file(&dir);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

/// `pdfinfo` field value.
pub fn pdf_info(pdf: &[u8], field: &str) -> Option<String> {
    let info = poppler("pdfinfo", &["-"], pdf);
    info.lines().find_map(|l| {
        l.strip_prefix(&format!("{field}:"))
            .map(|v| v.trim().to_owned())
    })
}

/// Decodes a PNG into width, height and RGBA pixels.
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::GrayscaleAlpha => buf
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info.width, info.height, rgba)
}

/// A folder with stand-ins of the official fonts that cover GB 2312 only
/// (`FangSong_GB2312`, `方正小标宋简体`: the bundled serif subset and renamed
/// by `scripts/make-test-fonts.py`), made once per checkout. The Python with
/// fontTools is `$YANXIU_PYTHON` (scripts/test.sh sets it), else `python3`.
pub fn gb2312_fonts() -> std::path::PathBuf {
    // Tests run on several threads: the fonts are made once per test binary.
    static MADE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    MADE.get_or_init(make_gb2312_fonts).clone()
}

fn make_gb2312_fonts() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target").join("test-fonts");
    if dir.join("FangSong_GB2312.otf").is_file() && dir.join("FZXBSJW.otf").is_file() {
        return dir;
    }
    let python = std::env::var("YANXIU_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .arg(root.join("scripts/make-test-fonts.py"))
        .arg(&dir)
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e}"));
    assert!(
        out.status.success(),
        "making the test fonts needs fontTools (pip install fonttools; scripts/test.sh does): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// Runs LibreOffice headless with its own profile folder, as the Word tests
/// do, and tries twice more if it aborts: the first start of a fresh profile
/// now and then dies with `WrappedTargetRuntimeException` ("Unspecified
/// Application Error") and nothing converted, a fault of the start, not of
/// the document (a document it cannot read fails all three times).
pub fn soffice(
    profile: &std::path::Path,
    args: &[std::ffi::OsString],
    envs: &[(&str, std::ffi::OsString)],
) -> std::process::Output {
    let mut last = None;
    for _ in 0..3 {
        let out = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .arg("--headless")
            .args(args)
            .envs(envs.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("LibreOffice (soffice) is needed: scripts/test.sh installs libreoffice-writer-nogui");
        if out.status.success() {
            return out;
        }
        last = Some(out);
    }
    last.expect("three tries")
}
