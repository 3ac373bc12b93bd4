//! The bundled examples (`examples/` in the repository), as the demo, the
//! benchmarks and the docs use them. They live in this crate so that every
//! crate built from crates.io or an sdist has them.

/// A complete 申报表 with English keys (`examples/application.json`).
pub const APPLICATION: &str = include_str!("../examples/application.json");
/// A national 特色班 with Chinese keys (`examples/application-zh.json`).
pub const APPLICATION_ZH: &str = include_str!("../examples/application-zh.json");
/// A 汇总表 of five projects (`examples/summary.json`).
pub const SUMMARY: &str = include_str!("../examples/summary.json");

#[cfg(test)]
mod tests {
    use crate::parse;

    #[test]
    fn examples_parse() {
        parse::application_from_json(super::APPLICATION).unwrap();
        parse::application_from_json(super::APPLICATION_ZH).unwrap();
        let s = parse::summary_from_json(super::SUMMARY).unwrap();
        assert_eq!(s.applications.len(), 5);
    }
}
