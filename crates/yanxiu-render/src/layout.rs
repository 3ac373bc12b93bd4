//! The laid-out text of a document, run by run with its position: what the
//! layout tests walk to check line breaks, column widths and page furniture
//! from the document itself rather than from the PDF's extracted text.

use typst::layout::{Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// One run of shaped text as laid out: a line of one cell, or the part of
/// it set in one font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// 1-based page number.
    pub page: usize,
    /// Left edge, in points from the page's left edge.
    pub x: f64,
    /// Baseline, in points from the page's top edge.
    pub y: f64,
    /// Advance width, in points.
    pub width: f64,
    /// Font size, in points.
    pub size: f64,
    /// The characters.
    pub text: String,
    /// How far the run is turned, in degrees clockwise (0 for upright text,
    /// 90 for a landscape page's turned page number).
    pub rotation: f64,
}

/// The laid-out pages of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width and height of each page, in points.
    pub pages: Vec<(f64, f64)>,
    /// Every text run, page by page in layout order.
    pub runs: Vec<TextRun>,
}

pub(crate) fn of(doc: &PagedDocument) -> Layout {
    let mut runs = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut runs);
    }
    Layout {
        pages: doc
            .pages()
            .iter()
            .map(|p| (p.frame.width().to_pt(), p.frame.height().to_pt()))
            .collect(),
        runs,
    }
}

fn walk(frame: &Frame, ts: Transform, page: usize, out: &mut Vec<TextRun>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, ts, page, out);
            }
            FrameItem::Text(text) => {
                let at = Point::new(pos.x, pos.y).transform(ts);
                out.push(TextRun {
                    page,
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    text: text.text.to_string(),
                    rotation: ts.ky.get().atan2(ts.sx.get()).to_degrees(),
                });
            }
            _ => {}
        }
    }
}
