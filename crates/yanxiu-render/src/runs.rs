//! A long 汇总表 typeset in runs of rows. Typst lays a table out whole and
//! keeps what it memoised for every cell until the document is done: a
//! 3,000-row summary peaked at 600 MB, growing by ~200 KB a row. Here each
//! run of rows is its own Typst document whose pages are kept, its caches
//! dropped before the next; the pages are joined and exported once.
//!
//! The page boundaries are the single table's: a row never splits unless it
//! is too tall for a page, so a run is cut before the first row that starts
//! on its last page (or an earlier one, when a long row may run into it),
//! and the next run starts with that row on a fresh page, numbered on.
//! Mostly only the last page of each run is typeset twice. The first run has the heading, the last the totals row.
//!
//! Each run is exported to PDF as soon as it is laid out, and the PDFs are
//! joined (`assemble`): memory holds one run, however many rows. The runs carry
//! no tags: a run cut at a page leaves its table's tag open, and tags do not
//! join across documents. Such a summary is exported untagged — PDF/A-2b
//! asks for no tags; the page content is the same. Each run embeds its own
//! font subsets.

use crate::RenderError;
use crate::assemble::Joiner;
use crate::view::{Part, SummaryView};
use std::num::NonZeroUsize;
use typst::ecow::EcoVec;
use typst::foundations::{Label, Selector};
use typst::introspection::Introspector;
use typst::layout::{Frame, FrameItem};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

/// The label the template puts on each row's start when asked to.
const ROW_LABEL: &str = "yx-row";

/// The data of the run of rows `from..from + rows.len()`: those rows,
/// their long rows counted from `from`, the run's part, and whether the
/// last project's row goes over to the 合计 row's page.
fn run_data(
    view: &SummaryView,
    rows: &[Vec<String>],
    from: usize,
    part: Part,
    keep_last: bool,
) -> Vec<u8> {
    let run = SummaryView {
        rows: rows.to_vec(),
        long_rows: view
            .long_rows
            .iter()
            .filter(|i| (from..from + rows.len()).contains(*i))
            .map(|i| i - from)
            .collect(),
        part: Some(part),
        keep_last,
        ..view.clone()
    };
    serde_json::to_vec(&run).expect("plain data serialises")
}

/// The pages of the labelled elements, in document order.
fn label_pages(doc: &PagedDocument, label: &str) -> Vec<usize> {
    let label = Label::new(PicoStr::intern(label)).expect("a non-empty label");
    let intro = doc.introspector();
    intro
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| c.location())
        .filter_map(|loc| intro.page(loc).map(NonZeroUsize::get))
        .collect()
}

/// Whether a summary's 合计 row opens a page with no project on it: it
/// starts on a later page than the last project's row.
pub(crate) fn totals_alone(doc: &PagedDocument) -> bool {
    match (
        &label_pages(doc, "yx-totals")[..],
        &label_pages(doc, "yx-last")[..],
    ) {
        ([total], [last]) => total > last,
        _ => false,
    }
}

/// Whether a 申报表's last row, a short one (kept whole), stands alone on
/// the last page: it starts on a later page than the row before it and
/// nothing else is on that page.
pub(crate) fn last_row_alone(doc: &PagedDocument) -> bool {
    let kept = {
        let label = Label::new(PicoStr::intern("yx-last-row")).expect("a non-empty label");
        let intro = doc.introspector();
        intro
            .query(&Selector::Label(label))
            .first()
            .and_then(|c| c.to_packed::<typst::introspection::MetadataElem>())
            .is_some_and(|m| m.value == typst::foundations::Value::Bool(true))
    };
    match (
        &label_pages(doc, "yx-last-row")[..],
        &label_pages(doc, "yx-prev-row")[..],
    ) {
        ([last], [prev]) => kept && last > prev && *last == doc.pages().len(),
        _ => false,
    }
}

/// The page (1-based) on which each marked row starts, in row order.
fn row_pages(doc: &PagedDocument) -> Vec<usize> {
    label_pages(doc, ROW_LABEL)
}

/// Typesets a summary in runs of at most `run_rows` rows and returns the joined PDF: `typeset` makes one
/// document of a run's data, `export` its PDF. More than `max_pages` pages
/// in all is refused.
pub(crate) fn pdf(
    mut view: SummaryView,
    run_rows: usize,
    max_pages: usize,
    mut typeset: impl FnMut(Vec<u8>) -> Result<PagedDocument, RenderError>,
    mut export: impl FnMut(&PagedDocument) -> Result<Vec<u8>, RenderError>,
) -> Result<Vec<u8>, RenderError> {
    let rows = std::mem::take(&mut view.rows);
    // Rows that may break across pages (see view::long_rows).
    let long = view.long_rows.clone();
    let run_rows = run_rows.max(1);
    let mut joiner = Joiner::new();
    let mut done_pages = 0;
    let mut start = 0;
    loop {
        let end = (start + run_rows).min(rows.len());
        let last = end == rows.len();
        let part = Part {
            first: start == 0,
            last,
            page_offset: done_pages,
            mark_rows: !last,
        };
        let mut doc = typeset(run_data(&view, &rows[start..end], start, part, false))?;
        if last && totals_alone(&doc) {
            doc = typeset(run_data(&view, &rows[start..end], start, part, true))?;
        }
        let count = doc.pages().len();
        let (keep, next) = if last {
            (count, end)
        } else {
            cut(&row_pages(&doc), count, start, end, &long)
        };
        done_pages += keep;
        if done_pages > max_pages {
            return Err(RenderError::TooManyPages {
                pages: done_pages,
                max: max_pages,
            });
        }
        let pages: EcoVec<Page> = doc.pages()[..keep].iter().cloned().map(untagged).collect();
        let info = typst::model::Document::info(&doc).clone();
        drop(doc);
        joiner.add(&export(&PagedDocument::new(pages, info))?)?;
        // This run's memoised layout is of no use to the next: its rows differ.
        typst::comemo::evict(1);
        if last {
            return joiner.finish();
        }
        start = next;
    }
}

/// Where to cut a run of rows `start..end` laid out on `count` pages, the
/// page each row starts on being `starts`: the pages to keep and the row
/// the next run starts with. The cut is before the first row that starts
/// on the last page whose previous row cannot reach it (an unbreakable row
/// lies on the page it starts on; a long row may break onto the next), so
/// the kept pages are those the one table would have. With no such page
/// (one row filling the run) the run is kept whole.
fn cut(starts: &[usize], count: usize, start: usize, end: usize, long: &[usize]) -> (usize, usize) {
    if starts.len() == end - start {
        for page in (2..=count).rev() {
            if let Some(k) = starts.iter().position(|p| *p == page)
                && k > 0
                && !long.contains(&(start + k - 1))
            {
                return (page - 1, start + k);
            }
        }
    }
    (count, end)
}

/// A page without its tags (and without the logical parents that point at
/// tagged elements).
fn untagged(mut page: Page) -> Page {
    strip_tags(&mut page.frame);
    page
}

fn strip_tags(frame: &mut Frame) {
    frame.retain(|item| match item {
        FrameItem::Tag(_) => false,
        FrameItem::Group(group) => {
            group.parent = None;
            strip_tags(&mut group.frame);
            true
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cuts_where_the_one_table_breaks() {
        // Rows 0..6 on pages 1,1,2,2,3,3: cut before row 4, keep 2 pages.
        assert_eq!(cut(&[1, 1, 2, 2, 3, 3], 3, 100, 106, &[]), (2, 104));
        // Row 103 (before the last page's first row) may break into page 3:
        // cut one page earlier, before row 102.
        assert_eq!(cut(&[1, 1, 2, 2, 3, 3], 3, 100, 106, &[103]), (1, 102));
        // A long last row runs onto page 3, where no row starts.
        assert_eq!(cut(&[1, 1, 2], 3, 0, 3, &[2]), (1, 2));
        // One row over every page: kept whole.
        assert_eq!(cut(&[1], 4, 0, 1, &[0]), (4, 1));
        // Row marks missing: kept whole.
        assert_eq!(cut(&[1, 2], 2, 0, 3, &[]), (2, 3));
    }
}
