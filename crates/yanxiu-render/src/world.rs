//! The embedded Typst world: templates and fonts held once, data given per
//! document at a fixed virtual path. Nothing else is readable: no disk, no
//! packages, no network.

use crate::fonts::FontSet;
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The embedded templates.
pub(crate) const EMBEDDED: [(&str, &str); 3] = [
    ("style.typ", include_str!("../templates/style.typ")),
    (
        "application.typ",
        include_str!("../templates/application.typ"),
    ),
    ("summary.typ", include_str!("../templates/summary.typ")),
];

/// The fixed path of the per-document data. One fixed id for every
/// document: Typst never frees file ids, and a template reading the same
/// path keeps its memoised work across documents.
const DATA_PATH: &str = "/data.json";

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("fixed paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// What every document shares.
pub(crate) struct Base {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    data_id: FileId,
}

impl Base {
    pub fn new(fonts: &FontSet, templates: &[(String, String)]) -> Base {
        let sources = templates
            .iter()
            .map(|(name, text)| {
                let id = file_id(&format!("/{name}"));
                (id, Source::new(id, text.clone()))
            })
            .collect();
        Base {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(fonts.book.clone()),
            fonts: fonts.fonts.clone(),
            sources,
            data_id: file_id(DATA_PATH),
        }
    }

    /// A world for one document: `main` is a template name, `data` the JSON.
    pub fn document<'a>(&'a self, main: &str, data: Vec<u8>) -> DocWorld<'a> {
        DocWorld {
            base: self,
            main: file_id(&format!("/{main}")),
            data: Bytes::new(data),
        }
    }
}

/// One document's view of the world.
pub(crate) struct DocWorld<'a> {
    base: &'a Base,
    main: FileId,
    data: Bytes,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.base
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.base.data_id {
            return Ok(self.data.clone());
        }
        match self.base.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.get(index).cloned()
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        // No wall clock: the same input gives the same bytes.
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
