//! Reading filled 申报表 .docx files back into the model: the content
//! controls of our own form first, else the table found by its labels (a
//! form typed in Word from the 人社厅's download, or ours with the controls
//! deleted). Bounded: named limits on size, parts and rows; no external
//! relationship is ever followed (only two parts of the zip are read).

mod labels;
mod package;
mod xml;

pub use package::{MAX_DOCX_BYTES, MAX_PART_BYTES};
use serde_json::{Value, json};
use yanxiu_core::form::ApplicationForm;
use yanxiu_core::parse::{count_text, from_value};
use yanxiu_core::{Application, DataError, Profile, fields};

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
    /// An old binary .doc, or a password-protected .docx.
    #[error("是旧版 Word 文件（.doc）或加了密码的文件：请在 Word 中去掉密码并另存为 .docx")]
    OldOrEncrypted,
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

/// Reads a filled 申报表 .docx of the 2024 notice's form.
pub fn read_docx(bytes: &[u8]) -> Result<Application, ReadError> {
    static PROFILE: std::sync::OnceLock<Profile> = std::sync::OnceLock::new();
    read_docx_with(bytes, PROFILE.get_or_init(Profile::fujian_2024))
}

/// Reads a filled 申报表 .docx of the form that `profile` describes.
pub fn read_docx_with(bytes: &[u8], profile: &Profile) -> Result<Application, ReadError> {
    let form = &profile.application_form;
    let parts = package::open(bytes)?;
    // No DTD (so no entity expansion), a bounded number of nodes.
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&parts.document, opts).map_err(|e| match e {
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
    let visible = if whole {
        from_controls(&controls, form)?
    } else {
        labels::read(doc.root(), form)?
    };
    // The stored record belongs to this form only while the form still names
    // its project: a unit that copied another unit's file and typed over it
    // must not inherit that unit's 联系人 or 备注.
    let carrier = parts.custom.as_deref().and_then(carrier).filter(|c| {
        let name = |v: &Value| v.get("project_name").and_then(Value::as_str).map(printed);
        name(c) == name(&visible)
    });
    let value = match carrier {
        Some(c) => merge(c, visible, form),
        None => visible,
    };
    Ok(from_value(value)?)
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

/// The label the form prints for a path, for messages.
fn label_of(path: &str) -> String {
    let d = fields::application(path);
    if d.label.is_empty() {
        path.to_owned()
    } else {
        d.label.to_owned()
    }
}

/// Sets `path` (dotted, `[i]` for list elements) in a JSON object.
fn set(root: &mut Value, path: &str, v: Value) {
    let mut at = root;
    let segments: Vec<&str> = path.split('.').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i == segments.len() - 1;
        let (key, index) = match seg.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (*seg, None),
        };
        let obj = match at {
            Value::Object(m) => m,
            _ => return,
        };
        match index {
            None if last => {
                obj.insert(key.to_owned(), v);
                return;
            }
            None => at = obj.entry(key).or_insert_with(|| json!({})),
            Some(n) => {
                let list = obj.entry(key).or_insert_with(|| json!([]));
                let Value::Array(items) = list else { return };
                while items.len() <= n {
                    items.push(json!({}));
                }
                if last {
                    items[n] = v;
                    return;
                }
                at = &mut items[n];
            }
        }
    }
}

/// Blanks drawn with spaces (`　　　　` under a line) are no text.
fn text(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_owned()
}

fn count(path: &str, s: &str) -> Result<Option<u32>, ReadError> {
    count_text(&text(s)).map_err(|message| ReadError::Field {
        label: label_of(path),
        message,
    })
}

/// The model's JSON from our form's controls.
fn from_controls(controls: &[xml::Control], form: &ApplicationForm) -> Result<Value, ReadError> {
    let mut v = json!({});
    let mut featured_seen = false;
    let mut featured_text = None;
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
            "funding.government" => set(&mut v, "funding.government", json!(on)),
            "funding.self_funded" => self_funded = on,
            tag if tag.starts_with("topics.") && on => set(&mut v, tag, json!("")),
            _ => {}
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
            // Text typed after a box left unticked still means the topic.
            tag if tag.starts_with("topics.") => {
                if !t.is_empty() {
                    set(&mut v, tag, json!(t));
                }
            }
            "participants" => {
                if let Some(n) = count("participants", &t)? {
                    set(&mut v, "participants", json!(n));
                }
            }
            "applied_on" | "schedule" => {
                // The blank form's `年  月  日` is no date.
                if t.chars().any(|c| c.is_ascii_digit()) {
                    set(&mut v, tag, json!(t));
                }
            }
            "featured" => featured_text = Some(t),
            tag if tag.starts_with("featured.") => {
                featured_seen = true;
                if tag.ends_with(".participants") {
                    if let Some(n) = count("featured.previous[].participants", &t)? {
                        set(&mut v, tag, json!(n));
                    }
                } else {
                    set(&mut v, tag, json!(joined(|s| s.trim().to_owned())));
                }
            }
            tag => set(&mut v, tag, json!(t)),
        }
    }
    // A source typed without ticking the box still says 自筹经费.
    if self_funded || !source.is_empty() {
        set(&mut v, "funding.self_funded", json!({ "source": source }));
    }
    if featured_seen {
        if v.pointer("/featured/previous").is_none() {
            set(&mut v, "featured.previous", json!([]));
        }
    } else {
        set_free_featured(&mut v, featured_text.as_deref(), form);
    }
    Ok(v)
}

/// The 特色班 cell read as text: `无` (or nothing) is no 特色班; the lines
/// the form's wording prints give their structure back (see
/// `FeaturedWording::parse`), anything else is kept as its focus.
fn set_free_featured(v: &mut Value, text: Option<&str>, form: &ApplicationForm) {
    if let Some(f) = text.and_then(|t| form.featured.parse(t)) {
        set(v, "featured", serde_json::to_value(f).unwrap_or_default());
    }
}

/// The record the writer stored in the document's custom properties.
fn carrier(custom: &str) -> Option<Value> {
    let doc = roxmltree::Document::parse(custom).ok()?;
    let prop = doc.descendants().find(|n| {
        n.tag_name().name() == "property" && n.attribute("name") == Some(crate::CARRIER)
    })?;
    let text: String = prop
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    serde_json::from_str(&text).ok()
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

/// The model's keys the form prints — its labelled elements, and the
/// number of trainees printed in the 培训对象 cell: for these the visible
/// form decides.
fn on_form(form: &ApplicationForm) -> Vec<&'static str> {
    let mut keys = vec!["applicant", "applied_on"];
    for c in form.cells() {
        keys.extend(std::iter::once(c.field).chain(c.then).map(|f| f.path()));
    }
    keys
}

/// The stored record with the visible form's values over it; where a
/// visible text is what the stored one prints as, the stored one (exact,
/// blank lines and all) is kept.
fn merge(mut stored: Value, mut visible: Value, form: &ApplicationForm) -> Value {
    fn keep_exact(v: &mut Value, c: &Value) {
        match (v, c) {
            (Value::String(vs), Value::String(cs)) if printed(cs) == printed(vs) => {
                *vs = cs.clone()
            }
            (Value::Object(vm), Value::Object(cm)) => {
                for (k, vv) in vm.iter_mut() {
                    if let Some(cv) = cm.get(k) {
                        keep_exact(vv, cv);
                    }
                }
            }
            (Value::Array(va), Value::Array(ca)) => {
                for (vv, cv) in va.iter_mut().zip(ca) {
                    keep_exact(vv, cv);
                }
            }
            _ => {}
        }
    }
    // A schedule the model prints in words (`2024年6月（4天）`) is kept as stored.
    if let (Some(Value::String(shown)), Some(stored_schedule)) =
        (visible.get("schedule"), stored.get("schedule"))
        && let Ok(s) = serde_json::from_value::<yanxiu_core::Schedule>(stored_schedule.clone())
        && s.display_zh() == *shown
    {
        let exact = stored_schedule.clone();
        set(&mut visible, "schedule", exact);
    }
    // A 特色班 cell read as text (its controls lost) that says what the stored
    // record's prints as: the stored record's structure.
    if let (Some(Value::Object(f)), Some(stored_featured)) =
        (visible.get("featured"), stored.get("featured"))
        && f.get("previous")
            .is_some_and(|p| p.as_array().is_some_and(Vec::is_empty))
        && let Some(Value::String(shown)) = f.get("focus")
        && let Ok(sf) = serde_json::from_value::<yanxiu_core::Featured>(stored_featured.clone())
        && printed(&form.featured.text(&sf)) == printed(shown)
    {
        let exact = stored_featured.clone();
        set(&mut visible, "featured", exact);
    }
    keep_exact(&mut visible, &stored);
    let Value::Object(out) = &mut stored else {
        return visible;
    };
    let Value::Object(vis) = visible else {
        return stored;
    };
    for key in on_form(form) {
        if key == "applicant" {
            // Only the unit's name is on the form; its kind and the rest are not.
            let name = vis.get("applicant").and_then(|a| a.get("name")).cloned();
            if let Some(Value::Object(a)) = out.get_mut("applicant") {
                a.insert("name".into(), name.unwrap_or(json!("")));
            } else if let Some(n) = name {
                out.insert("applicant".into(), json!({"name": n}));
            }
            continue;
        }
        match vis.get(key) {
            Some(v) => {
                out.insert(key.to_owned(), v.clone());
            }
            None => {
                out.remove(key);
            }
        }
    }
    // Keys of the visible form the list above does not name stay too.
    for (k, v) in vis {
        out.entry(k).or_insert(v);
    }
    stored
}
