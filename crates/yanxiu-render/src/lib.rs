//! Renders the 申报表 (附件1) and the 汇总表 (附件2) to PDF with Typst
//! compiled into the program: templates and fonts embedded, data passed as
//! a JSON value, never spliced into markup.
//!
//! Feature `bundled-fonts` (default): the Noto faces of `yanxiu-fonts` end
//! every font chain, so any machine renders; without it the official fonts
//! must be installed or given with [`RendererBuilder::font_dir`]. A 汇总表 of
//! more than [`DEFAULT_SUMMARY_RUN_ROWS`] rows is typeset in runs whose PDFs
//! are joined, so its memory does not grow with its rows.
//!
//! ```no_run
//! use yanxiu_render::{Renderer, RenderOptions};
//!
//! let renderer = Renderer::new()?;
//! let app = yanxiu_core::parse::application_from_json(yanxiu_core::examples::APPLICATION).unwrap();
//! let pdf = renderer.render_application(&app, &RenderOptions::default())?;
//! std::fs::write("申报表.pdf", pdf).unwrap();
//! # Ok::<(), yanxiu_render::RenderError>(())
//! ```

pub mod assemble;
mod coverage;
mod error;
mod fonts;
#[cfg(feature = "layout")]
mod layout;
mod runs;
mod view;
mod world;

pub use coverage::{FaceUsage, Fallback, FontUsage};
pub use error::{Diagnostics, RenderError};
pub use fonts::{BUNDLED_SANS, BUNDLED_SERIF, BUNDLED_SERIF_RARE, Face, Resolved, Role};
#[doc(hidden)]
#[cfg(feature = "layout")]
pub use layout::{Layout, TextRun};
/// The bundled font files themselves (feature `bundled-fonts`), to install
/// them where Word, WPS or LibreOffice find them.
#[cfg(feature = "bundled-fonts")]
pub use yanxiu_fonts as bundled_fonts;

use fonts::FontSet;
use std::path::PathBuf;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};
use view::{Data, Template, View};
use world::Base;
use yanxiu_core::{Application, Finding, Profile, Summary};

pub use yanxiu_core::limits::MAX_FIELD_CHARS;
use yanxiu_core::limits::{MAX_APPLICATION_PAGES, MAX_APPLICATIONS, MAX_SUMMARY_PAGES};

/// Typst's memoised results unused for this many documents are dropped
/// after each one, unless the builder says otherwise. Consecutive forms
/// share little beyond the template and the title's font subsets, which
/// every document uses again: keeping more costs memory and time
/// (BENCHMARKS.md: 2 against 10, one thread 5.7 against 6.1 ms a form).
pub const DEFAULT_CACHE_MAX_AGE: usize = 2;

/// Rows of a 汇总表 typeset at once ([`RendererBuilder::summary_run_rows`]).
pub const DEFAULT_SUMMARY_RUN_ROWS: usize = 200;

/// How to render one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Render data with validation errors, with a `草稿` watermark.
    pub draft: bool,
    /// Produce PDF/A-2b for archives.
    pub pdfa: bool,
}

/// A rendered document and which faces set its characters.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Which face set what; [`FontUsage::findings`] warns of fallback faces.
    pub fonts: FontUsage,
}

/// Settings for [`Renderer`].
#[derive(Debug, Clone, Default)]
pub struct RendererBuilder {
    font_dirs: Vec<PathBuf>,
    template_dir: Option<PathBuf>,
    system_fonts: bool,
    profile: Option<Profile>,
    cache_max_age: Option<usize>,
    summary_run_rows: Option<usize>,
    chains: Vec<(Role, Vec<String>)>,
}

impl RendererBuilder {
    /// The faces a role asks for before its bundled face, replacing the
    /// default chain ([`Role::candidates`]); names not installed are skipped.
    pub fn font_chain(mut self, role: Role, families: Vec<String>) -> Self {
        self.chains.retain(|(r, _)| *r != role);
        self.chains.push((role, families));
        self
    }

    /// Typst keeps memoised layout results in global caches; after every
    /// document the renderer drops those unused for this many documents
    /// ([`DEFAULT_CACHE_MAX_AGE`] by default). Smaller keeps memory lower,
    /// larger reuses more between similar documents.
    pub fn cache_max_age(mut self, documents: usize) -> Self {
        self.cache_max_age = Some(documents);
        self
    }

    /// A 汇总表 longer than this many rows is typeset in runs of that many
    /// ([`DEFAULT_SUMMARY_RUN_ROWS`] by default), so that memory stays flat
    /// however many rows it has; the pages are the same either way.
    pub fn summary_run_rows(mut self, rows: usize) -> Self {
        self.summary_run_rows = Some(rows.max(1));
        self
    }

    /// Adds a folder of fonts (official fonts placed there are preferred).
    pub fn font_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.font_dirs.push(dir.into());
        self
    }

    /// Looks for the official fonts (方正小标宋简体, 黑体, 仿宋_GB2312) among
    /// the machine's fonts. Off by default so output does not depend on the machine.
    pub fn system_fonts(mut self, on: bool) -> Self {
        self.system_fonts = on;
        self
    }

    /// Reads `style.typ`, `application.typ` and `summary.typ` from this folder
    /// (each missing file falls back to the embedded one).
    pub fn template_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.template_dir = Some(dir.into());
        self
    }

    /// The notice profile for titles and validation (default: the 2024 one).
    pub fn profile(mut self, profile: Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Loads fonts and templates once.
    pub fn build(self) -> Result<Renderer, RenderError> {
        let fonts = FontSet::load(&self.font_dirs, self.system_fonts, &self.chains)?;
        let mut templates = Vec::new();
        for (name, embedded) in world::EMBEDDED {
            let text = match &self.template_dir {
                Some(dir) if dir.join(name).is_file() => std::fs::read_to_string(dir.join(name))
                    .map_err(|source| RenderError::Load {
                        path: dir.join(name),
                        source,
                    })?,
                Some(dir) if !dir.is_dir() => {
                    return Err(RenderError::Load {
                        path: dir.clone(),
                        source: std::io::Error::new(
                            std::io::ErrorKind::NotFound,
                            "模板文件夹不存在",
                        ),
                    });
                }
                _ => embedded.to_owned(),
            };
            templates.push((name.to_owned(), text));
        }
        let base = Base::new(&fonts, &templates);
        let profile = self.profile.unwrap_or_default();
        // What, besides the data, decides the bytes of a PDF.
        let mut setup = format!("{}\n{}\n", env!("CARGO_PKG_VERSION"), profile.id);
        for r in &fonts.roles {
            setup.push_str(&format!("{}:{}\n", r.chain_text(), r.weight));
        }
        for (name, text) in &templates {
            setup.push_str(&format!("{name}\n{text}\n"));
        }
        Ok(Renderer {
            base,
            fonts,
            profile,
            setup,
            cache_max_age: self.cache_max_age.unwrap_or(DEFAULT_CACHE_MAX_AGE),
            summary_run_rows: self.summary_run_rows.unwrap_or(DEFAULT_SUMMARY_RUN_ROWS),
        })
    }
}

/// Renders documents; build once, reuse for many (it is `Send + Sync`).
pub struct Renderer {
    base: Base,
    fonts: FontSet,
    profile: Profile,
    setup: String,
    cache_max_age: usize,
    summary_run_rows: usize,
}

impl Renderer {
    /// Bundled fonts, embedded templates, the 2024 profile.
    pub fn new() -> Result<Renderer, RenderError> {
        Renderer::builder().build()
    }

    /// Settings for a renderer.
    pub fn builder() -> RendererBuilder {
        RendererBuilder::default()
    }

    /// The notice profile in use.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// A text that changes whenever something other than the data would
    /// change the output: version, profile, fonts, templates (a batch keeps
    /// an earlier PDF only when this and the data are unchanged).
    pub fn setup_identity(&self) -> &str {
        &self.setup
    }

    /// Each role's chain of faces.
    pub fn fonts(&self) -> &[Resolved] {
        &self.fonts.roles
    }

    /// One 申报表. Refuses data with validation errors unless `draft`.
    pub fn render_application(
        &self,
        app: &Application,
        opts: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        self.render_checked_application(app, &app.validate(&self.profile), opts)
            .map(|r| r.pdf)
    }

    /// One 申报表 whose findings the caller already has (a batch checks
    /// each record once and reports the findings): refused when they hold
    /// an error, unless `draft`.
    pub fn render_checked_application(
        &self,
        app: &Application,
        findings: &[Finding],
        opts: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        gate(findings, opts)?;
        let view = view::application(Some(app), &self.profile, &self.fonts, opts.draft);
        let ident = format!(
            "yanxiu/application/{}/{}",
            app.applicant.name, app.project_name
        );
        self.pdf(view, &ident, opts)
    }

    /// One 汇总表. Refuses data with validation errors unless `draft`.
    pub fn render_summary(
        &self,
        summary: &Summary,
        opts: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        if summary.applications.len() > MAX_APPLICATIONS {
            return Err(RenderError::TooManyRows {
                rows: summary.applications.len(),
                max: MAX_APPLICATIONS,
            });
        }
        self.render_checked_summary(summary, &summary.validate(&self.profile), opts)
            .map(|r| r.pdf)
    }

    /// One 汇总表 whose findings the caller already has, as
    /// [`Renderer::render_checked_application`].
    pub fn render_checked_summary(
        &self,
        summary: &Summary,
        findings: &[Finding],
        opts: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        if summary.applications.len() > MAX_APPLICATIONS {
            return Err(RenderError::TooManyRows {
                rows: summary.applications.len(),
                max: MAX_APPLICATIONS,
            });
        }
        gate(findings, opts)?;
        let view = view::summary(Some(summary), &self.profile, &self.fonts, opts.draft);
        let ident = format!("yanxiu/summary/{}", summary.reporter.name);
        self.pdf(view, &ident, opts)
    }

    /// The blank 申报表, for filling in by hand.
    pub fn blank_application(&self, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
        let view = view::application(None, &self.profile, &self.fonts, opts.draft);
        self.pdf(view, "yanxiu/application/blank", opts)
            .map(|r| r.pdf)
    }

    /// The blank 汇总表.
    pub fn blank_summary(&self, opts: &RenderOptions) -> Result<Vec<u8>, RenderError> {
        let view = view::summary(None, &self.profile, &self.fonts, opts.draft);
        self.pdf(view, "yanxiu/summary/blank", opts).map(|r| r.pdf)
    }

    /// PNG images of the pages of an application, or of the blank form
    /// (for previews and visual tests). Not gated by validation.
    #[cfg(feature = "png")]
    pub fn application_pngs(
        &self,
        app: Option<&Application>,
        draft: bool,
        pixel_per_pt: f32,
    ) -> Result<Vec<Vec<u8>>, RenderError> {
        let view = view::application(app, &self.profile, &self.fonts, draft);
        self.pngs(view, pixel_per_pt)
    }

    /// PNG images of the pages of a summary, or of the blank form.
    #[cfg(feature = "png")]
    pub fn summary_pngs(
        &self,
        summary: Option<&Summary>,
        draft: bool,
        pixel_per_pt: f32,
    ) -> Result<Vec<Vec<u8>>, RenderError> {
        let view = view::summary(summary, &self.profile, &self.fonts, draft);
        self.pngs(view, pixel_per_pt)
    }

    /// The laid-out text of an application (or of the blank form), for
    /// tests of the layout. Not gated by validation.
    #[cfg(feature = "layout")]
    pub fn application_layout(
        &self,
        app: Option<&Application>,
        draft: bool,
    ) -> Result<Layout, RenderError> {
        let view = view::application(app, &self.profile, &self.fonts, draft);
        let (doc, _) = self.compile(view)?;
        Ok(layout::of(&doc))
    }

    /// The same for a summary.
    #[cfg(feature = "layout")]
    pub fn summary_layout(
        &self,
        summary: Option<&Summary>,
        draft: bool,
    ) -> Result<Layout, RenderError> {
        let view = view::summary(summary, &self.profile, &self.fonts, draft);
        let (doc, _) = self.compile(view)?;
        Ok(layout::of(&doc))
    }

    /// The data the 申报表 template receives as `/data.json` for `app` (or
    /// the blank form): for debugging templates and for running the same
    /// typesetting through another Typst host in benchmarks.
    #[cfg(feature = "bench")]
    pub fn application_template_data(&self, app: Option<&Application>, draft: bool) -> String {
        String::from_utf8(view::application(app, &self.profile, &self.fonts, draft).json())
            .expect("JSON is UTF-8")
    }

    /// The embedded templates: (file name, Typst source).
    pub fn embedded_templates() -> &'static [(&'static str, &'static str)] {
        &world::EMBEDDED
    }

    /// Which face of each role's chain sets which characters of an
    /// application (or of the blank form), and the fields with characters a
    /// fallback face sets; an error names a character no face has. Nothing
    /// is typeset.
    pub fn font_usage_application(
        &self,
        app: Option<&Application>,
    ) -> Result<FontUsage, RenderError> {
        let view = view::application(app, &self.profile, &self.fonts, false);
        coverage::check(&view, &self.fonts)
    }

    /// The same for a summary.
    pub fn font_usage_summary(&self, summary: Option<&Summary>) -> Result<FontUsage, RenderError> {
        let view = view::summary(summary, &self.profile, &self.fonts, false);
        coverage::check(&view, &self.fonts)
    }

    /// What every document's data must pass before it is typeset: field
    /// lengths, and a face for every character.
    fn check(&self, view: &View) -> Result<FontUsage, RenderError> {
        view::check_lengths(view, MAX_FIELD_CHARS)?;
        coverage::check(view, &self.fonts)
    }

    /// One Typst document of a template and its data.
    fn typeset(&self, template: Template, data: Vec<u8>) -> Result<PagedDocument, RenderError> {
        let world = self.base.document(template.file(), data);
        typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|diags| RenderError::Typeset(Diagnostics::of(&diags)))
    }

    fn compile(&self, mut view: View) -> Result<(PagedDocument, FontUsage), RenderError> {
        let usage = self.check(&view)?;
        let mut doc = self.typeset(view.template(), view.json())?;
        // A 合计 row alone on the last page: again, with the last project's
        // row moved over to it (see summary.typ).
        if let Data::Summary(s) = &mut view.data
            && runs::totals_alone(&doc)
        {
            s.keep_last = true;
            doc = self.typeset(view.template(), view.json())?;
        }
        // A 申报表 whose last, short row would stand alone on a page: again,
        // with the rows' tighter insets, so that it closes a page earlier.
        if let Data::Application(a) = &mut view.data
            && runs::last_row_alone(&doc)
        {
            a.tight = true;
            let tight = self.typeset(view.template(), view.json())?;
            if tight.pages().len() < doc.pages().len() {
                doc = tight;
            }
        }
        let max = match view.template() {
            Template::Summary => MAX_SUMMARY_PAGES,
            Template::Application => MAX_APPLICATION_PAGES,
        };
        if doc.pages().len() > max {
            return Err(RenderError::TooManyPages {
                pages: doc.pages().len(),
                max,
            });
        }
        Ok((doc, usage))
    }

    fn pdf(&self, view: View, ident: &str, opts: &RenderOptions) -> Result<Rendered, RenderError> {
        let standards = if opts.pdfa {
            PdfStandards::new(&[PdfStandard::A_2b])
                .map_err(|e| RenderError::Pdf(Diagnostics(vec![e.message().to_string()])))?
        } else {
            PdfStandards::default()
        };
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some(format!("yanxiu {}", env!("CARGO_PKG_VERSION")))),
            timestamp: None,
            standards,
            ..PdfOptions::default()
        };
        let export = |doc: &PagedDocument, options: &PdfOptions| {
            typst_pdf::pdf(doc, options).map_err(|diags| RenderError::Pdf(Diagnostics::of(&diags)))
        };
        let summary_runs = match &view.data {
            Data::Summary(s) if s.rows.len() > self.summary_run_rows => Some((**s).clone()),
            _ => None,
        };
        if let Some(summary) = summary_runs {
            // A long 汇总表: run by run, joined, untagged (see `runs`).
            let fonts = self.check(&view)?;
            let untagged = PdfOptions {
                tagged: false,
                ..options
            };
            let pdf = runs::pdf(
                summary,
                self.summary_run_rows,
                MAX_SUMMARY_PAGES,
                |data| self.typeset(Template::Summary, data),
                |doc| export(doc, &untagged),
            );
            typst::comemo::evict(self.cache_max_age);
            return Ok(Rendered { pdf: pdf?, fonts });
        }
        let doc = self.compile(view);
        // Typst's memo caches are global and grow with every document; a
        // loop rendering thousands would grow without bound (the fuzzer
        // slowed to 33 s a case). The renderer is their one owner: entries
        // unused for a few documents go, on whichever thread rendered.
        typst::comemo::evict(self.cache_max_age);
        let (doc, fonts) = doc?;
        let pdf = export(&doc, &options)?;
        Ok(Rendered { pdf, fonts })
    }

    #[cfg(feature = "png")]
    fn pngs(&self, view: View, pixel_per_pt: f32) -> Result<Vec<Vec<u8>>, RenderError> {
        let (doc, _) = self.compile(view)?;
        doc.pages()
            .iter()
            .map(|p| {
                let opts = typst_render::RenderOptions {
                    pixel_per_pt: typst::utils::Scalar::new(pixel_per_pt as f64),
                    render_bleed: false,
                };
                typst_render::render(p, &opts)
                    .encode_png()
                    .map_err(|e| RenderError::Pdf(Diagnostics(vec![e.to_string()])))
            })
            .collect()
    }
}

/// Refuses findings with an error for a final document.
fn gate(findings: &[Finding], opts: &RenderOptions) -> Result<(), RenderError> {
    if !opts.draft && yanxiu_core::has_errors(findings) {
        return Err(RenderError::Invalid(findings.to_vec()));
    }
    Ok(())
}
