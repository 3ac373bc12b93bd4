//! Which rows of an .xlsx sheet are hidden. Calamine reads every row; an
//! office hides the rows it does not mean to send (a withdrawn project), so
//! the reader looks at the sheet's own XML for `hidden="1"`.

use std::io::{Cursor, Read};

/// Hidden rows (1-based, as Excel numbers them) of the sheet `name` of an
/// .xlsx workbook; none for other formats or anything unexpected.
pub(crate) fn hidden_rows(bytes: &[u8], name: &str) -> Vec<u32> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut read = |path: &str| -> Option<String> {
        let mut f = zip.by_name(path).ok()?;
        // Bounded: a sheet's XML of a 20,000-row workbook is well under this.
        let mut s = String::new();
        f.by_ref().take(256 << 20).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let Some(workbook) = read("xl/workbook.xml") else {
        return Vec::new();
    };
    let Some(rels) = read("xl/_rels/workbook.xml.rels") else {
        return Vec::new();
    };
    let Some(id) = tags(&workbook, "sheet")
        .find(|t| attr(t, "name").as_deref() == Some(&escape(name)))
        .and_then(|t| attr(t, "r:id"))
    else {
        return Vec::new();
    };
    let Some(target) = tags(&rels, "Relationship")
        .find(|t| attr(t, "Id").as_deref() == Some(id.as_str()))
        .and_then(|t| attr(t, "Target"))
    else {
        return Vec::new();
    };
    let path = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("xl/{target}"),
    };
    let Some(sheet) = read(&path) else {
        return Vec::new();
    };
    tags(&sheet, "row")
        .filter(|t| matches!(attr(t, "hidden").as_deref(), Some("1" | "true")))
        .filter_map(|t| attr(t, "r")?.parse().ok())
        .collect()
}

/// The opening tags `<name …>` of an XML text (attributes included).
fn tags<'a>(xml: &'a str, name: &str) -> std::vec::IntoIter<&'a str> {
    let open = format!("<{name} ");
    xml.match_indices(open.as_str())
        .filter_map(|(i, _)| {
            let rest = &xml[i..];
            rest.find('>').map(|end| &rest[..end])
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// An attribute's value in an opening tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_owned())
}

/// A sheet name as workbook.xml writes it.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
