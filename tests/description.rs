//! The form's description is the one place a label, a width or a piece of
//! wording lives: changed in a copy of the profile, the PDF, the Word file
//! and the Word reader all follow, with no code touched.

use yanxiu_core::Profile;
use yanxiu_core::form::Field;
use yanxiu_render::{RenderOptions, Renderer};
use yanxiu_tests::*;
use yanxiu_word::{application_docx, read_docx_with};

/// The 2024 profile with a label, a width, a row's blank room and two
/// pieces of wording changed, as next year's notice might.
fn changed() -> Profile {
    let mut p = Profile::fujian_2024();
    let form = &mut p.application_form;
    let venue = form
        .rows
        .iter_mut()
        .flat_map(|r| r.cells.iter_mut())
        .find(|c| c.field == Field::Venue)
        .unwrap();
    venue.label = Some("举办地点".into());
    form.columns_mm = [34.0, 44.5, 29.5, 48.0];
    form.unit_line.stamp = "（公章）".into();
    form.featured.lead = "往期相关班次：".into();
    form.featured.results.before = "；成效：".into();
    p
}

fn docx_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

#[test]
fn a_label_width_and_wording_changed_in_the_description_reach_every_output() {
    let p = changed();
    let app = example_application_zh();
    assert!(app.featured.is_some(), "the example has a 特色班 to print");

    let r = Renderer::builder().profile(p.clone()).build().unwrap();
    let opts = RenderOptions::default();
    let text = squeeze(&pdf_text(&r.render_application(&app, &opts).unwrap()));
    for want in ["举办地点", "（公章）", "往期相关班次：", "；成效："] {
        assert!(text.contains(want), "PDF lacks {want}:\n{text}");
    }
    assert!(
        !text.contains("办班地点") && !text.contains("取得成效"),
        "{text}"
    );

    let docx = application_docx(Some(&app), &p).unwrap();
    let xml = docx_xml(&docx);
    for want in ["举办地点", "（公章）", "往期相关班次：", "；成效："] {
        assert!(xml.contains(want), ".docx lacks {want}");
    }
    // (The field keeps its name as its control's title; no text prints it.)
    assert!(!xml.contains("办班地点</w:t>"));
    // The first column's width, 34 mm in twentieths of a point.
    assert!(xml.contains(r#"<w:gridCol w:w="1928""#), "grid of 34 mm");

    // The reader inverts the same description: the 特色班 printed with the
    // new wording reads back into its classes.
    let back = read_docx_with(&docx, &p).unwrap();
    assert_eq!(back.featured, app.featured);
    assert_eq!(back.venue, app.venue);
}

#[test]
fn a_description_naming_no_field_does_not_load() {
    let text = yanxiu_core::FUJIAN_2024.replace(r#"field = "venue""#, r#"field = "venu""#);
    let err = Profile::from_toml(&text).unwrap_err().to_string();
    assert!(err.contains("venu"), "{err}");
    let text = yanxiu_core::FUJIAN_2024.replace(
        r#"cells = [{ field = "industry" }, { field = "authority" }]"#,
        r#"cells = [{ field = "industry" }, { field = "venue" }]"#,
    );
    let err = Profile::from_toml(&text).unwrap_err().to_string();
    assert!(err.contains("办班地点"), "{err}");
}

#[test]
fn a_summary_column_and_reporter_label_changed_reach_pdf_word_and_workbook() {
    let mut p = Profile::fujian_2024();
    let form = &mut p.summary_form;
    form.columns[4].label = "举办\n地点".into();
    form.reporter[0].label = "报送单位（公章）".into();
    let s = example_summary();

    let r = Renderer::builder().profile(p.clone()).build().unwrap();
    let text = squeeze(&pdf_text(
        &r.render_summary(&s, &RenderOptions::default()).unwrap(),
    ));
    assert!(
        text.contains("举办地点") && text.contains("报送单位（公章）："),
        "{text}"
    );
    assert!(!text.contains("办班地点"), "{text}");

    let xml = docx_xml(&yanxiu_word::summary_docx(Some(&s), &p).unwrap());
    assert!(xml.contains("举办") && xml.contains("报送单位（公章）："));
    assert!(!xml.contains("办班地点"));

    let book = yanxiu_sheet::summary_workbook(&s, &p).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("举办\n地点") && strings.contains("报送单位（公章）："));
    assert!(!strings.contains("办班地点"));
}
