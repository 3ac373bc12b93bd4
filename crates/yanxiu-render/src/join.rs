//! Joins the PDFs of a long 汇总表's runs (see `runs`) into one: every
//! page in order under one page tree, the first run's catalog entries
//! (PDF/A metadata and output intent, language, viewer settings), document
//! information and file identifier, and the page count in the XMP metadata
//! made the whole document's. Each run keeps its own font subsets.

use crate::{Diagnostics, RenderError};
use lopdf::{Dictionary, Document, Object, ObjectId};

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
/// (`Parent`, `StructParents`) stay behind. Shared with the batch's print
/// file, which joins whole forms the same way.
pub fn own_page(doc: &Document, id: ObjectId) -> Dictionary {
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
