//! The layout itself, walked run by run: no stranded characters in any cell
//! for texts of every length, dates kept whole, labels broken only where the
//! form breaks them, page numbers where GB/T 9704 puts them.
//!
//! Each generated cell is written in its own small alphabet of characters
//! the forms never print themselves, so every laid-out run can be traced
//! back to the cell it came from.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;
use yanxiu_core::{Application, Featured, PreviousClass, Schedule, SelfFunded, Summary};
use yanxiu_render::{Layout, Renderer, TextRun};
use yanxiu_tests::*;

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().unwrap())
}

/// Common characters to build the alphabets from (those the forms print
/// themselves are taken out first).
const POOL: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬风雨雷电山川河海江湖\
    松柏梅兰竹菊桃李杏梨金木水火土石玉珠宝琴棋书画诗词歌赋东西南北左右前后红黄蓝绿青紫白黑\
    花草树林森田野村庄城镇街巷桥路车船马牛羊鸡犬猫鱼鸟虫龙虎豹熊狮象鹿兔鹤鹰燕雀云霞雪霜露\
    冰泉溪瀑潭池塘岛屿沙漠丘陵峰岭谷洞岩礁港湾滩岸堤坝闸渠井窗门墙瓦砖柱梁檐阶廊亭阁楼塔寺\
    庙宫殿府院堂厅室房屋舍帐篷伞扇灯烛镜钟鼓笛箫琵琶筝瑟笙弓箭刀剑盾甲旗帜鞍缰鞭轮轴辕帆桨";

const ALPHABET_LEN: usize = 6;

/// Disjoint alphabets, none sharing a character with the forms' own text.
fn alphabets(n: usize) -> Vec<Vec<char>> {
    static FIXED: OnceLock<HashSet<char>> = OnceLock::new();
    let fixed = FIXED.get_or_init(|| {
        let r = renderer();
        let mut set: HashSet<char> = HashSet::new();
        let docs = [
            r.application_layout(None, false).unwrap(),
            r.summary_layout(None, false).unwrap(),
            r.application_layout(Some(&example_application_zh()), false)
                .unwrap(),
            r.summary_layout(Some(&example_summary()), false).unwrap(),
        ];
        for d in &docs {
            set.extend(d.runs.iter().flat_map(|r| r.text.chars()));
        }
        set
    });
    let mut seen = HashSet::new();
    let chars: Vec<char> = POOL
        .chars()
        .filter(|c| !c.is_whitespace() && !fixed.contains(c) && seen.insert(*c))
        .collect();
    assert!(
        chars.len() >= n * ALPHABET_LEN,
        "pool too small: {} characters for {n} alphabets",
        chars.len()
    );
    chars
        .chunks(ALPHABET_LEN)
        .take(n)
        .map(<[char]>::to_vec)
        .collect()
}

/// An alphabet for each named cell, recorded in `cells` for tracing lines back.
fn named_alphabets(names: &[&str], cells: &mut Vec<(String, Vec<char>)>) -> Vec<Vec<char>> {
    let abc = alphabets(names.len());
    cells.clear();
    cells.extend(names.iter().map(|s| s.to_string()).zip(abc.iter().cloned()));
    abc
}

/// `len` characters of an alphabet, cycling.
fn text(alphabet: &[char], len: usize) -> String {
    alphabet.iter().cycle().take(len).collect()
}

/// A laid-out line: adjacent runs on one baseline of one page.
#[derive(Debug)]
struct Line {
    page: usize,
    y: f64,
    x0: f64,
    x1: f64,
    text: String,
    size: f64,
}

/// Joins the runs into lines: same page and baseline, each run starting
/// where the previous one ends (boxes and font changes split a line into
/// several runs; a table's next cell starts at least two insets away).
fn lines(layout: &Layout) -> Vec<Line> {
    let mut runs: Vec<&TextRun> = layout.runs.iter().collect();
    runs.sort_by(|a, b| {
        (a.page, a.y)
            .partial_cmp(&(b.page, b.y))
            .expect("finite positions")
    });
    // Bands of one baseline (a box's text may sit a hair off the line's).
    let mut bands: Vec<Vec<&TextRun>> = Vec::new();
    for r in runs {
        match bands.last_mut() {
            Some(band) if band[0].page == r.page && (r.y - band[0].y).abs() < 0.5 => band.push(r),
            _ => bands.push(vec![r]),
        }
    }
    let mut out: Vec<Line> = Vec::new();
    for mut band in bands {
        band.sort_by(|a, b| a.x.partial_cmp(&b.x).expect("finite positions"));
        let first = out.len();
        for r in band {
            if out.len() > first
                && let Some(last) = out.last_mut()
                && r.x - last.x1 < 1.5
                && r.x - last.x1 > -1.0
            {
                last.x1 = r.x + r.width;
                last.text.push_str(&r.text);
                continue;
            }
            out.push(Line {
                page: r.page,
                y: r.y,
                x0: r.x,
                x1: r.x + r.width,
                text: r.text.clone(),
                size: r.size,
            });
        }
    }
    out
}

/// The lines of each generated cell, split into paragraphs: consecutive
/// lines one line pitch apart; a wider gap or a new page starts another.
fn paragraphs<'a>(
    lines: &'a [Line],
    cells: &[(String, Vec<char>)],
) -> Vec<(String, Vec<&'a Line>)> {
    let mut by_cell: BTreeMap<usize, Vec<&Line>> = BTreeMap::new();
    for l in lines {
        let best = cells
            .iter()
            .enumerate()
            .map(|(i, (_, a))| (i, l.text.chars().filter(|c| a.contains(c)).count()))
            .max_by_key(|(_, n)| *n);
        if let Some((i, n)) = best
            && n > 0
        {
            by_cell.entry(i).or_default().push(l);
        }
    }
    // The line pitch: the smallest gap between two lines of one cell.
    let pitch = by_cell
        .values()
        .flat_map(|ls| ls.windows(2))
        .filter(|w| w[0].page == w[1].page)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 3.0)
        .fold(f64::INFINITY, f64::min);
    let mut out = Vec::new();
    for (i, ls) in by_cell {
        let mut para: Vec<&Line> = Vec::new();
        for l in ls {
            if let Some(prev) = para.last()
                && (prev.page != l.page || l.y - prev.y > pitch * 1.05)
            {
                out.push((cells[i].0.clone(), std::mem::take(&mut para)));
            }
            para.push(l);
        }
        out.push((cells[i].0.clone(), para));
    }
    out
}

/// Every paragraph of more than one line ends with a line of at least two
/// characters besides its punctuation.
fn stranded(layout: &Layout, cells: &[(String, Vec<char>)], what: &str) -> Vec<String> {
    let lines = lines(layout);
    let mut bad = Vec::new();
    for (cell, para) in paragraphs(&lines, cells) {
        if para.len() > 1 {
            let last = para.last().expect("non-empty");
            let letters = last
                .text
                .chars()
                .filter(|c| !"，。、；：！？”’）》".contains(*c) && !c.is_whitespace())
                .count();
            if letters < 2 {
                let shown: Vec<&str> = para.iter().map(|l| l.text.as_str()).collect();
                bad.push(format!("{what} {cell}: {}", shown.join(" / ")));
            }
        }
    }
    bad
}

/// An application whose every text cell holds text of a length derived from
/// `n`, each in its own alphabet.
fn generated_application(n: usize, cells: &mut Vec<(String, Vec<char>)>) -> Application {
    let names = [
        "project_name",
        "venue",
        "industry",
        "authority",
        "applicant",
        "topic0",
        "topic1",
        "topic2",
        "topic3",
        "source",
        "purpose0",
        "purpose1",
        "content",
        "experts",
        "audience",
        "focus",
        "plan",
        "class",
    ];
    let abc = named_alphabets(&names, cells);
    let t = |name: &str, len: usize| {
        let i = names.iter().position(|s| *s == name).expect("known cell");
        text(&abc[i], len)
    };
    let mut app = example_application();
    app.project_name = t("project_name", 2 * n);
    app.venue = t("venue", n);
    app.industry = t("industry", n);
    app.authority = t("authority", n);
    app.applicant.name = t("applicant", n);
    app.topics.major_strategy = Some(t("topic0", 3 * n));
    app.topics.key_fields = Some(t("topic1", 3 * n + 1));
    app.topics.industry = Some(t("topic2", 3 * n + 2));
    app.topics.digital = Some(t("topic3", 3 * n + 3));
    app.funding.self_funded = Some(SelfFunded {
        source: t("source", n),
    });
    // Free text: 5n+1 covers every remainder of a line's length in 28 steps.
    // Paragraphs end with punctuation, as typed: a last line of one
    // character and its `。` is a widow too.
    app.purpose = format!(
        "{}。\n{}，",
        t("purpose0", 5 * n + 1),
        t("purpose1", 3 * n + 2)
    );
    app.content = format!("{}。", t("content", 5 * n + 1));
    app.experts = t("experts", 4 * n + 3);
    app.audience = t("audience", 2 * n + 1);
    app.featured = Some(Featured {
        previous: vec![PreviousClass {
            name: t("class", n + 4),
            ..Default::default()
        }],
        focus: t("focus", 5 * n),
        plan: t("plan", 4 * n + 1),
    });
    app
}

#[test]
fn no_cell_of_the_application_ends_on_a_single_character() {
    let mut cells = Vec::new();
    let mut bad = Vec::new();
    for n in 1..=36 {
        let app = generated_application(n, &mut cells);
        let layout = renderer().application_layout(Some(&app), false).unwrap();
        bad.extend(stranded(&layout, &cells, &format!("n={n}")));
    }
    assert!(
        bad.is_empty(),
        "{} stranded characters:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// A summary of `rows` projects, row `i` with texts of length `i + 1`.
fn generated_summary(rows: usize, cells: &mut Vec<(String, Vec<char>)>) -> Summary {
    let names = [
        "project_name",
        "applicant",
        "venue",
        "industry",
        "authority",
        "remark",
        "contact",
        "reporter",
    ];
    let abc = named_alphabets(&names, cells);
    let mut s = example_summary();
    let base = s.applications[0].clone();
    s.reporter.name = text(&abc[7], 24);
    s.applications = (0..rows)
        .map(|i| {
            let n = i + 1;
            let mut a = base.clone();
            a.project_name = text(&abc[0], n + 6);
            a.applicant.name = text(&abc[1], n);
            a.venue = text(&abc[2], n);
            a.industry = text(&abc[3], n);
            a.authority = text(&abc[4], n);
            a.remark = text(&abc[5], n);
            if let Some(c) = a.contact.as_mut() {
                c.name = text(&abc[6], n.min(8));
            }
            a
        })
        .collect();
    s
}

#[test]
fn no_cell_of_the_summary_ends_on_a_single_character() {
    let mut cells = Vec::new();
    let s = generated_summary(30, &mut cells);
    let layout = renderer().summary_layout(Some(&s), false).unwrap();
    let bad = stranded(&layout, &cells, "summary");
    assert!(
        bad.is_empty(),
        "{} stranded characters:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_reporter_name_of_24_characters_stays_on_one_line() {
    let mut cells = Vec::new();
    let s = generated_summary(1, &mut cells);
    let layout = renderer().summary_layout(Some(&s), false).unwrap();
    let name = &s.reporter.name;
    assert!(
        lines(&layout)
            .iter()
            .any(|l| l.text.contains(name.as_str())),
        "「{name}」 is broken over lines"
    );
}

/// Dates as offices write them, over month and year ends.
fn schedules() -> Vec<&'static str> {
    vec![
        "2024年6月11日至14日",
        "2024年10月15日至18日",
        "2024年10月28日至11月1日",
        "2024年12月30日至2025年1月2日",
        "2024年9月9日至12日",
        "2024年11月25日至28日",
    ]
}

/// A line of a date ends with 年, 月, 日 or 至, never inside a number.
fn split_dates(layout: &Layout, size: f64) -> Vec<String> {
    lines(layout)
        .iter()
        .filter(|l| (l.size - size).abs() < 0.01)
        .filter(|l| l.text.chars().any(|c| "年月日至".contains(c)))
        .filter(|l| {
            l.text
                .chars()
                .all(|c| c.is_ascii_digit() || "年月日至".contains(c))
        })
        .filter(|l| l.text.chars().last().is_some_and(|c| c.is_ascii_digit()))
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn dates_break_only_after_year_month_day() {
    let mut s = example_summary();
    let base = s.applications[0].clone();
    s.applications = schedules()
        .iter()
        .map(|d| {
            let mut a = base.clone();
            a.schedule = Some(Schedule::parse(d).unwrap());
            a
        })
        .collect();
    let layout = renderer().summary_layout(Some(&s), false).unwrap();
    assert_eq!(split_dates(&layout, 10.5), Vec::<String>::new());
    for d in schedules() {
        let mut a = example_application();
        a.schedule = Some(Schedule::parse(d).unwrap());
        let layout = renderer().application_layout(Some(&a), false).unwrap();
        assert_eq!(split_dates(&layout, 12.0), Vec::<String>::new(), "{d}");
    }
}

/// Every label of both forms is laid out as its lines, none cut inside.
#[test]
fn labels_break_only_where_the_form_breaks_them() {
    let r = renderer();
    let app = lines(
        &r.application_layout(Some(&example_application_zh()), false)
            .unwrap(),
    )
    .into_iter()
    .map(|l| l.text)
    .collect::<Vec<_>>();
    for (_, label) in r.profile().application_form.labelled() {
        for part in label.split('\n') {
            assert!(
                app.iter().any(|l| l.contains(part)),
                "「{part}」 of 「{label}」 not on one line"
            );
        }
    }
    let sum = lines(&r.summary_layout(Some(&example_summary()), false).unwrap())
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>();
    for c in &renderer().profile().summary_form.columns {
        for part in c.label.split('\n') {
            assert!(
                sum.contains(&part.to_owned()),
                "「{part}」 of 「{}」 not on one line",
                c.label
            );
        }
    }
}

const MM: f64 = 72.0 / 25.4;

/// `— N —` in 四号, odd pages right and even pages left, one character in
/// from the text block's edge, its top 7 mm below the text block.
fn check_page_numbers(layout: &Layout, margins: (f64, f64, f64, f64), what: &str) {
    let (_top, bottom, left, right) = margins;
    let lines = lines(layout);
    assert!(
        layout.pages.len() >= 2,
        "{what}: want two pages to see both sides"
    );
    for (i, (w, h)) in layout.pages.iter().enumerate() {
        let page = i + 1;
        let want = format!("— {page} —");
        let found: Vec<&Line> = lines
            .iter()
            .filter(|l| l.page == page && l.text.contains('—'))
            .collect();
        assert_eq!(found.len(), 1, "{what} page {page}: {found:?}");
        let n = found[0];
        assert_eq!(
            n.text.replace(' ', ""),
            want.replace(' ', ""),
            "{what} page {page}"
        );
        assert!((n.size - 14.0).abs() < 0.01, "{what}: 四号, got {}", n.size);
        let block_bottom = h - bottom * MM;
        let below = n.y - block_bottom;
        // The baseline sits 7 mm plus the digits' height below the block.
        assert!(
            below > 7.0 * MM && below < 7.0 * MM + 14.0,
            "{what} page {page}: {below:.1} pt below the text block"
        );
        if page % 2 == 1 {
            let gap = (w - right * MM) - n.x1;
            assert!(
                (gap - 14.0).abs() < 1.5,
                "{what} page {page}: {gap:.1} pt from the right edge"
            );
        } else {
            let gap = n.x0 - left * MM;
            assert!(
                (gap - 14.0).abs() < 1.5,
                "{what} page {page}: {gap:.1} pt from the left edge"
            );
        }
    }
}

#[test]
fn page_numbers_follow_gb_t_9704_on_both_forms() {
    let r = renderer();
    let app = r
        .application_layout(Some(&example_application()), false)
        .unwrap();
    check_page_numbers(&app, (37.0, 35.0, 28.0, 26.0), "申报表");
    let blank = r.application_layout(None, false).unwrap();
    check_page_numbers(&blank, (37.0, 35.0, 28.0, 26.0), "blank 申报表");
    // The landscape 汇总表's numbers are turned into its binding margin:
    // `landscape_page_numbers_turn_into_the_binding_margin`.
}

#[test]
fn the_summary_ends_with_a_totals_row_in_the_table_font() {
    let mut s = example_summary();
    let both = s
        .applications
        .iter()
        .filter(|a| a.funding.government && a.funding.self_funded.is_some())
        .count();
    if both == 0 {
        s.applications[0].funding.government = true;
        s.applications[0].funding.self_funded = Some(SelfFunded {
            source: "单位自筹".into(),
        });
    }
    let t = s.totals();
    let layout = renderer().summary_layout(Some(&s), false).unwrap();
    let lines = lines(&layout);
    let table: Vec<&Line> = lines
        .iter()
        .filter(|l| (l.size - 10.5).abs() < 0.01)
        .collect();
    let total = table
        .iter()
        .find(|l| l.text.starts_with("合计"))
        .expect("a 合计 cell");
    let row: Vec<&str> = table
        .iter()
        .filter(|l| l.page == total.page && l.y >= total.y - 30.0)
        .map(|l| l.text.as_str())
        .collect();
    let joined = row.join("|");
    assert!(joined.contains(&t.participants.to_string()), "{joined}");
    assert!(joined.contains("其中兼有"), "{joined}");
    // Nothing of the table's font comes after the totals row.
    let last = table
        .iter()
        .map(|l| (l.page, l.y as i64))
        .max()
        .expect("rows");
    assert!(
        last.0 == total.page && (last.1 as f64) < total.y + 60.0,
        "{joined}"
    );
}

#[test]
fn topic_explanations_hang_under_their_label() {
    let mut cells = Vec::new();
    let app = generated_application(30, &mut cells);
    let layout = renderer().application_layout(Some(&app), false).unwrap();
    let lines = lines(&layout);
    for (cell, para) in paragraphs(&lines, &cells) {
        if !cell.starts_with("topic") {
            continue;
        }
        assert!(para.len() > 2, "{cell}: want a few lines");
        // The first line starts with the label, after the box.
        let label_x = para[0].x0;
        for l in &para[1..] {
            assert!(
                (l.x0 - label_x).abs() < 0.5,
                "{cell}: {} at {:.1}, label at {label_x:.1}",
                l.text,
                l.x0
            );
        }
    }
}

#[test]
fn the_funding_row_takes_one_line_as_in_the_notice() {
    for app in [None, Some(example_application())] {
        let layout = renderer().application_layout(app.as_ref(), false).unwrap();
        let lines = lines(&layout);
        let first = lines
            .iter()
            .find(|l| l.text.contains("财政资助项目"))
            .expect("funding row");
        let second = lines
            .iter()
            .find(|l| l.text.contains("自筹经费来源"))
            .expect("funding row");
        let close = lines
            .iter()
            .filter(|l| l.page == second.page && l.y >= second.y - 0.5 && l.text.contains('）'))
            .min_by(|a, b| a.y.partial_cmp(&b.y).expect("finite"))
            .expect("closing bracket");
        assert!(
            (first.y - second.y).abs() < 0.5 && (close.y - second.y).abs() < 0.5,
            "{first:?} {second:?} {close:?}"
        );
    }
}

/// The pages a generated cell's lines fall on.
fn pages_of(app: &Application, cells: &[(String, Vec<char>)], cell: &str) -> HashSet<usize> {
    let layout = renderer().application_layout(Some(app), false).unwrap();
    let laid = lines(&layout);
    paragraphs(&laid, cells)
        .into_iter()
        .filter(|(c, _)| c == cell)
        .flat_map(|(_, p)| p.into_iter().map(|l| l.page))
        .collect()
}

#[test]
fn short_rows_are_not_split_across_pages() {
    let mut cells = Vec::new();
    let mut split_long = false;
    // Grow the rows above 研修内容和方式 until its row reaches the page end.
    for n in (10..=80).step_by(3) {
        let mut app = generated_application(6, &mut cells);
        let content = cells
            .iter()
            .position(|(c, _)| c == "content")
            .expect("content cell");
        let purpose = cells
            .iter()
            .position(|(c, _)| c == "purpose0")
            .expect("purpose cell");
        app.purpose = text(&cells[purpose].1, 28 * n / 4);
        // Six lines: never split.
        app.content = text(&cells[content].1, 28 * 6 - 3);
        let pages = pages_of(&app, &cells, "content");
        assert_eq!(
            pages.len(),
            1,
            "n={n}: a six-line row split over pages {pages:?}"
        );
        // A long row may break, so that no page is left three-quarters empty.
        app.content = text(&cells[content].1, 28 * 20);
        let pages = pages_of(&app, &cells, "content");
        split_long |= pages.len() > 1;
    }
    assert!(split_long, "a twenty-line row never broke across pages");
}

#[test]
fn application_columns_fit_a_date_and_a_ten_character_authority_on_one_line() {
    let mut app = example_application();
    app.authority = "福建省工业和信息化厅".into();
    app.venue = "福州市鼓楼区福建省数字经济研究院".into();
    for d in schedules() {
        app.schedule = Some(Schedule::parse(d).unwrap());
        let layout = renderer().application_layout(Some(&app), false).unwrap();
        let lines: Vec<String> = lines(&layout).into_iter().map(|l| l.text).collect();
        // A date within one month on one line; over a month end on at most two.
        let one_month =
            !d.contains("至") || !d.split('至').nth(1).is_some_and(|e| e.contains('月'));
        if one_month {
            assert!(
                lines.iter().any(|l| l == d),
                "{d} not on one line: {lines:?}"
            );
        }
        assert!(
            lines.iter().any(|l| l == "福建省工业和信息化厅"),
            "{lines:?}"
        );
        // Fifteen characters of venue on two lines.
        assert!(
            lines.iter().any(|l| l.starts_with("福州市鼓楼区福建省")),
            "{lines:?}"
        );
    }
}

/// The width a run of full-width characters takes: one em each.
fn full_width(run: &TextRun) -> f64 {
    run.text.chars().count() as f64 * run.size
}

#[test]
fn opening_brackets_are_full_width_where_a_line_or_box_starts_with_them() {
    // `（盖章）` after the unit's name (in a box of its own), `（可多选）` on
    // the label's second line, and the blank form's hints: Typst sets an
    // opening bracket at a line's start half-width; the forms print it whole.
    let r = renderer();
    for (what, layout) in [
        (
            "filled",
            r.application_layout(Some(&example_application()), false)
                .unwrap(),
        ),
        ("blank", r.application_layout(None, false).unwrap()),
    ] {
        let mut seen = 0;
        // Runs that open with a bracket and hold no other punctuation but
        // its closing one (adjacent marks inside a line are squeezed by the
        // CJK rules, as in print: `“无”，`).
        let punct = |c: &char| "（）“”，、。：；".contains(*c);
        for run in layout
            .runs
            .iter()
            .filter(|t| t.text.starts_with('（') && t.text.chars().filter(punct).count() <= 2)
        {
            seen += 1;
            assert!(
                run.width >= full_width(run) - 0.05,
                "{what}: 「{}」 is {:.2} pt wide, {:.2} when every character is full width",
                run.text,
                run.width,
                full_width(run)
            );
        }
        assert!(seen >= 2, "{what}: no run starts with a bracket");
    }
}

/// A summary of `n` rows, the example's typical rows over and over.
fn typical_summary(n: usize) -> Summary {
    let mut s = example_summary();
    let rows = std::mem::take(&mut s.applications);
    s.applications = (0..n).map(|i| rows[i % rows.len()].clone()).collect();
    s
}

/// The page of the 合计 cell and of the last project's 序号.
fn totals_and_last_row_pages(s: &Summary) -> (usize, usize) {
    let layout = renderer().summary_layout(Some(s), false).unwrap();
    let table: Vec<&TextRun> = layout
        .runs
        .iter()
        .filter(|r| (r.size - 10.5).abs() < 0.01)
        .collect();
    let total = table
        .iter()
        .find(|r| r.text.starts_with("合计"))
        .expect("a 合计 cell");
    let last_index = s.applications.len().to_string();
    let last = table
        .iter()
        .filter(|r| r.text == last_index)
        .map(|r| r.page)
        .max()
        .expect("the last 序号");
    (total.page, last.max(1))
}

#[test]
fn the_totals_row_never_opens_a_page_alone() {
    // Summaries of every length, of the example's typical rows and of
    // generated long ones: the 合计 row stays with the last project.
    let mut alone = Vec::new();
    for n in 1..=80 {
        let s = typical_summary(n);
        let (total, last) = totals_and_last_row_pages(&s);
        if total != last {
            alone.push(format!(
                "typical {n}: 合计 on page {total}, row {n} on {last}"
            ));
        }
        let mut cells = Vec::new();
        let s = generated_summary(n, &mut cells);
        let (total, last) = totals_and_last_row_pages(&s);
        if total != last {
            alone.push(format!("long {n}: 合计 on page {total}, row {n} on {last}"));
        }
    }
    assert!(alone.is_empty(), "{}", alone.join("\n"));
}

#[test]
fn the_totals_row_keeps_its_last_project_in_runs_too() {
    // Typeset in runs of 20 rows (as a long summary is, in runs of 200): the
    // last run is checked the same way.
    let r = Renderer::builder().summary_run_rows(20).build().unwrap();
    let mut alone = Vec::new();
    for n in 21..=60 {
        let s = typical_summary(n);
        // Draft: the repeated projects are duplicates (YX102).
        let opts = yanxiu_render::RenderOptions {
            draft: true,
            ..Default::default()
        };
        let pdf = r.render_summary(&s, &opts).unwrap();
        let pages = pdf_pages(&pdf);
        let last = squeeze(pages.last().unwrap());
        let name = squeeze(&s.applications[n - 1].project_name);
        if !(last.contains("合计") && last.contains(&name[..name.len().min(12)])) {
            alone.push(format!("{n} rows: the last page is\n{last}"));
        }
    }
    assert!(alone.is_empty(), "{}", alone.join("\n"));
}

#[test]
fn a_unit_name_too_long_for_the_date_puts_the_date_on_its_own_line() {
    // Names of every length: 申报时间 is either on the name's line, with the
    // name whole, or on a line of its own below it.
    let mut cells = Vec::new();
    let abc = named_alphabets(&["applicant"], &mut cells);
    for n in [4, 12, 18, 22, 26, 30, 45, 70] {
        let mut app = example_application();
        app.applicant.name = text(&abc[0], n);
        let layout = renderer().application_layout(Some(&app), false).unwrap();
        let lines = lines(&layout);
        let date = lines
            .iter()
            .find(|l| l.text.contains("申报时间"))
            .expect("a 申报时间 line");
        let unit = lines
            .iter()
            .find(|l| l.text.contains("申报单位"))
            .expect("a 申报单位 line");
        let name_lines: Vec<&Line> = lines
            .iter()
            .filter(|l| l.page == 1 && l.y >= unit.y - 0.5 && l.y < date.y + 0.5)
            .collect();
        if (date.y - unit.y).abs() < 0.5 {
            assert!(
                unit.text.contains(&app.applicant.name),
                "{n}: the name beside the date is cut: {name_lines:?}"
            );
        } else {
            assert!(date.y > unit.y, "{n}: the date above the unit");
            assert!(
                date.text.trim_start().starts_with("申报时间"),
                "{n}: the date shares its line: {}",
                date.text
            );
        }
    }
}

#[test]
fn no_page_holds_only_a_short_last_row() {
    // Forms of every length whose 特色班 is `无`: a form that overflows by
    // less than that short row closes on its last full page instead of
    // leaving a page with one word on it.
    let mut lone = Vec::new();
    for n in 1..=40 {
        let mut cells = Vec::new();
        let mut app = generated_application(n, &mut cells);
        app.featured = None;
        let layout = renderer().application_layout(Some(&app), false).unwrap();
        let last = layout.pages.len();
        let texts: Vec<String> = lines(&layout)
            .into_iter()
            .filter(|l| l.page == last && !l.text.contains('—'))
            .map(|l| l.text)
            .collect();
        let joined = squeeze(&texts.join(""));
        if last > 1
            && joined
                .replace("特色班", "")
                .replace("相关情况", "")
                .replace('无', "")
                .is_empty()
        {
            lone.push(format!("n={n}: page {last} holds only {joined}"));
        }
    }
    assert!(lone.is_empty(), "{}", lone.join("\n"));
}

/// The 汇总表's column edges on its pages, in points from the page's left
/// edge (the table fills the 637.8 pt text block from the 35 mm margin), and
/// the groups of columns the 合计 row merges.
fn summary_edges() -> (Vec<f64>, Vec<std::ops::Range<usize>>) {
    let form = yanxiu_core::Profile::fujian_2024().summary_form;
    let mm = 72.0 / 25.4;
    let (left, block) = (35.0 * mm, (297.0 - 35.0 - 37.0) * mm);
    let total: f64 = form.columns.iter().map(|c| f64::from(c.width)).sum();
    let mut edges = vec![left];
    for c in &form.columns {
        edges.push(edges.last().unwrap() + f64::from(c.width) / total * block);
    }
    let mut merged = Vec::new();
    for (i, c) in form.columns.iter().enumerate() {
        if c.totals_span > 1 {
            merged.push(i..i + c.totals_span);
        }
    }
    (edges, merged)
}

/// The least room between a rule and the text (the review: Word's cell
/// margins are at least about 0.1 cm).
const MIN_INSET_PT: f64 = 3.0;

/// Table text runs (五号) that come closer than 3 pt to a column rule,
/// or run through one (a merged 合计 cell may cross the rule it replaces).
fn touching_rules(layout: &Layout) -> Vec<String> {
    let (edges, merged) = summary_edges();
    let inset = MIN_INSET_PT;
    let mut bad = Vec::new();
    for r in layout.runs.iter().filter(|r| (r.size - 10.5).abs() < 0.01) {
        let end = r.x + r.width;
        let first = edges.iter().rposition(|e| *e <= r.x + 0.01).unwrap_or(0);
        let last = edges
            .iter()
            .position(|e| *e >= end - 0.01)
            .unwrap_or(edges.len() - 1);
        let (left, right) = (edges[first], edges[last]);
        let crosses = last > first + 1 && !merged.iter().any(|m| m.start <= first && last <= m.end);
        if r.x - left < inset - 0.05 || right - end < inset - 0.05 || crosses {
            bad.push(format!(
                "page {} 「{}」: {:.2} pt from the left rule, {:.2} from the right{}",
                r.page,
                r.text,
                r.x - left,
                right - end,
                if crosses { ", through a rule" } else { "" }
            ));
        }
    }
    bad
}

#[test]
fn summary_text_keeps_its_inset_off_every_rule() {
    // Typical and long texts, and 4-digit 培训人数 totals (typical rows of
    // 60 and more trainees, 60 rows): the review found `3580` through both
    // rules and whole lines touching them.
    let mut bad = Vec::new();
    for n in [1, 5, 17, 60] {
        let s = typical_summary(n);
        let layout = renderer().summary_layout(Some(&s), false).unwrap();
        bad.extend(
            touching_rules(&layout)
                .into_iter()
                .map(|b| format!("typical {n}: {b}")),
        );
        let mut cells = Vec::new();
        let s = generated_summary(n, &mut cells);
        let layout = renderer().summary_layout(Some(&s), false).unwrap();
        bad.extend(
            touching_rules(&layout)
                .into_iter()
                .map(|b| format!("long {n}: {b}")),
        );
    }
    let blank = renderer().summary_layout(None, false).unwrap();
    bad.extend(
        touching_rules(&blank)
            .into_iter()
            .map(|b| format!("blank: {b}")),
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The 4-digit total is there to be checked.
    let s = typical_summary(60);
    let total: u32 = s.applications.iter().filter_map(|a| a.participants).sum();
    assert!(total >= 1000, "{total}");
}

#[test]
fn landscape_page_numbers_turn_into_the_binding_margin() {
    // GB/T 9704 §8: on a landscape table page the number sits where the
    // portrait foot comes when the sheet is turned for binding — the left
    // margin, turned 90°, odd pages low and even pages high.
    let s = typical_summary(30);
    let layout = renderer().summary_layout(Some(&s), false).unwrap();
    assert!(layout.pages.len() >= 3, "{} pages", layout.pages.len());
    let mm = 72.0 / 25.4;
    for (i, (_, height)) in layout.pages.iter().enumerate() {
        let page = i + 1;
        let runs: Vec<&TextRun> = layout
            .runs
            .iter()
            .filter(|r| r.page == page && r.text.contains('—'))
            .collect();
        assert_eq!(runs.len(), 1, "page {page}: {runs:?}");
        let n = runs[0];
        assert!(n.text.contains(&page.to_string()), "page {page}: {n:?}");
        assert!(
            (n.rotation - 90.0).abs() < 0.01,
            "page {page}: turned {}°",
            n.rotation
        );
        // In the 35 mm left margin, 7 mm from the text block (its top, turned,
        // faces the block: the baseline runs a little further out).
        assert!(
            n.x < 35.0 * mm - 7.0 * mm && n.x > 35.0 * mm - 7.0 * mm - n.size,
            "page {page}: x {}",
            n.x
        );
        // The baseline starts at the number's top end, read downward.
        let (top, bottom) = (n.y, n.y + n.width);
        if page % 2 == 1 {
            assert!(top > height / 2.0, "odd page {page} low: {top:.1}");
            let lower_edge = height - 26.0 * mm;
            assert!(
                (lower_edge - 14.0 - bottom).abs() < 1.0,
                "page {page}: ends {bottom:.1}, {lower_edge:.1}"
            );
        } else {
            assert!(bottom < height / 2.0, "even page {page} high: {bottom:.1}");
            assert!(
                (top - (28.0 * mm + 14.0)).abs() < 1.0,
                "page {page}: starts {top:.1}"
            );
        }
    }
    // The portrait 申报表 keeps its numbers upright at the foot.
    let app = renderer()
        .application_layout(Some(&example_application()), false)
        .unwrap();
    let numbers: Vec<&TextRun> = app.runs.iter().filter(|r| r.text.contains('—')).collect();
    assert!(!numbers.is_empty() && numbers.iter().all(|r| r.rotation.abs() < 0.01));
}

/// A renderer with the 汇总表 as it was set before the 3 pt insets
/// (2026-12-01: 1.5 pt at the sides, 3 above and below, the old widths).
fn renderer_of_before() -> Renderer {
    let mut p = yanxiu_core::Profile::fujian_2024();
    let f = &mut p.summary_form;
    f.inset_pt = [1.5, 3.0];
    let before = [24, 87, 66, 61, 56, 24, 45, 45, 45, 45, 35, 68, 35];
    for (c, w) in f.columns.iter_mut().zip(before) {
        c.width = w;
    }
    Renderer::builder().profile(p).build().unwrap()
}

#[test]
fn sixty_rows_take_no_more_pages_than_before_the_wider_insets() {
    // The 3 pt side insets and the wider narrow columns cost room; the long
    // texts give it back. The example's five rows and 合计 stay on one page.
    let old = renderer_of_before();
    let mut cells = Vec::new();
    let long = generated_summary(60, &mut cells);
    let typical = typical_summary(60);
    let pages = |r: &Renderer, s: &Summary| r.summary_layout(Some(s), false).unwrap().pages.len();
    let (t0, t1) = (pages(&old, &typical), pages(renderer(), &typical));
    let (l0, l1) = (pages(&old, &long), pages(renderer(), &long));
    eprintln!("60 rows: typical {t0} -> {t1} pages, long {l0} -> {l1} pages");
    assert!(t1 <= t0, "typical: {t0} -> {t1}");
    assert!(l1 <= l0, "long: {l0} -> {l1}");
    assert_eq!(pages(renderer(), &example_summary()), 1);
}

/// The line whose text starts with `start` (lines of one cell are split at
/// the table's cells, so a value's line is its own).
fn line_starting<'a>(lines: &'a [Line], start: &str) -> &'a Line {
    lines
        .iter()
        .find(|l| l.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with 「{start}」"))
}

#[test]
fn one_paragraph_style_a_cell() {
    // 计划培训人数 is one more indented paragraph of the 培训对象 cell; in the
    // 特色班 cell the lead and the paragraphs share the indent, and a class's
    // lines hang after its `1. `.
    let a = example_application_zh();
    let layout = renderer().application_layout(Some(&a), false).unwrap();
    let lines = lines(&layout);
    let audience = line_starting(&lines, &a.audience.chars().take(6).collect::<String>());
    let count = line_starting(&lines, "计划培训人数");
    assert!(
        (count.x0 - audience.x0).abs() < 0.5,
        "{count:?} / {audience:?}"
    );
    let lead = line_starting(&lines, "已办相关班次");
    let focus = line_starting(&lines, "本次办班的侧重点");
    assert!((lead.x0 - focus.x0).abs() < 0.5, "{lead:?} / {focus:?}");
    let first = line_starting(&lines, "1. ");
    assert!((first.x0 - lead.x0).abs() < 0.5, "{first:?} / {lead:?}");
    // The class's second line starts under the text after `1. `.
    let next = lines
        .iter()
        .find(|l| l.page == first.page && l.y > first.y && l.y - first.y < 20.0)
        .expect("the class runs over two lines");
    assert!(
        next.x0 > first.x0 + 6.0 && next.x0 < first.x0 + 14.0,
        "{next:?} / {first:?}"
    );
}

#[test]
fn the_blank_form_has_room_for_a_hand() {
    // 选题范围 lines 8 mm apart; the 申报单位 line takes the width the date
    // leaves (（盖章） then the gutter before 申报时间).
    let layout = renderer().application_layout(None, false).unwrap();
    let lines = lines(&layout);
    let mm = 72.0 / 25.4;
    let ys: Vec<f64> = yanxiu_core::TopicScope::ALL
        .iter()
        .map(|t| line_starting(&lines, t.label()).y)
        .collect();
    for w in ys.windows(2) {
        assert!(
            w[1] - w[0] >= 8.0 * mm - 0.1,
            "lines {:.1} mm apart",
            (w[1] - w[0]) / mm
        );
    }
    let stamp = layout
        .runs
        .iter()
        .find(|r| r.text.contains("盖章"))
        .unwrap();
    let date = layout
        .runs
        .iter()
        .find(|r| r.text.starts_with("申报时间"))
        .unwrap();
    let gap = date.x - (stamp.x + stamp.width);
    assert!(
        (gap - 18.0).abs() < 1.0,
        "{gap:.1} pt between （盖章） and 申报时间"
    );
}
