//! A custom document property of a Word 97–2003 file: the user-defined
//! section of its `\u{5}DocumentSummaryInformation` stream (an OLE property
//! set). Word and LibreOffice carry a .docx's custom properties over when
//! they save it as .doc, so the record our writer stores (`yanxiu`) comes
//! back from a .doc too. Every offset is checked; anything unexpected is
//! "no property", never an error: the form itself is still read.

use super::doc::{read_u16 as u16_at, read_u32 as u32_at};

/// FMTID_UserDefinedProperties, as stored (little-endian GUID).
const USER_DEFINED: [u8; 16] = [
    0x05, 0xD5, 0xCD, 0xD5, 0x9C, 0x2E, 0x1B, 0x10, 0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE,
];
/// The most properties a section may list.
const MAX_PROPERTIES: usize = 10_000;

/// Text in the set's code page: UTF-16 (1200), UTF-8 (65001), or plain
/// ASCII in any other (our record is JSON written by us: UTF-8 or ASCII
/// escapes); `None` for what does not decode.
fn decode(bytes: &[u8], code_page: u16, wide: bool) -> Option<String> {
    if wide || code_page == 1200 {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    let s = std::str::from_utf8(bytes).ok()?;
    (code_page == 65001 || s.is_ascii()).then(|| s.to_owned())
}

/// The value of the user-defined property `name`, as text.
pub(crate) fn custom(stream: &[u8], name: &str) -> Option<String> {
    if u16_at(stream, 0)? != 0xFFFE {
        return None;
    }
    let sets = u32_at(stream, 24)? as usize;
    let offset = (0..sets.min(4)).find_map(|i| {
        let at = 28 + i * 20;
        (stream.get(at..at + 16)? == USER_DEFINED).then(|| u32_at(stream, at + 16))?
    })? as usize;
    let section = stream.get(offset..)?;
    let count = (u32_at(section, 4)? as usize).min(MAX_PROPERTIES);
    let mut props = Vec::with_capacity(count);
    for i in 0..count {
        let id = u32_at(section, 8 + i * 8)?;
        let at = u32_at(section, 12 + i * 8)? as usize;
        props.push((id, at));
    }
    let find = |id: u32| props.iter().find(|(p, _)| *p == id).map(|(_, at)| *at);
    let code_page = find(1)
        .and_then(|at| u16_at(section, at + 4))
        .unwrap_or(1252);
    let id = dictionary_id(section, find(0)?, code_page, name)?;
    let at = find(id)?;
    let kind = u32_at(section, at)?;
    let len = u32_at(section, at + 4)? as usize;
    let (wide, bytes) = match kind {
        // VT_LPSTR: bytes with a terminating zero.
        0x1E => (false, section.get(at + 8..(at + 8).checked_add(len)?)?),
        // VT_LPWSTR: UTF-16 characters with a terminating zero.
        0x1F => (
            true,
            section.get(at + 8..(at + 8).checked_add(len.checked_mul(2)?)?)?,
        ),
        _ => return None,
    };
    let text = decode(bytes, code_page, wide)?;
    Some(text.trim_end_matches('\0').to_owned())
}

/// The property id the dictionary gives `name`.
fn dictionary_id(section: &[u8], at: usize, code_page: u16, name: &str) -> Option<u32> {
    let entries = (u32_at(section, at)? as usize).min(MAX_PROPERTIES);
    let mut p = at + 4;
    for _ in 0..entries {
        let id = u32_at(section, p)?;
        let chars = u32_at(section, p + 4)? as usize;
        let wide = code_page == 1200;
        let len = if wide { chars.checked_mul(2)? } else { chars };
        let bytes = section.get(p + 8..(p + 8).checked_add(len)?)?;
        if decode(bytes, code_page, wide).is_some_and(|n| n.trim_end_matches('\0') == name) {
            return Some(id);
        }
        // UTF-16 names are padded to four bytes; others are not.
        p += 8 + if wide { len.div_ceil(4) * 4 } else { len };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A property set with one user-defined property, as LibreOffice writes it.
    fn set(name: &str, value: &str) -> Vec<u8> {
        let mut section = Vec::new();
        let dict_at = 8 + 3 * 8;
        let mut dict = 1u32.to_le_bytes().to_vec();
        dict.extend(2u32.to_le_bytes());
        dict.extend(((name.len() + 1) as u32).to_le_bytes());
        dict.extend(name.as_bytes());
        dict.push(0);
        while !dict.len().is_multiple_of(4) {
            dict.push(0);
        }
        let cp_at = dict_at + dict.len();
        let value_at = cp_at + 8;
        let mut v = 0x1Eu32.to_le_bytes().to_vec();
        v.extend(((value.len() + 1) as u32).to_le_bytes());
        v.extend(value.as_bytes());
        v.push(0);
        let size = value_at + v.len();
        section.extend((size as u32).to_le_bytes());
        section.extend(3u32.to_le_bytes());
        for (id, at) in [(0u32, dict_at), (1, cp_at), (2, value_at)] {
            section.extend(id.to_le_bytes());
            section.extend((at as u32).to_le_bytes());
        }
        section.extend(dict);
        section.extend(2u32.to_le_bytes());
        section.extend(65001u32.to_le_bytes());
        section.extend(v);
        let mut out = vec![0xFE, 0xFF, 0, 0, 0, 0, 0, 0];
        out.extend([0u8; 16]);
        out.extend(1u32.to_le_bytes());
        out.extend(USER_DEFINED);
        out.extend(48u32.to_le_bytes());
        out.extend(section);
        out
    }

    #[test]
    fn a_user_defined_property_reads_back() {
        let s = set("yanxiu", r#"{"项目名称":"海洋经济高级研修班"}"#);
        assert_eq!(
            custom(&s, "yanxiu").as_deref(),
            Some(r#"{"项目名称":"海洋经济高级研修班"}"#)
        );
        assert_eq!(custom(&s, "other"), None);
        // Cut anywhere: no property, no panic.
        for n in 0..s.len() {
            let _ = custom(&s[..n], "yanxiu");
        }
    }
}
