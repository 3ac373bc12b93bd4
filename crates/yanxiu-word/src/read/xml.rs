//! WordprocessingML as the reader sees it: text of paragraphs and runs,
//! content controls, tables.

use roxmltree::Node;

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

pub(crate) fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

pub(crate) fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The text of an inline stretch (runs, nested controls): `w:t`, a tab as a
/// space, a line break as `\n`; deleted text (`w:delText`) is not text.
pub(crate) fn inline_text(n: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in n.descendants() {
        if is(d, "t") {
            out.push_str(d.text().unwrap_or(""));
        } else if is(d, "tab") && d.parent().is_some_and(|p| is(p, "r")) {
            out.push(' ');
        } else if (is(d, "br") || is(d, "cr")) && d.parent().is_some_and(|p| is(p, "r")) {
            out.push('\n');
        }
    }
    out
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
            let checked = pr
                .children()
                .find(|c| {
                    c.tag_name().name() == "checkbox" && c.tag_name().namespace() == Some(W14)
                })
                .map(|b| {
                    b.children()
                        .find(|c| c.tag_name().name() == "checked")
                        .and_then(|c| c.attribute((W14, "val")))
                        .is_some_and(|v| v == "1" || v == "true")
                });
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
