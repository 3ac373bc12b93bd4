//! The names of the files a batch writes, and names that every file system
//! takes: Windows forbids `\ / : * ? " < > |`,
//! control characters, and names ending in a dot or a space; Linux allows
//! 255 bytes per name.

/// File name of the summary PDF.
pub const SUMMARY_PDF: &str = "汇总表.pdf";
/// The summary's Word file in the output folder.
pub const SUMMARY_DOCX: &str = "汇总表.docx";
/// File name of the summary workbook.
pub const SUMMARY_XLSX: &str = "汇总表.xlsx";

/// The Word file beside a record's PDF.
pub fn docx_name(pdf: &str) -> String {
    format!("{}.docx", pdf.strip_suffix(".pdf").unwrap_or(pdf))
}

/// The longest project-name part, in characters (a name stays readable in
/// Explorer and far under 255 bytes of UTF-8).
const MAX_STEM_CHARS: usize = 60;

/// `<序号>-<项目名称>.pdf`, with the number zero-padded to the width of
/// `total` so that files sort in ranking order.
pub fn pdf_name(index: usize, total: usize, project_name: &str) -> String {
    let width = total.max(index).to_string().len();
    format!("{index:0width$}-{}.pdf", safe_stem(project_name))
}

/// A project name made safe as part of a file name.
pub fn safe_stem(name: &str) -> String {
    let mut out = String::new();
    let mut last_sep = false;
    for ch in name.chars() {
        let bad = matches!(ch, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            || ch.is_control()
            || ch.is_whitespace()
            // Invisible and direction-changing characters make names that
            // look alike but differ, or display reversed.
            || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if bad {
            if !last_sep && !out.is_empty() {
                out.push('_');
            }
            last_sep = true;
        } else {
            out.push(ch);
            last_sep = false;
        }
        if out.chars().count() >= MAX_STEM_CHARS {
            break;
        }
    }
    let trimmed = out
        .trim_end_matches(['.', '_', ' '])
        .trim_start_matches(['.', '_']);
    if trimmed.is_empty() {
        "未命名项目".to_owned()
    } else if is_device_name(trimmed) {
        // Windows opens the device, not a file, for `CON.pdf`, `nul.docx` …
        format!("{trimmed}_")
    } else {
        trimmed.to_owned()
    }
}

/// Whether Windows reads a name as a device (`CON`, `PRN`, `AUX`, `NUL`,
/// `COM1`–`COM9`, `LPT1`–`LPT9`, any case, with or without an extension).
fn is_device_name(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit()
            && base.as_bytes()[3] != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_everywhere() {
        assert_eq!(
            pdf_name(3, 120, "数字经济高级研修班"),
            "003-数字经济高级研修班.pdf"
        );
        assert_eq!(
            pdf_name(1, 5, "a/b\\c:d*e?f\"g<h>i|j"),
            "1-a_b_c_d_e_f_g_h_i_j.pdf"
        );
        assert_eq!(safe_stem("../../etc/passwd"), "etc_passwd");
        // Behind "N-" in batch names, but a stem may be used alone.
        for device in ["CON", "con", "Nul.txt", "COM1", "lpt9"] {
            assert_eq!(safe_stem(device), format!("{device}_"));
        }
        for not_device in ["CONTACT", "COM0", "COM10", "控制台", "LPT"] {
            assert_eq!(safe_stem(not_device), not_device);
        }
        assert_eq!(safe_stem("班次。。.. "), "班次。。");
        assert_eq!(safe_stem("\u{202E}fdp.exe"), "fdp.exe");
        assert_eq!(safe_stem("  \t\n"), "未命名项目");
        assert_eq!(safe_stem(""), "未命名项目");
        let long = "研".repeat(500);
        let s = safe_stem(&long);
        assert_eq!(s.chars().count(), MAX_STEM_CHARS);
        assert!(pdf_name(10_000, 10_000, &long).len() < 255);
    }
}
