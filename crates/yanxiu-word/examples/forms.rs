//! Writes the example and blank forms as .docx into a folder (default
//! `out/`): `cargo run -p yanxiu-word --example forms -- DIR`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "out".into()));
    std::fs::create_dir_all(&dir)?;
    let profile = yanxiu_core::Profile::default();
    let app = yanxiu_core::parse::application_from_json(yanxiu_core::examples::APPLICATION_ZH)?;
    let summary = yanxiu_core::parse::summary_from_json(yanxiu_core::examples::SUMMARY)?;
    std::fs::write(
        dir.join("申报表-示例.docx"),
        yanxiu_word::application_docx(Some(&app), &profile)?,
    )?;
    std::fs::write(
        dir.join("申报表-空白.docx"),
        yanxiu_word::application_docx(None, &profile)?,
    )?;
    std::fs::write(
        dir.join("汇总表-示例.docx"),
        yanxiu_word::summary_docx(Some(&summary), &profile)?,
    )?;
    std::fs::write(
        dir.join("汇总表-空白.docx"),
        yanxiu_word::summary_docx(None, &profile)?,
    )?;
    Ok(())
}
