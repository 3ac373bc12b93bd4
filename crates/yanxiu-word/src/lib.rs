//! The 申报表 and 汇总表 as editable Word documents — the 电子版 the notice
//! asks for beside the stamped paper — written from the same model as the
//! PDFs, with the same table, widths, fonts and page furniture.
//!
//! Fonts are named as an official document names them (方正小标宋简体,
//! 黑体, 仿宋_GB2312); Word or WPS substitutes a face it has when one is
//! missing. Every value is plain text in its cell inside a bookmark named
//! after its field's path (`yx_project_name`), the boxes ☐/☑ characters, so
//! that every reader (python-docx's `cell.text`, mammoth, pandoc,
//! LibreOffice) sees them; the parts are deflated, their properties in the
//! schema's order. A .docx stays editable, so it may be written from data
//! that validation still finds fault with. The reader ([`read_word`]) takes
//! back a filled 申报表 as .docx, or Word 97–2003 .doc / WPS .wps.
//!
//! ```
//! let app = yanxiu_core::parse::application_from_json(yanxiu_core::examples::APPLICATION).unwrap();
//! let bytes = yanxiu_word::application_docx(Some(&app), &yanxiu_core::Profile::default()).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```

mod application;
mod error;
mod marks;
mod order;
mod pitch;
mod read;
mod style;
mod summary;
mod turned;
mod wml;

pub use error::WordError;
pub use read::{
    MAX_DEPTH, MAX_DOCX_BYTES, MAX_PART_BYTES, MAX_ROWS, ReadError, ReadForm, read_docx,
    read_docx_with, read_word,
};

/// The custom document property holding the whole record (for the fields
/// the form does not print, and the exact text behind what it prints).
pub(crate) const CARRIER: &str = "yanxiu";
use yanxiu_core::{Application, Profile, Summary};

/// The 申报表 of `app` as a .docx, or the blank form (`None`).
pub fn application_docx(
    app: Option<&Application>,
    profile: &Profile,
) -> Result<Vec<u8>, WordError> {
    let pitch = profile.application_form.line_pitch_pt;
    pack(application::document(app, profile), false, pitch)
}

/// The 汇总表 as a .docx, or the blank form (`None`).
pub fn summary_docx(summary: Option<&Summary>, profile: &Profile) -> Result<Vec<u8>, WordError> {
    let pitch = profile.summary_form.line_pitch_pt;
    pack(summary::document(summary, profile), true, pitch)
}

/// The package: the table's lines at `pitch_pt` (see `pitch`), the header row
/// repeated when `header_row`, the styles' defaults, every part deflated.
fn pack(docx: docx_rs::Docx, header_row: bool, pitch_pt: f64) -> Result<Vec<u8>, WordError> {
    let mut xml = docx.build();
    xml.document = marks::finish(&xml.document, header_row)?;
    // The landscape 汇总表 (the form with a repeated header row): its page
    // numbers turned into the binding margin, as the PDF's.
    if header_row {
        for f in &mut xml.footers {
            if let Some(turned) = std::str::from_utf8(f).ok().and_then(turned::turned_footer) {
                *f = turned.into_bytes();
            }
        }
    }
    if let Some(exact) = std::str::from_utf8(&xml.document)
        .ok()
        .and_then(|d| pitch::exact_in_cells(d, (pitch_pt * 20.0).round() as u32))
    {
        xml.document = exact.into_bytes();
    }
    xml.styles = marks::styles(&xml.styles)?;
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| WordError::Package(e.to_string()))?;
    deflated(&out.into_inner()).map_err(|e| WordError::Package(e.to_string()))
}

/// The package with every part deflated: docx-rs stores them uncompressed
/// (a 申报表 of 60 KB instead of 12, a 300-row 汇总表 of 1.9 MB instead of
/// 40 KB), which mail gateways and the offices' disks pay for. Parts keep
/// their order and get a fixed date, so the same form gives the same bytes.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut parts = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..parts.len() {
        let mut part = parts.by_index(i)?;
        let name = part.name().to_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes)?;
        // The Word parts' properties in the order the schema requires.
        if name.starts_with("word/")
            && name.ends_with(".xml")
            && let Some(sorted) = std::str::from_utf8(&bytes)
                .ok()
                .and_then(order::in_schema_order)
        {
            bytes = sorted.into_bytes();
        }
        out.start_file(name, options)?;
        std::io::Write::write_all(&mut out, &bytes)?;
    }
    Ok(out.finish()?.into_inner())
}
