//! Assembling PDFs from whole documents, the one place that joins PDFs:
//! the runs of a long 汇总表 into one document ([`Joiner`], see `runs`), and
//! the print file a 主管部门 stamps — the 汇总表, then every 申报表, each
//! from a right-hand page, with bookmarks ([`print_file`]). Both move pages
//! with their inherited attributes made their own (`own_page`).
//!
//! The runs' joiner keeps the first run's catalog entries (PDF/A metadata
//! and output intent, language, viewer settings), document information and
//! file identifier, and makes the XMP page count the whole document's; each
//! run keeps its own font subsets. The print file is written part by part,
//! so memory holds one form at a time however many there are.

use crate::{Diagnostics, RenderError};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, Writer};
use std::collections::HashMap;
use std::io::Write;

/// The joined document, filled run by run.
pub(crate) struct Joiner {
    doc: Document,
    pages: Vec<ObjectId>,
    first: Option<(Dictionary, Dictionary)>,
}

fn error(e: lopdf::Error) -> RenderError {
    RenderError::Pdf(Diagnostics(vec![format!("汇总表分段合并失败：{e}")]))
}

/// The attributes a page inherits from its page tree when it lacks them.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// A page dictionary of `doc` with its inherited attributes made its own,
/// ready to move into another document: its page tree and structure tree
/// (`Parent`, `StructParents`) stay behind.
fn own_page(doc: &Document, id: ObjectId) -> Dictionary {
    let mut page = doc.get_dictionary(id).cloned().unwrap_or_default();
    for key in INHERITED {
        if page.has(key) {
            continue;
        }
        let mut parent = page.get(b"Parent").and_then(Object::as_reference).ok();
        while let Some(pid) = parent {
            let Ok(node) = doc.get_dictionary(pid) else {
                break;
            };
            if let Ok(v) = node.get(key) {
                page.set(key, v.clone());
                break;
            }
            parent = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
    }
    page.remove(b"Parent");
    page.remove(b"StructParents");
    page
}

impl Joiner {
    pub fn new() -> Joiner {
        let mut doc = Document::with_version("1.7");
        doc.max_id = 0;
        Joiner {
            doc,
            pages: Vec::new(),
            first: None,
        }
    }

    /// Appends the pages of one run's PDF.
    pub fn add(&mut self, pdf: &[u8]) -> Result<(), RenderError> {
        let mut run = Document::load_mem(pdf).map_err(error)?;
        run.renumber_objects_with(self.doc.max_id + 1);
        if self.first.is_none() {
            self.doc.version = run.version.clone();
            self.first = Some((run.catalog().map_err(error)?.clone(), run.trailer.clone()));
        }
        let pages: Vec<ObjectId> = run.get_pages().into_values().collect();
        for id in &pages {
            let page = own_page(&run, *id);
            run.objects.insert(*id, Object::Dictionary(page));
        }
        self.doc.max_id = run.max_id;
        self.doc.objects.extend(run.objects);
        self.pages.extend(pages);
        Ok(())
    }

    /// The joined PDF.
    pub fn finish(mut self) -> Result<Vec<u8>, RenderError> {
        let (mut catalog, trailer) = self
            .first
            .take()
            .ok_or_else(|| RenderError::Internal("汇总表分段为空".into()))?;
        let tree_id = self.doc.new_object_id();
        for id in &self.pages {
            if let Ok(Object::Dictionary(page)) = self.doc.get_object_mut(*id) {
                page.set("Parent", tree_id);
            }
        }
        let mut tree = Dictionary::new();
        tree.set("Type", "Pages");
        tree.set("Count", self.pages.len() as i64);
        tree.set(
            "Kids",
            self.pages
                .iter()
                .map(|id| Object::Reference(*id))
                .collect::<Vec<_>>(),
        );
        self.doc.objects.insert(tree_id, Object::Dictionary(tree));
        catalog.set("Pages", tree_id);
        // The joined pages are untagged (see `runs`).
        catalog.remove(b"StructTreeRoot");
        catalog.remove(b"MarkInfo");
        if let Ok(meta) = catalog.get(b"Metadata").and_then(Object::as_reference)
            && let Ok(Object::Stream(xmp)) = self.doc.get_object_mut(meta)
        {
            let text = String::from_utf8_lossy(&xmp.content).into_owned();
            xmp.set_content(with_page_count(&text, self.pages.len()).into_bytes());
        }
        let catalog_id = self.doc.add_object(catalog);
        self.doc.trailer = Dictionary::new();
        self.doc.trailer.set("Root", catalog_id);
        for key in [b"Info".as_slice(), b"ID"] {
            if let Ok(v) = trailer.get(key) {
                self.doc.trailer.set(key, v.clone());
            }
        }
        // Drops what only the runs used: their catalogs, page trees, metadata.
        self.doc.prune_objects();
        self.doc.renumber_objects();
        let mut out = Vec::new();
        self.doc.save_to(&mut out).map_err(|e| error(e.into()))?;
        Ok(out)
    }
}

/// The XMP packet with `xmpTPg:NPages` set to `pages`.
fn with_page_count(xmp: &str, pages: usize) -> String {
    const OPEN: &str = "<xmpTPg:NPages>";
    const CLOSE: &str = "</xmpTPg:NPages>";
    match (xmp.find(OPEN), xmp.find(CLOSE)) {
        (Some(a), Some(b)) if a < b => format!("{}{OPEN}{pages}{}", &xmp[..a], &xmp[b..]),
        _ => xmp.to_owned(),
    }
}

/// One document of the print file: its PDF and its bookmark.
pub struct Part {
    /// The PDF as written on its own.
    pub pdf: Vec<u8>,
    /// The bookmark (`3 海洋经济高级研修班`, `汇总表`).
    pub title: String,
}

/// Why a print file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    /// A part is not a PDF the merger can read.
    #[error("无法读取「{title}」的 PDF：{source}")]
    Read {
        /// The part's bookmark.
        title: String,
        /// The reader's reason.
        #[source]
        source: lopdf::Error,
    },
    /// A part could not be had (its file could not be read).
    #[error("{0}")]
    Part(String),
    /// Writing failed.
    #[error("无法写入：{0}")]
    Io(#[from] std::io::Error),
}

/// A text string as PDF writes it: UTF-16BE with a byte-order mark, so that
/// Chinese bookmarks show in every viewer.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The references an object holds.
fn refs(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|x| refs(x, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, x)| refs(x, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, x)| refs(x, out)),
        _ => {}
    }
}

/// The object with its references renumbered; one that leads outside what
/// is kept (the part's structure tree) becomes null.
fn renumber(o: &Object, map: &HashMap<ObjectId, u32>) -> Object {
    let dict = |d: &Dictionary| {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            out.set(k.clone(), renumber(v, map));
        }
        out
    };
    match o {
        Object::Reference(id) => map
            .get(id)
            .map_or(Object::Null, |n| Object::Reference((*n, 0))),
        Object::Array(a) => Object::Array(a.iter().map(|x| renumber(x, map)).collect()),
        Object::Dictionary(d) => Object::Dictionary(dict(d)),
        Object::Stream(s) => {
            let mut s = s.clone();
            s.dict = dict(&s.dict);
            Object::Stream(s)
        }
        other => other.clone(),
    }
}

/// A PDF written object by object, remembering where each one starts.
struct Out<W: Write> {
    w: W,
    at: u64,
    offsets: Vec<(u32, u64)>,
    next: u32,
}

impl<W: Write> Out<W> {
    fn raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.w.write_all(bytes)?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    fn id(&mut self) -> u32 {
        self.next += 1;
        self.next - 1
    }

    fn object(&mut self, id: u32, o: &Object) -> Result<(), PrintError> {
        self.offsets.push((id, self.at));
        let mut body = format!("{id} 0 obj\n").into_bytes();
        Writer::write_object(&mut body, o)?;
        body.extend_from_slice(b"\nendobj\n");
        self.raw(&body)?;
        Ok(())
    }
}

/// Object numbers fixed in every print file; the rest follow from 4.
const PAGES_ID: u32 = 1;
const CATALOG_ID: u32 = 2;
const OUTLINES_ID: u32 = 3;

/// Joins the parts into one PDF written to `w`: each part starts on an odd
/// page (a blank page follows a part of odd length), page labels restart at
/// 1 per part as the printed numbers do, and each part has a bookmark. Parts
/// are read one at a time. Returns the number of pages.
pub fn print_file(
    parts: impl IntoIterator<Item = Result<Part, PrintError>>,
    w: impl Write,
) -> Result<usize, PrintError> {
    let mut out = Out {
        w,
        at: 0,
        offsets: Vec::new(),
        next: 4,
    };
    out.raw(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")?;
    let mut kids: Vec<u32> = Vec::new();
    // Each part's first page: its index among all pages, its object, its title.
    let mut starts: Vec<(usize, u32, String)> = Vec::new();
    for part in parts {
        let part = part?;
        let doc = Document::load_mem(&part.pdf).map_err(|source| PrintError::Read {
            title: part.title.clone(),
            source,
        })?;
        let first = kids.len();
        let media_box = write_pages(&mut out, &doc, &mut kids)?;
        let Some(&first_id) = kids.get(first) else {
            continue;
        };
        starts.push((first, first_id, part.title));
        if (kids.len() - first) % 2 == 1 {
            kids.push(blank_page(&mut out, media_box)?);
        }
    }
    write_outline(&mut out, &starts)?;
    let mut tree = Dictionary::new();
    tree.set("Type", "Pages");
    tree.set(
        "Kids",
        kids.iter()
            .map(|k| Object::Reference((*k, 0)))
            .collect::<Vec<_>>(),
    );
    tree.set("Count", kids.len() as i64);
    out.object(PAGES_ID, &Object::Dictionary(tree))?;
    write_catalog(&mut out, &starts)?;
    write_xref(&mut out)?;
    Ok(kids.len())
}

/// Writes one part's pages and what they need (and only that), under new
/// numbers in order of discovery; adds the pages to `kids`. Returns the
/// last page's media box, for a blank page after it.
fn write_pages<W: Write>(
    out: &mut Out<W>,
    doc: &Document,
    kids: &mut Vec<u32>,
) -> Result<Option<Object>, PrintError> {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let pages: Vec<Dictionary> = page_ids.iter().map(|id| own_page(doc, *id)).collect();
    let mut map: HashMap<ObjectId, u32> = HashMap::new();
    for id in &page_ids {
        let n = out.id();
        map.insert(*id, n);
    }
    let mut todo: Vec<ObjectId> = Vec::new();
    for p in &pages {
        refs(&Object::Dictionary(p.clone()), &mut todo);
    }
    let mut order: Vec<ObjectId> = Vec::new();
    while let Some(id) = todo.pop() {
        if map.contains_key(&id) {
            continue;
        }
        let Ok(o) = doc.get_object(id) else {
            continue;
        };
        let n = out.id();
        map.insert(id, n);
        order.push(id);
        refs(o, &mut todo);
    }
    let mut media_box = None;
    for (id, mut page) in page_ids.iter().zip(pages) {
        media_box = page.get(b"MediaBox").ok().cloned();
        page.set("Parent", (PAGES_ID, 0));
        let n = map[id];
        out.object(n, &renumber(&Object::Dictionary(page), &map))?;
        kids.push(n);
    }
    for id in order {
        if let Ok(o) = doc.get_object(id) {
            out.object(map[&id], &renumber(o, &map))?;
        }
    }
    Ok(media_box)
}

/// An empty page of the given size, so that the next part starts on a
/// right-hand page.
fn blank_page<W: Write>(out: &mut Out<W>, media_box: Option<Object>) -> Result<u32, PrintError> {
    let mut blank = Dictionary::new();
    blank.set("Type", "Page");
    blank.set("Parent", (PAGES_ID, 0));
    if let Some(mb) = media_box {
        blank.set("MediaBox", mb);
    }
    blank.set("Resources", Dictionary::new());
    let n = out.id();
    out.object(n, &Object::Dictionary(blank))?;
    Ok(n)
}

/// Bookmarks: one per part, in order.
fn write_outline<W: Write>(
    out: &mut Out<W>,
    starts: &[(usize, u32, String)],
) -> Result<(), PrintError> {
    let items: Vec<u32> = starts.iter().map(|_| out.id()).collect();
    for (i, (_, page, title)) in starts.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text(title));
        item.set("Parent", (OUTLINES_ID, 0));
        item.set("Dest", vec![Object::Reference((*page, 0)), "Fit".into()]);
        if i > 0 {
            item.set("Prev", (items[i - 1], 0));
        }
        if let Some(next) = items.get(i + 1) {
            item.set("Next", (*next, 0));
        }
        out.object(items[i], &Object::Dictionary(item))?;
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        outlines.set("First", (*first, 0));
        outlines.set("Last", (*last, 0));
    }
    outlines.set("Count", items.len() as i64);
    out.object(OUTLINES_ID, &Object::Dictionary(outlines))
}

/// The catalog, with page labels that restart at 1 with every part, as the
/// printed numbers do.
fn write_catalog<W: Write>(
    out: &mut Out<W>,
    starts: &[(usize, u32, String)],
) -> Result<(), PrintError> {
    let mut nums: Vec<Object> = Vec::new();
    for (first, _, _) in starts {
        let mut style = Dictionary::new();
        style.set("S", "D");
        nums.push((*first as i64).into());
        nums.push(style.into());
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", nums);
    let mut catalog = Dictionary::new();
    catalog.set("Type", "Catalog");
    catalog.set("Pages", (PAGES_ID, 0));
    catalog.set("Outlines", (OUTLINES_ID, 0));
    catalog.set("PageMode", "UseOutlines");
    catalog.set("PageLabels", labels);
    out.object(CATALOG_ID, &Object::Dictionary(catalog))
}

/// The cross-reference table (every number from 1 was written once) and
/// the trailer.
fn write_xref<W: Write>(out: &mut Out<W>) -> Result<(), PrintError> {
    out.offsets.sort_unstable();
    let xref = out.at;
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", out.next);
    for (_, offset) in &out.offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root {CATALOG_ID} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        out.next
    ));
    out.raw(table.as_bytes())?;
    out.w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_count_in_xmp() {
        let xmp = "<a><xmpTPg:NPages>17</xmpTPg:NPages><b/></a>";
        assert_eq!(
            super::with_page_count(xmp, 520),
            "<a><xmpTPg:NPages>520</xmpTPg:NPages><b/></a>"
        );
        assert_eq!(super::with_page_count("<a/>", 3), "<a/>");
    }
}
