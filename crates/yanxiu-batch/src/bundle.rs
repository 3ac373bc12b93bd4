//! The two files a 主管部门 hands in besides the separate forms: one PDF to
//! print and stamp (the 汇总表, then every 申报表 in 序号 order, each starting
//! on a right-hand page when printed double-sided, with a bookmark per form)
//! and one zip of the 电子版 to e-mail.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::io::Write;

/// One document of the print file: its PDF and its bookmark.
pub struct Part<'a> {
    /// The PDF as written on its own.
    pub pdf: &'a [u8],
    /// The bookmark (`3 海洋经济高级研修班`, `汇总表`).
    pub title: String,
}

/// Why a print file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// A part is not a PDF the merger can read.
    #[error("无法读取「{title}」的 PDF：{source}")]
    Read {
        /// The part's bookmark.
        title: String,
        /// The reader's reason.
        #[source]
        source: lopdf::Error,
    },
    /// The zip could not be written.
    #[error("无法生成压缩包：{0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing to memory failed.
    #[error("无法生成文件：{0}")]
    Io(#[from] std::io::Error),
}

/// A text string as PDF writes it: UTF-16BE with a byte-order mark, so that
/// Chinese bookmarks show in every viewer.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The attributes a page inherits from its page tree when it lacks them.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// A page dictionary with its inherited attributes made its own.
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
    page
}

/// Joins the parts into one PDF: each part starts on an odd page (a blank
/// page follows a part of odd length), page labels restart at 1 per part as
/// the printed numbers do, and each part has a bookmark.
/// Returns the PDF and its number of pages.
pub fn print_file(parts: &[Part<'_>]) -> Result<(Vec<u8>, usize), BundleError> {
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    let mut starts: Vec<(usize, ObjectId, &str)> = Vec::new();
    for part in parts {
        let mut doc = Document::load_mem(part.pdf).map_err(|source| BundleError::Read {
            title: part.title.clone(),
            source,
        })?;
        doc.renumber_objects_with(out.max_id + 1);
        let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let pages: Vec<(ObjectId, Dictionary)> =
            ids.iter().map(|id| (*id, own_page(&doc, *id))).collect();
        out.max_id = out.max_id.max(doc.max_id);
        // Every object of the part comes along; what only its own catalog
        // used (structure tree, metadata) is pruned at the end.
        out.objects.extend(doc.objects);
        let first = kids.len();
        let mut media_box = None;
        for (id, mut page) in pages {
            page.set("Parent", pages_id);
            // The structure tree of the part stays behind: its numbers would dangle.
            page.remove(b"StructParents");
            media_box = page.get(b"MediaBox").ok().cloned();
            out.objects.insert(id, Object::Dictionary(page));
            kids.push(id.into());
        }
        let Some(&Object::Reference(first_id)) = kids.get(first) else {
            continue;
        };
        starts.push((first, first_id, part.title.as_str()));
        if (kids.len() - first) % 2 == 1 {
            let mut blank = Dictionary::new();
            blank.set("Type", "Page");
            blank.set("Parent", pages_id);
            if let Some(mb) = media_box {
                blank.set("MediaBox", mb);
            }
            blank.set("Resources", Dictionary::new());
            kids.push(out.add_object(blank).into());
        }
    }
    let count = kids.len() as i64;
    let mut pages = Dictionary::new();
    pages.set("Type", "Pages");
    pages.set("Kids", kids);
    pages.set("Count", count);
    out.objects.insert(pages_id, Object::Dictionary(pages));

    // Bookmarks: one per part, in order.
    let outlines_id = out.new_object_id();
    let item_ids: Vec<ObjectId> = starts.iter().map(|_| out.new_object_id()).collect();
    for (i, (_, page, title)) in starts.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text(title));
        item.set("Parent", outlines_id);
        item.set("Dest", vec![Object::Reference(*page), "Fit".into()]);
        if i > 0 {
            item.set("Prev", item_ids[i - 1]);
        }
        if let Some(next) = item_ids.get(i + 1) {
            item.set("Next", *next);
        }
        out.objects.insert(item_ids[i], Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    if let (Some(first), Some(last)) = (item_ids.first(), item_ids.last()) {
        outlines.set("First", *first);
        outlines.set("Last", *last);
    }
    outlines.set("Count", item_ids.len() as i64);
    out.objects
        .insert(outlines_id, Object::Dictionary(outlines));

    // Page labels restart at 1 with every part, as the printed numbers do.
    let mut nums: Vec<Object> = Vec::new();
    for (first, _, _) in &starts {
        let mut style = Dictionary::new();
        style.set("S", "D");
        nums.push((*first as i64).into());
        nums.push(style.into());
    }
    let mut labels = Dictionary::new();
    labels.set("Nums", nums);

    let mut catalog = Dictionary::new();
    catalog.set("Type", "Catalog");
    catalog.set("Pages", pages_id);
    catalog.set("Outlines", outlines_id);
    catalog.set("PageMode", "UseOutlines");
    catalog.set("PageLabels", labels);
    let catalog_id = out.add_object(catalog);
    out.trailer.set("Root", catalog_id);
    out.prune_objects();
    let mut bytes = Vec::new();
    out.save_to(&mut bytes)?;
    Ok((bytes, count as usize))
}

/// One file of the package: its name inside the zip and its bytes.
pub struct Entry<'a> {
    /// The name as the recipient sees it (`3-海洋经济高级研修班.pdf`).
    pub name: &'a str,
    /// The file.
    pub bytes: &'a [u8],
}

/// The zip of the 电子版: names in UTF-8 with the zip's UTF-8 flag set (so
/// Chinese names show on Chinese Windows and on macOS), files stored as they
/// are (PDF, xlsx and docx are compressed already), a fixed date so that the
/// same files give the same bytes.
pub fn package(entries: &[Entry<'_>]) -> Result<Vec<u8>, BundleError> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for e in entries {
        zip.start_file(e.name, options)?;
        zip.write_all(e.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
