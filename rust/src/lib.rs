//! textfix's compiled core: the character model, page scoring, the frame-shift decoder, the
//! mojibake chains and the guessing of lost characters, the chrome step's matching, and the
//! per-page work of the sanitise, ruby, conversion, spacing and punctuation steps.
//!
//! The modules are plain Rust (tested with `cargo test`); with the `python` feature, `python`
//! is the thin PyO3 module `textfix._core` over them.

pub mod boilerplate;
pub mod chains;
pub mod charmodel;
pub mod chrome;
pub mod class;
pub mod codecs;
pub mod convert;
pub mod detect;
pub mod fields;
pub mod frameshift;
pub mod furniture;
pub mod grammar;
pub mod guess;
pub mod language;
pub mod linerules;
pub mod lines;
pub mod memo;
pub mod posts;
pub mod punctuation;
pub mod ruby;
pub mod runscan;
pub mod sanitise;
pub mod scorer;
pub mod scriptwords;
pub mod spacing;

#[cfg(feature = "python")]
mod python;
