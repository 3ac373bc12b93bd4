//! The limits every input meets, named once. Each bounds the memory or the
//! time one input can take, and each has its own error where it is checked.

/// Characters in one text field. The longest field of a real application is
/// a few thousand characters; 20,000 fill about ten pages of the form.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// Applications in one summary, workbook or batch. A province-wide call
/// has a few hundred; the limit leaves room for fifty times that.
pub const MAX_APPLICATIONS: usize = 20_000;

/// Bytes of one input file (JSON or workbook). A 20,000-row workbook of
/// long texts is about 40 MB.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Pages of one 申报表. A full application is two to four pages; more
/// means text far beyond what the form is for.
pub const MAX_APPLICATION_PAGES: usize = 30;

/// Pages of one 汇总表 (about 12 rows a page at the limit of applications).
pub const MAX_SUMMARY_PAGES: usize = 3_000;

/// Years a date may have. The notice concerns one programme year; a date
/// outside this range is a typo (`20244年`), refused with the field named.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
