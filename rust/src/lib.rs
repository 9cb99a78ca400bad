//! textfix's compiled core: the character model, page scoring, the frame-shift decoder and the
//! chrome step's matching.
//!
//! The modules are plain Rust (tested with `cargo test`); with the `python` feature, `python`
//! is the thin PyO3 module `textfix._core` over them.

pub mod boilerplate;
pub mod chains;
pub mod charmodel;
pub mod codecs;
pub mod detect;
pub mod frameshift;
pub mod linerules;
pub mod runscan;
pub mod scorer;

#[cfg(feature = "python")]
mod python;
