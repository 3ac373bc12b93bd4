//! Visual regression: page images of the examples, rendered in-process,
//! against the references in tests/visual/.
//!
//! After an intended change to the templates, refresh the references with
//!
//! ```sh
//! YANXIU_UPDATE_REFERENCES=1 cargo test -p yanxiu-tests --test integration visual::
//! ```
//!
//! and look at the new PNGs before committing them.

use std::path::PathBuf;
use yanxiu_render::Renderer;
use yanxiu_tests::*;

/// Pixels per point: 72 dpi, enough to see a moved line or a lost glyph.
const SCALE: f32 = 1.0;
/// A pixel differs when a channel moves by more than this.
const PIXEL_TOLERANCE: i32 = 64;
/// Share of differing pixels allowed (anti-aliasing differences across machines).
const MAX_DIFFERENT: f64 = 0.002;

fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("visual")
}

fn check(name: &str, pages: Vec<Vec<u8>>) {
    let update = std::env::var_os("YANXIU_UPDATE_REFERENCES").is_some();
    let dir = reference_dir();
    let mut failures = Vec::new();
    for (i, png) in pages.iter().enumerate() {
        let path = dir.join(format!("{name}-{}.png", i + 1));
        if update {
            std::fs::write(&path, png).unwrap();
            continue;
        }
        let Ok(reference) = std::fs::read(&path) else {
            failures.push(format!(
                "{} missing: run with YANXIU_UPDATE_REFERENCES=1",
                path.display()
            ));
            continue;
        };
        let (w1, h1, a) = decode_png(png);
        let (w2, h2, b) = decode_png(&reference);
        if (w1, h1) != (w2, h2) {
            failures.push(format!(
                "{}: size {w1}x{h1}, reference {w2}x{h2}",
                path.display()
            ));
            continue;
        }
        let differing = a
            .chunks(4)
            .zip(b.chunks(4))
            .filter(|(p, q)| {
                p.iter()
                    .zip(q.iter())
                    .any(|(x, y)| (*x as i32 - *y as i32).abs() > PIXEL_TOLERANCE)
            })
            .count();
        let share = differing as f64 / (w1 as f64 * h1 as f64);
        if share > MAX_DIFFERENT {
            let actual = std::env::temp_dir().join(format!("yanxiu-visual-{name}-{}.png", i + 1));
            std::fs::write(&actual, png).unwrap();
            failures.push(format!(
                "{}: {:.3}% of pixels differ (actual image: {})",
                path.display(),
                share * 100.0,
                actual.display()
            ));
        }
    }
    if !update {
        let extra = dir.join(format!("{name}-{}.png", pages.len() + 1));
        if extra.exists() {
            failures.push(format!("{name}: fewer pages than the reference"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn example_application_looks_like_the_reference() {
    let r = Renderer::new().unwrap();
    check(
        "application",
        r.application_pngs(Some(&example_application()), false, SCALE)
            .unwrap(),
    );
}

#[test]
fn example_summary_looks_like_the_reference() {
    let r = Renderer::new().unwrap();
    check(
        "summary",
        r.summary_pngs(Some(&example_summary()), false, SCALE)
            .unwrap(),
    );
}

#[test]
fn blank_forms_look_like_the_reference() {
    let r = Renderer::new().unwrap();
    check(
        "blank-application",
        r.application_pngs(None, false, SCALE).unwrap(),
    );
    check("blank-summary", r.summary_pngs(None, false, SCALE).unwrap());
}
