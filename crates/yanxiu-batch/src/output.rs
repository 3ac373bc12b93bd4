//! Writing output files so that a failure never leaves half a file.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Makes temporary names unique between threads of one process as well.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The ending of a temporary file that [`write_atomic`] renames into place.
const PARTIAL_SUFFIX: &str = ".part";

/// Whether a file name is a temporary file [`write_atomic`] left behind
/// (a killed process): such files are never output, and can be removed.
pub fn is_partial(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(PARTIAL_SUFFIX)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename: readers see the old file or the whole new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// The same for a file written piece by piece (a print file of a thousand
/// forms is never held in memory whole): `write` fills the temporary file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file path"))?;
    let tmp = dir.join(format!(
        ".{}.{}-{}{PARTIAL_SUFFIX}",
        name.to_string_lossy(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_writing_one_path_leave_one_whole_file() {
        let dir = std::env::temp_dir().join(format!("yanxiu-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.pdf");
        let contents: Vec<Vec<u8>> = (0..8u8).map(|i| vec![i; 200_000]).collect();
        std::thread::scope(|s| {
            for c in &contents {
                let path = &path;
                s.spawn(move || write_atomic(path, c).unwrap());
            }
        });
        let written = std::fs::read(&path).unwrap();
        assert!(
            contents.contains(&written),
            "the file is one writer's whole output"
        );
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("out.pdf")],
            "no temporary file left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let missing = std::env::temp_dir()
            .join("yanxiu-no-such-dir")
            .join("x")
            .join("out.pdf");
        assert!(write_atomic(&missing, b"%PDF-").is_err());
        assert!(!missing.exists());
    }
}
