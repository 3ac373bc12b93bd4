//! The cross-crate tests, one module a subject, as one test binary (one
//! link of Typst instead of eight). Run one subject with its module path:
//! `cargo test -p yanxiu-tests --test integration visual::`.

mod description;
mod fonts;
mod fuzz;
mod layout;
mod render;
mod robustness;
mod submission;
mod visual;
mod word;
mod word_intake;
