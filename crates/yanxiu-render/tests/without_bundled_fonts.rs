//! A build without the bundled fonts (`--no-default-features`): a server that
//! has the official fonts leaves the 20.6 MB out. Run by scripts/check-dist.sh:
//! `cargo test -p yanxiu-render --no-default-features --test without_bundled_fonts`.
#![cfg(not(feature = "bundled-fonts"))]

use std::path::PathBuf;
use std::process::Command;
use yanxiu_core::parse;
use yanxiu_render::{RenderError, RenderOptions, Renderer};

/// GB 2312 stand-ins of 仿宋_GB2312, 方正小标宋简体 and 黑体, made from the
/// bundled faces' files in the repository by scripts/make-test-fonts.py.
/// Made once per checkout (fontTools takes the better part of a minute) and
/// once per test binary: its tests run on several threads.
fn official_stand_ins() -> PathBuf {
    static MADE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    MADE.get_or_init(make_official_stand_ins).clone()
}

fn make_official_stand_ins() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("target").join("test-fonts-official");
    if ["FangSong_GB2312.otf", "FZXBSJW.otf", "SimHei.otf"]
        .iter()
        .all(|f| dir.join(f).is_file())
    {
        return dir;
    }
    let python = std::env::var("YANXIU_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python)
        .arg(root.join("scripts/make-test-fonts.py"))
        .arg(&dir)
        .arg("--with-hei")
        .output()
        .unwrap_or_else(|e| panic!("{python}: {e}"));
    assert!(
        out.status.success(),
        "making the test fonts needs fontTools: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn no_font_is_an_error_that_names_the_role() {
    let err = match Renderer::builder().system_fonts(false).build() {
        Ok(_) => panic!("a renderer with no font at all"),
        Err(e) => e,
    };
    assert!(matches!(err, RenderError::NoFont { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("方正小标宋简体"), "{msg}");
    assert!(msg.contains("--font-dir"), "{msg}");
}

#[test]
fn official_fonts_alone_render() {
    let r = Renderer::builder()
        .system_fonts(false)
        .font_dir(official_stand_ins())
        .build()
        .unwrap();
    let families: Vec<String> = r.fonts().iter().map(|c| c.chain_text()).collect();
    assert_eq!(
        families,
        [
            "方正小标宋简体",
            "SimHei",
            "FangSong_GB2312",
            "FangSong_GB2312"
        ],
        "each role set in its official face alone (page numbers, with no 宋体, in the body's)"
    );
    assert!(r.fonts().iter().all(|c| c.faces.iter().all(|f| f.official)));
    let app = parse::application_from_json(yanxiu_core::examples::APPLICATION).unwrap();
    let pdf = r
        .render_application(&app, &RenderOptions::default())
        .unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // The example summary has a contact named with 珺, outside GB 2312: with
    // no bundled face behind the official one, it is refused, by field.
    let summary = parse::summary_from_json(yanxiu_core::examples::SUMMARY).unwrap();
    match r.render_summary(&summary, &RenderOptions::default()) {
        Err(RenderError::UncoveredChar { path, ch, .. }) => {
            assert_eq!((path.as_str(), ch), ("applications[1].contact", '珺'));
        }
        other => panic!("{:?}", other.map(|pdf| pdf.len())),
    }
}
