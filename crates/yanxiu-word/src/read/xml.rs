//! WordprocessingML as the reader sees it: text of paragraphs and runs,
//! content controls, tables.

use super::symbols::{self, OpenField};
use roxmltree::Node;

pub(crate) use crate::wml::{W, W14, attr, child, is};

/// The text of an inline stretch (runs, nested controls) as it shows: `w:t`,
/// a tab as a space, a line break as `\n`; a box or tick drawn otherwise
/// than as Unicode text (a symbol font, a 带圈字符 or form-field check box,
/// a check-box control) as the mark it shows, a picture as
/// [`symbols::UNREADABLE`]; deleted or moved-away text (`w:delText`,
/// `w:moveFrom`) and field codes are not text.
pub(crate) fn inline_text(n: Node<'_, '_>) -> String {
    let mut w = Walk::default();
    w.children(n);
    w.out
}

#[derive(Default)]
struct Walk {
    out: String,
    fields: Vec<OpenField>,
}

impl Walk {
    /// Whether text here is shown (not inside a field's code).
    fn shown(&self) -> bool {
        self.fields.iter().all(|f| f.result)
    }

    fn push(&mut self, c: char) {
        if self.shown() {
            self.out.push(c);
        }
    }

    fn children(&mut self, n: Node<'_, '_>) {
        for c in n.children().filter(Node::is_element) {
            if c.tag_name().namespace() != Some(W) {
                // mc:AlternateContent and the like: their fallback is text.
                self.children(c);
                continue;
            }
            match c.tag_name().name() {
                "r" => self.run(c),
                "moveFrom" | "del" | "rPr" | "pPr" | "sdtPr" | "customXmlPr" => {}
                "sdt" => match checkbox(c) {
                    Some(on) => self.push(if on { '☑' } else { '☐' }),
                    None => self.children(c),
                },
                "fldSimple" => {
                    let code = attr(c, "instr").unwrap_or("");
                    match symbols::field(code, None) {
                        Some(m) => self.push(m),
                        None => self.children(c),
                    }
                }
                _ => self.children(c),
            }
        }
    }

    fn run(&mut self, r: Node<'_, '_>) {
        let font = run_font(r);
        for c in r.children().filter(Node::is_element) {
            if c.tag_name().namespace() != Some(W) {
                self.children(c);
                continue;
            }
            match c.tag_name().name() {
                "fldChar" => self.field_char(c),
                "instrText" => {
                    if let Some(f) = self.fields.last_mut().filter(|f| !f.result) {
                        f.code.push_str(c.text().unwrap_or(""));
                    }
                }
                "t" => {
                    for ch in c.text().unwrap_or("").chars() {
                        let shown = font.and_then(|f| symbols::letter(f, ch));
                        self.push(shown.unwrap_or(ch));
                    }
                }
                "sym" => {
                    let code = attr(c, "char").and_then(|h| u32::from_str_radix(h, 16).ok());
                    let font = attr(c, "font").unwrap_or("");
                    let mark = code.and_then(|code| {
                        symbols::symbol(font, code).or_else(|| char::from_u32(code))
                    });
                    self.push(mark.unwrap_or(symbols::UNREADABLE));
                }
                "tab" => self.push(' '),
                "br" | "cr" => self.push('\n'),
                "drawing" | "pict" | "object" => self.push(symbols::UNREADABLE),
                _ => {}
            }
        }
    }

    fn field_char(&mut self, c: Node<'_, '_>) {
        match attr(c, "fldCharType") {
            Some("begin") => self.fields.push(OpenField {
                checked: form_checkbox(c),
                ..OpenField::default()
            }),
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    f.result = true;
                }
            }
            Some("end") => {
                if let Some(m) = self.fields.pop().and_then(|f| f.mark()) {
                    self.push(m);
                }
            }
            _ => {}
        }
    }
}

/// A run's symbol font, if its letters are set in one (the font trick).
fn run_font<'a>(r: Node<'a, '_>) -> Option<&'a str> {
    let fonts = child(r, "rPr").and_then(|p| child(p, "rFonts"))?;
    ["ascii", "hAnsi", "cs"]
        .into_iter()
        .filter_map(|a| attr(fonts, a))
        .find(|f| symbols::is_symbol_font(f))
}

/// A legacy form-field check box's state (`w:ffData/w:checkBox`): `w:checked`
/// when set, else its `w:default`.
fn form_checkbox(fld: Node<'_, '_>) -> Option<bool> {
    let b = child(fld, "ffData").and_then(|d| child(d, "checkBox"))?;
    let on = |n: Node<'_, '_>| !matches!(attr(n, "val"), Some("0" | "false" | "off"));
    Some(child(b, "checked").map_or_else(|| child(b, "default").is_some_and(on), on))
}

/// A check-box content control's state (`w14:checkbox`), whoever made it.
pub(crate) fn checkbox(sdt: Node<'_, '_>) -> Option<bool> {
    let pr = child(sdt, "sdtPr")?;
    let b = pr
        .children()
        .find(|c| c.tag_name().name() == "checkbox" && c.tag_name().namespace() == Some(W14))?;
    Some(
        b.children()
            .find(|c| c.tag_name().name() == "checked")
            .and_then(|c| c.attribute((W14, "val")))
            .is_some_and(|v| v == "1" || v == "true"),
    )
}

/// The paragraphs under a node, each its inline text.
pub(crate) fn paragraphs(n: Node<'_, '_>) -> Vec<String> {
    n.descendants()
        .filter(|d| is(*d, "p"))
        .map(inline_text)
        .collect()
}

/// The text of a block (a cell, a control around paragraphs): its
/// paragraphs joined by `\n`, empty ones left out.
pub(crate) fn block_text(n: Node<'_, '_>) -> String {
    let paras = paragraphs(n);
    if paras.is_empty() {
        return inline_text(n);
    }
    paras
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A content control: its tag, text and checkbox state.
#[derive(Debug, Clone)]
pub(crate) struct Control {
    pub tag: String,
    pub text: String,
    pub checked: Option<bool>,
    /// Still showing its placeholder (the blank form's hint): no data.
    pub placeholder: bool,
}

pub(crate) fn controls(root: Node<'_, '_>) -> Vec<Control> {
    root.descendants()
        .filter(|n| is(*n, "sdt"))
        .filter_map(|sdt| {
            let pr = child(sdt, "sdtPr")?;
            let tag = child(pr, "tag").and_then(|t| attr(t, "val"))?.to_owned();
            let content = child(sdt, "sdtContent")?;
            let checked = checkbox(sdt);
            let has_paras = content.children().any(|c| is(c, "p"));
            let text = if has_paras {
                block_text(content)
            } else {
                inline_text(content)
            };
            Some(Control {
                tag,
                text,
                checked,
                placeholder: child(pr, "showingPlcHdr").is_some(),
            })
        })
        .collect()
}
