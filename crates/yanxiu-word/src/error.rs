//! What can go wrong writing a Word document.

/// A failure to write a .docx.
#[derive(Debug, thiserror::Error)]
pub enum WordError {
    /// The package could not be written (docx-rs's archive error, as text:
    /// it comes from a `zip` version of its own).
    #[error("无法写出 Word 文件：{0}")]
    Package(String),
    /// The document part docx-rs wrote was not the UTF-8 XML expected.
    #[error("内部错误：Word 文档内容不是 UTF-8：{0}")]
    Internal(String),
}
