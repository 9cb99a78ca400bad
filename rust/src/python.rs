//! The PyO3 module `textfix._core`: thin wrappers, no logic of their own.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyFrozenSet, PyList, PyString, PyTuple};
use rustc_hash::FxHashMap;

use crate::boilerplate::{self, Page};
use crate::chains::{self, ByteSet, ChainTables, Codecs, Family, KnownEncoded, Token, Writer as ChainWriter};
use crate::charmodel::{CharModel, Foreign, BOUNDARY};
use crate::chrome;
use crate::class::Class;
use crate::codecs;
use crate::convert;
use crate::detect::{self, CharSet, DamageScan, Garbage, LineEvidence, LostLeadCharacters, StrayClasses};
use crate::fields;
use crate::frameshift::{self, Alternatives, DbcsTables, Decoder, DecoderMemo, Writer};
use crate::furniture::{self, Furniture};
use crate::grammar::{Around, Facts, Grammar, Spec, Verdict};
use crate::guess::Guesser;
use crate::language;
use crate::linerules::{self, LineRules, RuleSpec, WordScan};
use crate::punctuation::Punctuation;
use crate::ruby;
use crate::sanitise;
use crate::scorer::{PageScorer, REPLACEMENT};
use crate::scriptwords::{Rates, Script, ScriptModel, ScriptWords, Word};
use crate::spacing;

/// Lone surrogates (U+D800–U+DFFF), which Python strings may hold and Rust strings may not,
/// stand in as the characters U+10F800–U+10FFFF (private use and two noncharacters): unseen by
/// the model like the surrogates, and one apart from another as they were.
const SURROGATE_STAND_IN: u32 = 0x10F800 - 0xD800;

/// Whether `c` stands in for a lone surrogate (see `SURROGATE_STAND_IN`).
fn stands_in(c: char) -> bool {
    c as u32 >= 0xD800 + SURROGATE_STAND_IN
}

/// A character as a Python string: a stand-in as the surrogate it stands for, where the text
/// it came from held surrogates.
fn py_char<'py>(py: Python<'py>, c: char, surrogates: bool) -> PyResult<Bound<'py, PyAny>> {
    if surrogates && stands_in(c) {
        return py.import("builtins")?.getattr("chr")?.call1((c as u32 - SURROGATE_STAND_IN,));
    }
    Ok(PyString::new(py, c.encode_utf8(&mut [0; 4])).into_any())
}

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

/// Rust text as a Python string: stand-ins as the lone surrogates they stand for, where the
/// text it came from held surrogates.
fn py_text<'py>(py: Python<'py>, text: &str, surrogates: bool) -> PyResult<Bound<'py, PyString>> {
    if !surrogates {
        return Ok(PyString::new(py, text));
    }
    let units: Vec<u8> = text
        .chars()
        .flat_map(|c| if stands_in(c) { c as u32 - SURROGATE_STAND_IN } else { c as u32 }.to_le_bytes())
        .collect();
    Ok(PyBytes::new(py, &units).call_method1("decode", ("utf-32-le", "surrogatepass"))?.cast_into::<PyString>()?)
}

/// `result`, computed from the Python string `s`, as a Python string: `s` itself where it is
/// unchanged (see `py_text`).
fn py_changed_text<'py>(s: &Bound<'py, PyString>, result: Cow<'_, str>) -> PyResult<Bound<'py, PyString>> {
    let Cow::Owned(result) = result else { return Ok(s.clone()) };
    py_text(s.py(), &result, result.chars().any(stands_in))
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

    /// log P(`text`) between `before` and `after` (no closing transition when it is None): its
    /// foreign words (found by `words`) by their own script's model, the stretches around them
    /// by the page's (`gap_scores`), in one call.
    #[pyo3(signature = (words, text, before = Char(BOUNDARY), after = Some(Char(BOUNDARY))))]
    fn mixed_score(
        &mut self,
        words: &PyScriptWords,
        text: &Bound<'_, PyString>,
        before: Char,
        after: Option<Char>,
    ) -> PyResult<f64> {
        let chars: Vec<char> = self::text(text)?.chars().collect();
        let found = words.inner.words(&chars);
        let spans: Vec<(usize, usize)> = found.iter().map(|&(start, end, _)| (start, end)).collect();
        let gaps = self.scorer.gap_scores(&chars, &spans, before.0, after.map(|c| c.0));
        Ok(words.inner.mixed_score(&chars, &found, &gaps))
    }

    /// The score of each stretch of ``text`` around ``words`` (``(start, end, script)``, in
    /// order and apart: `PageScorer::gap_scores`), one call for a line of many words.
    #[pyo3(signature = (text, words, before = Char(BOUNDARY), after = Some(Char(BOUNDARY))))]
    fn gap_scores(
        &mut self,
        text: &Bound<'_, PyString>,
        words: Vec<(usize, usize, Bound<'_, PyAny>)>,
        before: Char,
        after: Option<Char>,
    ) -> PyResult<Vec<f64>> {
        let chars: Vec<char> = self::text(text)?.chars().collect();
        let spans: Vec<(usize, usize)> = words.iter().map(|(start, end, _)| (*start, *end)).collect();
        let mut position = 0;
        for &(start, end) in &spans {
            if !(position <= start && start < end && end <= chars.len()) {
                return Err(PyValueError::new_err("gap_scores: words must be in order, apart and in the text"));
            }
            position = end;
        }
        Ok(self.scorer.gap_scores(&chars, &spans, before.0, after.map(|c| c.0)))
    }

    /// The characters of a reading (`ChainTokens`) with its lost characters guessed (see
    /// `Guesser::fill`): its text, how many were guessed and the search units the page has spent
    /// (``pairs_per_unit`` pairs of options weighed a unit). Other threads run Python meanwhile.
    fn fill<'py>(
        &mut self,
        py: Python<'py>,
        guesser: &PyGuesser,
        tokens: &PyChainTokens,
        spent: f64,
        budget: f64,
        pairs_per_unit: f64,
    ) -> PyResult<(Bound<'py, PyString>, usize, f64)> {
        let scorer = &mut self.scorer;
        let (chars, guessed, spent) = py.detach(|| {
            let mut spent = spent;
            let (chars, guessed) = guesser.inner.fill(scorer, &tokens.tokens, &mut spent, (budget, pairs_per_unit));
            (chars.into_iter().collect::<String>(), guessed, spent)
        });
        Ok((py_text(py, &chars, tokens.surrogates)?, guessed, spent))
    }

    /// Realign `tokens[start:end]`; returns (characters or None, operations, unknown bytes,
    /// characters guessed, search units spent by the page). Other threads run Python meanwhile.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (tables, tokens, start, first, end, last, alternatives, max_ops, foreign, spent, budget))]
    fn realign(
        &mut self,
        py: Python<'_>,
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
        let scorer = &mut self.scorer;
        let (found, spent) = py.detach(|| {
            let mut decoder = Decoder::new(&tables.inner, scorer, memo, foreign, spent, budget);
            (decoder.realign(&tokens, start, first, end, last, &alternatives, max_ops), decoder.spent)
        });
        Ok(match found {
            Some(r) => (Some(r.chars.iter().collect()), r.state.ops, r.state.unknown, r.state.guessed, spent),
            None => (None, 0, 0, 0, spent),
        })
    }
}

/// The codecs of one line: the core's (`codecs`), where a stand-in for a lone surrogate is no
/// character any family reads (Python's codecs encode no surrogate).
struct LineCodecs {
    surrogates: bool,
}

impl Codecs for LineCodecs {
    fn reader_bytes(&mut self, c: char, family: Family) -> Option<codecs::CharBytes> {
        if self.surrogates && stands_in(c) {
            return None;
        }
        codecs::reader_bytes(c, family)
    }

    fn rejected_bytes(&mut self, family: Family, following: u8) -> ByteSet {
        codecs::rejected_bytes(family, following)
    }
}

/// A reading of a line: the key that tells its tokens apart, its layers as (writer, reader
/// family) names, its text (a lost character as U+FFFD; None where the line held lone
/// surrogates), its lost bytes and its tokens (`ChainTokens`).
type Reading<'py> =
    (Bound<'py, PyBytes>, Vec<(&'static str, &'static str)>, Option<String>, usize, Bound<'py, PyChainTokens>);

/// The mojibake chains (see `textfix.repair.chains`).
#[pyclass(frozen, name = "Chains", module = "textfix._core")]
struct PyChains {
    tables: ChainTables,
    lost_class: Py<PyAny>,
}

/// A chain reading's token as Python has it: a character, or a `Lost` (of `lost_class`).
fn py_token<'py>(
    py: Python<'py>,
    lost_class: &Py<PyAny>,
    token: &Token,
    surrogates: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let lost = match token {
        Token::Char(c) => return py_char(py, *c, surrogates),
        Token::Lost(lost) => lost,
    };
    let allowed = lost
        .allowed
        .iter()
        .map(|a| a.map(|values| PyFrozenSet::new(py, values.bytes()).map(Bound::into_any)).transpose())
        .collect::<PyResult<Vec<_>>>()?;
    let alternatives = lost.alternatives.iter().map(|a| PyTuple::new(py, a)).collect::<PyResult<Vec<_>>>()?;
    let lost_values = lost.lost_values.map(|values| PyFrozenSet::new(py, values.bytes())).transpose()?;
    lost_class.bind(py).call1((
        PyTuple::new(py, lost.pattern.iter())?,
        lost.writer,
        PyTuple::new(py, allowed)?,
        PyTuple::new(py, alternatives)?,
        lost_values,
    ))
}

fn py_tokens<'py>(
    py: Python<'py>,
    lost_class: &Py<PyAny>,
    tokens: &[Token],
    surrogates: bool,
) -> PyResult<Bound<'py, PyList>> {
    let items = tokens.iter().map(|t| py_token(py, lost_class, t, surrogates)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// What tells one reading's tokens from another's, as bytes: its characters in UTF-8, with a
/// lost character (and a NUL or U+FFFD character, which could be mistaken for one) written out
/// after a NUL byte. A lost character is its writer's number, then its pattern, the values
/// each unknown byte may have had and its other patterns, each list after its length (a hostile
/// line holds thousands of lost characters).
fn reading_key(tokens: &[Token]) -> Vec<u8> {
    let mut key = Vec::with_capacity(tokens.len() * 3);
    let pattern = |key: &mut Vec<u8>, values: &[i32]| {
        key.push(values.len() as u8);
        for &value in values {
            key.extend_from_slice(&((value + 2) as u16).to_le_bytes()); // bytes, UNK and BARRIER
        }
    };
    let mut buffer = [0u8; 4];
    for token in tokens {
        match token {
            Token::Char(c) => {
                if *c == '\0' || *c == REPLACEMENT {
                    key.push(0);
                }
                key.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
            Token::Lost(lost) => {
                let writer = match lost.writer {
                    "utf-8" => 0,
                    "gbk" => 1,
                    "big5" => 2,
                    "gbk~utf-8" => 3,
                    "big5~utf-8" => 4,
                    other => panic!("no writer {other:?} in the chains"),
                };
                key.extend_from_slice(&[0, 1, writer]);
                pattern(&mut key, &lost.pattern);
                key.push(lost.allowed.len() as u8);
                for allowed in &lost.allowed {
                    match allowed {
                        None => key.push(0),
                        Some(values) => {
                            key.push(1);
                            key.extend(values.bits().iter().flat_map(|word| word.to_le_bytes()));
                        }
                    }
                }
                key.push(lost.alternatives.len() as u8);
                for alternative in &lost.alternatives {
                    pattern(&mut key, alternative);
                }
            }
        }
    }
    key
}

/// A reading's tokens, kept in the core until asked for: most readings are only scored by their
/// text, and their lost characters are guessed in the core (`PageScorer.fill`).
#[pyclass(frozen, name = "ChainTokens", module = "textfix._core")]
struct PyChainTokens {
    tokens: Vec<Token>,
    surrogates: bool,
    lost_class: Py<PyAny>,
}

#[pymethods]
impl PyChainTokens {
    /// The tokens: characters and `Lost` characters.
    fn tokens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        py_tokens(py, &self.lost_class, &self.tokens, self.surrogates)
    }
}

/// A reading found by reading bytes back (`Chains.read_legacy`, `Chains.read_dropped`): its
/// text (a lost character as U+FFFD), its lost bytes, and its tokens.
type BytesReading<'py> = (String, usize, Bound<'py, PyChainTokens>);

impl PyChains {
    fn bytes_reading<'py>(&self, py: Python<'py>, tokens: Vec<Token>) -> PyResult<BytesReading<'py>> {
        let lost = tokens.iter().map(|t| if let Token::Lost(lost) = t { lost.unknown() } else { 0 }).sum();
        let held = PyChainTokens { tokens, surrogates: false, lost_class: self.lost_class.clone_ref(py) };
        Ok((chains::render(&held.tokens), lost, Bound::new(py, held)?))
    }
}

fn chain_writer(name: &str) -> PyResult<ChainWriter> {
    match name {
        "gbk" => Ok(ChainWriter::Gbk),
        "big5" => Ok(ChainWriter::Big5),
        other => Err(PyValueError::new_err(format!("no legacy writer {other:?}"))),
    }
}

#[pymethods]
impl PyChains {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        model: &PyCharModel,
        gbk: &PyDbcsTables,
        big5: &PyDbcsTables,
        suspects: &Bound<'_, PyString>,
        residues: (String, String),
        lost_class: Py<PyAny>,
    ) -> PyResult<Self> {
        let tables = ChainTables {
            model: model.inner.clone(),
            gbk: gbk.inner.clone(),
            big5: big5.inner.clone(),
            suspects: text(suspects)?.chars().collect(),
            residues: [Vec::new(), residues.0.chars().collect(), residues.1.chars().collect()],
        };
        Ok(PyChains { tables, lost_class })
    }

    /// Every reading of `line` that undoes one to four mojibake layers (see `Reading`), its
    /// layers outermost first; and the search units the page has spent (a layer undone and a
    /// reading found cost a unit for every `tokens_per_unit` of their characters).
    fn candidates<'py>(
        &self,
        py: Python<'py>,
        line: &Bound<'py, PyString>,
        spent: f64,
        budget: f64,
        tokens_per_unit: f64,
    ) -> PyResult<(Vec<Reading<'py>>, f64)> {
        let surrogates = line.to_str().is_err();
        let tokens: Vec<Token> = text(line)?.chars().map(Token::Char).collect();
        let tables = &self.tables;
        let (found, spent) = py.detach(|| {
            let mut spent = spent;
            let mut codecs = LineCodecs { surrogates };
            let found = chains::chain_candidates(tables, &mut codecs, tokens, &mut spent, (budget, tokens_per_unit));
            (found, spent)
        });
        let mut out = Vec::with_capacity(found.len());
        for (tokens, chain) in found {
            let layers = chain.iter().map(|(w, f)| (w.name(), f.name())).collect();
            let text = (!surrogates).then(|| chains::render(&tokens));
            let lost = tokens.iter().map(|t| if let Token::Lost(lost) = t { lost.unknown() } else { 0 }).sum();
            let key = PyBytes::new(py, &reading_key(&tokens));
            let held = PyChainTokens { tokens, surrogates, lost_class: self.lost_class.clone_ref(py) };
            out.push((key, layers, text, lost, Bound::new(py, held)?));
        }
        Ok((out, spent))
    }

    /// ``data`` (bytes, ``-1`` unknown) read as ``writer`` (gbk or big5) to the end: the reading
    /// and whether it holds a non-ASCII character, or None and the offset of the byte where
    /// they do not parse.
    #[allow(clippy::type_complexity)]
    fn read_legacy<'py>(
        &self,
        py: Python<'py>,
        data: Vec<i32>,
        writer: &str,
        rejected_by: &str,
    ) -> PyResult<(Option<(BytesReading<'py>, bool)>, usize)> {
        let rejected_by = match rejected_by {
            "gbk~utf-8" => "gbk~utf-8",
            "big5~utf-8" => "big5~utf-8",
            other => return Err(PyValueError::new_err(format!("no writer {other:?}"))),
        };
        Ok(match chains::read_legacy(&self.tables, &data, chain_writer(writer)?, rejected_by) {
            Ok(tokens) => {
                let wide = tokens.iter().any(|t| matches!(t, Token::Char(c) if *c >= '\u{80}'));
                (Some((self.bytes_reading(py, tokens)?, wide)), data.len())
            }
            Err(failed) => (None, failed),
        })
    }

    /// ``data``, UTF-8 bytes a code page read, with the bytes it drops (``dropped``) put back as
    /// unknowns (see `chains::read_dropped`): the reading, or None where the bytes do not parse
    /// or no byte was lost.
    fn read_dropped<'py>(
        &self,
        py: Python<'py>,
        data: Vec<u8>,
        dropped: std::collections::HashSet<u8>,
    ) -> PyResult<Option<BytesReading<'py>>> {
        let mut values = ByteSet::default();
        dropped.into_iter().for_each(|b| values.insert(b));
        match chains::read_dropped(&data, values) {
            Some(tokens) if tokens.iter().any(|t| matches!(t, Token::Lost(_))) => {
                Ok(Some(self.bytes_reading(py, tokens)?))
            }
            _ => Ok(None),
        }
    }
}

/// Characters the model knows as their bytes in one writer (see `textfix.repair.guess`).
#[pyclass(frozen, name = "KnownEncoded", module = "textfix._core")]
struct PyKnownEncoded {
    inner: Arc<KnownEncoded>,
}

#[pymethods]
impl PyKnownEncoded {
    #[new]
    fn new(entries: Vec<(Vec<u8>, char)>) -> Self {
        PyKnownEncoded { inner: Arc::new(KnownEncoded::new(entries)) }
    }
}

/// The guessing of lost characters (see `textfix.repair.guess`).
#[pyclass(frozen, name = "Guesser", module = "textfix._core")]
struct PyGuesser {
    inner: Guesser,
}

#[pymethods]
impl PyGuesser {
    /// The guesser of the characters known in each writer's bytes: ``known`` as (writer,
    /// `KnownEncoded`), the writers ``utf-8``, ``gbk``, ``big5``, ``gbk~utf-8`` and ``big5~utf-8``.
    #[new]
    fn new(model: &PyCharModel, known: Vec<(String, PyRef<'_, PyKnownEncoded>)>) -> PyResult<Self> {
        let known = known
            .iter()
            .map(|(writer, table)| {
                let writer = match writer.as_str() {
                    "utf-8" => "utf-8",
                    "gbk" => "gbk",
                    "big5" => "big5",
                    "gbk~utf-8" => "gbk~utf-8",
                    "big5~utf-8" => "big5~utf-8",
                    other => return Err(PyValueError::new_err(format!("no writer {other:?}"))),
                };
                Ok((writer, table.inner.clone()))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyGuesser { inner: Guesser::new(model.inner.clone(), known) })
    }

    /// What each lost character of a reading may be: its most frequent candidates (U+FFFD alone
    /// if none).
    fn options(&self, tokens: &PyChainTokens) -> Vec<String> {
        tokens
            .tokens
            .iter()
            .filter_map(
                |t| if let Token::Lost(lost) = t { Some(self.inner.options(lost).iter().collect()) } else { None },
            )
            .collect()
    }
}

/// Words of the other scripts, found and scored as text of their own script (see
/// `textfix.scriptmodel`).
#[pyclass(frozen, name = "ScriptWords", module = "textfix._core")]
struct PyScriptWords {
    inner: ScriptWords,
}

type PyScriptModel = (HashMap<char, f64>, HashMap<String, f64>, f64);

impl PyScriptWords {
    fn words_of(&self, words: Vec<(usize, usize, String)>, length: usize) -> PyResult<Vec<Word>> {
        let mut position = 0;
        words
            .into_iter()
            .map(|(start, end, script)| {
                let index = self.inner.script_index(&script);
                match index {
                    Some(index) if position <= start && start < end && end <= length => {
                        position = end;
                        Ok((start, end, index))
                    }
                    _ => Err(PyValueError::new_err("words must be in order, apart, in the text and of known scripts")),
                }
            })
            .collect()
    }
}

#[pymethods]
impl PyScriptWords {
    /// `scripts`: (name, letters as class contents) in order; `models`: by script name, unigram
    /// and bigram log-probabilities (bigrams keyed by their two characters) and the unseen rate;
    /// `marked`: the scripts whose words may hold `marks`.
    #[new]
    #[pyo3(signature = (*, scripts, models, non_ascii_latin, marks, marked, boundary, unmodelled, case_mix, glued, log_unigram_weight))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        scripts: Vec<(String, String)>,
        models: HashMap<String, PyScriptModel>,
        non_ascii_latin: &str,
        marks: &str,
        marked: Vec<String>,
        boundary: Char,
        unmodelled: f64,
        case_mix: f64,
        glued: f64,
        log_unigram_weight: f64,
    ) -> PyResult<Self> {
        let mut models = models;
        let scripts = scripts
            .into_iter()
            .map(|(name, letters)| {
                let model = match models.remove(&name) {
                    Some((unigram, bigram, unseen)) => Some(ScriptModel {
                        unigram: unigram.into_iter().collect(),
                        bigram: bigram
                            .into_iter()
                            .map(|(pair, logp)| {
                                let mut chars = pair.chars();
                                match (chars.next(), chars.next(), chars.next()) {
                                    (Some(a), Some(b), None) => Ok(((a, b), logp)),
                                    _ => Err(PyValueError::new_err(format!("bigram {pair:?} is not two characters"))),
                                }
                            })
                            .collect::<PyResult<_>>()?,
                        unseen,
                    }),
                    None => None,
                };
                let class =
                    Class::new(&letters).map_err(|e| PyValueError::new_err(format!("bad letters of {name}: {e}")))?;
                Ok(Script { marks: marked.contains(&name), name, letters: class, model })
            })
            .collect::<PyResult<Vec<Script>>>()?;
        if let Some(name) = models.keys().next() {
            return Err(PyValueError::new_err(format!("a model for {name:?}, which is not among the scripts")));
        }
        let rates = Rates { unmodelled, case_mix, glued, log_unigram_weight };
        let inner =
            ScriptWords::new(scripts, non_ascii_latin, marks, boundary.0, rates).map_err(PyValueError::new_err)?;
        Ok(PyScriptWords { inner })
    }

    /// The foreign words of `text`: (start, end, script name), in order.
    fn words(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize, &str)>> {
        let chars: Vec<char> = self::text(text)?.chars().collect();
        Ok(self
            .inner
            .words(&chars)
            .into_iter()
            .map(|(start, end, index)| (start, end, self.inner.script_name(index)))
            .collect())
    }

    /// log P of `text` from the scores of the stretches around its `words` (`gaps`, one more
    /// than the words) and each word's own.
    fn mixed_score(
        &self,
        text: &Bound<'_, PyString>,
        words: Vec<(usize, usize, String)>,
        gaps: Vec<f64>,
    ) -> PyResult<f64> {
        let chars: Vec<char> = self::text(text)?.chars().collect();
        let words = self.words_of(words, chars.len())?;
        if gaps.len() != words.len() + 1 {
            return Err(PyValueError::new_err("mixed_score: one gap more than the words"));
        }
        Ok(self.inner.mixed_score(&chars, &words, &gaps))
    }
}

/// A set of characters scanned fast (see `textfix.repair.detect`).
#[pyclass(frozen, name = "CharSet", module = "textfix._core")]
struct PyCharSet {
    inner: Arc<CharSet>,
}

fn char_class(class: &str) -> PyResult<CharSet> {
    CharSet::from_class(class).map_err(|e| PyValueError::new_err(format!("bad character class {class:?}: {e}")))
}

#[pymethods]
impl PyCharSet {
    /// The set of the characters of `chars`, or of those the class `[class]` matches in the
    /// Basic Multilingual Plane.
    #[new]
    #[pyo3(signature = (chars = None, class_ = None))]
    fn new(chars: Option<&Bound<'_, PyString>>, class_: Option<&str>) -> PyResult<Self> {
        let inner = match (chars, class_) {
            (Some(chars), None) => CharSet::from_chars(text(chars)?.chars()),
            (None, Some(class)) => char_class(class)?,
            _ => return Err(PyValueError::new_err("CharSet takes chars or class_, one of them")),
        };
        Ok(PyCharSet { inner: Arc::new(inner) })
    }

    fn intersects(&self, text: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(self.inner.intersects(&self::text(text)?))
    }

    fn positions(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.positions(&self::text(text)?))
    }

    fn lines_holding(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.lines_holding(&self::text(text)?))
    }
}

/// The fast path of damage detection: a suspect character or a stray byte.
#[pyclass(frozen, name = "DamageScan", module = "textfix._core")]
struct PyDamageScan {
    inner: DamageScan,
}

#[pymethods]
impl PyDamageScan {
    #[new]
    fn new(
        suspects: &PyCharSet,
        dbcs_wide: &str,
        han: &str,
        symbols: &str,
        after_symbol: &str,
        filler: &Bound<'_, PyString>,
        filler_run: usize,
    ) -> PyResult<Self> {
        let stray = StrayClasses {
            dbcs_wide: char_class(dbcs_wide)?,
            han: char_class(han)?,
            symbols: char_class(symbols)?,
            after_symbol: char_class(after_symbol)?,
            filler: CharSet::from_chars(text(filler)?.chars()),
            filler_run,
        };
        Ok(PyDamageScan { inner: DamageScan::new(suspects.inner.clone(), stray) })
    }

    fn may_be_damaged(&self, text: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(self.inner.may_be_damaged(&self::text(text)?))
    }

    fn flagged_lines(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.flagged_lines(&self::text(text)?))
    }
}

/// How garbled a line still looks (`detect::Garbage`).
#[pyclass(frozen, name = "Garbage", module = "textfix._core")]
struct PyGarbage {
    inner: Garbage,
}

#[pymethods]
impl PyGarbage {
    /// The suspects, and the classes of the weighed characters, of typography and of unknown
    /// characters.
    #[new]
    fn new(suspects: &PyCharSet, weighed: &str, typography: &str, unknown: &str) -> PyResult<Self> {
        let inner = Garbage::new(&suspects.inner, char_class(weighed)?, char_class(typography)?, char_class(unknown)?);
        Ok(PyGarbage { inner })
    }

    fn score(&self, line: &Bound<'_, PyString>) -> PyResult<f64> {
        Ok(self.inner.score(&text(line)?))
    }

    fn damage(&self, text: &Bound<'_, PyString>, threshold: f64) -> PyResult<(usize, usize)> {
        Ok(self.inner.damage(&self::text(text)?, threshold))
    }
}

/// The evidence of damage in a line that decides whether the repair engine looks at it.
#[pyclass(frozen, name = "LineEvidence", module = "textfix._core")]
struct PyLineEvidence {
    inner: LineEvidence,
}

/// A line as characters, and whether it held lone surrogates.
fn line_chars(line: &Bound<'_, PyString>) -> PyResult<Vec<char>> {
    Ok(text(line)?.chars().collect())
}

#[pymethods]
impl PyLineEvidence {
    /// Over the fast path's classes (`scan`), the character model, the class of the characters
    /// that are damage by themselves, the characters only Simplified text has and the trail
    /// bytes that make a Big5 punctuation mark after its lead byte.
    #[new]
    fn new(
        scan: &PyDamageScan,
        model: &PyCharModel,
        strong: &str,
        simplified_only: &Bound<'_, PyString>,
        split_marks: &str,
    ) -> PyResult<Self> {
        Ok(PyLineEvidence {
            inner: LineEvidence {
                model: model.inner.clone(),
                scan: scan.inner.clone(),
                strong: char_class(strong)?,
                simplified_only: CharSet::from_chars(text(simplified_only)?.chars()),
                split_marks: CharSet::from_chars(split_marks.chars()),
                pipe_characters: LostLeadCharacters::new(&model.inner, b'|'),
            },
        })
    }

    fn needs_repair(&self, line: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(self.inner.needs_repair(&text(line)?))
    }

    /// The lines of `text` the fast path flags, and those of them that need repair.
    fn lines_needing_repair(&self, py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<(Vec<usize>, Vec<usize>)> {
        let text = self::text(text)?;
        let inner = &self.inner;
        Ok(py.detach(|| inner.lines_needing_repair(&text)))
    }

    fn stray_trails(&self, line: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.stray_trails(&line_chars(line)?))
    }

    fn hard_evidence(&self, line: &Bound<'_, PyString>, start: usize, end: usize) -> PyResult<bool> {
        Ok(self.inner.hard_evidence(&line_chars(line)?, start, end))
    }

    fn implausible_positions(&self, line: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.implausible_positions(&line_chars(line)?))
    }

    fn dangling_lead(&self, line: &Bound<'_, PyString>, end: usize) -> PyResult<bool> {
        Ok(self.inner.dangling_lead(&line_chars(line)?, end))
    }

    /// Whether a frame-shift search of `line[start:end]` as read by `family` may find anything.
    fn may_be_out_of_phase(
        &self,
        line: &Bound<'_, PyString>,
        start: usize,
        end: usize,
        family_name: &str,
    ) -> PyResult<bool> {
        Ok(self.inner.may_be_out_of_phase(&line_chars(line)?, start, end, family(family_name)?))
    }

    /// Whether `line[first:last + 1]` reads as a word.
    fn reads_as_word(&self, line: &Bound<'_, PyString>, first: usize, last: usize) -> PyResult<bool> {
        let chars = line_chars(line)?;
        if !(first < last && last < chars.len()) {
            return Err(PyValueError::new_err("reads_as_word: first < last < len(line)"));
        }
        Ok(self.inner.reads_as_word(&chars[first..=last]))
    }
}

fn family(name: &str) -> PyResult<Family> {
    Family::named(name).ok_or_else(|| PyValueError::new_err(format!("no reader family {name:?}")))
}

/// A character's bytes as `read` has them for a family, as Python bytes; None for a lone
/// surrogate, which no codec reads.
fn py_bytes<'py>(
    c: &Bound<'py, PyString>,
    family_name: &str,
    read: fn(char, Family) -> Option<codecs::CharBytes>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let family = family(family_name)?;
    if c.to_str().is_err() {
        return Ok(None);
    }
    let Char(c_) = c.extract()?;
    Ok(read(c_, family).map(|b| PyBytes::new(c.py(), &b)))
}

/// The bytes `c` was decoded from when read by `family` (see `codecs`).
#[pyfunction]
fn reader_bytes<'py>(c: &Bound<'py, PyString>, family_name: &str) -> PyResult<Option<Bound<'py, PyBytes>>> {
    py_bytes(c, family_name, codecs::reader_bytes)
}

/// The same as encoding_rs has them, before the corrections (for `corpora/build_codecs.py`).
#[pyfunction]
fn standard_bytes<'py>(c: &Bound<'py, PyString>, family_name: &str) -> PyResult<Option<Bound<'py, PyBytes>>> {
    py_bytes(c, family_name, codecs::standard_bytes)
}

/// The bytes a strict decoder of `family` replaces with one U+FFFD when `following` comes next.
#[pyfunction]
fn rejected_bytes<'py>(py: Python<'py>, family_name: &str, following: u8) -> PyResult<Bound<'py, PyFrozenSet>> {
    PyFrozenSet::new(py, codecs::rejected_bytes(family(family_name)?, following).bytes())
}

/// Python strings as Rust text (see `text`).
fn texts<'a>(strings: &'a [Bound<'_, PyString>]) -> PyResult<Vec<Cow<'a, str>>> {
    strings.iter().map(text).collect()
}

/// Flags for `length` lines, set at `numbers` (those past the end left out).
fn flags(length: usize, numbers: &[usize]) -> Vec<bool> {
    let mut flags = vec![false; length];
    for &n in numbers.iter().filter(|&&n| n < length) {
        flags[n] = true;
    }
    flags
}

/// The rule book's line rules (see `textfix.rules`).
#[pyclass(frozen, name = "LineRules", module = "textfix._core")]
struct PyLineRules {
    inner: LineRules,
}

#[pymethods]
impl PyLineRules {
    /// From each rule's place, max_length, pattern, requires, unless and keywords.
    #[new]
    #[allow(clippy::type_complexity)]
    fn new(specs: Vec<(String, usize, String, Option<String>, Option<String>, Vec<String>)>) -> PyResult<Self> {
        let specs = specs
            .into_iter()
            .map(|(place, max_length, pattern, requires, unless, keywords)| {
                Ok(RuleSpec { place: linerules::place(&place)?, max_length, pattern, requires, unless, keywords })
            })
            .collect::<Result<Vec<_>, String>>()
            .map_err(PyValueError::new_err)?;
        LineRules::new(specs).map(|inner| PyLineRules { inner }).map_err(PyValueError::new_err)
    }

    fn rule_for(&self, line: &Bound<'_, PyString>, places: u8) -> PyResult<Option<usize>> {
        Ok(self.inner.rule_for(&text(line)?, places))
    }

    fn damaged_candidates(&self, line: &Bound<'_, PyString>, damaged: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
        Ok(self.inner.damaged_candidates(&text(line)?, &text(damaged)?))
    }

    /// The facts of rule `number`'s match in `line`: name, start and end (in characters).
    fn facts(&self, number: usize, line: &Bound<'_, PyString>) -> PyResult<Option<Vec<(String, usize, usize)>>> {
        if number >= self.inner.len() {
            return Err(PyValueError::new_err(format!("no rule {number}")));
        }
        let line = text(line)?;
        let at = |byte: usize| line[..byte].chars().count();
        Ok(self
            .inner
            .facts(number, &line)
            .map(|facts| facts.into_iter().map(|(name, start, end)| (name.to_owned(), at(start), at(end))).collect()))
    }
}

/// The field grammar of the rule book (see `textfix.rules.FieldGrammar`).
#[pyclass(frozen, name = "FieldGrammar", module = "textfix._core")]
struct PyFieldGrammar {
    inner: Grammar,
    /// `unicodedata.normalize`, for a line the core cannot tell is its own NFKC form.
    normalize: Py<PyAny>,
}

impl PyFieldGrammar {
    /// `text` in NFKC, by Python's `unicodedata` (the GIL taken again for it).
    fn nfkc(&self, text: &str) -> PyResult<String> {
        Python::attach(|py| {
            let text = py_text(py, text, text.chars().any(stands_in))?;
            let normalized = self.normalize.bind(py).call1(("NFKC", text))?.cast_into::<PyString>()?;
            Ok(crate::python::text(&normalized)?.into_owned())
        })
    }
}

/// A line's verdict as Python reads it (`PyFieldGrammar::classify`).
type PyVerdict<'py> = (Option<&'static str>, i64, Option<Bound<'py, PyDict>>);

/// Facts as a Python dict, in their order.
fn py_facts(py: Python<'_>, facts: Facts) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for (field, value) in facts {
        dict.set_item(field, py_text(py, &value, value.chars().any(stands_in))?)?;
    }
    Ok(dict)
}

#[pymethods]
impl PyFieldGrammar {
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (*, labels, date_labels, places, unspaced, longer_widgets, single_widgets, widget_words, datetime, time, count, start, strict_start, start_words, start_reach, lost))]
    fn new(
        py: Python<'_>,
        labels: Vec<(String, String, usize)>,
        date_labels: Vec<String>,
        places: Vec<String>,
        unspaced: Vec<String>,
        longer_widgets: Vec<String>,
        single_widgets: Vec<char>,
        widget_words: Vec<String>,
        datetime: String,
        time: String,
        count: String,
        start: String,
        strict_start: String,
        start_words: Vec<String>,
        start_reach: String,
        lost: Vec<(String, String)>,
    ) -> PyResult<Self> {
        let spec = Spec {
            labels,
            date_labels,
            places,
            unspaced,
            longer_widgets,
            single_widgets,
            widget_words,
            datetime,
            time,
            count,
            start,
            strict_start,
            start_words,
            start_reach,
            lost,
        };
        let inner = Grammar::new(spec).map_err(PyValueError::new_err)?;
        let normalize = py.import("unicodedata")?.getattr("normalize")?.unbind();
        Ok(PyFieldGrammar { inner, normalize })
    }

    fn prepared<'py>(&self, line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let text = text(line)?;
        py_changed_text(line, self.inner.labels.prepared(&text))
    }

    fn restore_garbled<'py>(&self, line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let text = text(line)?;
        py_changed_text(line, self.inner.labels.restore_garbled(&text))
    }

    #[pyo3(signature = (line, strict = false))]
    fn parse<'py>(&self, line: &Bound<'py, PyString>, strict: bool) -> PyResult<Option<Bound<'py, PyDict>>> {
        let py = line.py();
        let line = text(line)?;
        let facts = py.detach(|| self.inner.parse(&line, strict, &mut |text| self.nfkc(text)))?;
        facts.map(|facts| py_facts(py, facts)).transpose()
    }

    /// What line `line` is (`grammar::Grammar::classify`), with the line above it and the one
    /// below (None at the page's ends) and whether each of the three has been removed:
    /// `("split", 0 or -1, facts)` for a field split over the line and the one below it or above
    /// it, `("fields", 0, facts)`, `("rule", number, None)`, `("tolerant", bar, None)`,
    /// `("bar", 0, None)` or `(None, 0, None)`.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (rules, above, line, below, removed, places, in_body))]
    fn classify<'py>(
        &self,
        rules: PyRef<'py, PyLineRules>,
        above: Option<Bound<'py, PyString>>,
        line: &Bound<'py, PyString>,
        below: Option<Bound<'py, PyString>>,
        removed: (bool, bool, bool),
        places: u8,
        in_body: bool,
    ) -> PyResult<PyVerdict<'py>> {
        let py = line.py();
        let above = above.as_ref().map(text).transpose()?;
        let below = below.as_ref().map(text).transpose()?;
        let line = text(line)?;
        let around = Around {
            above: above.as_deref().map(|a| (a, removed.0)),
            line: (&line, removed.1),
            below: below.as_deref().map(|b| (b, removed.2)),
        };
        let rules = &rules.inner;
        let verdict =
            py.detach(|| self.inner.classify(rules, &around, places, in_body, &mut |text| self.nfkc(text)))?;
        Ok(match verdict {
            Verdict::Kept => (None, 0, None),
            Verdict::Split { above, facts } => (Some("split"), -i64::from(above), Some(py_facts(py, facts)?)),
            Verdict::Fields(facts) => (Some("fields"), 0, Some(py_facts(py, facts)?)),
            Verdict::Rule(number) => (Some("rule"), number as i64, None),
            Verdict::Tolerant { bar } => (Some("tolerant"), i64::from(bar), None),
            Verdict::Bar => (Some("bar"), 0, None),
        })
    }

    fn label_alone(&self, line: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(self.inner.label_alone(&text(line)?))
    }
}

/// Whether a page is Chinese (`language::is_chinese`).
#[pyfunction]
fn is_chinese(text_: &Bound<'_, PyString>) -> PyResult<bool> {
    let text = text(text_)?;
    let surrogates = matches!(text, Cow::Owned(_));
    Ok(language::is_chinese(&text, |c| surrogates && stands_in(c)))
}

#[pyfunction]
fn letters(text_: &Bound<'_, PyString>) -> PyResult<String> {
    Ok(fields::letters(&text(text_)?))
}

/// A page's lines read for their furniture (see `chrome::Page`).
#[pyclass(frozen, name = "Furniture", module = "textfix._core")]
struct PyFurniture {
    inner: Furniture,
    surrogates: bool,
}

impl PyFurniture {
    /// Flags for the page's lines, set at `numbers` (one past the last line at most).
    fn flags(&self, numbers: &[usize]) -> PyResult<Vec<bool>> {
        if let Some(&n) = numbers.iter().find(|&&n| n >= self.inner.len()) {
            return Err(PyValueError::new_err(format!("no line {n} of {}", self.inner.len())));
        }
        Ok(flags(self.inner.len(), numbers))
    }

    fn range(&self, first: usize, end: usize) -> PyResult<()> {
        if first > end || end > self.inner.len() {
            return Err(PyValueError::new_err(format!("lines {first}..{end} of {}", self.inner.len())));
        }
        Ok(())
    }

    /// Lines `first..end` checked, and the flags of the `removed` lines and of the `list_rules`.
    fn list_context(
        &self,
        first: usize,
        end: usize,
        removed: &[usize],
        rules: &PyLineRules,
        list_rules: &[usize],
    ) -> PyResult<(Vec<bool>, Vec<bool>)> {
        self.range(first, end)?;
        Ok((self.flags(removed)?, flags(rules.inner.len(), list_rules)))
    }
}

#[pymethods]
impl PyFurniture {
    #[new]
    fn new(page: &Bound<'_, PyString>) -> PyResult<Self> {
        let page_text = text(page)?;
        let surrogates = matches!(page_text, Cow::Owned(_));
        Ok(PyFurniture { inner: Furniture::new(page_text.into_owned()), surrogates })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn line<'py>(&self, py: Python<'py>, number: usize) -> PyResult<Bound<'py, PyString>> {
        if number >= self.inner.len() {
            return Err(PyValueError::new_err(format!("no line {number} of {}", self.inner.len())));
        }
        py_text(py, self.inner.line(number), self.surrogates)
    }

    fn names_headline(&self, number: usize, title_open: bool) -> bool {
        number < self.inner.len() && self.inner.names_headline(number, title_open)
    }

    fn named_headline(&self, numbers: Vec<usize>, title_open: bool) -> PyResult<Option<usize>> {
        self.flags(&numbers)?;
        Ok(self.inner.named_headline(&numbers, title_open))
    }

    #[allow(clippy::too_many_arguments)]
    fn list_heads(
        &self,
        py: Python<'_>,
        first: usize,
        end: usize,
        removed: Vec<usize>,
        rules: &PyLineRules,
        list_rules: Vec<usize>,
    ) -> PyResult<Vec<usize>> {
        let (removed, list_rules) = self.list_context(first, end, &removed, rules, &list_rules)?;
        let heads = py.detach(|| self.inner.list_heads(first, end, &removed, &rules.inner, &list_rules));
        Ok(heads.iter().enumerate().filter(|(_, &head)| head).map(|(n, _)| n).collect())
    }

    #[allow(clippy::too_many_arguments)]
    fn furnished_article(
        &self,
        py: Python<'_>,
        first: usize,
        end: usize,
        removed: Vec<usize>,
        rules: &PyLineRules,
        list_rules: Vec<usize>,
        title_open: bool,
    ) -> PyResult<Option<(usize, usize)>> {
        let (removed, list_rules) = self.list_context(first, end, &removed, rules, &list_rules)?;
        Ok(py.detach(|| self.inner.furnished_article(first, end, &removed, &rules.inner, &list_rules, title_open)))
    }

    /// Head, tail, headline, header and the near lines' range (see `furniture::Plan`).
    #[allow(clippy::type_complexity)]
    fn plan(
        &self,
        first: usize,
        end: usize,
        article: (usize, usize),
        removed: Vec<usize>,
        title_open: bool,
    ) -> PyResult<(Vec<usize>, Vec<usize>, Option<usize>, Vec<usize>, (usize, usize))> {
        self.range(first, end)?;
        if article.0 < first || article.0 > article.1 || article.1 > end {
            return Err(PyValueError::new_err(format!("article {article:?} outside lines {first}..{end}")));
        }
        let removed = self.flags(&removed)?;
        let plan = self.inner.plan(first, end, article, &removed, title_open);
        Ok((plan.head, plan.tail, plan.headline, plan.header, plan.near))
    }
}

/// Facts from a Python dict, in its order.
fn facts_of(dict: &Bound<'_, PyDict>) -> PyResult<Facts> {
    dict.iter()
        .map(|(key, value)| Ok((key.extract::<String>()?, text(value.cast::<PyString>()?)?.into_owned())))
        .collect()
}

/// The chrome step's `Hooks` in Python (`textfix.chrome.Hooks`), for one page; the first error
/// a hook raises is kept, and the hooks called after it answer nothing.
struct PyHooks<'py> {
    hooks: Bound<'py, PyAny>,
    grammar: &'py PyFieldGrammar,
    surrogates: bool,
    error: std::cell::RefCell<Option<PyErr>>,
}

impl<'py> PyHooks<'py> {
    /// `hooks.name(*args())`, read by `read`; None after an error.
    fn call<A: pyo3::call::PyCallArgs<'py>, T>(
        &self,
        name: &str,
        args: impl FnOnce() -> PyResult<A>,
        read: impl FnOnce(Bound<'py, PyAny>) -> PyResult<T>,
    ) -> Option<T> {
        if self.error.borrow().is_some() {
            return None;
        }
        match args().and_then(|args| self.hooks.call_method1(name, args)).and_then(read) {
            Ok(value) => Some(value),
            Err(error) => {
                self.error.replace(Some(error));
                None
            }
        }
    }

    /// A string of the page as Python's (lone surrogates as they were).
    fn py_str(&self, text: &str) -> PyResult<Bound<'py, PyString>> {
        py_text(self.hooks.py(), text, self.surrogates)
    }

    fn string(value: &Bound<'py, PyAny>) -> PyResult<String> {
        Ok(text(value.cast::<PyString>()?)?.into_owned())
    }
}

impl chrome::Hooks for PyHooks<'_> {
    fn nfkc(&self, text: &str) -> Option<String> {
        if self.error.borrow().is_some() {
            return None;
        }
        self.grammar.nfkc(text).map_err(|error| self.error.replace(Some(error))).ok()
    }

    fn tolerant_rule(&self, line: &str, places: u8) -> Option<usize> {
        self.call("tolerant_rule", || Ok((self.py_str(line)?, places)), |found| found.extract::<Option<usize>>())
            .flatten()
    }

    fn tolerant_facts(&self, number: usize, line: &str) -> Facts {
        self.call("tolerant_facts", || Ok((number, self.py_str(line)?)), |facts| facts_of(facts.cast::<PyDict>()?))
            .unwrap_or_default()
    }

    fn names_line(&self, text: &str) -> bool {
        self.call("names_line", || Ok((self.py_str(text)?,)), |found| found.extract::<bool>()).unwrap_or(false)
    }

    fn glued_facts(&self, inner: &str) -> Option<Facts> {
        self.call(
            "glued_facts",
            || Ok((self.py_str(inner)?,)),
            |facts| facts.cast::<PyDict>().ok().map(|facts| facts_of(facts)).transpose(),
        )
        .flatten()
    }

    fn head(&self, line: &str, indent: usize) -> Option<(String, String, usize, Facts)> {
        self.call(
            "head",
            || Ok((self.py_str(line)?, indent)),
            |found| {
                if found.is_none() {
                    return Ok(None);
                }
                let (rule, cut, end, facts): (String, Bound<'_, PyString>, usize, Bound<'_, PyDict>) =
                    found.extract()?;
                Ok(Some((rule, text(&cut)?.into_owned(), end, facts_of(&facts)?)))
            },
        )
        .flatten()
    }

    fn tail(&self, line: &str, tail_start: usize) -> Option<(String, usize, Facts)> {
        self.call(
            "tail",
            || Ok((self.py_str(line)?, tail_start)),
            |found| {
                if found.is_none() {
                    return Ok(None);
                }
                let (rule, start, facts): (String, usize, Bound<'_, PyDict>) = found.extract()?;
                Ok(Some((rule, start, facts_of(&facts)?)))
            },
        )
        .flatten()
    }

    fn headline_of(&self, page_title: &str) -> String {
        self.call("headline_of", || Ok((self.py_str(page_title)?,)), |headline| Self::string(&headline))
            .unwrap_or_default()
    }

    fn title_parts(&self, page_title: &str) -> Vec<String> {
        self.call(
            "title_parts",
            || Ok((self.py_str(page_title)?,)),
            |parts| parts.try_iter()?.map(|part| Self::string(&part?)).collect::<PyResult<Vec<_>>>(),
        )
        .unwrap_or_default()
    }

    fn column_mark(&self, title: &str) -> Option<(String, usize)> {
        self.call(
            "column_mark",
            || Ok((self.py_str(title)?,)),
            |found| {
                if found.is_none() {
                    return Ok(None);
                }
                let (column, end): (Bound<'_, PyString>, usize) = found.extract()?;
                Ok(Some((text(&column)?.into_owned(), end)))
            },
        )
        .flatten()
    }
}

/// The rule book as the chrome step reads it page by page (`chrome::Book`), and its hooks.
#[pyclass(frozen, name = "ChromeRules", module = "textfix._core")]
struct PyChromeRules {
    matcher: Py<PyLineRules>,
    grammar: Py<PyFieldGrammar>,
    garbage: Py<PyGarbage>,
    widget_words: HashSet<String>,
    rule_names: Vec<String>,
    drops_following: Vec<bool>,
    said_again: Vec<bool>,
    middle_keywords: WordScan,
    notice_keywords: WordScan,
    head_keywords: Option<WordScan>,
    tail_keywords: Option<WordScan>,
    hooks: Py<PyAny>,
}

/// One reading of a page as Python reads it: the body, the removals (line, rule, facts or None:
/// most removed lines, a whole page's furniture, carry none), the affixes (line, rule, text cut,
/// facts, part).
type PyReading<'py> = (
    Bound<'py, PyString>,
    Vec<(usize, String, Option<Bound<'py, PyDict>>)>,
    Vec<(usize, String, Bound<'py, PyString>, Bound<'py, PyDict>, &'static str)>,
);

#[pymethods]
impl PyChromeRules {
    /// From the line rules, the field grammar, the garbage score, the widget words, each line
    /// rule's name and whether it heads a list or asks for its words said again on the page, the
    /// keywords of the body's rules and of the notices, and the hooks (see `chrome::Hooks`).
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (*, matcher, grammar, garbage, widget_words, rule_names, drops_following, said_again, middle_keywords, notice_keywords, head_keywords, tail_keywords, hooks))]
    fn new(
        matcher: Py<PyLineRules>,
        grammar: Py<PyFieldGrammar>,
        garbage: Py<PyGarbage>,
        widget_words: HashSet<String>,
        rule_names: Vec<String>,
        drops_following: Vec<bool>,
        said_again: Vec<bool>,
        middle_keywords: Vec<String>,
        notice_keywords: Vec<String>,
        head_keywords: Option<Vec<String>>,
        tail_keywords: Option<Vec<String>>,
        hooks: Py<PyAny>,
    ) -> PyResult<Self> {
        let rules = matcher.get().inner.len();
        if rule_names.len() != rules || drops_following.len() != rules || said_again.len() != rules {
            return Err(PyValueError::new_err(format!("{rules} rules, {} names", rule_names.len())));
        }
        let middle_keywords = WordScan::new(&middle_keywords).map_err(PyValueError::new_err)?;
        let notice_keywords = WordScan::new(&notice_keywords).map_err(PyValueError::new_err)?;
        let scan = |words: Option<Vec<String>>| words.map(|words| WordScan::new(&words)).transpose();
        let head_keywords = scan(head_keywords).map_err(PyValueError::new_err)?;
        let tail_keywords = scan(tail_keywords).map_err(PyValueError::new_err)?;
        Ok(PyChromeRules {
            matcher,
            grammar,
            garbage,
            widget_words,
            rule_names,
            drops_following,
            said_again,
            middle_keywords,
            notice_keywords,
            head_keywords,
            tail_keywords,
            hooks,
        })
    }

    /// One reading of page `text` (`chrome::remove_once`).
    #[pyo3(signature = (text, whole_page, first_pass, headline))]
    fn remove_once<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
        whole_page: bool,
        first_pass: bool,
        headline: Option<String>,
    ) -> PyResult<PyReading<'py>> {
        let page = self::text(text)?;
        let surrogates = matches!(page, Cow::Owned(_));
        let grammar = self.grammar.get();
        let book = chrome::Book {
            matcher: &self.matcher.get().inner,
            grammar: &grammar.inner,
            garbage: &self.garbage.get().inner,
            widget_words: &self.widget_words,
            rule_names: &self.rule_names,
            drops_following: &self.drops_following,
            said_again: &self.said_again,
            middle_keywords: &self.middle_keywords,
            notice_keywords: &self.notice_keywords,
            head_keywords: self.head_keywords.as_ref(),
            tail_keywords: self.tail_keywords.as_ref(),
        };
        let hooks = PyHooks { hooks: self.hooks.bind(py).clone(), grammar, surrogates, error: Default::default() };
        let reading = chrome::remove_once(&page, &book, &hooks, whole_page, first_pass, headline.as_deref());
        if let Some(error) = hooks.error.into_inner() {
            return Err(error);
        }
        let removals = reading
            .removals
            .into_iter()
            .map(|(line, removal)| {
                let facts = (!removal.facts.is_empty()).then(|| py_facts(py, removal.facts)).transpose()?;
                Ok((line, removal.rule, facts))
            })
            .collect::<PyResult<Vec<_>>>()?;
        let affixes = reading
            .affixes
            .into_iter()
            .map(|affix| {
                Ok((
                    affix.line,
                    affix.rule,
                    py_text(py, &affix.text, surrogates)?,
                    py_facts(py, affix.facts)?,
                    affix.part,
                ))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok((py_text(py, &reading.body, surrogates)?, removals, affixes))
    }
}

#[pyfunction]
fn headline_sized(line: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(furniture::headline_sized(&text(line)?))
}

#[pyfunction]
fn names_headline(line: &Bound<'_, PyString>, page_title: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(furniture::in_title(&text(line)?, &fields::letters(&text(page_title)?)))
}

#[pyfunction]
fn line_worth(line: &Bound<'_, PyString>) -> PyResult<i64> {
    Ok(boilerplate::line_worth(&text(line)?))
}

#[pyfunction]
fn phrase_prose(lines: Vec<Bound<'_, PyString>>, breaks: Vec<usize>) -> PyResult<Vec<usize>> {
    let lines = texts(&lines)?;
    let lines: Vec<&str> = lines.iter().map(|line| line.as_ref()).collect();
    Ok(boilerplate::phrase_prose(&lines, &flags(lines.len(), &breaks)))
}

#[pyfunction]
fn article_region(
    lines: Vec<Bound<'_, PyString>>,
    start: usize,
    end: usize,
    skipped: Vec<usize>,
    breaks: Vec<usize>,
) -> PyResult<Option<(usize, usize)>> {
    let lines = texts(&lines)?;
    let lines: Vec<&str> = lines.iter().map(|line| line.as_ref()).collect();
    if start > end || end > lines.len() {
        return Err(PyValueError::new_err(format!("lines {start}..{end} of {}", lines.len())));
    }
    let (skipped, breaks) = (flags(lines.len(), &skipped), flags(lines.len(), &breaks));
    Ok(Page::new(&lines, &skipped, &breaks).article_region(start, end))
}

/// The sanitise step (see `textfix.sanitise`): the text (None when unchanged) and the line
/// breaks, lone surrogates and controls it replaced or dropped, and its length in characters
/// before the controls were dropped.
#[pyfunction(name = "sanitise")]
fn py_sanitise(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<(Option<String>, usize, usize, usize, usize)> {
    let replaced;
    let (text, surrogates) = match text.to_str() {
        Ok(text) => (text, 0),
        Err(_) => {
            let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
            replaced = sanitise::replace_surrogates(encoded.cast::<PyBytes>()?.as_bytes())
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            (replaced.0.as_str(), replaced.1)
        }
    };
    Ok(match py.detach(|| sanitise::sanitise(text, surrogates)) {
        Some(done) => (Some(done.text), done.line_breaks, done.surrogates, done.controls, done.chars),
        None => (None, 0, 0, 0, 0),
    })
}

/// The spacing step (see `textfix.spacing`): the text (None when unchanged) and how many places
/// each rule touched (invisible characters, indents, blank lines).
#[pyfunction(name = "normalise_layout")]
fn py_normalise_layout<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
) -> PyResult<(Option<Bound<'py, PyString>>, usize, usize, usize)> {
    let surrogates = text.to_str().is_err();
    let text = self::text(text)?;
    Ok(match py.detach(|| spacing::normalise_layout(&text)) {
        Some(done) => (Some(py_text(py, &done.text, surrogates)?), done.invisible, done.indent, done.blank_lines),
        None => (None, 0, 0, 0),
    })
}

/// A ruby annotation as Python has it: line, start, end, the character annotated, the letters.
type PyAnnotation = (usize, usize, usize, char, String);

/// The ruby step's annotations (see `ruby::annotations`).
#[pyfunction]
fn ruby_annotations(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<PyAnnotation>> {
    let text = self::text(text)?;
    let found = py.detach(|| ruby::annotations(&text));
    Ok(found.into_iter().map(|a| (a.line, a.start, a.end, a.annotated, a.letters)).collect())
}

/// The punctuation step's restoration (see `textfix.punctuation`).
#[pyclass(frozen, name = "Punctuation", module = "textfix._core")]
struct PyPunctuation {
    inner: Punctuation,
}

/// Lines edited: index, before, after.
type PyLineEdits<'py> = Vec<(usize, Bound<'py, PyString>, Bound<'py, PyString>)>;

#[pymethods]
impl PyPunctuation {
    /// The restoration of each ASCII mark of `folded` to its full-width form.
    #[new]
    fn new(folded: Vec<(Char, Char)>) -> PyResult<Self> {
        let folded = folded.into_iter().map(|(ascii, wide)| (ascii.0, wide.0)).collect();
        Ok(PyPunctuation { inner: Punctuation::new(folded).map_err(PyValueError::new_err)? })
    }

    /// `text` restored (None when no line changed) and the lines edited.
    fn restore<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<(Option<Bound<'py, PyString>>, PyLineEdits<'py>)> {
        let surrogates = text.to_str().is_err();
        let text = self::text(text)?;
        let inner = &self.inner;
        let (restored, edits) = py.detach(|| inner.restore(&text));
        let edits = edits
            .into_iter()
            .map(|(n, before, after)| Ok((n, py_text(py, &before, surrogates)?, py_text(py, &after, surrogates)?)))
            .collect::<PyResult<_>>()?;
        Ok((restored.map(|r| py_text(py, &r, surrogates)).transpose()?, edits))
    }
}

/// Each line's readings chosen among (see `convert::pick_readings`), with the characters of the
/// Simplified `repertoire` preferred.
#[pyfunction(name = "pick_readings")]
fn py_pick_readings(
    py: Python<'_>,
    model: &PyCharModel,
    repertoire: &PyCharSet,
    lines: Vec<Vec<Bound<'_, PyString>>>,
) -> PyResult<Vec<String>> {
    let lines: Vec<Vec<Vec<char>>> = lines
        .iter()
        .map(|readings| readings.iter().map(|r| Ok(text(r)?.chars().collect())).collect::<PyResult<_>>())
        .collect::<PyResult<_>>()?;
    if lines.iter().any(Vec::is_empty) {
        return Err(PyValueError::new_err("pick_readings: every line needs a reading"));
    }
    let (model, repertoire) = (&model.inner, &repertoire.inner);
    Ok(py.detach(|| {
        lines.iter().map(|readings| convert::pick_readings(model, repertoire, readings).into_iter().collect()).collect()
    }))
}

/// The indices of the lines that differ between `before` and `after`; None when their numbers of
/// lines differ.
#[pyfunction(name = "changed_lines")]
fn py_changed_lines(
    py: Python<'_>,
    before: &Bound<'_, PyString>,
    after: &Bound<'_, PyString>,
) -> PyResult<Option<Vec<usize>>> {
    let (before, after) = (text(before)?, text(after)?);
    Ok(py.detach(|| convert::changed_lines(&before, &after)))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCharModel>()?;
    m.add_class::<PyDbcsTables>()?;
    m.add_class::<PyPageScorer>()?;
    m.add_class::<PyScriptWords>()?;
    m.add_class::<PyChains>()?;
    m.add_class::<PyChainTokens>()?;
    m.add_class::<PyCharSet>()?;
    m.add_class::<PyKnownEncoded>()?;
    m.add_class::<PyGuesser>()?;
    m.add_class::<PyDamageScan>()?;
    m.add_class::<PyGarbage>()?;
    m.add_class::<PyLineEvidence>()?;
    m.add_class::<PyLineRules>()?;
    m.add_class::<PyFieldGrammar>()?;
    m.add_class::<PyFurniture>()?;
    m.add_class::<PyChromeRules>()?;
    m.add_function(wrap_pyfunction!(headline_sized, m)?)?;
    m.add_function(wrap_pyfunction!(names_headline, m)?)?;
    m.add_function(wrap_pyfunction!(letters, m)?)?;
    m.add_function(wrap_pyfunction!(is_chinese, m)?)?;
    m.add_function(wrap_pyfunction!(line_worth, m)?)?;
    m.add_function(wrap_pyfunction!(phrase_prose, m)?)?;
    m.add_function(wrap_pyfunction!(article_region, m)?)?;
    // (a panic in the core reaches Python as this, a BaseException: the runner names it so it
    // can reject the page it failed on instead of stopping the run)
    m.add("PanicException", m.py().get_type::<pyo3::panic::PanicException>())?;
    m.add("PARAGRAPH_LENGTH", boilerplate::PARAGRAPH_LENGTH)?;
    m.add("TITLE_MAX_LENGTH", furniture::TITLE_MAX_LENGTH)?;
    m.add("MIN_TITLE_LENGTH", furniture::MIN_TITLE_LENGTH)?;
    m.add("HEAD_MAX_LENGTH", chrome::HEAD_MAX_LENGTH)?;
    m.add("TAIL_MAX_LENGTH", chrome::TAIL_MAX_LENGTH)?;
    m.add("MIDDLE_FIELDS_MAX_LENGTH", chrome::MIDDLE_FIELDS_MAX_LENGTH)?;
    m.add("TOP", linerules::TOP)?;
    m.add("BOTTOM", linerules::BOTTOM)?;
    m.add("ANYWHERE", linerules::ANYWHERE)?;
    m.add_class::<PyPunctuation>()?;
    m.add_function(wrap_pyfunction!(py_sanitise, m)?)?;
    m.add_function(wrap_pyfunction!(py_normalise_layout, m)?)?;
    m.add_function(wrap_pyfunction!(ruby_annotations, m)?)?;
    m.add_function(wrap_pyfunction!(py_pick_readings, m)?)?;
    m.add_function(wrap_pyfunction!(py_changed_lines, m)?)?;
    m.add_function(wrap_pyfunction!(reader_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(standard_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(rejected_bytes, m)?)?;
    m.add("CHARMODEL_MAGIC", pyo3::types::PyBytes::new(m.py(), crate::charmodel::MAGIC))?;
    m.add("OPS_BEFORE", frameshift::OPS_BEFORE)?;
    m.add("OTHER_SCRIPT_COST", frameshift::OTHER_SCRIPT_COST)?;
    m.add("UNK", frameshift::UNK)?;
    m.add("RUBY_RESIDUE", frameshift::RUBY_RESIDUE)?;
    m.add("STRAY_LOGP", detect::STRAY_LOGP)?;
    m.add("CLUSTER_GAP", detect::CLUSTER_GAP)?;
    m.add("BIG5_MARK_LEAD", detect::BIG5_MARK_LEAD)?;
    Ok(())
}
