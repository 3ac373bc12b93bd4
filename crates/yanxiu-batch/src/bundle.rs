//! The package of a batch: one zip of the 电子版 to e-mail, written file by
//! file. (The print file is `yanxiu_render::assemble::print_file`.)

use std::io::Write;

pub use yanxiu_render::assemble::{Part, PrintError, print_file};

/// Why a print file or a package could not be made.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// The print file could not be made.
    #[error(transparent)]
    Print(#[from] PrintError),
    /// The zip could not be written.
    #[error("无法生成压缩包：{0}")]
    Zip(#[from] zip::result::ZipError),
    /// Writing failed.
    #[error("无法写入：{0}")]
    Io(#[from] std::io::Error),
}

/// One file of the package: its name inside the zip and where its bytes come from.
pub struct Entry<'a> {
    /// The name as the recipient sees it (`3-海洋经济高级研修班.pdf`).
    pub name: &'a str,
    /// The file on disk.
    pub path: std::path::PathBuf,
}

/// The zip of the 电子版, written to `w` file by file: names in UTF-8 with
/// the zip's UTF-8 flag set (so Chinese names show on Chinese Windows and on
/// macOS), files stored as they are (PDF, xlsx and docx are compressed
/// already), a fixed date so that the same files give the same bytes.
pub fn package<W: Write + std::io::Seek>(entries: &[Entry<'_>], w: W) -> Result<(), BundleError> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(w);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for e in entries {
        zip.start_file(e.name, options)?;
        let mut f = std::fs::File::open(&e.path)?;
        std::io::copy(&mut f, &mut zip)?;
    }
    zip.finish()?;
    Ok(())
}
