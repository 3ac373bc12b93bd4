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
        drop(f);
        replace(&tmp, path, RENAME_ATTEMPTS, |from, to| {
            std::fs::rename(from, to)
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// How often a refused rename is tried. On Windows a virus scanner or the
/// search indexer opens a new file for a moment, and a rename over it fails
/// with "access denied" until it lets go; elsewhere a refusal is final.
const RENAME_ATTEMPTS: u32 = if cfg!(windows) { 8 } else { 1 };

/// Renames `tmp` over `path`, trying again a refused rename (see
/// [`RENAME_ATTEMPTS`]) after 25, 50, 100 … ms. A final refusal names what
/// the office worker can do: Windows cannot replace a file that Word, WPS or
/// a PDF reader holds open, nor a read-only one.
fn replace(
    tmp: &Path,
    path: &Path,
    attempts: u32,
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut wait = std::time::Duration::from_millis(25);
    let mut attempt = 1;
    loop {
        match rename(tmp, path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && attempt < attempts => {
                std::thread::sleep(wait);
                wait *= 2;
                attempt += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && path.exists() => {
                return Err(std::io::Error::new(
                    e.kind(),
                    format!(
                        "已有同名文件且无法替换：它可能正被 Word、WPS 或 PDF 阅读器打开，或是只读文件；请关闭它（或取消只读）后重试 ({e})"
                    ),
                ));
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused rename is tried again, and a lasting refusal over an
    /// existing file says why in words an office worker can act on.
    #[test]
    fn refused_replace_is_retried_then_explained() {
        let dir = std::env::temp_dir().join(format!("yanxiu-replace-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (tmp, path) = (dir.join(".x.part"), dir.join("申报表.pdf"));
        std::fs::write(&path, b"old").unwrap();
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let calls = std::cell::Cell::new(0);
        // Refused twice (a scanner holding the file), then it goes through.
        replace(&tmp, &path, 8, |_, _| {
            calls.set(calls.get() + 1);
            if calls.get() < 3 {
                Err(denied())
            } else {
                Ok(())
            }
        })
        .unwrap();
        assert_eq!(calls.get(), 3);
        // Refused for good (open in Word): the message says so.
        calls.set(0);
        let e = replace(&tmp, &path, 3, |_, _| {
            calls.set(calls.get() + 1);
            Err(denied())
        })
        .unwrap_err();
        assert_eq!(calls.get(), 3);
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(
            e.to_string().contains("正被 Word、WPS 或 PDF 阅读器打开"),
            "{e}"
        );
        // Other failures pass through untouched, at once.
        calls.set(0);
        let e = replace(&tmp, &path, 8, |_, _| {
            calls.set(calls.get() + 1);
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        })
        .unwrap_err();
        assert_eq!((calls.get(), e.kind()), (1, std::io::ErrorKind::NotFound));
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
