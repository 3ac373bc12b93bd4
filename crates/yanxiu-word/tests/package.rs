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

/// ECMA-376's sequences for the properties Word is strictest about, written
/// out here from the schema (wml.xsd, CT_PPrBase + CT_PPr, CT_RPr /
/// CT_ParaRPr), independently of the writer's table.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
const TCPR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
];

/// Every `w:pPr`, `w:rPr` and `w:tcPr` of every Word part: children known to
/// the schema and in its order (Word refuses a file otherwise).
#[test]
fn properties_are_in_the_order_the_schema_requires() {
    let p = Profile::fujian_2024();
    let app = parse::application_from_json(yanxiu_core::examples::APPLICATION_ZH).unwrap();
    let s = parse::summary_from_json(yanxiu_core::examples::SUMMARY).unwrap();
    let files = [
        application_docx(Some(&app), &p).unwrap(),
        application_docx(None, &p).unwrap(),
        summary_docx(Some(&s), &p).unwrap(),
        summary_docx(None, &p).unwrap(),
    ];
    let mut checked = 0;
    for docx in files {
        let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
        let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
        for name in names
            .iter()
            .filter(|n| n.starts_with("word/") && n.ends_with(".xml"))
        {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            for n in doc.descendants().filter(|n| n.is_element()) {
                let seq = match n.tag_name().name() {
                    "pPr" => PPR,
                    "rPr" => RPR,
                    "tcPr" => TCPR,
                    _ => continue,
                };
                let at: Vec<usize> = n
                    .children()
                    .filter(|c| c.is_element())
                    .map(|c| {
                        let name = c.tag_name().name();
                        seq.iter().position(|s| *s == name).unwrap_or_else(|| {
                            panic!(
                                "{name} is no child of {} in the schema",
                                n.tag_name().name()
                            )
                        })
                    })
                    .collect();
                assert!(
                    at.is_sorted(),
                    "{name}: children of {} out of order: {:?}",
                    n.tag_name().name(),
                    n.children()
                        .filter(|c| c.is_element())
                        .map(|c| c.tag_name().name())
                        .collect::<Vec<_>>()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} property elements checked");
}
