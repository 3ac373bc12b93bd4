//! Checking data against the notice's rules.

mod application;
mod finding;
mod summary;

pub use application::validate_application;
pub use finding::{Finding, RULES, Rule, Severity, code, rule};
pub use summary::{project_key, validate_summary};

/// Collects findings with their rule's severity.
pub(crate) struct Findings {
    prefix: String,
    list: Vec<Finding>,
}

impl Findings {
    pub(crate) fn new(prefix: &str) -> Self {
        Findings {
            prefix: prefix.to_owned(),
            list: Vec::new(),
        }
    }

    /// Adds a finding; the severity comes from the rule table.
    pub(crate) fn push(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        let severity = rule(code).map(|r| r.severity).unwrap_or(Severity::Error);
        let path = match (self.prefix.is_empty(), path.is_empty()) {
            (true, _) => path.to_owned(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{path}", self.prefix),
        };
        self.list.push(Finding {
            code: code.to_owned(),
            severity,
            path,
            message: message.into(),
        });
    }

    pub(crate) fn extend(&mut self, other: Vec<Finding>) {
        self.list.extend(other);
    }

    pub(crate) fn into_vec(self) -> Vec<Finding> {
        self.list
    }
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// A text counts as filled when it holds something other than white space.
pub(crate) fn blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
}
