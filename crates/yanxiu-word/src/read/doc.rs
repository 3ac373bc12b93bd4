//! Word 97–2003 `.doc` (and WPS's `.wps`, the same binary) read natively:
//! the compound file (`cfb`), the FIB, the piece table for the text, the
//! paragraph properties for the table's cells and rows, the character
//! properties for symbol fonts, deleted revisions and form-field check
//! boxes. The result is the document as WordprocessingML of paragraphs,
//! tables and text, which the same label reader walks as a .docx — one
//! reader of forms, two ways in. Layout ([MS-DOC]) is read only as far as a
//! form's text needs it; every count and offset is checked against the
//! stream it points into, and the named limits bound the work.

use super::ReadError;
use super::symbols::{self, OpenField};
use std::io::{Cursor, Read};

/// The most pieces of text a document may have (a typed form has a few
/// dozen; every edit may add one).
const MAX_PIECES: usize = 100_000;
/// The most characters of main text read (a filled 申报表 has a few thousand).
const MAX_CHARS: usize = 2_000_000;
/// The most formatting pages (FKPs) read, of each kind.
const MAX_PAGES: usize = 20_000;
/// The most fonts in the font table.
const MAX_FONTS: usize = 5_000;

/// `nFib` of Word 97 and later; earlier binaries lay the FIB out otherwise.
const NFIB_97: u16 = 0x00C1;

fn corrupt(what: &str) -> ReadError {
    ReadError::Corrupt(format!("Word 97–2003 文件的{what}不完整"))
}

/// Little-endian numbers at an offset; `None` past the end (the property
/// set reader, `props`, takes these too).
pub(super) fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}
pub(super) fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// The same, failing as "damaged" past the end.
fn u8_at(b: &[u8], at: usize) -> Result<u8, ReadError> {
    b.get(at).copied().ok_or_else(|| corrupt("结构"))
}
fn u16_at(b: &[u8], at: usize) -> Result<u16, ReadError> {
    read_u16(b, at).ok_or_else(|| corrupt("结构"))
}
fn u32_at(b: &[u8], at: usize) -> Result<u32, ReadError> {
    read_u32(b, at).ok_or_else(|| corrupt("结构"))
}
fn slice(b: &[u8], at: u32, len: u32) -> Result<&[u8], ReadError> {
    let (at, len) = (at as usize, len as usize);
    b.get(at..at.checked_add(len).ok_or_else(|| corrupt("结构"))?)
        .ok_or_else(|| corrupt("结构"))
}

/// The streams of the compound file that hold a Word document.
struct Streams {
    word: Vec<u8>,
    table: Vec<u8>,
    data: Vec<u8>,
}

fn stream(
    cf: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, ReadError> {
    if !cf.is_stream(name) {
        return Ok(None);
    }
    let s = cf
        .open_stream(name)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let mut buf = Vec::new();
    // The directory's length may lie: never more than the file could hold.
    s.take(super::MAX_DOCX_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    Ok(Some(buf))
}

/// Where the FIB's pairs of (offset, length) into the table stream begin,
/// and the main text's length.
struct Fib {
    flags: u16,
    ccp_text: u32,
    fc_lcb: usize,
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, ReadError> {
        if u16_at(word, 0)? != 0xA5EC {
            return Err(ReadError::NotWord);
        }
        if u16_at(word, 2)? < NFIB_97 {
            return Err(ReadError::OldWord);
        }
        let flags = u16_at(word, 0x0A)?;
        // FibBase (32 bytes), then three arrays, each after its count.
        let csw = usize::from(u16_at(word, 32)?);
        let lw = 34 + csw * 2;
        let cslw = usize::from(u16_at(word, lw)?);
        let rg_lw = lw + 2;
        let ccp_text = u32_at(word, rg_lw + 12)?;
        let fc_lcb = rg_lw + cslw * 4 + 2;
        Ok(Fib {
            flags,
            ccp_text,
            fc_lcb,
        })
    }

    /// The `i`th (offset, length) pair of FibRgFcLcb97.
    fn pair(&self, word: &[u8], i: usize) -> Result<(u32, u32), ReadError> {
        let at = self.fc_lcb + i * 8;
        Ok((u32_at(word, at)?, u32_at(word, at + 4)?))
    }
}

/// FibRgFcLcb97's pairs the reader uses.
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const STTBF_FFN: usize = 15;
const CLX: usize = 33;

/// The WordprocessingML of a Word 97–2003 document's main text, and the
/// record our writer stored, when the file kept it (see `props`).
pub(crate) fn document_xml(bytes: &[u8]) -> Result<(String, Option<String>), ReadError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("Office 复合文件（.doc）无法打开：{e}")))?;
    if cf.is_stream("EncryptionInfo") || cf.is_stream("EncryptedPackage") {
        // A password-protected .docx is a compound file too.
        return Err(ReadError::Encrypted);
    }
    let word = stream(&mut cf, "WordDocument")?.ok_or(ReadError::NotWord)?;
    let fib = Fib::read(&word)?;
    if fib.flags & 0x0100 != 0 {
        return Err(ReadError::Encrypted);
    }
    let table_name = if fib.flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let streams = Streams {
        table: stream(&mut cf, table_name)?.ok_or_else(|| corrupt("表格流"))?,
        data: stream(&mut cf, "Data")?.unwrap_or_default(),
        word,
    };
    let text = Text::read(&streams, &fib)?;
    let props = Props::read(&streams, &fib)?;
    // A damaged property set is no record, not a damaged form.
    let record = stream(&mut cf, "\u{5}DocumentSummaryInformation")
        .ok()
        .flatten()
        .and_then(|s| super::props::custom(&s, crate::CARRIER));
    Ok((build(&streams, &text, &props), record))
}

/// One character of the main text and where its properties are found.
#[derive(Clone, Copy)]
struct Char {
    c: char,
    fc: u32,
}

struct Text {
    chars: Vec<Char>,
}

impl Text {
    /// The main text through the piece table (the Clx's PlcPcd).
    fn read(s: &Streams, fib: &Fib) -> Result<Text, ReadError> {
        let (fc, lcb) = fib.pair(&s.word, CLX)?;
        let clx = slice(&s.table, fc, lcb)?;
        // Skip the Prc entries (property modifiers) to the Pcdt.
        let mut at = 0;
        while u8_at(clx, at)? == 0x01 {
            at += 3 + usize::from(u16_at(clx, at + 1)?);
        }
        if u8_at(clx, at)? != 0x02 {
            return Err(corrupt("文本索引"));
        }
        let lcb = u32_at(clx, at + 1)? as usize;
        let plc = clx
            .get(at + 5..at + 5 + lcb)
            .ok_or_else(|| corrupt("文本索引"))?;
        let n = plc.len().saturating_sub(4) / 12;
        if n > MAX_PIECES {
            return Err(ReadError::TooLarge {
                what: "Word 97–2003 文件的文本片段数".into(),
                limit: MAX_PIECES.to_string(),
            });
        }
        let end = (fib.ccp_text as usize).min(MAX_CHARS);
        let mut chars: Vec<Char> = Vec::new();
        let mut pending: Option<u16> = None;
        for i in 0..n {
            let (cp0, cp1) = (
                u32_at(plc, i * 4)? as usize,
                u32_at(plc, i * 4 + 4)? as usize,
            );
            if cp0 >= end {
                break;
            }
            // Never more characters in all than the main text holds: pieces
            // that overlap or repeat (a hostile table) cannot multiply it.
            let count = cp1
                .min(end)
                .saturating_sub(cp0)
                .min(end.saturating_sub(chars.len()));
            let pcd = 4 * (n + 1) + i * 8;
            let raw = u32_at(plc, pcd + 2)?;
            let compressed = raw & 0x4000_0000 != 0;
            let fc = raw & 0x3FFF_FFFF;
            for k in 0..count as u32 {
                let c = if compressed {
                    let at = fc / 2 + k;
                    Char {
                        c: cp1252(u8_at(&s.word, at as usize)?),
                        fc: at,
                    }
                } else {
                    let at = fc + 2 * k;
                    let unit = u16_at(&s.word, at as usize)?;
                    // A character past the BMP (a rare 汉字) is two units.
                    if (0xDC00..0xE000).contains(&unit)
                        && let Some(high) = pending.take()
                    {
                        let pair = [high, unit];
                        let c = char::decode_utf16(pair).next().and_then(Result::ok);
                        if let (Some(c), Some(last)) = (c, chars.last_mut()) {
                            *last = Char { c, fc: last.fc };
                        }
                        continue;
                    }
                    pending = (0xD800..0xDC00).contains(&unit).then_some(unit);
                    Char {
                        c: char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'),
                        fc: at,
                    }
                };
                chars.push(c);
            }
        }
        Ok(Text { chars })
    }
}

/// A compressed piece's byte: Windows-1252, as [MS-DOC] maps it.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        b => char::from(b),
    }
}

/// Properties that apply to a run of file positions `[start, end)`.
struct Span<T> {
    start: u32,
    end: u32,
    props: T,
}

/// Character properties the reader needs.
#[derive(Clone, Default)]
struct Chp {
    /// Font indexes: ASCII, East Asian, other.
    fonts: [Option<u16>; 3],
    /// Insert → Symbol: the font and the character, in place of the text.
    symbol: Option<(u16, u16)>,
    /// Deleted with revisions tracked.
    deleted: bool,
    /// A form field's data: its place in the Data stream.
    data: Option<u32>,
}

/// Paragraph properties the reader needs.
#[derive(Clone, Copy, Default)]
struct Pap {
    in_table: bool,
    row_end: bool,
}

struct Props {
    chp: Vec<Span<Chp>>,
    pap: Vec<Span<Pap>>,
    fonts: Vec<String>,
}

impl Props {
    fn read(s: &Streams, fib: &Fib) -> Result<Props, ReadError> {
        let chp = fkps(s, fib, PLCF_BTE_CHPX, |page, at| {
            let cb = u8_at(page, at)?;
            let grpprl = page
                .get(at + 1..at + 1 + usize::from(cb))
                .ok_or_else(|| corrupt("字符格式"))?;
            Ok(chp(grpprl))
        })?;
        let pap = fkps(s, fib, PLCF_BTE_PAPX, |page, at| {
            let cb = u8_at(page, at)?;
            let (start, len) = if cb == 0 {
                (at + 2, 2 * usize::from(u8_at(page, at + 1)?))
            } else {
                (at + 1, 2 * usize::from(cb) - 1)
            };
            let grpprl = page
                .get(start + 2..start + len)
                .ok_or_else(|| corrupt("段落格式"))?;
            Ok(pap(grpprl))
        })?;
        Ok(Props {
            chp,
            pap,
            fonts: fonts(s, fib)?,
        })
    }

    fn chp_at(&self, fc: u32) -> Option<&Chp> {
        find(&self.chp, fc)
    }

    fn pap_at(&self, fc: u32) -> Pap {
        find(&self.pap, fc).copied().unwrap_or_default()
    }

    fn font(&self, i: u16) -> &str {
        self.fonts.get(usize::from(i)).map_or("", String::as_str)
    }
}

fn find<T>(spans: &[Span<T>], fc: u32) -> Option<&T> {
    let i = spans.partition_point(|s| s.end <= fc);
    spans
        .get(i)
        .filter(|s| s.start <= fc && fc < s.end)
        .map(|s| &s.props)
}

/// The formatted pages (FKPs) of one kind: each run of file positions and
/// its properties, sorted by position.
fn fkps<T>(
    s: &Streams,
    fib: &Fib,
    which: usize,
    entry: impl Fn(&[u8], usize) -> Result<T, ReadError>,
) -> Result<Vec<Span<T>>, ReadError> {
    let (fc, lcb) = fib.pair(&s.word, which)?;
    let plc = slice(&s.table, fc, lcb)?;
    let n = plc.len().saturating_sub(4) / 8;
    if n > MAX_PAGES {
        return Err(ReadError::TooLarge {
            what: "Word 97–2003 文件的格式页数".into(),
            limit: MAX_PAGES.to_string(),
        });
    }
    let is_chp = which == PLCF_BTE_CHPX;
    let mut out = Vec::new();
    for i in 0..n {
        let pn = u32_at(plc, 4 * (n + 1) + i * 4)? & 0x003F_FFFF;
        let page = slice(&s.word, pn.saturating_mul(512), 512)?;
        let count = usize::from(page[511]);
        for k in 0..count {
            let (start, end) = (u32_at(page, k * 4)?, u32_at(page, k * 4 + 4)?);
            // CHPX pages: a byte offset each; PAPX pages: a 13-byte BX each.
            let off_at = 4 * (count + 1) + if is_chp { k } else { k * 13 };
            let off = usize::from(u8_at(page, off_at)?) * 2;
            let props = if off == 0 {
                continue;
            } else {
                entry(page, off)?
            };
            out.push(Span { start, end, props });
        }
    }
    out.sort_by_key(|s| s.start);
    Ok(out)
}

/// Walks a list of property modifiers (sprms), giving each opcode and operand.
fn sprms(grpprl: &[u8], mut each: impl FnMut(u16, &[u8])) {
    let mut at = 0;
    while at + 2 <= grpprl.len() {
        let op = u16::from_le_bytes([grpprl[at], grpprl[at + 1]]);
        at += 2;
        let len = match op >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // sprmTDefTable: a two-byte count, one more than its bytes.
            _ if op == 0xD608 => {
                let Some(n) = grpprl.get(at..at + 2) else {
                    return;
                };
                at += 2;
                usize::from(u16::from_le_bytes([n[0], n[1]])).saturating_sub(1)
            }
            _ => {
                let Some(&n) = grpprl.get(at) else { return };
                at += 1;
                usize::from(n)
            }
        };
        let Some(operand) = grpprl.get(at..at + len) else {
            return;
        };
        each(op, operand);
        at += len;
    }
}

fn le16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b.get(1).copied().unwrap_or(0)])
}

fn chp(grpprl: &[u8]) -> Chp {
    let mut c = Chp::default();
    sprms(grpprl, |op, v| match op {
        0x4A4F => c.fonts[0] = Some(le16(v)),
        0x4A50 => c.fonts[1] = Some(le16(v)),
        0x4A51 => c.fonts[2] = Some(le16(v)),
        0x6A09 => c.symbol = Some((le16(v), le16(&v[2..]))),
        0x0800 => c.deleted = v[0] == 1,
        0x6A03 => c.data = Some(u32::from_le_bytes([v[0], v[1], v[2], v[3]])),
        _ => {}
    });
    c
}

fn pap(grpprl: &[u8]) -> Pap {
    let mut p = Pap::default();
    sprms(grpprl, |op, v| match op {
        0x2416 => p.in_table = v[0] != 0,
        0x2417 => p.row_end = v[0] != 0,
        _ => {}
    });
    p
}

/// The font table's names, by index (SttbfFfn of FFN records).
fn fonts(s: &Streams, fib: &Fib) -> Result<Vec<String>, ReadError> {
    let (fc, lcb) = fib.pair(&s.word, STTBF_FFN)?;
    let t = slice(&s.table, fc, lcb)?;
    if t.len() < 4 {
        return Ok(Vec::new());
    }
    let count = usize::from(u16_at(t, 0)?).min(MAX_FONTS);
    let mut at = 4;
    let mut out = Vec::new();
    for _ in 0..count {
        let Ok(m1) = u8_at(t, at) else { break };
        let len = usize::from(m1) + 1;
        let Some(ffn) = t.get(at..at + len) else {
            break;
        };
        let name: Vec<u16> = ffn
            .get(40..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .take_while(|&u| u != 0)
            .collect();
        out.push(String::from_utf16_lossy(&name));
        at += len;
    }
    Ok(out)
}

/// A form-field check box's state from its FFData in the Data stream: after
/// a 68-byte header (NilPICFAndBinData), version `FFFFFFFF`, then the bits
/// (type 1 is a check box; `iRes` 0 or 1, or 25 for "the default", `wDef`).
fn checkbox_state(data: &[u8], at: u32) -> Option<bool> {
    let d = data.get(at as usize..)?;
    let header = usize::from(u16::from_le_bytes([*d.get(4)?, *d.get(5)?]));
    let ff = d.get(header..)?;
    if ff.get(..4)? != [0xFF; 4] {
        return None;
    }
    let bits = u16::from_le_bytes([*ff.get(4)?, *ff.get(5)?]);
    if bits & 0x3 != 1 {
        return None;
    }
    let res = (bits >> 2) & 0x1F;
    if res != 25 {
        return Some(res == 1);
    }
    // Past cch and hps, the name (a length-prefixed UTF-16 string), then wDef.
    let name_len = usize::from(u16::from_le_bytes([*ff.get(10)?, *ff.get(11)?]));
    let def_at = 12 + name_len * 2;
    Some(u16::from_le_bytes([*ff.get(def_at)?, *ff.get(def_at + 1)?]) == 1)
}

/// The document as WordprocessingML: paragraphs and tables of paragraphs.
fn build(s: &Streams, text: &Text, props: &Props) -> String {
    let mut b = Builder::default();
    let mut para = String::new();
    let mut fields: Vec<OpenField> = Vec::new();
    for ch in &text.chars {
        let chp = props.chp_at(ch.fc);
        if chp.is_some_and(|c| c.deleted) {
            continue;
        }
        match ch.c {
            '\u{13}' => {
                fields.push(OpenField::default());
                continue;
            }
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    f.result = true;
                }
                continue;
            }
            '\u{15}' => {
                if let Some(m) = fields.pop().and_then(|f| f.mark())
                    && fields.iter().all(|f| f.result)
                {
                    para.push(m);
                }
                continue;
            }
            _ => {}
        }
        if let Some(f) = fields.last_mut().filter(|f| !f.result) {
            // Inside a field's code: its text, and a check box's data.
            if let Some(at) = chp.and_then(|c| c.data) {
                f.checked = f.checked.or_else(|| checkbox_state(&s.data, at));
            }
            if !ch.c.is_control() {
                f.code.push(ch.c);
            }
            continue;
        }
        if !fields.iter().all(|f| f.result) {
            continue;
        }
        match ch.c {
            '\r' | '\u{7}' => {
                let pap = props.pap_at(ch.fc);
                b.paragraph(std::mem::take(&mut para), pap, ch.c == '\u{7}');
            }
            '\u{b}' | '\u{c}' => para.push('\n'),
            '\t' => para.push('\t'),
            // A picture, a drawing: what a box ticked with one shows.
            '\u{1}' | '\u{8}' => para.push(symbols::UNREADABLE),
            c if c.is_control() => {}
            c => para.push(shown(c, chp, props)),
        }
    }
    if !para.is_empty() {
        b.paragraph(para, Pap::default(), false);
    }
    b.finish()
}

/// A character as it shows: a symbol (Insert → Symbol) or a letter of a
/// symbol font (the font trick) as its mark.
fn shown(c: char, chp: Option<&Chp>, props: &Props) -> char {
    let Some(chp) = chp else { return c };
    if let Some((font, code)) = chp.symbol {
        let font = props.font(font);
        return symbols::symbol(font, u32::from(code))
            .or_else(|| char::from_u32(u32::from(code)))
            .unwrap_or(symbols::UNREADABLE);
    }
    // ASCII takes the run's first font, other letters its third.
    let font = if u32::from(c) < 0x80 {
        chp.fonts[0]
    } else {
        chp.fonts[2].or(chp.fonts[0])
    };
    font.and_then(|f| symbols::letter(props.font(f), c))
        .unwrap_or(c)
}

/// Paragraphs into tables, rows and cells by their properties.
#[derive(Default)]
struct Builder {
    out: String,
    /// Paragraphs of the cell being read, cells of the row, rows of the table.
    cell: Vec<String>,
    row: Vec<Vec<String>>,
    table: Vec<Vec<Vec<String>>>,
}

impl Builder {
    fn paragraph(&mut self, text: String, pap: Pap, cell_mark: bool) {
        if !pap.in_table {
            self.close_table();
            self.out.push_str(&para_xml(&text));
            return;
        }
        if pap.row_end {
            self.row.push(std::mem::take(&mut self.cell));
            self.row.pop_if(|c| c.iter().all(String::is_empty));
            self.table.push(std::mem::take(&mut self.row));
            return;
        }
        self.cell.push(text);
        if cell_mark {
            self.row.push(std::mem::take(&mut self.cell));
        }
    }

    fn close_table(&mut self) {
        if !self.cell.is_empty() {
            self.row.push(std::mem::take(&mut self.cell));
        }
        if !self.row.is_empty() {
            self.table.push(std::mem::take(&mut self.row));
        }
        if self.table.is_empty() {
            return;
        }
        self.out.push_str("<w:tbl>");
        for row in std::mem::take(&mut self.table) {
            self.out.push_str("<w:tr>");
            for cell in row {
                self.out.push_str("<w:tc>");
                for p in cell {
                    self.out.push_str(&para_xml(&p));
                }
                self.out.push_str("</w:tc>");
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }

    fn finish(mut self) -> String {
        self.close_table();
        format!(
            "<w:document xmlns:w=\"{}\"><w:body>{}</w:body></w:document>",
            super::xml::W,
            self.out
        )
    }
}

/// One paragraph of text: runs of text, tabs and line breaks.
fn para_xml(text: &str) -> String {
    let mut out = String::from("<w:p><w:r>");
    let mut t = String::new();
    let flush = |t: &mut String, out: &mut String| {
        if !t.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(t);
            out.push_str("</w:t>");
            t.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(&mut t, &mut out);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(&mut t, &mut out);
                out.push_str("<w:tab/>");
            }
            '<' => t.push_str("&lt;"),
            '>' => t.push_str("&gt;"),
            '&' => t.push_str("&amp;"),
            c => t.push(c),
        }
    }
    flush(&mut t, &mut out);
    out.push_str("</w:r></w:p>");
    out
}
