//! Nothing to build. The script exists so that the `[build-dependencies]` in
//! Cargo.toml take part in feature resolution: they give every build of the
//! workspace (tests, the Python extension, `cargo install`) one set of `syn`
//! features, so Typst is compiled once for all of them.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
}
