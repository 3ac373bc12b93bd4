//! WordprocessingML names for the passes over a part's XML (the reader, the
//! writer's schema order and line pitch): the main namespace and its
//! element and attribute tests.

use roxmltree::Node;

/// The main WordprocessingML namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Word 2010's additions (check-box content controls).
pub(crate) const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

/// Whether `n` is the WordprocessingML element `name`.
pub(crate) fn is(n: Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// The first child element `name`.
pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

/// A `w:` attribute.
pub(crate) fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}
