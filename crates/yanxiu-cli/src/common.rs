//! What the rendering commands share: fonts, templates and profile, reading
//! a data file, writing an output file.

use crate::error::CliError;
use std::path::{Path, PathBuf};
use yanxiu_core::parse::{self, Document, Kind};
use yanxiu_render::{Renderer, RendererBuilder};

/// Font and template settings shared by the rendering commands.
#[derive(clap::Args, Clone)]
pub(crate) struct Setup {
    /// A folder of extra fonts (e.g. the official 仿宋_GB2312); may be repeated.
    #[arg(long = "font-dir", value_name = "DIR")]
    font_dirs: Vec<PathBuf>,
    /// Do not look for the official fonts installed on this machine; use only
    /// the bundled fonts and --font-dir.
    #[arg(long)]
    no_system_fonts: bool,
    /// A folder with style.typ / application.typ / summary.typ replacing the embedded templates.
    #[arg(long, value_name = "DIR")]
    template_dir: Option<PathBuf>,
    /// A notice profile (TOML) other than the embedded 2024 one.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

impl Setup {
    /// The renderer's settings, for a command that adds its own.
    pub(crate) fn builder(&self) -> Result<RendererBuilder, CliError> {
        let mut b = Renderer::builder()
            .system_fonts(!self.no_system_fonts)
            .profile(load_profile(self.profile.as_ref())?);
        for d in &self.font_dirs {
            b = b.font_dir(d);
        }
        if let Some(t) = &self.template_dir {
            b = b.template_dir(t);
        }
        Ok(b)
    }

    /// The notice profile alone (for outputs that need no fonts).
    pub(crate) fn profile(&self) -> Result<yanxiu_core::Profile, CliError> {
        load_profile(self.profile.as_ref())
    }

    /// Fonts and templates loaded once.
    pub(crate) fn renderer(&self) -> Result<Renderer, CliError> {
        Ok(self.builder()?.build()?)
    }
}

/// A notice profile given with `--profile`, else the embedded 2024 one.
pub(crate) fn load_profile(path: Option<&PathBuf>) -> Result<yanxiu_core::Profile, CliError> {
    Ok(match path {
        Some(p) => yanxiu_core::Profile::from_path(p)?,
        None => yanxiu_core::Profile::fujian_2024(),
    })
}

/// Reads and parses one JSON file.
pub(crate) fn read_document(path: &Path, kind: Option<Kind>) -> Result<Document, CliError> {
    let bytes = std::fs::read(path).map_err(|source| CliError::Io {
        path: path.to_owned(),
        source,
    })?;
    parse::document_from_bytes(&bytes, kind).map_err(|source| CliError::Data {
        path: path.to_owned(),
        source: Box::new(source),
    })
}

/// Writes an output file whole (never half of it) and prints its path.
pub(crate) fn write_out(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    yanxiu_batch::write_atomic(path, bytes).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })?;
    println!("{}", path.display());
    Ok(())
}
