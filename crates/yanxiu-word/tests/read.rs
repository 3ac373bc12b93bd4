//! Reading our own .docx back: the model comes back whole (through the
//! stored record), and the form's fields come back from the visible form
//! alone (the stored record removed, as when a unit fills the blank form).

use proptest::prelude::*;
use std::io::{Cursor, Read, Write};
use yanxiu_core::{Application, Featured, PreviousClass, Profile, Schedule, SelfFunded, parse};
use yanxiu_word::{ReadError, application_docx, read_docx};

fn example(name: &str) -> Application {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    parse::application_from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The same .docx without the stored record: only what the form shows.
fn without_record(docx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_owned();
        if name == "docProps/custom.xml" {
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if f.is_dir() {
            continue;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The same .docx with every content control unwrapped (its content kept),
/// and without the stored record: a form read by its labels alone.
fn without_controls(docx: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_owned();
        if f.is_dir() || name == "docProps/custom.xml" {
            continue;
        }
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            let mut xml = String::from_utf8(bytes).unwrap();
            while let Some(a) = xml.find("<w:sdtPr>") {
                let b = xml[a..].find("</w:sdtPr>").unwrap() + a + "</w:sdtPr>".len();
                xml.replace_range(a..b, "");
            }
            for tag in ["<w:sdt>", "</w:sdt>", "<w:sdtContent>", "</w:sdtContent>"] {
                xml = xml.replace(tag, "");
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A free text as the form prints it: each line a paragraph, blank lines
/// only separating.
fn paragraphs(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the form prints of an application: the fields it has no place for
/// left at their defaults.
fn form_only(a: &Application) -> Application {
    let mut f = Application {
        applicant: yanxiu_core::Applicant {
            name: a.applicant.name.clone(),
            ..Default::default()
        },
        applied_on: a.applied_on,
        project_name: a.project_name.clone(),
        schedule: a.schedule,
        venue: a.venue.clone(),
        industry: a.industry.clone(),
        authority: a.authority.clone(),
        funding: a.funding.clone(),
        topics: a.topics.clone(),
        purpose: paragraphs(&a.purpose),
        content: paragraphs(&a.content),
        experts: paragraphs(&a.experts),
        audience: paragraphs(&a.audience),
        participants: a.participants,
        featured: a.featured.clone(),
        ..Default::default()
    };
    f.level = Default::default();
    f
}

#[test]
fn the_examples_come_back_whole() {
    let p = Profile::default();
    for name in ["application.json", "application-zh.json"] {
        let app = example(name);
        let docx = application_docx(Some(&app), &p).unwrap();
        assert_eq!(read_docx(&docx).unwrap(), app, "{name}");
        assert_eq!(
            read_docx(&without_record(&docx)).unwrap(),
            form_only(&app),
            "{name} from the form alone"
        );
    }
}

#[test]
fn our_form_without_its_controls_is_read_by_its_labels() {
    let p = Profile::default();
    for name in ["application.json", "application-zh.json"] {
        let app = example(name);
        let docx = without_controls(&application_docx(Some(&app), &p).unwrap());
        assert!(!String::from_utf8_lossy(&docx).contains("w:sdt"));
        let read = read_docx(&docx).unwrap();
        // The 特色班 cell, read as text, comes back with its earlier classes,
        // focus and plan: the form's wording is read as it is printed.
        assert_eq!(read, form_only(&app), "{name}");
    }
}

#[test]
fn a_copy_typed_over_for_another_project_keeps_nothing_hidden_of_the_first() {
    let app = example("application.json");
    assert!(app.contact.is_some());
    let docx = application_docx(Some(&app), &Profile::default()).unwrap();
    // The project's name typed over in the copy: the document's stored record is not this one's.
    let xml_of = |d: &[u8]| {
        let mut zip = zip::ZipArchive::new(Cursor::new(d)).unwrap();
        let mut s = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let xml = xml_of(&docx).replace(&app.project_name, "另一个高级研修班");
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let name = f.name().to_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            bytes = xml.clone().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let read = read_docx(&out.finish().unwrap().into_inner()).unwrap();
    assert_eq!(read.project_name, "另一个高级研修班");
    assert_eq!(
        read.contact, None,
        "the first project's 联系人 is not carried over"
    );
    assert_eq!(read.venue, app.venue, "what the form shows is read");
}

#[test]
fn a_count_typed_in_words_is_an_error_naming_the_label() {
    let app = example("application.json");
    let docx = without_record(&application_docx(Some(&app), &Profile::default()).unwrap());
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            // The 计划培训人数 value, typed over in words.
            let xml = String::from_utf8(bytes).unwrap();
            let at = xml.find("w:name=\"yx_participants\"").unwrap();
            let t = at + xml[at..].find("<w:t").unwrap();
            let start = t + xml[t..].find('>').unwrap() + 1;
            let end = start + xml[start..].find("</w:t>").unwrap();
            bytes = format!("{}约六十{}", &xml[..start], &xml[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    let e = read_docx(&out.finish().unwrap().into_inner()).unwrap_err();
    assert_eq!(e.to_string(), "「培训人数」：不是整数（现为“约六十”）");
}

#[test]
fn the_blank_form_reads_as_an_empty_application() {
    let docx = application_docx(None, &Profile::default()).unwrap();
    let app = read_docx(&docx).unwrap();
    assert_eq!(app, Application::default(), "hints and blanks are not data");
    let by_labels = read_docx(&without_controls(&docx)).unwrap();
    assert_eq!(
        by_labels,
        Application::default(),
        "nor when read by the labels"
    );
}

#[test]
fn what_is_not_a_form_is_one_clear_error() {
    assert!(matches!(read_docx(b"hello"), Err(ReadError::NotDocx)));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0; 504]);
    let e = read_docx(&ole).unwrap_err();
    assert!(matches!(e, ReadError::Corrupt(_)), "{e}");
    // Compound files that are no Word document: a workbook, a protected .docx.
    let compound = |stream: &str| {
        let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut cf.create_stream(stream).unwrap(), &[0; 600]).unwrap();
        cf.into_inner().into_inner()
    };
    let e = read_docx(&compound("Workbook")).unwrap_err();
    assert!(
        matches!(e, ReadError::NotWord) && e.to_string().contains(".xls"),
        "{e}"
    );
    let e = read_docx(&compound("EncryptionInfo")).unwrap_err();
    assert!(
        matches!(e, ReadError::Encrypted) && e.to_string().contains("密码"),
        "{e}"
    );
    // A WordDocument stream of Word 95 (nFib 0x65).
    let mut word95 = vec![0; 600];
    word95[..4].copy_from_slice(&[0xEC, 0xA5, 0x65, 0x00]);
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(&mut cf.create_stream("WordDocument").unwrap(), &word95).unwrap();
    let e = read_docx(&cf.into_inner().into_inner()).unwrap_err();
    assert!(
        matches!(e, ReadError::OldWord) && e.to_string().contains("95"),
        "{e}"
    );
    // A zip bomb: a document part far over the limit, highly compressible.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..=(yanxiu_word::MAX_PART_BYTES >> 20) {
        out.write_all(&chunk).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "a small file");
    let e = read_docx(&bomb).unwrap_err();
    assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
    // Nesting far deeper than a form's: refused before any walk over it.
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let deep = format!(
        "<w:document {w}><w:body>{}<w:p/>{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(5_000),
        "</w:sdtContent></w:sdt>".repeat(5_000)
    );
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(deep.as_bytes()).unwrap();
    let e = read_docx(&out.finish().unwrap().into_inner()).unwrap_err();
    assert!(
        matches!(e, ReadError::TooLarge { .. }) && e.to_string().contains("嵌套"),
        "{e}"
    );
    // A table of thousands of rows.
    let rows = format!(
        "<w:document {w}><w:body><w:tbl>{}</w:tbl></w:body></w:document>",
        "<w:tr><w:tc><w:p/></w:tc></w:tr>".repeat(2_000)
    );
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(rows.as_bytes()).unwrap();
    let e = read_docx(&out.finish().unwrap().into_inner()).unwrap_err();
    assert!(
        matches!(e, ReadError::TooLarge { .. }) && e.to_string().contains("行数"),
        "{e}"
    );
    // Broken XML.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(b"<w:document><w:body><w:p>").unwrap();
    let broken = out.finish().unwrap().into_inner();
    assert!(matches!(read_docx(&broken), Err(ReadError::Corrupt(_))));
    // A Word document that is not a 申报表.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    out.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    out.write_all(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>通知</w:t></w:r></w:p></w:body></w:document>"#.as_bytes()).unwrap();
    let other = out.finish().unwrap().into_inner();
    let e = read_docx(&other).unwrap_err();
    assert!(matches!(e, ReadError::NotAForm), "{e}");
}

/// Text as a unit types it on the form: no blank lines, no surrounding
/// spaces, nothing XML cannot hold.
fn typed(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::string::string_regex(&format!(
            "[研修高级班福建省数字经济人才（）、，。“”：；0-9A-Za-z<>&\"']{{1,{max}}}"
        ))
        .unwrap(),
        1..3,
    )
    .prop_map(|lines| lines.join("\n"))
}

fn line(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[研修高级班福建省数字经济人才（）、，。0-9A-Za-z<>&]{{1,{max}}}"
    ))
    .unwrap()
}

fn date() -> impl Strategy<Value = chrono::NaiveDate> {
    (2000i32..=2099, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn class() -> impl Strategy<Value = PreviousClass> {
    (
        line(20),
        proptest::option::of(line(10)),
        proptest::option::of(line(10)),
        proptest::option::of(1u32..500),
    )
        .prop_map(|(name, held, experts, participants)| PreviousClass {
            name,
            held: held.unwrap_or_default(),
            experts: experts.unwrap_or_default(),
            participants,
            ..Default::default()
        })
}

fn application() -> impl Strategy<Value = Application> {
    (
        (
            line(30),
            line(20),
            line(15),
            line(12),
            line(12),
            date(),
            proptest::option::of(date()),
        ),
        (
            any::<bool>(),
            proptest::option::of(proptest::option::of(line(10))),
        ),
        (
            proptest::option::of(line(40)),
            proptest::option::of(line(40)),
            proptest::option::of(line(40)),
        ),
        (
            typed(60),
            typed(60),
            typed(60),
            typed(60),
            proptest::option::of(1u32..1000),
            0i64..10,
        ),
        proptest::option::of((
            proptest::collection::vec(class(), 0..3),
            proptest::option::of(typed(40)),
            proptest::option::of(typed(40)),
        )),
    )
        .prop_map(|(heads, funding, topics, texts, featured)| {
            let (name, unit, venue, industry, authority, start, applied_on) = heads;
            let (purpose, content, experts, audience, participants, days) = texts;
            let mut a = Application {
                project_name: name,
                venue,
                industry,
                authority,
                applied_on,
                schedule: Some(
                    Schedule::dates(start, start + chrono::Duration::days(days)).unwrap(),
                ),
                purpose,
                content,
                experts,
                audience,
                participants,
                ..Default::default()
            };
            a.applicant.name = unit;
            a.funding.government = funding.0;
            a.funding.self_funded = funding.1.map(|s| SelfFunded {
                source: s.unwrap_or_default(),
            });
            a.topics.major_strategy = topics.0;
            a.topics.digital = topics.1;
            a.topics.industry = topics.2;
            a.featured = featured.map(|(previous, focus, plan)| Featured {
                previous,
                focus: focus.unwrap_or_default(),
                plan: plan.unwrap_or_default(),
            });
            a
        })
}

proptest! {
    // A fixed seed: CI tests the same cases every run (failures found are
    // kept in read.proptest-regressions and replayed first).
    #![proptest_config(ProptestConfig {
        cases: 64,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_2024),
        ..ProptestConfig::default()
    })]

    #[test]
    fn model_to_docx_to_model_is_the_identity(app in application()) {
        let docx = application_docx(Some(&app), &Profile::default()).unwrap();
        prop_assert_eq!(read_docx(&docx).unwrap(), app.clone());
        // From the visible form alone, as when a unit fills the blank form.
        prop_assert_eq!(read_docx(&without_record(&docx)).unwrap(), form_only(&app));
    }
}

/// A Word 97 file whose piece table repeats the whole text 25,000 times
/// (pieces may overlap in a hostile file): read as the text once, never
/// 25,000 copies of it.
#[test]
fn overlapping_pieces_do_not_multiply_a_doc() {
    use std::io::{Read as _, Write as _};
    let seed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../yanxiu-cli/assets/demo-form-word97.doc"),
    )
    .unwrap();
    let mut cf = cfb::CompoundFile::open(Cursor::new(&seed)).unwrap();
    let mut read = |name: &str| {
        let mut b = Vec::new();
        cf.open_stream(name).unwrap().read_to_end(&mut b).unwrap();
        b
    };
    let mut word = read("WordDocument");
    let table_name = if u16::from_le_bytes([word[10], word[11]]) & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let mut table = read(table_name);
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    // FibRgFcLcb97 pair 33 is the Clx; its first piece's descriptor is kept.
    let clx_at = 154 + 33 * 8;
    let (fc, lcb) = (
        u32_at(&word, clx_at) as usize,
        u32_at(&word, clx_at + 4) as usize,
    );
    let clx = &table[fc..fc + lcb];
    assert_eq!(clx[0], 0x02, "the seed's Clx starts with its piece table");
    let plc_lcb = u32_at(clx, 1) as usize;
    let n = (plc_lcb - 4) / 12;
    // The main text's length (FibRgLw97's ccpText).
    let ccp_text = u32_at(&word, 76);
    let pcd = clx[5 + 4 * (n + 1)..5 + 4 * (n + 1) + 8].to_vec();
    let copies = 50_000u32;
    // CPs 0, ccp-1, 0, ccp-1, …: every other piece claims the main text
    // again (a piece starting at its end would close the table).
    let mut bad = Vec::new();
    for i in 0..=copies {
        bad.extend(if i % 2 == 0 { 0u32 } else { ccp_text - 1 }.to_le_bytes());
    }
    for _ in 0..copies {
        bad.extend(&pcd);
    }
    let mut new_clx = vec![0x02];
    new_clx.extend((bad.len() as u32).to_le_bytes());
    new_clx.extend(&bad);
    let at = table.len() as u32;
    table.extend(&new_clx);
    word[clx_at..clx_at + 4].copy_from_slice(&at.to_le_bytes());
    word[clx_at + 4..clx_at + 8].copy_from_slice(&(new_clx.len() as u32).to_le_bytes());
    let mut out = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, bytes) in [("WordDocument", &word), (table_name, &table)] {
        out.create_stream(name).unwrap().write_all(bytes).unwrap();
    }
    let bytes = out.into_inner().into_inner();
    // The text once, so the form reads as the seed does (25,000 copies
    // would be refused as too large, after a long while).
    let want = read_docx(&seed).unwrap().project_name;
    assert_eq!(read_docx(&bytes).unwrap().project_name, want);
}
