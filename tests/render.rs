//! Rendered PDFs, checked from the PDF itself.

use std::sync::OnceLock;
use yanxiu_core::{Application, Profile, TopicScope};
use yanxiu_render::{RenderError, RenderOptions, Renderer};
use yanxiu_tests::*;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().unwrap())
}

fn final_opts() -> RenderOptions {
    RenderOptions::default()
}

fn draft() -> RenderOptions {
    RenderOptions {
        draft: true,
        pdfa: false,
    }
}

#[test]
fn application_shows_every_label_in_order_and_every_value() {
    let app = example_application_zh();
    let pdf = renderer().render_application(&app, &final_opts()).unwrap();
    let text = pdf_text(&pdf);
    let title = Profile::one_line(&renderer().profile().application_title(2024));
    let mut expected = vec!["附件1".to_owned(), title];
    // The form's order: the line under the title, then the rows.
    for (_, label) in renderer().profile().application_form.labelled() {
        expected.push(label.replace('\n', ""));
    }
    // Labels interleave with values; check labels alone in order first.
    in_order(&text, &expected);
    let squeezed = squeeze(&text);
    let f = app.featured.as_ref().unwrap();
    for value in [
        &app.applicant.name,
        &app.project_name,
        "2024年9月23日至27日",
        "2024年1月8日",
        &app.venue,
        &app.industry,
        &app.authority,
        &app.funding.self_funded.as_ref().unwrap().source,
        app.topics.get(TopicScope::KeyFields).unwrap(),
        app.topics.get(TopicScope::Industry).unwrap(),
        &app.purpose,
        &app.content,
        &app.experts,
        &app.audience,
        &f.previous[0].name,
        &f.previous[1].results,
        &f.focus,
        &f.plan,
    ] {
        assert!(squeezed.contains(&squeeze(value)), "「{value}」 missing");
    }
    // A filled form shows the applicant's text, not the hints.
    assert!(!squeezed.contains("包括但不限于"));
}

#[test]
fn label_rows_keep_the_notices_line_breaks() {
    let pdf = renderer()
        .render_application(&example_application(), &final_opts())
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains("是否符合\n选题范围"), "{text}");
    assert!(text.contains("研修目的\n和作用"));
}

#[test]
fn long_field_flows_onto_later_pages_without_losing_a_line() {
    let mut app = example_application();
    let sentence = "研修内容第{}段：主题报告、专题研讨、学术交流与现场教学相结合。";
    let mut content = String::new();
    let mut n = 0;
    while content.chars().count() < 10_000 {
        n += 1;
        content.push_str(&sentence.replace("{}", &n.to_string()));
        if n % 5 == 0 {
            content.push('\n');
        }
    }
    app.content = content.clone();
    let pdf = renderer().render_application(&app, &final_opts()).unwrap();
    let pages = pdf_pages(&pdf);
    assert!(
        pages.len() >= 6,
        "10,000 characters take several pages, got {}",
        pages.len()
    );
    let all = squeeze(&pages.join(""));
    for i in 1..=n {
        assert!(
            all.contains(&format!("研修内容第{i}段")),
            "paragraph {i} of {n} lost"
        );
    }
    // Page numbers on every page.
    for (i, p) in pages.iter().enumerate() {
        assert!(
            squeeze(p).contains(&format!("—{}—", i + 1)),
            "page {} lacks its number",
            i + 1
        );
    }
}

#[test]
fn rare_name_characters_print() {
    let mut app = example_application();
    app.contact.as_mut().unwrap().name = "林堃".into();
    app.experts = "拟邀请王喆教授、陈燊研究员、黄珺高级工程师授课。".into();
    let pdf = renderer().render_application(&app, &final_opts()).unwrap();
    let text = pdf_text(&pdf);
    for c in ["喆", "燊", "珺"] {
        assert!(text.contains(c), "{c} missing");
    }
}

#[test]
fn typst_markup_in_data_prints_literally() {
    let mut app = example_application();
    let evil = [
        "#panic(\"x\")",
        "]#set page(width: 1pt)[",
        "$x^2$ *bold* _it_ <lbl> @ref `raw` \\ // /*",
        "#import \"/etc/passwd\"",
    ];
    app.project_name = evil[0].into();
    app.venue = evil[1].into();
    app.purpose = evil[2].into();
    app.remark = evil[3].into();
    app.experts = evil[3].into();
    let pdf = renderer().render_application(&app, &final_opts()).unwrap();
    let text = squeeze(&pdf_text(&pdf));
    for e in evil.iter().take(4) {
        assert!(
            text.contains(&squeeze(e)),
            "「{e}」 not printed literally in {text}"
        );
    }
    assert_eq!(pdf_info(&pdf, "Title").as_deref(), Some(evil[0]));
}

#[test]
fn uncovered_character_is_refused_with_field_and_code_point() {
    let mut app = example_application();
    app.audience = "中高级职称人员😀".into();
    match renderer().render_application(&app, &final_opts()) {
        Err(RenderError::UncoveredChar { path, ch, code, .. }) => {
            assert_eq!(path, "audience");
            assert_eq!(ch, '😀');
            assert_eq!(code, 0x1F600);
        }
        other => panic!("expected UncoveredChar, got {other:?}"),
    }
    let msg = renderer()
        .render_application(&app, &final_opts())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("U+1F600") && msg.contains("audience"), "{msg}");
    // Nested fields are named by their path too.
    let mut s = example_summary();
    s.applications[3].venue = "\u{E000}".into();
    let e = renderer().render_summary(&s, &final_opts()).unwrap_err();
    assert!(
        matches!(e, RenderError::UncoveredChar { ref path, .. } if path == "applications[3].venue"),
        "{e:?}"
    );
}

fn synthetic_summary(n: usize) -> yanxiu_core::Summary {
    let mut s = example_summary();
    let base = s.applications.clone();
    s.applications = (0..n)
        .map(|i| {
            let mut a: Application = base[i % base.len()].clone();
            a.project_name = format!("第{}号高级研修班（{}）", i + 1, a.project_name);
            a
        })
        .collect();
    s
}

#[test]
fn summary_repeats_its_header_and_counts_totals_over_hundreds_of_rows() {
    let s = synthetic_summary(300);
    let pdf = renderer().render_summary(&s, &final_opts()).unwrap();
    let pages = pdf_pages(&pdf);
    assert!(
        pages.len() > 10,
        "300 rows need many pages, got {}",
        pages.len()
    );
    let header: Vec<String> = renderer()
        .profile()
        .summary_form
        .columns
        .iter()
        .map(|c| c.label.replace('\n', ""))
        .collect();
    for (i, p) in pages.iter().enumerate() {
        in_order(p, &header);
        assert!(
            squeeze(p).contains(&format!("—{}—", i + 1)),
            "page {} number",
            i + 1
        );
    }
    let all = squeeze(&pages.join(""));
    for i in [1, 150, 300] {
        assert!(all.contains(&format!("第{i}号高级研修班")), "row {i}");
    }
    let t = s.totals();
    assert_eq!(t.projects, 300);
    // The totals row, on the last page.
    let last = squeeze(pages.last().expect("pages"));
    let row = format!("合计：300个项目{}", t.participants);
    assert!(last.contains(&row), "totals row {row} missing:\n{last}");
    for cell in [
        format!("财政资助{}个", t.government),
        format!("自筹经费{}个", t.self_funded),
        format!("其中兼有{}个", t.both),
        format!("{}个", t.featured),
    ] {
        assert!(last.contains(&cell), "totals cell {cell} missing:\n{last}");
    }
    // The counts themselves, from the rows: 60 of each of the 5 examples.
    assert_eq!(t.participants, 60 * (60 + 50 + 45 + 40 + 80));
    assert_eq!((t.government, t.self_funded, t.featured), (240, 120, 60));
}

#[test]
fn renders_are_byte_identical() {
    let app = example_application();
    let a = renderer().render_application(&app, &final_opts()).unwrap();
    let b = renderer().render_application(&app, &final_opts()).unwrap();
    let c = Renderer::new()
        .unwrap()
        .render_application(&app, &final_opts())
        .unwrap();
    assert!(a == b && b == c, "renders differ");
    let s = example_summary();
    assert_eq!(
        renderer().render_summary(&s, &final_opts()).unwrap(),
        renderer().render_summary(&s, &final_opts()).unwrap()
    );
}

#[test]
fn pdfa_identification_when_asked() {
    let app = example_application();
    let plain = renderer().render_application(&app, &final_opts()).unwrap();
    let pdfa = renderer()
        .render_application(
            &app,
            &RenderOptions {
                draft: false,
                pdfa: true,
            },
        )
        .unwrap();
    let has = |pdf: &[u8], needle: &str| pdf.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(has(&pdfa, "<pdfaid:part>2</pdfaid:part>"), "no PDF/A part");
    assert!(
        has(&pdfa, "<pdfaid:conformance>B</pdfaid:conformance>"),
        "no PDF/A conformance"
    );
    assert!(!has(&plain, "pdfaid:part"));
    let blank = renderer()
        .blank_summary(&RenderOptions {
            draft: false,
            pdfa: true,
        })
        .unwrap();
    assert!(has(&blank, "<pdfaid:part>2</pdfaid:part>"));
}

#[test]
fn all_fonts_are_embedded_and_subset() {
    for pdf in [
        renderer()
            .render_application(&example_application(), &final_opts())
            .unwrap(),
        renderer()
            .render_summary(&example_summary(), &final_opts())
            .unwrap(),
    ] {
        let fonts = pdf_fonts(&pdf);
        assert!(!fonts.is_empty());
        for f in fonts {
            let cols: Vec<&str> = f.split_whitespace().collect();
            // name type... encoding emb sub uni: emb and sub are "yes".
            let n = cols.len();
            assert_eq!(
                (cols[n - 5], cols[n - 4]),
                ("yes", "yes"),
                "font not embedded and subset: {f}"
            );
        }
        // Subset fonts keep the file small though the bundled faces are megabytes.
        assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
    }
}

#[test]
fn metadata_names_project_and_unit() {
    let app = example_application();
    let pdf = renderer().render_application(&app, &final_opts()).unwrap();
    assert_eq!(
        pdf_info(&pdf, "Title").as_deref(),
        Some(app.project_name.as_str())
    );
    assert_eq!(
        pdf_info(&pdf, "Author").as_deref(),
        Some(app.applicant.name.as_str())
    );
}

#[test]
fn invalid_data_is_refused_unless_draft() {
    let app = invalid_application();
    match renderer().render_application(&app, &final_opts()) {
        Err(RenderError::Invalid(findings)) => assert!(findings.iter().any(|f| f.code == "YX050")),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let pdf = renderer().render_application(&app, &draft()).unwrap();
    assert!(pdf_text(&pdf).contains("短视频运营技能提升班"));
    // The watermark is rotated red text, which pdftotext skips: look at the page.
    let reddish = |draft: bool| {
        let png = renderer()
            .application_pngs(Some(&app), draft, 0.5)
            .unwrap()
            .remove(0);
        let (w, h, px) = decode_png(&png);
        assert!(w > 0 && h > 0);
        px.chunks(4)
            .filter(|p| p[0] as i32 - p[1] as i32 > 20)
            .count()
    };
    assert!(reddish(true) > 500, "draft watermark missing");
    assert_eq!(reddish(false), 0);
}

#[test]
fn blank_forms_show_hints_and_empty_boxes() {
    let pdf = renderer().blank_application(&final_opts()).unwrap();
    let text = squeeze(&pdf_text(&pdf));
    for (field, h) in renderer().profile().application_form.hints() {
        assert!(text.contains(&squeeze(h)), "hint of {field:?} missing");
    }
    assert!(text.contains("申报时间：年月日"), "{text}");
    assert!(text.contains("财政资助项目") && text.contains("服务重大战略："));
    let pdf = renderer().blank_summary(&final_opts()).unwrap();
    let text = squeeze(&pdf_text(&pdf));
    assert!(text.contains("福建省专业技术人员知识更新工程2024年高级研修项目汇总表"));
    assert!(text.contains("填报日期：年月日"));
    // An empty totals row to fill by hand.
    assert!(text.contains("合计") && !text.contains("合计："), "{text}");
}

#[test]
fn national_example_renders_featured_classes() {
    let pdf = renderer()
        .render_application(&example_application_zh(), &final_opts())
        .unwrap();
    let text = squeeze(&pdf_text(&pdf));
    assert!(
        text.contains("1.海洋装备智能制造高级研修班（2022年10月）"),
        "{text}"
    );
    assert!(text.contains("（72人）"));
    assert!(text.contains("计划培训人数：80人"));
}

/// A long 汇总表 typeset in runs of rows (memory flat in the rows) has the
/// pages of the one-table layout: the same text on every page, rows cut
/// where the single table cuts them, numbers carried on, the heading once,
/// the totals once; the joined file is valid, its fonts embedded, its bytes
/// the same every time, and PDF/A-2b keeps its metadata with the whole
/// page count.
#[test]
fn a_summary_in_runs_has_the_pages_of_one_table() {
    let mut s = synthetic_summary(130);
    // Some rows tall enough that runs end on pages of different fill.
    for a in s.applications.iter_mut().step_by(7) {
        a.project_name = format!("{}：{}", a.project_name, "数字化转型与产业升级".repeat(3));
    }
    let one = Renderer::builder()
        .summary_run_rows(10_000)
        .build()
        .unwrap();
    let runs = Renderer::builder().summary_run_rows(40).build().unwrap();
    let single = one.render_summary(&s, &final_opts()).unwrap();
    let joined = runs.render_summary(&s, &final_opts()).unwrap();
    let (a, b) = (pdf_pages(&single), pdf_pages(&joined));
    assert!(a.len() > 6, "{} pages", a.len());
    assert_eq!(a.len(), b.len(), "page count");
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(squeeze(x), squeeze(y), "page {} differs", i + 1);
    }
    assert_eq!(squeeze(&b.join("")).matches("报送单位").count(), 1);
    assert_eq!(squeeze(&b.join("")).matches("合计：").count(), 1);
    // Valid, every font embedded, deterministic.
    let dir = std::env::temp_dir().join(format!("yanxiu-runs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let qpdf_check = |pdf: &[u8]| {
        let path = dir.join("joined.pdf");
        std::fs::write(&path, pdf).unwrap();
        let check = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf (scripts/test.sh installs it)");
        assert!(
            check.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    };
    qpdf_check(&joined);
    let fonts = pdf_fonts(&joined);
    assert!(
        !fonts.is_empty() && fonts.iter().all(|l| l.contains(" yes ")),
        "{fonts:?}"
    );
    assert!(
        joined == runs.render_summary(&s, &final_opts()).unwrap(),
        "joined bytes differ"
    );
    // PDF/A-2b: the first run's metadata, with the whole page count.
    let pdfa = RenderOptions {
        draft: false,
        pdfa: true,
    };
    let archived = runs.render_summary(&s, &pdfa).unwrap();
    let text = String::from_utf8_lossy(&archived);
    assert!(text.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A id");
    assert!(
        text.contains(&format!("<xmpTPg:NPages>{}</xmpTPg:NPages>", a.len())),
        "page count"
    );
    assert!(text.contains("/OutputIntents"), "output intent");
    assert_eq!(pdf_pages(&archived).len(), a.len());
    qpdf_check(&archived);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A row too tall for a page breaks across pages instead of running off
/// the foot of one: every character of three 3,600-character remarks is
/// printed, in runs as in one table, and runs cut where the table breaks.
#[test]
fn a_row_taller_than_a_page_breaks_and_loses_nothing() {
    let mut s = synthetic_summary(90);
    for i in [38, 39, 41] {
        s.applications[i].remark = "备注很长".repeat(900);
    }
    let one = Renderer::builder()
        .summary_run_rows(10_000)
        .build()
        .unwrap();
    let runs = Renderer::builder().summary_run_rows(40).build().unwrap();
    let single = pdf_pages(&one.render_summary(&s, &draft()).unwrap());
    let joined = pdf_pages(&runs.render_summary(&s, &draft()).unwrap());
    let all = squeeze(&single.join(""));
    // Counted by a character the rest of the form lacks: a page break may
    // fall inside the four-character phrase.
    assert_eq!(all.matches('很').count(), 3 * 900, "remark text lost");
    assert_eq!(single.len(), joined.len(), "page count");
    for (i, (x, y)) in single.iter().zip(&joined).enumerate() {
        assert_eq!(squeeze(x), squeeze(y), "page {} differs", i + 1);
    }
    // Ordinary rows still never split: each of the other rows' names is
    // whole on one page.
    for i in [1usize, 37, 43, 90] {
        let name = format!("第{i}号高级研修班");
        assert!(single.iter().any(|p| squeeze(p).contains(&name)), "{name}");
    }
}
