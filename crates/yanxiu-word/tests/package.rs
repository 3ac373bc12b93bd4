//! The .docx package as office tools and mail gateways take it: every part
//! deflated, sizes in proportion to the text.

use std::io::Cursor;
use yanxiu_core::{Profile, Summary, parse};
use yanxiu_word::{application_docx, read_docx, summary_docx};

fn parts_stored(docx: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    (0..zip.len())
        .filter_map(|i| {
            let f = zip.by_index(i).unwrap();
            (f.compression() != zip::CompressionMethod::Deflated).then(|| f.name().to_owned())
        })
        .collect()
}

#[test]
fn every_part_is_deflated_and_the_forms_are_small() {
    let p = Profile::fujian_2024();
    let app = parse::application_from_json(yanxiu_core::examples::APPLICATION_ZH).unwrap();
    let docx = application_docx(Some(&app), &p).unwrap();
    assert_eq!(parts_stored(&docx), Vec::<String>::new());
    assert!(docx.len() < 25_000, "申报表 {} bytes", docx.len());
    // The parts are all there, and the form reads back.
    let zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
    for part in [
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
        "docProps/custom.xml",
    ] {
        assert!(zip.index_for_name(part).is_some(), "{part} missing");
    }
    assert_eq!(read_docx(&docx).unwrap().project_name, app.project_name);

    // A 300-row 汇总表.
    let mut s: Summary = parse::summary_from_json(yanxiu_core::examples::SUMMARY).unwrap();
    let one = s.applications[0].clone();
    s.applications = (0..300)
        .map(|i| {
            let mut a = one.clone();
            a.project_name = format!("{}（第{i}期）", one.project_name);
            a
        })
        .collect();
    let docx = summary_docx(Some(&s), &p).unwrap();
    assert_eq!(parts_stored(&docx), Vec::<String>::new());
    assert!(docx.len() < 200_000, "300-row 汇总表 {} bytes", docx.len());
    // Same form, same bytes.
    assert_eq!(summary_docx(Some(&s), &p).unwrap(), docx);
}
