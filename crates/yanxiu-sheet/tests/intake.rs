//! The intake workbook: written, read back, and read when filled badly.

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::PathBuf;
use yanxiu_core::{Application, Reporter, parse};
use yanxiu_sheet::*;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn example_apps() -> Vec<Application> {
    let summary = parse::summary_from_json(
        &std::fs::read_to_string(examples().join("summary.json")).unwrap(),
    )
    .unwrap();
    let mut apps = summary.applications;
    // The workbook carries no 年度 column: the profile's year applies.
    for a in &mut apps {
        a.year = None;
    }
    apps
}

#[test]
fn filled_workbook_reads_back_to_the_same_applications() {
    let apps = example_apps();
    let reporter = Reporter {
        name: "福州市人力资源和社会保障局".into(),
        contact: "王喆".into(),
        phone: "0591-87654321".into(),
    };
    let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 10);
    let bytes = write_intake(&apps, Some((&reporter, date)), apps.first(), &profile()).unwrap();
    let intake = read_intake_bytes(bytes).unwrap();
    assert!(intake.errors().is_empty(), "{:?}", intake.errors());
    assert_eq!(intake.reporter.as_ref(), Some(&reporter));
    assert_eq!(intake.filled_on, date);
    // The example row (a copy of the first) is skipped, its classes too.
    assert_eq!(intake.rows.len(), apps.len());
    assert_eq!(intake.rows[0].row, 3);
    let read: Vec<_> = intake.applications().cloned().collect();
    for (a, b) in apps.iter().zip(&read) {
        assert_eq!(a, b, "{}", a.project_name);
    }
    assert!(
        read.iter()
            .any(|a| a.featured.as_ref().is_some_and(|f| f.previous.len() == 2))
    );
}

#[test]
fn template_has_the_example_row_and_every_sheet() {
    let example = example_apps().pop().unwrap();
    let bytes = intake_template(&example, &profile()).unwrap();
    let intake = read_intake_bytes(bytes.clone()).unwrap();
    assert!(intake.rows.is_empty());
    assert!(intake.problems.is_empty(), "{:?}", intake.problems);
    use calamine::Reader;
    let wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            APPLICATIONS_SHEET,
            PREVIOUS_SHEET,
            REPORTER_SHEET,
            INSTRUCTIONS_SHEET
        ]
    );
}

/// A workbook typed by hand: header row then rows of text cells.
fn hand_made(rows: &[&[&str]]) -> Vec<u8> {
    hand_made_sheets(&[(APPLICATIONS_SHEET, rows)])
}

fn hand_made_sheets(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let run = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        for (name, rows) in sheets {
            let ws = wb.add_worksheet().set_name(*name)?;
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if let Some(n) = v.strip_prefix("#num:") {
                        ws.write_number(r as u32, c as u16, n.parse::<f64>().unwrap())?;
                    } else if !v.is_empty() {
                        ws.write_string(r as u32, c as u16, *v)?;
                    }
                }
            }
        }
        wb.save_to_buffer()
    };
    run().unwrap()
}

#[test]
fn bad_cells_are_named_by_row_and_column() {
    let bytes = hand_made(&[
        &[
            "项目名称",
            "培训人数",
            "申报级别",
            "财政资助项目",
            "申报时间",
            "办班时间",
        ],
        &[
            "甲班",
            "八十",
            "省级",
            "是",
            "2024年1月8日",
            "2024年6月11日至14日",
        ],
        &[
            "乙班",
            "#num:30",
            "市级",
            "也许",
            "2024-02-30",
            "2024年13月",
        ],
        &["丙班", "３０人", "国家级", "否", "", ""],
    ]);
    let intake = read_intake_bytes(bytes).unwrap();
    assert_eq!(intake.rows.len(), 3);
    let e = intake.rows[0].result.as_ref().unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].to_string(),
        "「申报信息」表第2行「培训人数」：不是整数（现为“八十”）"
    );
    let e = intake.rows[1].result.as_ref().unwrap_err();
    let text: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(e.len(), 4, "{text:?}");
    assert!(
        text[0].starts_with("「申报信息」表第3行「申报级别」：只能填：省级 / 国家级"),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("第3行「财政资助项目」：只能填“是”或“否”")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("第3行「申报时间」")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|t| t.contains("第3行「办班时间」")),
        "{text:?}"
    );
    // Full-width digits with 人 are a count.
    let third = intake.rows[2].result.as_ref().unwrap();
    assert_eq!(third.participants, Some(30));
    assert_eq!(intake.rows[2].project_name, "丙班");
}

#[test]
fn line_breaks_in_cells_are_kept() {
    let bytes = hand_made(&[
        &["项目名称", "研修内容和方式"],
        &[
            "甲班",
            "第一天：主题报告\r\n第二天：现场教学\n\n第三天：研讨",
        ],
    ]);
    let apps = read_intake_bytes(bytes)
        .unwrap()
        .into_applications()
        .unwrap();
    assert_eq!(
        apps[0].content,
        "第一天：主题报告\n第二天：现场教学\n\n第三天：研讨"
    );
}

#[test]
fn contradictions_and_unknown_headers_are_refused() {
    let bytes = hand_made(&[
        &[
            "项目名称",
            "自筹经费项目",
            "自筹经费来源",
            "服务重大战略说明",
        ],
        &["甲班", "否", "单位自筹", "服务海丝核心区建设"],
    ]);
    let intake = read_intake_bytes(bytes).unwrap();
    let e = intake.rows[0].result.as_ref().unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].to_string()
            .contains("「自筹经费项目」：填了“否”，但「自筹经费来源」有内容")
    );

    // Text without a tick ticks the box.
    let bytes = hand_made(&[
        &["项目名称", "服务重大战略说明"],
        &["甲班", "服务海丝核心区建设"],
    ]);
    let apps = read_intake_bytes(bytes)
        .unwrap()
        .into_applications()
        .unwrap();
    assert_eq!(
        apps[0].topics.major_strategy.as_deref(),
        Some("服务海丝核心区建设")
    );

    // A column the template does not know is ignored, and said so.
    let bytes = hand_made(&[&["项目名称", "培训天数"], &["甲班", "4"]]);
    let intake = read_intake_bytes(bytes).unwrap();
    assert_eq!(intake.rows.len(), 1);
    assert!(
        intake.warnings[0]
            .to_string()
            .contains("第B列“培训天数”不是申报表的栏目，已忽略"),
        "{:?}",
        intake.warnings
    );

    let bytes = hand_made(&[&["申报单位"], &["甲单位"]]);
    let err = read_intake_bytes(bytes).unwrap_err().to_string();
    assert!(err.contains("缺少「项目名称」列"), "{err}");
}

#[test]
fn earlier_classes_without_their_project_are_reported() {
    let bytes = hand_made_sheets(&[
        (
            APPLICATIONS_SHEET,
            &[&["项目名称", "是否特色班"], &["甲班", "是"]],
        ),
        (
            PREVIOUS_SHEET,
            &[
                &["项目名称", "班次名称", "人数"],
                &["甲班", "甲班第一期", "#num:40"],
                &["乙班", "乙班第一期", "#num:40"],
                &["甲班", "甲班第二期", "很多"],
            ],
        ),
    ]);
    let intake = read_intake_bytes(bytes).unwrap();
    let e = intake.rows[0].result.as_ref().unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "「已办班次」表第4行「人数」：不是整数（现为“很多”）"
    );
    assert_eq!(intake.problems.len(), 1);
    assert!(
        intake.problems[0]
            .to_string()
            .starts_with("「已办班次」表第3行「项目名称」")
    );
}

#[test]
fn one_name_on_two_rows_cannot_share_earlier_classes() {
    let bytes = hand_made_sheets(&[
        (
            APPLICATIONS_SHEET,
            &[
                &["项目名称", "是否特色班"],
                &["甲班", "是"],
                &["甲班", "是"],
            ],
        ),
        (
            PREVIOUS_SHEET,
            &[&["项目名称", "班次名称"], &["甲班", "甲班第一期"]],
        ),
    ]);
    let intake = read_intake_bytes(bytes).unwrap();
    assert_eq!(intake.rows.len(), 2);
    for r in &intake.rows {
        let e = r.result.as_ref().unwrap_err();
        assert!(
            e[0].to_string()
                .contains("出现了2次，「已办班次」表第2行无法确定"),
            "{e:?}"
        );
    }
    assert!(intake.problems.is_empty(), "{:?}", intake.problems);
}

#[test]
fn not_a_workbook_is_one_clear_error() {
    let err = read_intake_bytes(b"PK\x03\x04 truncated".to_vec()).unwrap_err();
    assert!(
        err.to_string().starts_with("不是可读取的 Excel 工作簿"),
        "{err}"
    );
    let mut bytes = write_intake(&example_apps(), None, None, &profile()).unwrap();
    bytes.truncate(bytes.len() / 2);
    let err = read_intake_bytes(bytes).unwrap_err();
    assert!(matches!(err, SheetError::NotAWorkbook(_)), "{err}");
}

#[test]
fn summary_workbook_has_the_pdf_columns_rows_and_totals() {
    use calamine::{Data, Reader};
    let text = std::fs::read_to_string(examples().join("summary.json")).unwrap();
    let mut summary = parse::summary_from_json(&text).unwrap();
    summary.applications[1].remark = "=HYPERLINK(\"http://x.invalid\",\"点我\")".into();
    summary.applications[2].remark = "=cmd|' /C calc'!A0".into();
    let profile = yanxiu_core::Profile::fujian_2024();
    let bytes = summary_workbook(&summary, &profile).unwrap();
    assert_eq!(
        bytes,
        summary_workbook(&summary, &profile).unwrap(),
        "same data, same bytes"
    );

    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = wb.worksheet_range(SUMMARY_SHEET).unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("附件2".into()));
    assert_eq!(
        cell(1, 0),
        Data::String("福建省专业技术人员知识更新工程2024年高级研修项目汇总表".into())
    );
    let headers: Vec<_> = (0..13).map(|c| cell(3, c)).collect();
    let expected: Vec<_> = yanxiu_core::Profile::fujian_2024()
        .summary_form
        .columns
        .iter()
        .map(|c| Data::String(c.label.clone()))
        .collect();
    assert_eq!(headers, expected);
    assert_eq!(cell(4, 0), Data::Float(1.0));
    assert_eq!(
        cell(4, 1),
        Data::String(summary.applications[0].project_name.clone())
    );
    let n = summary.applications.len() as u32;
    assert_eq!(
        cell(4 + n, 0),
        Data::String(yanxiu_core::labels::totals_line(&summary))
    );
    // Formula-looking text is a plain string cell: no formula anywhere.
    assert_eq!(
        cell(5, 12),
        Data::String(summary.applications[1].remark.clone())
    );
    let formulas = wb.worksheet_formula(SUMMARY_SHEET).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    assert!(looks_like_formula(&summary.applications[2].remark));
}

/// `examples/申报信息.xlsx` is the bundled summary as a filled workbook;
/// `YANXIU_UPDATE_REFERENCES=1` writes it again after a layout change.
#[test]
fn example_workbook_is_current() {
    let text = std::fs::read_to_string(examples().join("summary.json")).unwrap();
    let s = parse::summary_from_json(&text).unwrap();
    let bytes = example_workbook(&s, &profile()).unwrap();
    let path = examples().join("申报信息.xlsx");
    if std::env::var_os("YANXIU_UPDATE_REFERENCES").is_some() {
        std::fs::write(&path, &bytes).unwrap();
    }
    let committed = std::fs::read(&path).expect("examples/申报信息.xlsx exists");
    assert!(
        committed == bytes,
        "examples/申报信息.xlsx is stale: rerun with YANXIU_UPDATE_REFERENCES=1"
    );
    let intake = read_intake(&path).unwrap();
    assert!(intake.errors().is_empty());
    let mut expected = s.applications.clone();
    for a in &mut expected {
        a.year = None;
    }
    assert_eq!(intake.applications().cloned().collect::<Vec<_>>(), expected);
}

fn profile() -> yanxiu_core::Profile {
    yanxiu_core::Profile::fujian_2024()
}

/// A workbook as an office sends it: a title row, a column of its own, a
/// unit's name merged over its two projects, a 合计 row and a signature.
#[test]
fn workbooks_as_offices_send_them_read_as_people_read_them() {
    let run = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name(APPLICATIONS_SHEET)?;
        ws.merge_range(0, 0, 0, 4, "2024年高级研修项目申报信息汇总", &Format::new())?;
        for (c, h) in ["序号", "项目名称", "申报单位", "培训人数（人）", "审核意见"]
            .iter()
            .enumerate()
        {
            ws.write_string(2, c as u16, *h)?;
        }
        ws.write_number(3, 0, 1.0)?;
        ws.write_string(3, 1, "甲班")?;
        ws.write_number(3, 3, 40.0)?;
        ws.write_string(3, 4, "同意")?;
        ws.write_number(4, 0, 2.0)?;
        ws.write_string(4, 1, "乙班")?;
        ws.write_number(4, 3, 30.0)?;
        // The unit of both projects, merged over their two rows.
        ws.merge_range(3, 2, 4, 2, "福建省海洋研究院", &Format::new())?;
        ws.write_string(5, 0, "合计")?;
        ws.write_number(5, 3, 70.0)?;
        ws.write_string(7, 0, "填表人：王喆")?;
        // A withdrawn project, hidden by the office.
        ws.write_string(8, 1, "丙班（撤回）")?;
        ws.set_row_hidden(8)?;
        wb.save_to_buffer()
    };
    let intake = read_intake_bytes(run().unwrap()).unwrap();
    let apps: Vec<_> = intake.applications().collect();
    assert_eq!(apps.len(), 2, "{:?}", intake.rows);
    assert_eq!(apps[0].applicant.name, "福建省海洋研究院");
    assert_eq!(apps[1].applicant.name, "福建省海洋研究院");
    assert_eq!(apps[1].participants, Some(30));
    let warnings: Vec<String> = intake.warnings.iter().map(ToString::to_string).collect();
    let all = warnings.join("\n");
    assert!(all.contains("表头在第3行"), "{all}");
    assert!(all.contains("“审核意见”不是申报表的栏目，已忽略"), "{all}");
    assert!(
        all.contains("第6行") && all.contains("“合计”一行不是项目"),
        "{all}"
    );
    assert!(
        all.contains("第8行") && all.contains("填表人：王喆"),
        "{all}"
    );
}

#[test]
fn a_row_as_scripts_hold_it_reads_as_the_workbook_does() {
    use yanxiu_sheet::{RowValue, application_from_row};
    let columns: Vec<String> = [
        "项目名称",
        "培训人数",
        "申报时间",
        "服务重大战略",
        "服务重大战略说明",
        "审核意见",
    ]
    .map(String::from)
    .to_vec();
    let row = |count: RowValue| {
        vec![
            RowValue::Text("海洋经济高级研修班".into()),
            count,
            RowValue::Date(chrono::NaiveDate::from_ymd_opt(2024, 1, 5).unwrap()),
            RowValue::Float(1.0),
            RowValue::Text("服务海洋强国战略".into()),
            RowValue::Text("同意".into()),
        ]
    };
    let (app, ignored) = application_from_row(&columns, row(RowValue::Float(60.0)))
        .unwrap()
        .unwrap();
    assert_eq!(app.participants, Some(60));
    assert_eq!(
        app.topics.major_strategy.as_deref(),
        Some("服务海洋强国战略")
    );
    assert_eq!(ignored, ["审核意见"]);
    let errors = application_from_row(&columns, row(RowValue::Float(60.5))).unwrap_err();
    assert_eq!(errors[0].column.as_deref(), Some("培训人数"));
    assert_eq!(errors[0].message, "不是整数（现为“60.5”）");
    let example = [String::from("序号"), String::from("项目名称")];
    let none = application_from_row(
        &example,
        vec![RowValue::Text("示例".into()), RowValue::Text("x".into())],
    );
    assert_eq!(
        none.unwrap(),
        None,
        "the template's example row is no project"
    );
}
