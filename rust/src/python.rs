//! The PyO3 module `textfix._core`: thin wrappers, no logic of their own.

use std::borrow::Cow;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rustc_hash::FxHashMap;

use crate::charmodel::{CharModel, Foreign, BOUNDARY};
use crate::frameshift::{self, Alternatives, DbcsTables, Decoder, DecoderMemo, Writer};
use crate::scorer::PageScorer;

/// Lone surrogates (U+D800–U+DFFF), which Python strings may hold and Rust strings may not,
/// stand in as the characters U+10F800–U+10FFFF (private use and two noncharacters): unseen by
/// the model like the surrogates, and one apart from another as they were.
const SURROGATE_STAND_IN: u32 = 0x10F800 - 0xD800;

/// A Python string as Rust text: borrowed as it is, unless it holds lone surrogates.
fn text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(text) = s.to_str() {
        return Ok(Cow::Borrowed(text));
    }
    let encoded = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let units = encoded.cast::<PyBytes>()?.as_bytes();
    Ok(Cow::Owned(
        units
            .chunks_exact(4)
            .map(|b| {
                let code = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                let code = if (0xD800..=0xDFFF).contains(&code) { code + SURROGATE_STAND_IN } else { code };
                char::from_u32(code).unwrap_or('\u{fffd}')
            })
            .collect(),
    ))
}

/// A Python string of one character (lone surrogates as in `text`).
struct Char(char);

impl<'a, 'py> FromPyObject<'a, 'py> for Char {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let string = obj.cast::<PyString>()?;
        let text = text(&string)?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(Char(c)),
            _ => Err(PyValueError::new_err(format!("expected one character, got {text:?}"))),
        }
    }
}

/// The character model (see `textfix.charmodel`).
#[pyclass(frozen, name = "CharModel", module = "textfix._core")]
struct PyCharModel {
    inner: Arc<CharModel>,
}

#[pymethods]
impl PyCharModel {
    #[new]
    fn new(raw: &[u8]) -> PyResult<Self> {
        CharModel::from_bytes(raw).map(|m| PyCharModel { inner: Arc::new(m) }).map_err(PyValueError::new_err)
    }

    #[getter]
    fn vocab(&self) -> String {
        self.inner.vocab.iter().collect()
    }

    #[getter]
    fn suspects(&self) -> &str {
        &self.inner.suspects
    }

    #[getter]
    fn simplified(&self) -> &str {
        &self.inner.simplified
    }

    #[getter]
    fn traditional(&self) -> &str {
        &self.inner.traditional
    }

    fn unigram_logp(&self, char: Char) -> f64 {
        self.inner.unigram_logp(char.0)
    }

    fn logp(&self, prev: Char, char: Char) -> f64 {
        self.inner.logp(prev.0, char.0)
    }

    fn rank_after(&self, prev: Char, candidates: Vec<char>, k: usize) -> Vec<(char, f64)> {
        self.inner.rank_after(prev.0, &candidates, k)
    }

    #[pyo3(signature = (text, before = Char(BOUNDARY), after = Some(Char(BOUNDARY))))]
    fn score(&self, text: &Bound<'_, PyString>, before: Char, after: Option<Char>) -> PyResult<f64> {
        Ok(self.inner.score(&self::text(text)?, before.0, after.map(|c| c.0)))
    }

    fn knows(&self, char: Char) -> bool {
        self.inner.knows(char.0)
    }

    fn knows_pair(&self, prev: Char, char: Char) -> bool {
        self.inner.knows_pair(prev.0, char.0)
    }
}

/// The pairs of one double-byte code page and their guess pools (see `textfix.repair.frameshift`).
#[pyclass(frozen, name = "DbcsTables", module = "textfix._core")]
struct PyDbcsTables {
    inner: Arc<DbcsTables>,
}

#[pymethods]
impl PyDbcsTables {
    #[new]
    fn new(writer: &str, pairs: Vec<(u16, char)>, model: &PyCharModel) -> PyResult<Self> {
        let writer = match writer {
            "gbk" => Writer::Gbk,
            "big5" => Writer::Big5,
            other => return Err(PyValueError::new_err(format!("no double-byte tables for {other:?}"))),
        };
        Ok(PyDbcsTables { inner: Arc::new(DbcsTables::new(writer, &pairs, &model.inner)) })
    }
}

fn foreign_of(code: u8) -> PyResult<Foreign> {
    match code {
        0 => Ok(Foreign::None),
        1 => Ok(Foreign::SimplifiedOnly),
        2 => Ok(Foreign::TraditionalOnly),
        _ => Err(PyValueError::new_err(format!("foreign must be 0, 1 or 2, not {code}"))),
    }
}

/// One page's scorer (see `textfix.repair.scoring`) and its frame-shift decoders' memory.
#[pyclass(name = "PageScorer", module = "textfix._core")]
struct PyPageScorer {
    scorer: PageScorer,
    decoders: FxHashMap<(usize, Foreign), DecoderMemo>,
}

#[pymethods]
impl PyPageScorer {
    #[new]
    fn new(model: &PyCharModel, clean_lines: Vec<Bound<'_, PyString>>) -> PyResult<Self> {
        let lines = clean_lines.iter().map(text).collect::<PyResult<Vec<_>>>()?;
        Ok(PyPageScorer { scorer: PageScorer::new(model.inner.clone(), &lines), decoders: FxHashMap::default() })
    }

    fn logp(&mut self, prev: Char, char: Char) -> f64 {
        self.scorer.logp(prev.0, char.0)
    }

    #[pyo3(signature = (text, before = Char(BOUNDARY), after = Some(Char(BOUNDARY))))]
    fn chain_score(&mut self, text: &Bound<'_, PyString>, before: Char, after: Option<Char>) -> PyResult<f64> {
        Ok(self.scorer.chain_score(&self::text(text)?, before.0, after.map(|c| c.0)))
    }

    /// The likeliest path through ``lattice`` (see `PageScorer::best_path`), as the index of the
    /// option chosen at each position.
    fn best_path(&mut self, lattice: Vec<Vec<Char>>, bonus: Vec<Vec<f64>>) -> PyResult<Vec<usize>> {
        let lattice: Vec<Vec<char>> =
            lattice.into_iter().map(|options| options.into_iter().map(|c| c.0).collect()).collect();
        if lattice.len() != bonus.len() || lattice.iter().zip(&bonus).any(|(o, b)| o.len() != b.len() || o.is_empty()) {
            return Err(PyValueError::new_err("best_path: every position needs options, each with its bonus"));
        }
        let chosen = self.scorer.best_path(&lattice, &bonus);
        Ok(lattice.iter().zip(chosen).map(|(options, c)| options.iter().position(|&o| o == c).unwrap_or(0)).collect())
    }

    /// Realign `tokens[start:end]`; returns (characters or None, operations, unknown bytes,
    /// characters guessed, search units spent by the page).
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (tables, tokens, start, first, end, last, alternatives, max_ops, foreign, spent, budget))]
    fn realign(
        &mut self,
        tables: &PyDbcsTables,
        tokens: &Bound<'_, PyString>,
        start: usize,
        first: usize,
        end: usize,
        last: usize,
        alternatives: Vec<Alternatives>,
        max_ops: u32,
        foreign: u8,
        spent: f64,
        budget: f64,
    ) -> PyResult<(Option<String>, u32, u32, u32, f64)> {
        let tokens: Vec<char> = text(tokens)?.chars().collect();
        if !(start <= end && end <= tokens.len() && alternatives.len() == end - start) {
            return Err(PyValueError::new_err("realign: the run and its alternatives do not match the tokens"));
        }
        let foreign = foreign_of(foreign)?;
        let key = (Arc::as_ptr(&tables.inner) as usize, foreign);
        let memo = self.decoders.entry(key).or_default();
        let mut decoder = Decoder::new(&tables.inner, &mut self.scorer, memo, foreign, spent, budget);
        let found = decoder.realign(&tokens, start, first, end, last, &alternatives, max_ops);
        let spent = decoder.spent;
        Ok(match found {
            Some(r) => (Some(r.chars.iter().collect()), r.state.ops, r.state.unknown, r.state.guessed, spent),
            None => (None, 0, 0, 0, spent),
        })
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCharModel>()?;
    m.add_class::<PyDbcsTables>()?;
    m.add_class::<PyPageScorer>()?;
    m.add("CHARMODEL_MAGIC", pyo3::types::PyBytes::new(m.py(), crate::charmodel::MAGIC))?;
    m.add("OPS_BEFORE", frameshift::OPS_BEFORE)?;
    m.add("OTHER_SCRIPT_COST", frameshift::OTHER_SCRIPT_COST)?;
    m.add("UNK", frameshift::UNK)?;
    m.add("RUBY_RESIDUE", frameshift::RUBY_RESIDUE)?;
    Ok(())
}
