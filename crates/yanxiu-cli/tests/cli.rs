//! The `yanxiu` command as a clerk uses it: exit codes, messages, files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yanxiu() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yanxiu"));
    c.current_dir(root());
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yanxiu-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(c: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn valid_examples_exit_zero() {
    let (code, out, _) = run(yanxiu().args([
        "validate",
        "examples/application.json",
        "examples/application-zh.json",
        "examples/summary.json",
    ]));
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("通过：未发现问题").count(), 3, "{out}");
}

#[test]
fn broken_rules_exit_one_with_errors_first() {
    let (code, out, _) = run(yanxiu().args(["validate", "examples/invalid-application.json"]));
    assert_eq!(code, 1);
    let first_warning = out.find("警告").unwrap();
    let last_error = out.rfind("错误 ").unwrap();
    assert!(last_error < first_warning, "errors must come first:\n{out}");
    for c in [
        "YX001", "YX011", "YX021", "YX031", "YX050", "YX060", "YX070", "YX071", "YX030", "YX042",
        "YX080",
    ] {
        assert!(out.contains(c), "{c} missing:\n{out}");
    }
    assert!(out.contains("共 8 个错误，5 个警告"), "{out}");
}

#[test]
fn json_format_lists_findings_with_paths() {
    let (code, out, _) = run(yanxiu().args([
        "validate",
        "--format",
        "json",
        "examples/invalid-application.json",
        "examples/application.json",
    ]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let files = v.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "examples/invalid-application.json");
    let f = files[0]["findings"].as_array().unwrap();
    let src = f.iter().find(|x| x["code"] == "YX021").unwrap();
    assert_eq!(src["severity"], "error");
    assert_eq!(src["path"], "funding.self_funded.source");
    assert!(src["message"].as_str().unwrap().contains("自筹经费来源"));
    assert!(f.iter().any(|x| x["severity"] == "warning"));
    assert_eq!(files[1]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn summary_paths_carry_the_row() {
    let dir = tmp("summary-paths");
    let mut s: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/summary.json")).unwrap();
    s["applications"][2]["participants"] = 10.into();
    let p = write(&dir, "s.json", &s.to_string());
    let (code, out, _) = run(yanxiu().args(["validate", "--format", "json"]).arg(&p));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v[0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["path"] == "applications[2].participants"),
        "{out}"
    );
}

#[test]
fn unreadable_input_exits_two_naming_the_place() {
    let dir = tmp("unreadable");
    let text = include_str!("../../../examples/application.json");
    let typo = write(&dir, "typo.json", &text.replace("\"venue\"", "\"veneu\""));
    let (code, out, _) = run(yanxiu().args(["validate"]).arg(&typo));
    assert_eq!(code, 2);
    assert!(
        out.contains("字段「veneu」") && out.contains("未知字段") && out.contains("第11行"),
        "{out}"
    );

    let cut = text.char_indices().nth(300).unwrap().0;
    let truncated = write(&dir, "trunc.json", &text[..cut]);
    let (code, out, _) = run(yanxiu().args(["validate"]).arg(&truncated));
    assert_eq!(code, 2);
    assert!(out.contains("不完整"), "{out}");

    let wrong = write(
        &dir,
        "wrong.json",
        &text.replace("\"participants\": 60", "\"participants\": \"六十\""),
    );
    let (code, out, _) = run(yanxiu().args(["validate", "--format", "json"]).arg(&wrong));
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["error"]["path"], "participants");
    assert!(v[0]["error"]["line"].as_u64().is_some());

    let gbk = dir.join("gbk.json");
    std::fs::write(&gbk, [b'{', b'"', 0xcf, 0xee, b'"', b':', b'1', b'}']).unwrap();
    let (code, out, _) = run(yanxiu().args(["validate"]).arg(&gbk));
    assert_eq!(code, 2);
    assert!(out.contains("UTF-8"), "{out}");

    let (code, out, _) = run(yanxiu().args(["validate", "no/such/file.json"]));
    assert_eq!(code, 2);
    assert!(out.contains("无法读取"), "{out}");
}

#[test]
fn chinese_keyed_file_validates() {
    let (code, out, _) = run(yanxiu().args([
        "validate",
        "--kind",
        "application",
        "examples/application-zh.json",
    ]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn schema_describes_both_forms() {
    let (code, out, _) = run(yanxiu().args(["schema", "summary"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["properties"]["applications"].is_object(), "{out}");
    let (_, out, _) = run(yanxiu().args(["schema"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["properties"]["project_name"].is_object());
    assert_eq!(v["additionalProperties"], false);
}

#[test]
fn render_writes_a_pdf_and_refuses_invalid_data_without_leaving_a_file() {
    let dir = tmp("render");
    let out = dir.join("申报表.pdf");
    let (code, stdout, err) = run(yanxiu()
        .args([
            "render",
            "examples/application.json",
            "--no-system-fonts",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("申报表.pdf"));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));

    let bad = dir.join("bad.pdf");
    let (code, _, err) = run(yanxiu()
        .args([
            "render",
            "examples/invalid-application.json",
            "--no-system-fonts",
            "-o",
        ])
        .arg(&bad));
    assert_eq!(code, 1);
    assert!(err.contains("--draft") && err.contains("YX050"), "{err}");
    assert!(!bad.exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only the good PDF: {leftovers:?}");

    let (code, _, _) = run(yanxiu()
        .args([
            "render",
            "examples/invalid-application.json",
            "--draft",
            "--no-system-fonts",
            "-o",
        ])
        .arg(&bad));
    assert_eq!(code, 0);
    assert!(bad.exists());
}

#[test]
fn summary_blank_and_pdfa() {
    let dir = tmp("summary");
    let out = dir.join("汇总表.pdf");
    let (code, _, err) = run(yanxiu()
        .args([
            "summary",
            "examples/summary.json",
            "--pdfa",
            "--no-system-fonts",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.windows(12).any(|w| w == b"pdfaid:part>"));
    let blank = dir.join("blank.pdf");
    let (code, _, err) = run(yanxiu()
        .args(["render", "--blank", "--no-system-fonts", "-o"])
        .arg(&blank));
    assert_eq!(code, 0, "{err}");
    assert!(blank.exists());
}

#[test]
fn demo_renders_the_bundled_examples() {
    let dir = tmp("demo");
    let (code, out, err) = run(yanxiu().args(["demo", "--no-system-fonts", "-o"]).arg(&dir));
    assert_eq!(code, 0, "{err}");
    for name in [
        "申报表-示例.pdf",
        "汇总表-示例.pdf",
        "申报表-空白.pdf",
        "汇总表-空白.pdf",
    ] {
        assert!(out.contains(name), "{out}");
        assert!(std::fs::read(dir.join(name)).unwrap().starts_with(b"%PDF-"));
    }
    for name in [
        "申报表-示例.docx",
        "申报表-空白.docx",
        "汇总表-示例.docx",
        "汇总表-空白.docx",
    ] {
        assert!(out.contains(name), "{out}");
        assert!(
            std::fs::read(dir.join(name)).unwrap().starts_with(b"PK"),
            "{name}"
        );
    }
    // The bulk job on the bundled workbook.
    assert!(dir.join("申报信息.xlsx").is_file());
    for name in [
        "汇总表.pdf",
        "汇总表.xlsx",
        "report.json",
        "1-数字经济与实体经济深度融合高级研修班.pdf",
    ] {
        assert!(dir.join("批量").join(name).is_file(), "{name}: {out}");
    }
}

#[test]
fn render_writes_word_by_extension_or_format_even_with_findings() {
    let dir = tmp("docx");
    let out = dir.join("申报表.docx");
    let (code, _, err) = run(yanxiu()
        .args(["render", "examples/application.json", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    // Data the rules refuse for the PDF: the 电子版 is written, the findings said.
    let out = dir.join("invalid");
    let (code, _, err) = run(yanxiu()
        .args([
            "render",
            "examples/invalid-application.json",
            "--format",
            "docx",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("YX"), "{err}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    for (cmd, name) in [
        ("render", "空白申报表.docx"),
        ("summary", "空白汇总表.docx"),
    ] {
        let out = dir.join(name);
        let (code, _, err) = run(yanxiu().args([cmd, "--blank", "-o"]).arg(&out));
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    }
    let (code, _, err) = run(yanxiu()
        .args(["summary", "examples/summary.json", "--pdfa", "-o"])
        .arg(dir.join("汇总表.docx")));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn read_turns_a_filled_word_form_back_into_json() {
    let dir = tmp("read");
    let docx = dir.join("申报表.docx");
    let (code, _, err) = run(yanxiu()
        .args(["render", "examples/application-zh.json", "-o"])
        .arg(&docx));
    assert_eq!(code, 0, "{err}");
    let json = dir.join("申报表.json");
    let (code, _, err) = run(yanxiu().arg("read").arg(&docx).arg("-o").arg(&json));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(
        text.contains("\"项目名称\": \"深海装备关键核心技术高级研修班\""),
        "{text}"
    );
    // What was read validates as the original does, and renders.
    let (code, _, err) = run(yanxiu().arg("validate").arg(&json));
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(yanxiu().arg("read").arg(&docx).args(["--keys", "en"]));
    assert_eq!(code, 0);
    assert!(out.contains("\"project_name\""), "{out}");
    // Not a form: one line naming the file, exit 2.
    let (code, _, err) = run(yanxiu().args(["read", "README.md"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("README.md") && err.contains("不是 Word 文档"),
        "{err}"
    );
}

#[test]
fn fonts_lists_every_role() {
    let (code, out, _) = run(yanxiu().args(["fonts", "--no-system-fonts"]));
    assert_eq!(code, 0);
    for role in ["标题", "附件标注", "表格正文"] {
        assert!(out.contains(role), "{out}");
    }
    assert!(
        out.contains("Noto Serif CJK SC") && out.contains("内置开源字体"),
        "{out}"
    );
}

#[test]
fn font_dir_that_does_not_exist_is_an_error() {
    let (code, _, err) = run(yanxiu().args(["fonts", "--font-dir", "no/such/dir"]));
    assert_eq!(code, 2);
    assert!(err.contains("字体文件夹不存在"), "{err}");
}

#[test]
fn help_is_plain() {
    let (code, out, _) = run(yanxiu().arg("--help"));
    assert_eq!(code, 0);
    for c in ["validate", "render", "summary", "demo", "fonts", "schema"] {
        assert!(out.contains(c), "{out}");
    }
}

#[test]
fn batch_on_the_example_workbook_writes_everything() {
    let out = tmp("batch");
    let (code, stdout, stderr) = run(yanxiu()
        .args(["batch", "examples/申报信息.xlsx", "--no-system-fonts", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("共 5 项：已生成 5"), "{stdout}");
    for f in [
        "汇总表.pdf",
        "汇总表.xlsx",
        "report.json",
        "report.txt",
        "5-深海装备关键核心技术高级研修班.pdf",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    // Not a terminal: no progress bar on stderr.
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn batch_with_bad_records_exits_one_and_names_them() {
    let dir = tmp("batch-bad");
    let list = format!(
        "[{}, {{\"项目名称\": \"坏\", \"培训人数\": \"八十\"}}]",
        std::fs::read_to_string(root().join("examples/application.json")).unwrap()
    );
    let input = write(&dir, "list.json", &list);
    let (code, stdout, stderr) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "-o"])
        .arg(dir.join("out"))
        .arg(&input));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("无法读取 [list.json[1]] 坏"), "{stderr}");
    assert!(stderr.contains("[1].培训人数"), "{stderr}");
    assert!(stdout.contains("已生成 1，无法读取 1"), "{stdout}");

    let (code, _, stderr) = run(yanxiu()
        .args(["batch", "没有这个文件.xlsx", "-o"])
        .arg(dir.join("out2")));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("无法读取输入 没有这个文件.xlsx"),
        "{stderr}"
    );
}

#[test]
fn xlsx_template_and_summary_workbook() {
    let dir = tmp("xlsx");
    let t = dir.join("模板.xlsx");
    let (code, stdout, stderr) = run(yanxiu().args(["xlsx-template", "-o"]).arg(&t));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(std::fs::read(&t).unwrap().starts_with(b"PK"));
    let x = dir.join("汇总表.xlsx");
    let (code, stdout, stderr) = run(yanxiu()
        .args([
            "summary",
            "examples/summary.json",
            "--no-system-fonts",
            "-o",
        ])
        .arg(dir.join("汇总表.pdf"))
        .arg("--xlsx")
        .arg(&x));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(x.is_file() && dir.join("汇总表.pdf").is_file());
    let (code, _, stderr) = run(yanxiu()
        .args(["render", "examples/application.json", "-o"])
        .arg(dir.join("a.pdf"))
        .arg("--xlsx")
        .arg(dir.join("a.xlsx")));
    assert_eq!(code, 2);
    assert!(stderr.contains("--xlsx 只用于"), "{stderr}");
}

/// A JSON list of `n` distinct valid applications.
fn many_applications(n: usize) -> String {
    let base: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/application.json")).unwrap(),
    )
    .unwrap();
    let list: Vec<_> = (0..n)
        .map(|i| {
            let mut a = base.clone();
            a["project_name"] = format!("第{i}期数字经济高级研修班").into();
            a
        })
        .collect();
    serde_json::to_string(&list).unwrap()
}

#[cfg(unix)]
#[test]
fn interrupted_batch_keeps_whole_files_and_resumes() {
    let dir = tmp("sigint");
    let input = write(&dir, "many.json", &many_applications(400));
    let out = dir.join("out");
    let mut child = batch_until_pdfs(&out, &input, 5);
    let kill = signal(child.id(), "INT");
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));

    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["complete"], false);
    let done: Vec<&str> = report["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "written")
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    let on_disk = pdfs(&out);
    assert!(done.len() < 400, "the batch finished before the interrupt");
    assert_eq!(
        on_disk.len(),
        done.len(),
        "every PDF on disk is in the report"
    );
    for p in &on_disk {
        let bytes = std::fs::read(p).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "{}",
            p.display()
        );
    }
    assert!(
        !std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".part"))
    );

    let (code, stdout, stderr) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "-o"])
        .arg(&out)
        .arg(&input));
    assert_eq!(code, 1, "{stdout}{stderr}"); // the summary lacks a reporter
    assert!(
        stdout.contains(&format!(
            "已生成 {}，已是最新，保留 {}",
            400 - done.len(),
            done.len()
        )),
        "{stdout}"
    );
    assert_eq!(pdfs(&out).len(), 400);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_a_batch_like_ctrl_c() {
    let dir = tmp("sigterm");
    let input = write(&dir, "many.json", &many_applications(300));
    let out = dir.join("out");
    let mut child = batch_until_pdfs(&out, &input, 1);
    assert!(signal(child.id(), "TERM").success());
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["complete"], false);
    assert!(
        report["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["status"] == "not_done")
    );
}

/// A disk that refuses every PDF (here: a file-size limit, which fails
/// writes the way a full disk does, without needing privileges) stops the
/// batch with one clear error, and leaves no partial file.
#[cfg(unix)]
#[test]
fn a_disk_that_refuses_writes_is_one_clear_error() {
    let dir = tmp("full");
    let out = dir.join("out");
    let script = format!(
        "trap '' XFSZ; ulimit -f 40; exec '{}' batch --no-system-fonts -o '{}' examples/summary.json",
        env!("CARGO_BIN_EXE_yanxiu"),
        out.display()
    );
    let (code, stdout, stderr) = run(Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(root()));
    assert_eq!(code, 2, "{stdout}{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("错误")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors[0].contains("无法写入输出文件夹") && errors[0].contains("文件大小超出"),
        "{stderr}"
    );
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter()
            .all(|f| !f.ends_with(".pdf") && !f.ends_with(".part")),
        "{left:?}"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert!(
        report["problems"][0]
            .as_str()
            .unwrap()
            .contains("文件大小超出")
    );
}

/// On a terminal the batch draws a progress bar with the rate; `script`
/// (util-linux, always on Debian) gives it one.
#[cfg(unix)]
#[test]
fn progress_bar_on_a_terminal_only() {
    let dir = tmp("tty");
    let input = write(&dir, "many.json", &many_applications(40));
    let cmd = format!(
        "'{}' batch --no-system-fonts --no-summary -o '{}' '{}'",
        env!("CARGO_BIN_EXE_yanxiu"),
        dir.join("out").display(),
        input.display()
    );
    let (code, stdout, stderr) = run(Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .current_dir(root()));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("] 40/40") && stdout.contains("份/秒"),
        "{stdout}"
    );
    // The same command without a terminal stays quiet on stderr.
    let (code, _, stderr) = run(Command::new("bash").args(["-c", &format!("{cmd} --force")]));
    assert_eq!(code, 0);
    assert!(!stderr.contains("份/秒"), "{stderr}");
}

/// Sends a signal with bash's own `kill` (procps may be absent).
fn signal(pid: u32, name: &str) -> std::process::ExitStatus {
    Command::new("bash")
        .args(["-c", &format!("kill -{name} {pid}")])
        .status()
        .unwrap()
}

/// The PDFs in a folder.
fn pdfs(out: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(out)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default()
}

/// Starts a one-worker batch and returns once `n` PDFs are on disk.
fn batch_until_pdfs(out: &Path, input: &Path, n: usize) -> std::process::Child {
    let child = yanxiu()
        .args(["batch", "--no-system-fonts", "-j", "1", "-o"])
        .arg(out)
        .arg(input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while pdfs(out).len() < n {
        assert!(start.elapsed().as_secs() < 120, "no PDF appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

#[test]
fn a_typo_in_a_year_is_an_error_naming_the_field_never_a_panic() {
    let dir = tmp("year");
    let bad = write(
        &dir,
        "bad.json",
        r#"{"项目名称": "甲", "办班时间": "300000年6月"}"#,
    );
    let (code, out, err) = run(yanxiu().arg("validate").arg(&bad));
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("办班时间") && out.contains("超出范围"),
        "{out}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // In a batch it costs its own record only.
    let good = std::fs::read_to_string(root().join("examples/application.json")).unwrap();
    let list = write(
        &dir,
        "list.json",
        &format!(r#"[{good}, {{"项目名称": "乙", "办班时间": "300000年6月"}}]"#),
    );
    let out_dir = dir.join("out");
    let (code, out, err) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "--no-summary", "-o"])
        .arg(&out_dir)
        .arg(&list));
    assert_eq!(code, 1, "{out}{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("无法读取") && err.contains("超出范围"),
        "{err}"
    );
    assert_eq!(pdfs(&out_dir).len(), 1);
}

#[test]
fn fonts_shows_each_chain_and_which_face_sets_what() {
    let fonts = yanxiu_tests::gb2312_fonts();
    let dir = tmp("font-check");
    let text = std::fs::read_to_string(root().join("examples/application.json"))
        .unwrap()
        .replace("福建省数字经济研究院", "福建省堃喆研究院");
    let app = write(&dir, "app.json", &text);
    let (code, out, err) = run(yanxiu()
        .args(["fonts", "--no-system-fonts", "--font-dir"])
        .arg(&fonts)
        .arg("--check")
        .arg(&app));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("FangSong_GB2312（已安装的正式字体） → Noto Serif CJK SC"),
        "{out}"
    );
    assert!(out.contains("（后备）：2 个字符：堃喆"), "{out}");
    assert!(out.contains("警告 YX110 applicant.name"), "{out}");
    // `validate` warns of it too, and refuses a character no face has (YX111).
    let (code, out, _) = run(yanxiu()
        .args(["validate", "--no-system-fonts", "--font-dir"])
        .arg(&fonts)
        .arg(&app));
    assert_eq!(code, 0, "a warning only: {out}");
    assert!(out.contains("警告 YX110 applicant.name"), "{out}");
    let emoji = write(
        &dir,
        "emoji.json",
        &text.replace("福建省堃喆研究院", "福建😀研究院"),
    );
    let (code, out, _) = run(yanxiu().args(["validate", "--no-system-fonts"]).arg(&emoji));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("错误 YX111 applicant.name"), "{out}");
    // `render` prints the same warning and writes the PDF.
    let pdf = dir.join("a.pdf");
    let (code, _, err) = run(yanxiu()
        .args(["render", "--no-system-fonts", "--font-dir"])
        .arg(&fonts)
        .arg(&app)
        .arg("-o")
        .arg(&pdf));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("警告 YX110 applicant.name"), "{err}");
    assert!(pdf.is_file());
}

#[test]
fn batch_writes_the_print_file_and_the_package() {
    let dir = tmp("submission");
    let out = dir.join("out");
    let (code, stdout, stderr) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "examples/申报信息.xlsx", "-o"])
        .arg(&out)
        .arg("--print")
        .arg(dir.join("打印.pdf"))
        .arg("--package")
        .arg(dir.join("报送材料.zip")));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("打印.pdf") && stdout.contains("报送材料.zip"),
        "{stdout}"
    );
    assert!(
        std::fs::read(dir.join("打印.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    assert!(dir.join("报送材料.zip").is_file());
    let report = std::fs::read_to_string(out.join("report.txt")).unwrap();
    assert!(
        report.contains("打印文件：") && report.contains("报送压缩包："),
        "{report}"
    );
}

/// Twenty units each send a workbook: one merge to check and rank, then one
/// batch on the merged workbook gives every project and the 汇总表.
#[test]
fn twenty_units_workbooks_merge_then_batch() {
    let dir = tmp("twenty");
    let inbox = dir.join("收到的表");
    std::fs::create_dir_all(&inbox).unwrap();
    for u in 1..=20 {
        let book = inbox.join(format!("{u:02}-单位{u}.xlsx"));
        let (code, _, err) = run(yanxiu().arg("xlsx-template").arg("-o").arg(&book));
        assert_eq!(code, 0, "{err}");
    }
    // The template's example row is skipped on reading: give each unit a real row
    // by merging the bundled filled workbook's rows into unit 1 and 2's files.
    std::fs::copy(
        root().join("examples/申报信息.xlsx"),
        inbox.join("01-单位1.xlsx"),
    )
    .unwrap();
    let merged = dir.join("合并.xlsx");
    let (code, out, err) = run(yanxiu()
        .arg("xlsx-merge")
        .arg(&inbox)
        .arg("-o")
        .arg(&merged));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("合并 5 个项目"), "{out}");
    let (code, out, err) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "-o"])
        .arg(dir.join("out"))
        .arg(&merged));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(pdfs(&dir.join("out")).len(), 6, "five forms and the 汇总表");
    assert!(
        !err.contains("来源"),
        "the 来源 column is read silently: {err}"
    );
}

/// An earlier class on the 已办班次 sheet whose project was renamed on the
/// first sheet only: named by row on the terminal and in the report, never
/// dropped (the project would otherwise fail with a misleading YX060).
#[test]
fn batch_names_an_earlier_class_of_no_project_by_its_row() {
    let dir = tmp("orphan");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let main = wb.add_worksheet().set_name("申报信息").unwrap();
    main.write_row(0, 0, ["项目名称", "申报单位", "是否特色班"])
        .unwrap();
    main.write_row(1, 0, ["海洋经济高级研修班（第二期）", "厦门大学", "是"])
        .unwrap();
    let prev = wb.add_worksheet().set_name("已办班次").unwrap();
    prev.write_row(0, 0, ["项目名称", "班次名称", "时间"])
        .unwrap();
    prev.write_row(
        1,
        0,
        [
            "海洋经济高级研修班",
            "海洋经济高级研修班（第一期）",
            "2023年5月",
        ],
    )
    .unwrap();
    let book = dir.join("申报信息.xlsx");
    wb.save(&book).unwrap();
    let out = dir.join("out");
    let (code, stdout, stderr) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "-o"])
        .arg(&out)
        .arg(&book));
    assert_ne!(code, 0, "{stdout}{stderr}");
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("「已办班次」表第2行")
            && said.contains("“海洋经济高级研修班”")
            && said.contains("无处归属"),
        "{said}"
    );
    let report = std::fs::read_to_string(out.join("report.json")).unwrap();
    assert!(
        report.contains("无处归属") && report.contains("第2行"),
        "{report}"
    );
}

/// A form whose 财政资助项目 box was ticked with a symbol no table knows:
/// `yanxiu read` and `yanxiu batch` say which cell to check, never a
/// silent "unticked".
#[test]
fn an_unreadable_box_is_named_by_read_and_by_batch() {
    use std::io::{Read, Write};
    let dir = tmp("unreadable-box");
    let form = dir.join("form.docx");
    let (code, _, stderr) = run(yanxiu()
        .args(["render", "examples/application-zh.json", "-o"])
        .arg(&form));
    assert_eq!(code, 0, "{stderr}");
    // Put a Wingdings character no table knows in place of the first box.
    let bytes = std::fs::read(&form).unwrap();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            let boxed = xml
                .find("<w:t xml:space=\"preserve\">☑</w:t>")
                .expect("a ticked box");
            let xml = format!(
                "{}<w:sym w:font=\"Wingdings\" w:char=\"F0A5\"/>{}",
                &xml[..boxed],
                &xml[boxed + "<w:t xml:space=\"preserve\">☑</w:t>".len()..]
            );
            data = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    let inbox = dir.join("收表");
    std::fs::create_dir_all(&inbox).unwrap();
    let edited = inbox.join("01-单位.docx");
    std::fs::write(&edited, out.finish().unwrap().into_inner()).unwrap();
    let (code, _, stderr) = run(yanxiu()
        .arg("read")
        .arg(&edited)
        .arg("-o")
        .arg(dir.join("x.json")));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("请核对：「申报项目类别（可多选）」：「财政资助项目」的方框无法识别"),
        "{stderr}"
    );
    let (_, stdout, stderr) = run(yanxiu()
        .args(["batch", "--no-system-fonts", "--draft", "-o"])
        .arg(dir.join("out"))
        .arg(&inbox));
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("01-单位.docx") && said.contains("「财政资助项目」的方框无法识别"),
        "{said}"
    );
    let report = std::fs::read_to_string(dir.join("out/report.json")).unwrap();
    assert!(report.contains("方框无法识别"), "{report}");
}
