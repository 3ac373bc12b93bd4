//! 办班时间: either exact dates or a month with a number of days.

use crate::date::{self, ParsedSchedule, YearMonth};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// When the class is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// From `start` to `end`, both inclusive.
    Dates {
        /// First day.
        start: NaiveDate,
        /// Last day (not before `start`).
        end: NaiveDate,
    },
    /// A month, with the number of days when known.
    Month {
        /// The month.
        month: YearMonth,
        /// Planned number of days.
        days: Option<u32>,
    },
}

impl Schedule {
    /// Exact dates, refusing an end before the start.
    pub fn dates(start: NaiveDate, end: NaiveDate) -> Result<Self, String> {
        if end < start {
            return Err(format!("办班时间的结束日期 {end} 早于开始日期 {start}"));
        }
        Ok(Schedule::Dates { start, end })
    }

    /// Reads a schedule as people write it (`2024年6月11日至14日`,
    /// `2024年6月`); see [`date::parse_schedule`].
    pub fn parse(text: &str) -> Result<Self, String> {
        Ok(match date::parse_schedule(text)? {
            ParsedSchedule::Range(start, end) => Schedule::Dates { start, end },
            ParsedSchedule::Month(month) => Schedule::Month { month, days: None },
        })
    }

    /// Number of days of the class, counting both ends; `None` when only a
    /// month without days is known.
    pub fn days(&self) -> Option<u32> {
        match *self {
            Schedule::Dates { start, end } => Some((end - start).num_days() as u32 + 1),
            Schedule::Month { days, .. } => days,
        }
    }

    /// The earliest day the class can start.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            Schedule::Dates { start, .. } => start,
            Schedule::Month { month, .. } => month.first_day(),
        }
    }

    /// The latest day the class can end.
    pub fn latest(&self) -> NaiveDate {
        match *self {
            Schedule::Dates { end, .. } => end,
            Schedule::Month { month, .. } => month.last_day(),
        }
    }

    /// The wording under a title that names `year` (the 汇总表's): the year
    /// left out where it is that year — `6月11日至14日`, `6月（4天）` — and
    /// kept where it is not (a draft's wrong year is never hidden).
    pub fn display_zh_in(&self, year: i32) -> String {
        use chrono::Datelike;
        let full = self.display_zh();
        let in_year = match *self {
            Schedule::Dates { start, end } => start.year() == year && end.year() == year,
            Schedule::Month { month, .. } => month.year() == year,
        };
        if in_year {
            full.replacen(&format!("{year}年"), "", 1)
        } else {
            full
        }
    }

    /// The wording printed on the form, e.g. `2024年6月11日至14日`.
    pub fn display_zh(&self) -> String {
        use chrono::Datelike;
        match *self {
            Schedule::Dates { start, end } if start == end => date::zh(start),
            Schedule::Dates { start, end } => {
                let head = format!("{}至", date::zh(start));
                if start.year() != end.year() {
                    format!("{head}{}", date::zh(end))
                } else if start.month() != end.month() {
                    format!("{head}{}月{}日", end.month(), end.day())
                } else {
                    format!("{head}{}日", end.day())
                }
            }
            Schedule::Month { month, days } => match days {
                Some(d) => format!("{}年{}月（{}天）", month.year(), month.month(), d),
                None => format!("{}年{}月", month.year(), month.month()),
            },
        }
    }
}

impl Serialize for Schedule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        match self {
            Schedule::Dates { start, end } => {
                m.serialize_entry("start", &start.format("%Y-%m-%d").to_string())?;
                m.serialize_entry("end", &end.format("%Y-%m-%d").to_string())?;
            }
            Schedule::Month { month, days } => {
                m.serialize_entry("month", &month.to_string())?;
                if let Some(d) = days {
                    m.serialize_entry("days", d)?;
                }
            }
        }
        m.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchedule {
    #[serde(default, with = "date::serde_date::option")]
    start: Option<NaiveDate>,
    #[serde(default, with = "date::serde_date::option")]
    end: Option<NaiveDate>,
    #[serde(default)]
    month: Option<String>,
    #[serde(default)]
    days: Option<u32>,
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Schedule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "办班时间：如 \"2024年6月11日至14日\"，或对象 {start, end} / {month, days}",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Schedule, E> {
                Schedule::parse(v).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Schedule, A::Error> {
                let raw = RawSchedule::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match raw {
                    RawSchedule {
                        start: Some(s),
                        end: Some(e),
                        month: None,
                        days,
                    } => {
                        let sch = Schedule::dates(s, e).map_err(de::Error::custom)?;
                        if let Some(d) = days
                            && Some(d) != sch.days()
                        {
                            return Err(de::Error::custom(format!(
                                "办班天数 {d} 与起止日期不符（起止日期共 {} 天）",
                                sch.days().unwrap_or(0)
                            )));
                        }
                        Ok(sch)
                    }
                    RawSchedule {
                        start: None,
                        end: None,
                        month: Some(m),
                        days,
                    } => {
                        let month = date::parse_year_month(&m).map_err(de::Error::custom)?;
                        Ok(Schedule::Month { month, days })
                    }
                    _ => Err(de::Error::custom(
                        "办班时间须写开始和结束日期（start、end），或月份和天数（month、days）",
                    )),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Schedule {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Schedule".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "办班时间: {start, end} (ISO dates), {month: \"YYYY-MM\", days}, or a string such as \"2024年6月11日至14日\"",
            "oneOf": [
                {"type": "string"},
                {"type": "object", "required": ["start", "end"], "additionalProperties": false,
                 "properties": {"start": {"type": "string", "format": "date"}, "end": {"type": "string", "format": "date"}}},
                {"type": "object", "required": ["month"], "additionalProperties": false,
                 "properties": {"month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}, "days": {"type": "integer", "minimum": 0}}}
            ]
        })
    }
}
