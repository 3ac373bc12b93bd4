//! Font chains: official faces that lack characters (GB 2312 only) fall
//! back per character to the next face of the role's chain, as Word does.

use yanxiu_render::{RenderError, RenderOptions, Renderer, Role};
use yanxiu_tests::*;

/// Names outside GB 2312, as Fujian's units and people have them.
const RARE: &str = "福建省堃喆燊珺玥研究院";

fn renderer() -> Renderer {
    Renderer::builder()
        .font_dir(gb2312_fonts())
        .build()
        .unwrap()
}

fn rare_application() -> yanxiu_core::Application {
    let mut app = example_application();
    app.applicant.name = RARE.to_owned();
    app.contact.as_mut().unwrap().name = "林志堃".to_owned();
    app
}

#[test]
fn each_role_has_a_chain_official_first_bundled_last() {
    let r = renderer();
    let chain = |role| {
        r.fonts()
            .iter()
            .find(|f| f.role == role)
            .unwrap()
            .families()
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        chain(Role::Body),
        [
            "FangSong_GB2312",
            "Noto Serif CJK SC",
            "Noto Serif CJK SC Rare"
        ]
    );
    assert_eq!(chain(Role::Title), ["方正小标宋简体", "Noto Serif CJK SC"]);
    assert_eq!(chain(Role::Hei), ["Noto Sans CJK SC"]);
    // Without the font folder: the bundled faces alone, the body's in its
    // two files (common and rare characters).
    let plain = Renderer::new().unwrap();
    for chain in plain.fonts() {
        let bundled = if chain.role == Role::Body { 2 } else { 1 };
        assert_eq!(chain.faces.len(), bundled, "{}", chain.chain_text());
        assert!(chain.faces.iter().all(|f| !f.official));
    }
}

#[test]
fn rare_characters_come_from_the_fallback_and_are_warned_of() {
    let r = renderer();
    let app = rare_application();
    let pdf = r
        .render_application(&app, &RenderOptions::default())
        .unwrap();
    // Both faces are embedded, and the rare characters are in the text layer.
    let fonts = pdf_fonts(&pdf).join("\n");
    assert!(
        fonts.contains("FangSong") && fonts.contains("NotoSerif"),
        "{fonts}"
    );
    assert!(
        fonts.lines().all(|l| l.contains(" yes ")),
        "every face embedded: {fonts}"
    );
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains(RARE), "{text}");

    let usage = r.font_usage_application(Some(&app)).unwrap();
    let findings = usage.findings();
    let name = findings
        .iter()
        .find(|f| f.path == "applicant.name")
        .expect("a warning for the unit's name");
    assert_eq!(name.code, "YX110");
    assert_eq!(name.severity, yanxiu_core::Severity::Warning);
    assert!(
        name.message.contains('堃') && !name.message.contains('福'),
        "{}",
        name.message
    );
    // The contact is printed on the summary only: warned of there.
    let s = yanxiu_core::Summary {
        applications: vec![app.clone()],
        ..Default::default()
    };
    let summary = r.font_usage_summary(Some(&s)).unwrap().findings();
    assert!(
        summary
            .iter()
            .any(|f| f.path == "applications[0].contact" && f.message.contains('堃')),
        "{summary:?}"
    );
    let fallback = usage
        .faces
        .iter()
        .find(|f| f.role == Role::Body && !f.official)
        .unwrap();
    assert!(fallback.chars.contains('堃') && !fallback.chars.contains('福'));
    // Deterministic with chains too.
    assert_eq!(
        pdf,
        r.render_application(&app, &RenderOptions::default())
            .unwrap()
    );
}

#[test]
fn pdfa_embeds_every_face_of_the_chain() {
    let r = renderer();
    let pdf = r
        .render_application(
            &rare_application(),
            &RenderOptions {
                draft: false,
                pdfa: true,
            },
        )
        .unwrap();
    let fonts = pdf_fonts(&pdf).join("\n");
    assert!(
        fonts.contains("FangSong") && fonts.contains("NotoSerif"),
        "{fonts}"
    );
    let xmp = String::from_utf8_lossy(&pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "not PDF/A-2");
}

#[test]
fn a_character_no_face_has_is_still_refused_naming_the_chain() {
    let r = renderer();
    let mut app = example_application();
    app.venue = "福州\u{30000}".to_owned();
    match r.render_application(&app, &RenderOptions::default()) {
        Err(RenderError::UncoveredChar {
            path, code, font, ..
        }) => {
            assert_eq!(path, "venue");
            assert_eq!(code, 0x30000);
            assert_eq!(
                font,
                "FangSong_GB2312、Noto Serif CJK SC、Noto Serif CJK SC Rare"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_chain_can_be_set_by_the_caller() {
    let r = Renderer::builder()
        .font_dir(gb2312_fonts())
        .font_chain(Role::Body, vec!["No Such Face".into()])
        .build()
        .unwrap();
    let body = r.fonts().iter().find(|f| f.role == Role::Body).unwrap();
    assert_eq!(
        body.families(),
        ["Noto Serif CJK SC", "Noto Serif CJK SC Rare"]
    );
}

/// Characters of CJK Extension A and B (䶮 as in 刘䶮, 𠀋) come from the
/// bundled serif's second file: printed, embedded, and no fallback warning,
/// since the two files are one face; behind an official face they are.
#[test]
fn the_bundled_serifs_rare_characters_are_one_face_with_the_common_ones() {
    const NAME: &str = "福建省刘䶮𠀋研究院";
    let mut app = example_application();
    app.applicant.name = NAME.to_owned();
    let plain = Renderer::new().unwrap();
    let pdf = plain
        .render_application(&app, &RenderOptions::default())
        .unwrap();
    assert!(squeeze(&pdf_text(&pdf)).contains(NAME));
    let fonts = pdf_fonts(&pdf).join("\n");
    assert!(
        fonts.contains("NotoSerifCJKsc-Regular") && fonts.contains("NotoSerifCJKsc-Rare"),
        "{fonts}"
    );
    assert!(fonts.lines().all(|l| l.contains(" yes ")), "{fonts}");
    let usage = plain.font_usage_application(Some(&app)).unwrap();
    assert!(usage.findings().is_empty(), "{:?}", usage.findings());
    let rare = usage
        .faces
        .iter()
        .find(|f| f.family == yanxiu_render::BUNDLED_SERIF_RARE)
        .unwrap();
    assert_eq!(rare.chars, "䶮𠀋");
    // Behind an official face, both bundled files are the fallback.
    let findings = renderer()
        .font_usage_application(Some(&app))
        .unwrap()
        .findings();
    let name: Vec<_> = findings
        .iter()
        .filter(|f| f.path == "applicant.name")
        .collect();
    assert!(
        name.iter().any(|f| f.message.contains('䶮')),
        "{findings:?}"
    );
}

/// The renderer's names of the bundled families are the font crate's.
#[test]
fn bundled_family_names_are_the_font_crates() {
    let files = yanxiu_render::bundled_fonts::files();
    for family in [
        yanxiu_render::BUNDLED_SERIF,
        yanxiu_render::BUNDLED_SERIF_RARE,
        yanxiu_render::BUNDLED_SANS,
    ] {
        assert!(files.iter().any(|f| f.family == family), "{family}");
    }
}
