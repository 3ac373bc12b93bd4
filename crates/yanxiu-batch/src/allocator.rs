//! The allocator the `yanxiu` program and the Python module run on.
//!
//! Rendering allocates and frees millions of small blocks per form, from
//! the batch's workers and Typst's own threads at once, and glibc's
//! allocator serialises much of that: on mimalloc a two-worker batch
//! renders about 13 % faster, for about 15 MB more peak memory
//! (BENCHMARKS.md, issue 14). mimalloc's version 2, not 3: version 3 took
//! 50–70 MB more for the same batch.
//!
//! ```
//! #[global_allocator]
//! static ALLOCATOR: yanxiu_batch::allocator::Allocator = yanxiu_batch::allocator::Allocator;
//!
//! fn main() {
//!     let v: Vec<u8> = Vec::with_capacity(1 << 20);
//!     assert!(v.capacity() >= 1 << 20);
//! }
//! ```

/// The allocator type for `#[global_allocator]`.
pub use mimalloc::MiMalloc as Allocator;
