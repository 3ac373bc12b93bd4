//! Reading filled 申报表 .docx files back into the model: the content
//! controls of our own form first, else the table found by its labels (a
//! form typed in Word from the 人社厅's download, or ours with the controls
//! deleted). Bounded: named limits on size, parts and rows; no external
//! relationship is ever followed (only two parts of the zip are read).

mod doc;
mod labels;
mod package;
mod props;
mod symbols;
mod xml;

pub use package::{MAX_DOCX_BYTES, MAX_PART_BYTES};
use yanxiu_core::form::{ApplicationForm, Field};
use yanxiu_core::parse::count_text;
use yanxiu_core::{Application, DataError, PreviousClass, Profile, Schedule, TopicScope, fields};

/// The most table rows a document may have (a 申报表 has ten).
pub const MAX_ROWS: usize = 1_000;
/// The most XML nodes a document part may have (a filled 申报表 has about
/// ten thousand).
const MAX_NODES: u32 = 500_000;
/// The deepest nesting of XML elements read (a 申报表 is about 15 deep);
/// deeper, the reader's walks over each control would grow with the square.
pub const MAX_DEPTH: usize = 64;

/// Why a .docx could not be read as a 申报表.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// Not a zip with a Word document in it.
    #[error("不是 Word 文档（.docx）")]
    NotDocx,
    /// A password-protected Word file.
    #[error("文件加了密码：请在 Word 中去掉密码（文件→信息→保护文档）后再交")]
    Encrypted,
    /// A compound file that holds no Word document (an .xls, a Works .wps).
    #[error("不是 Word 文档：文件是 Office 的其他格式（如 Excel 的 .xls），请另存为 .docx")]
    NotWord,
    /// A Word 6/95 or older binary.
    #[error("是 Word 95 或更早版本的文件：请在 Word 或 WPS 中另存为 .docx")]
    OldWord,
    /// A damaged file.
    #[error("文件已损坏：{0}")]
    Corrupt(String),
    /// Over a named limit.
    #[error("{what}超过上限（{limit}）")]
    TooLarge {
        /// What is too large.
        what: String,
        /// The limit.
        limit: String,
    },
    /// A Word document, but not a 申报表.
    #[error("不是申报表：找不到「项目名称」等栏目")]
    NotAForm,
    /// A row of the form is missing.
    #[error("找不到「{0}」一栏")]
    Missing(String),
    /// A value that cannot be read, naming the form's label.
    #[error("「{label}」：{message}")]
    Field {
        /// The label as the form prints it.
        label: String,
        /// What is wrong.
        message: String,
    },
    /// The values read do not make an application.
    #[error(transparent)]
    Data(#[from] DataError),
}

/// A 申报表 read from a Word file, and what was read with doubt.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadForm {
    /// The application.
    pub application: Application,
    /// What a person should check against the paper (a box that could not
    /// be read, or is not there), each naming the form's cell.
    pub warnings: Vec<String>,
}

/// Reads a filled 申报表 (.docx, or Word 97–2003 .doc / WPS .wps) of the
/// 2024 notice's form.
pub fn read_docx(bytes: &[u8]) -> Result<Application, ReadError> {
    read_word(bytes, Profile::fujian_2024_shared()).map(|r| r.application)
}

/// Reads a filled 申报表 .docx (or .doc) of the form that `profile` describes.
pub fn read_docx_with(bytes: &[u8], profile: &Profile) -> Result<Application, ReadError> {
    read_word(bytes, profile).map(|r| r.application)
}

/// Reads a filled 申报表 of the form that `profile` describes, from a .docx,
/// a Word 97–2003 .doc or a WPS .wps (told apart by their bytes, not their
/// names), with the warnings of what was read with doubt.
pub fn read_word(bytes: &[u8], profile: &Profile) -> Result<ReadForm, ReadError> {
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(ReadError::TooLarge {
            what: "文件".into(),
            limit: format!("{} MB", MAX_DOCX_BYTES >> 20),
        });
    }
    // Word 97–2003 binaries (and password-protected .docx) are OLE
    // compound files.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let (document, record) = doc::document_xml(bytes)?;
        return read_xml(&document, record.as_deref(), profile);
    }
    let parts = package::open(bytes)?;
    let record = parts.custom.as_deref().and_then(record_text);
    read_xml(&parts.document, record.as_deref(), profile)
}

/// Reads the form from its document XML and the stored record (its JSON
/// text), if any.
fn read_xml(
    document: &str,
    record: Option<&str>,
    profile: &Profile,
) -> Result<ReadForm, ReadError> {
    let form = &profile.application_form;
    // No DTD (so no entity expansion), a bounded number of nodes.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(document, opts).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => ReadError::TooLarge {
            what: "文档的元素数".into(),
            limit: MAX_NODES.to_string(),
        },
        e => ReadError::Corrupt(e.to_string()),
    })?;
    // Each node's depth from its parent's, in document order: linear.
    let mut depths = vec![0usize; doc.descendants().count() + 1];
    for n in doc.descendants() {
        let d = n.parent().map_or(0, |p| depths[p.id().get_usize()] + 1);
        if d > MAX_DEPTH {
            return Err(ReadError::TooLarge {
                what: "文档的嵌套层数".into(),
                limit: MAX_DEPTH.to_string(),
            });
        }
        depths[n.id().get_usize()] = d;
    }
    let rows = doc.descendants().filter(|n| xml::is(*n, "tr")).count();
    if rows > MAX_ROWS {
        return Err(ReadError::TooLarge {
            what: "表格行数".into(),
            limit: MAX_ROWS.to_string(),
        });
    }
    let controls = xml::controls(doc.root());
    // Our form as written, or with every field's control still in place;
    // a form whose controls were deleted (or typed over by a script that
    // replaced a cell's content) is read by its labels, like any other.
    // (A filled 特色班 cell has a control for each of its parts instead.)
    let whole = TEXT_CONTROLS.iter().all(|tag| {
        controls
            .iter()
            .any(|c| c.tag == *tag || (*tag == "featured" && c.tag.starts_with("featured.")))
    });
    let mut visible = if whole {
        from_controls(&controls, form)?
    } else {
        labels::read(doc.root(), form)?
    };
    // The year the title names, when not the profile's own (absent means
    // that year); the stored record's, when there is one, is kept.
    let above: String = doc
        .descendants()
        .filter(|n| xml::is(*n, "p") && !n.ancestors().any(|a| xml::is(a, "tbl")))
        .map(xml::inline_text)
        .collect();
    visible.app.year = profile
        .year_in_application_title(&above)
        .filter(|y| *y != profile.year);
    // The stored record belongs to this form only while the form still names
    // its project: a unit that copied another unit's file and typed over it
    // must not inherit that unit's 联系人 or 备注.
    let stored = record
        .and_then(|json| serde_json::from_str::<Application>(json).ok())
        .filter(|c| printed(&c.project_name) == printed(&visible.app.project_name));
    visible.finish(stored, form)
}

/// What the visible form says: the fields it prints, in the model, and the
/// 办班时间 as typed — it is read against the stored record before it is
/// parsed, since the form prints `2024年6月（4天）`, which is no date.
pub(crate) struct Visible {
    pub app: Application,
    pub schedule: Option<String>,
    /// What was read with doubt (a box that could not be read), by cell.
    pub warnings: Vec<String>,
}

impl Visible {
    pub(crate) fn new() -> Visible {
        Visible {
            app: Application::default(),
            schedule: None,
            warnings: Vec::new(),
        }
    }

    /// The application: the stored record, if any, with the form's fields
    /// laid over it; where the form shows what the stored value prints as,
    /// the stored value (exact, blank lines and all) is kept.
    fn finish(
        mut self,
        stored: Option<Application>,
        form: &ApplicationForm,
    ) -> Result<ReadForm, ReadError> {
        let stored_schedule = stored.as_ref().and_then(|s| s.schedule);
        self.app.schedule = match self.schedule.as_deref() {
            Some(t) if stored_schedule.is_some_and(|s| s.display_zh() == t) => stored_schedule,
            Some(t) => Some(Schedule::parse(t).map_err(|m| field_error(Field::Schedule, form, m))?),
            None => None,
        };
        let warnings = self.warnings;
        let Some(mut stored) = stored else {
            return Ok(ReadForm {
                application: self.app,
                warnings,
            });
        };
        let mut v = self.app;
        keep_exact(&mut v, &stored, form);
        for f in on_form(form) {
            f.copy(&v, &mut stored);
        }
        Ok(ReadForm {
            application: stored,
            warnings,
        })
    }
}

/// Where a visible text is what the stored one prints as, the stored one.
fn keep_exact(v: &mut Application, stored: &Application, form: &ApplicationForm) {
    for f in Field::ALL {
        if let (Some(s), Some(slot)) = (f.text(stored), f.slot(v))
            && printed(&s) == printed(slot)
        {
            *slot = s;
        }
    }
    for t in TopicScope::ALL {
        if let (Some(vt), Some(st)) = (v.topics.get(t), stored.topics.get(t))
            && printed(vt) == printed(st)
        {
            v.topics.set(t, Some(st.to_owned()));
        }
    }
    if let (Some(vs), Some(ss)) = (&mut v.funding.self_funded, &stored.funding.self_funded)
        && printed(&vs.source) == printed(&ss.source)
    {
        vs.source = ss.source.clone();
    }
    if let (Some(vf), Some(sf)) = (&v.featured, &stored.featured)
        && printed(&form.featured.text(vf)) == printed(&form.featured.text(sf))
    {
        v.featured = stored.featured.clone();
    }
}

/// An error about one field, named by its label on the form.
pub(crate) fn field_error(field: Field, form: &ApplicationForm, message: String) -> ReadError {
    ReadError::Field {
        label: form.label(field).replace('\n', ""),
        message,
    }
}

/// Whether a cell holds a date to read: the blank form's `年  月  日` does not.
fn has_digits(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Sets the 申报时间 typed on the form.
pub(crate) fn set_applied_on(
    app: &mut Application,
    text: &str,
    form: &ApplicationForm,
) -> Result<(), ReadError> {
    app.applied_on = if has_digits(text) {
        let date = yanxiu_core::date::parse_date(text);
        Some(date.map_err(|m| field_error(Field::AppliedOn, form, m))?)
    } else {
        None
    };
    Ok(())
}

/// The 办班时间 typed on the form, kept as text (see [`Visible`]).
pub(crate) fn schedule_text(text: &str) -> Option<String> {
    has_digits(text).then(|| text.to_owned())
}

/// The controls of the cells a unit types in: all there, or the form is read
/// by its labels.
const TEXT_CONTROLS: [&str; 10] = [
    "project_name",
    "schedule",
    "venue",
    "industry",
    "authority",
    "purpose",
    "content",
    "experts",
    "audience",
    "featured",
];

/// Blanks drawn with spaces (`　　　　` under a line) are no text.
fn text(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_owned()
}

/// A number of trainees typed in a cell; `label` names the cell.
fn count(label: &str, s: &str) -> Result<Option<u32>, ReadError> {
    count_text(&text(s)).map_err(|message| ReadError::Field {
        label: label.to_owned(),
        message,
    })
}

/// The form's values from our own controls.
fn from_controls(controls: &[xml::Control], form: &ApplicationForm) -> Result<Visible, ReadError> {
    let mut v = Visible::new();
    let mut featured_seen = false;
    let mut featured_text = None;
    let mut featured = yanxiu_core::Featured::default();
    let (mut self_funded, mut source) = (false, String::new());
    // A text is one control a paragraph: those with one tag, in order, joined.
    let mut texts: Vec<(&str, Vec<&xml::Control>)> = Vec::new();
    for c in controls.iter().filter(|c| c.checked.is_none()) {
        match texts.iter_mut().find(|(t, _)| *t == c.tag) {
            Some((_, list)) => list.push(c),
            None => texts.push((&c.tag, vec![c])),
        }
    }
    for c in controls.iter().filter(|c| c.checked.is_some()) {
        let on = c.checked == Some(true);
        match c.tag.as_str() {
            "funding.government" => v.app.funding.government = on,
            "funding.self_funded" => self_funded = on,
            tag => {
                if let Some(t) = topic(tag).filter(|_| on) {
                    v.app.topics.set(t, Some(String::new()));
                }
            }
        }
    }
    for (tag, parts) in texts {
        let joined = |f: fn(&str) -> String| {
            parts
                .iter()
                .filter(|c| !c.placeholder)
                .map(|c| f(&c.text))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let t = joined(text);
        match tag {
            "funding.self_funded.source" => source = t,
            "participants" => v.app.participants = count(form.label(Field::Participants), &t)?,
            "applied_on" => set_applied_on(&mut v.app, &t, form)?,
            "schedule" => v.schedule = schedule_text(&t),
            "featured" => featured_text = Some(t),
            tag if tag.starts_with("featured.") => {
                featured_seen = true;
                featured_part(&mut featured, tag, joined(|s| s.trim().to_owned()))?;
            }
            // Text typed after a box left unticked still means the topic.
            tag => match (
                topic(tag),
                Field::from_path(tag).and_then(|f| f.slot(&mut v.app)),
            ) {
                (Some(scope), _) => {
                    if !t.is_empty() {
                        v.app.topics.set(scope, Some(t));
                    }
                }
                (None, Some(slot)) => *slot = t,
                (None, None) => {}
            },
        }
    }
    // A source typed without ticking the box still says 自筹经费.
    if self_funded || !source.is_empty() {
        v.app.funding.self_funded = Some(yanxiu_core::SelfFunded { source });
    }
    v.app.featured = if featured_seen {
        Some(featured)
    } else {
        featured_text.and_then(|t| form.featured.parse(&t))
    };
    Ok(v)
}

/// The 选题范围 box a control's tag names (`topics.digital`).
fn topic(tag: &str) -> Option<TopicScope> {
    let key = tag.strip_prefix("topics.")?;
    TopicScope::ALL.into_iter().find(|t| t.key() == key)
}

/// One part of a 特色班 written by our form (`featured.previous[0].name`,
/// `featured.focus`).
fn featured_part(f: &mut yanxiu_core::Featured, tag: &str, text: String) -> Result<(), ReadError> {
    match tag {
        "featured.focus" => f.focus = text,
        "featured.plan" => f.plan = text,
        _ => {
            let Some((index, key)) = tag
                .strip_prefix("featured.previous[")
                .and_then(|r| r.split_once("]."))
                .and_then(|(i, k)| Some((i.parse::<usize>().ok()?, k)))
            else {
                return Ok(());
            };
            // A tag is ours; still, no list grows past the form's own rows.
            if index >= MAX_ROWS {
                return Ok(());
            }
            while f.previous.len() <= index {
                f.previous.push(PreviousClass::default());
            }
            let c = &mut f.previous[index];
            match key {
                "name" => c.name = text,
                "held" => c.held = text,
                "experts" => c.experts = text,
                "audience" => c.audience = text,
                "results" => c.results = text,
                "participants" => {
                    c.participants =
                        count(fields::label("featured.previous[].participants"), &text)?
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The record the writer stored in the document's custom properties
/// (`docProps/custom.xml`), as its JSON text.
fn record_text(custom: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(custom).ok()?;
    let prop = doc.descendants().find(|n| {
        n.tag_name().name() == "property" && n.attribute("name") == Some(crate::CARRIER)
    })?;
    Some(
        prop.descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect(),
    )
}

/// What the form shows of a text: the writer's cleaning, blank lines gone.
fn printed(s: &str) -> String {
    crate::style::clean(s)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The fields the form prints: for these the visible form decides.
fn on_form(form: &ApplicationForm) -> Vec<Field> {
    let mut fields = vec![Field::Applicant, Field::AppliedOn];
    for c in form.cells() {
        fields.extend(std::iter::once(c.field).chain(c.then));
    }
    fields
}
