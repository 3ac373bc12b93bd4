//! Dates as offices write them: ISO `2024-01-10`, `2024/1/10`, `2024.1.10`
//! or Chinese `2024年1月10日`, plus ranges such as `2024年6月11日至14日`.
//!
//! Parsing is hand-written rather than regex-based so that every failure can
//! say, in Chinese, which part of the text is wrong.

use chrono::{Datelike, NaiveDate};

/// A year and month without a day, as in `2024年6月` or `2024-06`.
///
/// Only [`YearMonth::new`] makes one, so every value holds a real month of a
/// year in [`YEARS`](crate::limits::YEARS) and its first and last days exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first: NaiveDate,
    last: NaiveDate,
}

impl YearMonth {
    /// Builds a year-month, refusing a month outside 1–12 and a year outside
    /// [`YEARS`](crate::limits::YEARS).
    pub fn new(year: i32, month: u32) -> Result<Self, String> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(format!("月份「{month}」不存在（应为 1 到 12）"));
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let last = first
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt());
        match (first, last) {
            (Some(first), Some(last)) => Ok(Self { first, last }),
            _ => Err(format!("{year}年{month}月不是有效的月份")),
        }
    }

    /// Calendar year.
    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// Month, 1 to 12.
    pub fn month(self) -> u32 {
        self.first.month()
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.last
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Refuses a year outside [`YEARS`](crate::limits::YEARS): a typo such as
/// `20244年` or `300000年` is an error naming the field, never a date far
/// outside what the calendar code handles.
fn check_year(year: i32) -> Result<(), String> {
    let r = crate::limits::YEARS;
    if r.contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "年份「{year}」超出范围（应在{}年至{}年之间）",
            r.start(),
            r.end()
        ))
    }
}

/// A date as printed on the forms and in messages: `2024年1月10日`.
pub fn zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Parses `YYYY-MM` or `YYYY年M月`.
pub fn parse_year_month(text: &str) -> Result<YearMonth, String> {
    let (year, month) = year_month_parts(&normalize(text)).ok_or_else(|| bad_date(text))?;
    let year = i32::try_from(year).map_err(|_| bad_date(text))?;
    YearMonth::new(year, month)
}

/// The numbers of a text shaped like a year and month, before their range is checked.
fn year_month_parts(t: &str) -> Option<(u32, u32)> {
    let mut s = Scanner::new(t);
    let year = s.number()?;
    if !matches!(s.next_char()?, '-' | '/' | '.' | '年') {
        return None;
    }
    let month = s.number()?;
    s.eat('月');
    s.at_end().then_some((year, month))
}

/// Parses one date: `2024-01-10`, `2024/1/10`, `2024.1.10` or `2024年1月10日`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = normalize(text);
    let mut s = Scanner::new(&t);
    let date = s.full_date(text)?;
    if !s.at_end() {
        return Err(bad_date(text));
    }
    Ok(date)
}

/// What a schedule string describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedSchedule {
    /// A range of days, both ends inclusive.
    Range(NaiveDate, NaiveDate),
    /// A month only, days unknown.
    Month(YearMonth),
}

/// Parses a schedule string: a single day, a range such as
/// `2024年6月11日至14日`, `2024年6月28日至7月2日`, `2024-06-11至2024-06-14`,
/// or a month such as `2024年6月`.
pub fn parse_schedule(text: &str) -> Result<ParsedSchedule, String> {
    let t = normalize(text);
    // Separators between the two ends of a range. ISO dates use '-' inside,
    // so a plain hyphen only separates when the start is written in Chinese.
    let seps = ["至", "到", "~", "～", "—", "–"];
    let mut split = None;
    for sep in seps {
        if let Some(i) = t.find(sep) {
            split = Some((&t[..i], &t[i + sep.len()..]));
            break;
        }
    }
    if split.is_none()
        && t.contains('日')
        && let Some(i) = t.find("日-")
    {
        split = Some((&t[..i + '日'.len_utf8()], &t[i + '日'.len_utf8() + 1..]));
    }
    // `2024.6.11-6.14`, `2024/6/11-2024/6/14`: a start written with dots or
    // slashes has no hyphen of its own, so its hyphen separates.
    if split.is_none()
        && let Some(i) = t.find('-')
        && (t[..i].contains('.') || t[..i].contains('/'))
        && parse_date(&t[..i]).is_ok()
    {
        split = Some((&t[..i], &t[i + 1..]));
    }
    match split {
        None => {
            if let Ok(d) = parse_date(&t) {
                return Ok(ParsedSchedule::Range(d, d));
            }
            // A month whose numbers are out of range says so; other text
            // gets the forms a schedule may take.
            match year_month_parts(&t) {
                Some(_) => parse_year_month(&t)
                    .map(ParsedSchedule::Month)
                    .map_err(|e| format!("办班时间「{text}」：{e}")),
                None => Err(bad_schedule(text)),
            }
        }
        Some((a, b)) => {
            let start = parse_date(a.trim()).map_err(|e| format!("{e}（办班时间的开始日期）"))?;
            let end = parse_partial_end(b.trim(), start).ok_or_else(|| bad_schedule(text))??;
            if end < start {
                return Err(format!("办班时间「{text}」的结束日期早于开始日期"));
            }
            Ok(ParsedSchedule::Range(start, end))
        }
    }
}

/// The end of a range may omit the year (`6月14日`) or year and month (`14日`).
fn parse_partial_end(text: &str, start: NaiveDate) -> Option<Result<NaiveDate, String>> {
    if let Ok(d) = parse_date(text) {
        return Some(Ok(d));
    }
    let mut s = Scanner::new(text);
    let first = s.number()?;
    match s.next_char()? {
        '日' | '号' if s.at_end() => Some(ymd(start.year(), start.month(), first, text)),
        '月' | '.' | '/' | '-' => {
            let day = s.number()?;
            s.eat('日');
            s.eat('号');
            if !s.at_end() {
                return None;
            }
            Some(ymd(start.year(), first, day, text))
        }
        _ => None,
    }
}

fn ymd(y: i32, m: u32, d: u32, text: &str) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&m) {
        return Err(format!("日期「{text}」的月份「{m}」不存在"));
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("日期「{text}」不存在（{y}年{m}月没有{d}日）"))
}

fn bad_date(text: &str) -> String {
    format!("「{text}」不是有效日期（应写作 2024-01-10 或 2024年1月10日）")
}

fn bad_schedule(text: &str) -> String {
    format!(
        "「{text}」不是有效的办班时间（应写作 2024年6月11日至14日、2024-06-11至2024-06-14 或 2024年6月）"
    )
}

/// Folds full-width digits and punctuation to ASCII and drops spaces, so
/// `２０２４年 6 月` reads like `2024年6月`.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '／' => '/',
            '．' => '.',
            _ => c,
        })
        .collect()
}

struct Scanner<'a> {
    rest: &'a str,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: text }
    }

    fn number(&mut self) -> Option<u32> {
        let end = self
            .rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest.len());
        if end == 0 || end > 6 {
            return None;
        }
        let n = self.rest[..end].parse().ok()?;
        self.rest = &self.rest[end..];
        Some(n)
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.rest.chars().next()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest.starts_with(c) {
            self.rest = &self.rest[c.len_utf8()..];
            true
        } else {
            false
        }
    }

    fn at_end(&self) -> bool {
        self.rest.is_empty()
    }

    fn full_date(&mut self, original: &str) -> Result<NaiveDate, String> {
        let y = self.number().ok_or_else(|| bad_date(original))?;
        let sep = self.next_char().ok_or_else(|| bad_date(original))?;
        let m = self.number().ok_or_else(|| bad_date(original))?;
        let sep2 = self.next_char().ok_or_else(|| bad_date(original))?;
        let d = self.number().ok_or_else(|| bad_date(original))?;
        match (sep, sep2) {
            ('年', '月') => {
                if !self.eat('日') {
                    self.eat('号');
                }
            }
            ('-', '-') | ('/', '/') | ('.', '.') => {}
            _ => return Err(bad_date(original)),
        }
        if y < 1000 {
            return Err(bad_date(original));
        }
        let y = i32::try_from(y).map_err(|_| bad_date(original))?;
        check_year(y).map_err(|e| format!("日期「{original}」：{e}"))?;
        ymd(y, m, d, original)
    }
}

/// Serde helpers: write ISO, read any accepted form.
pub mod serde_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialises as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.format("%Y-%m-%d"))
    }

    /// Reads ISO or Chinese dates.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_date(&text).map_err(serde::de::Error::custom)
    }

    /// The same for an optional date; `null` and `""` read as absent.
    pub mod option {
        use super::*;

        /// Serialises `Some` as `YYYY-MM-DD`, `None` as null.
        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        /// Reads ISO or Chinese dates, null or empty as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(t) if t.trim().is_empty() => Ok(None),
                Some(t) => super::super::parse_date(&t)
                    .map(Some)
                    .map_err(serde::de::Error::custom),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn single_dates_in_every_accepted_form() {
        for t in [
            "2024-01-10",
            "2024/1/10",
            "2024.1.10",
            "2024年1月10日",
            "２０２４年1月10日",
            " 2024 年 1 月 10 日 ",
        ] {
            assert_eq!(parse_date(t), Ok(d(2024, 1, 10)), "{t}");
        }
    }

    #[test]
    fn impossible_dates_are_refused_with_the_reason() {
        let e = parse_date("2024-02-30").unwrap_err();
        assert!(e.contains("不存在"), "{e}");
        let e = parse_date("2024年13月1日").unwrap_err();
        assert!(e.contains("月份"), "{e}");
        assert!(parse_date("明天").is_err());
        assert!(parse_date("2024-01").is_err());
    }

    #[test]
    fn schedule_ranges() {
        let r = |a, b| Ok(ParsedSchedule::Range(a, b));
        assert_eq!(
            parse_schedule("2024年6月11日至14日"),
            r(d(2024, 6, 11), d(2024, 6, 14))
        );
        assert_eq!(
            parse_schedule("2024年6月28日至7月2日"),
            r(d(2024, 6, 28), d(2024, 7, 2))
        );
        assert_eq!(
            parse_schedule("2024-06-11至2024-06-14"),
            r(d(2024, 6, 11), d(2024, 6, 14))
        );
        assert_eq!(
            parse_schedule("2024.6.11-6.14"),
            Ok(ParsedSchedule::Range(d(2024, 6, 11), d(2024, 6, 14)))
        );
        assert_eq!(
            parse_schedule("2024/6/28-2024/7/2"),
            Ok(ParsedSchedule::Range(d(2024, 6, 28), d(2024, 7, 2)))
        );
        assert_eq!(
            parse_schedule("2024年6月11日-14日"),
            r(d(2024, 6, 11), d(2024, 6, 14))
        );
        assert_eq!(
            parse_schedule("2024年6月11日"),
            r(d(2024, 6, 11), d(2024, 6, 11))
        );
        assert_eq!(
            parse_schedule("2024年6月"),
            Ok(ParsedSchedule::Month(YearMonth::new(2024, 6).unwrap()))
        );
    }

    #[test]
    fn schedule_end_before_start_is_refused() {
        let e = parse_schedule("2024年6月14日至11日").unwrap_err();
        assert!(e.contains("早于"), "{e}");
        assert!(parse_schedule("2024年13月").is_err());
        assert!(parse_schedule("六月中旬").is_err());
    }

    #[test]
    fn years_outside_the_range_are_refused_not_panicking() {
        for t in ["300000年6月", "999999-01", "2101年1月"] {
            let e = parse_schedule(t).unwrap_err();
            assert!(e.contains("不是有效") || e.contains("超出范围"), "{t}: {e}");
        }
        let e = parse_date("300000年1月10日").unwrap_err();
        assert!(e.contains("超出范围"), "{e}");
        let e = parse_date("1999-12-31").unwrap_err();
        assert!(e.contains("超出范围"), "{e}");
        assert!(YearMonth::new(300_000, 6).is_err());
        assert!(YearMonth::new(i32::MAX, 12).is_err());
        assert_eq!(
            parse_schedule("2100年12月"),
            Ok(ParsedSchedule::Month(YearMonth::new(2100, 12).unwrap()))
        );
    }

    #[test]
    fn month_bounds() {
        let m = YearMonth::new(2024, 2).unwrap();
        assert_eq!(m.first_day(), d(2024, 2, 1));
        assert_eq!(m.last_day(), d(2024, 2, 29));
        assert_eq!(
            YearMonth::new(2024, 12).unwrap().last_day(),
            d(2024, 12, 31)
        );
    }
}
