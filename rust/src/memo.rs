//! A bounded memo of a pure function's answers, by the text it was asked about: the pages of a
//! dump repeat their sites' lines (menus, footers, labels), a page's scans ask about the lines
//! around its headline and dateline again and again, and the chrome step reads a page again
//! after cutting its paragraphs.

use std::sync::{Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;

/// Texts remembered at most; past that the memo forgets them all and starts again.
const CAPACITY: usize = 1 << 15;
/// A text longer than this (in bytes) is answered afresh every time: long lines (paragraphs)
/// seldom repeat, and would make the memo large.
const MAX_TEXT_LENGTH: usize = 512;

/// The answers for texts, each with a slot for each of `N` forms of the question (a line rule's
/// places, a strict or loose reading).
pub struct Memo<V, const N: usize> {
    answers: Mutex<FxHashMap<Box<str>, [Option<V>; N]>>,
}

impl<V: Clone, const N: usize> Default for Memo<V, N> {
    fn default() -> Self {
        Memo { answers: Mutex::default() }
    }
}

impl<V: Clone, const N: usize> Memo<V, N> {
    /// The answer to question `form` about `text`: the one remembered, else `answer`'s, which is
    /// remembered (an error is not).
    pub fn get_or_try<E>(&self, text: &str, form: usize, answer: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        if text.len() > MAX_TEXT_LENGTH {
            return answer();
        }
        if let Some(known) = self.lock().get(text).and_then(|slots| slots[form].clone()) {
            return Ok(known);
        }
        let value = answer()?;
        let mut answers = self.lock();
        if answers.len() >= CAPACITY && !answers.contains_key(text) {
            answers.clear();
        }
        match answers.get_mut(text) {
            Some(slots) => slots[form] = Some(value.clone()),
            None => {
                let mut slots = std::array::from_fn(|_| None);
                slots[form] = Some(value.clone());
                answers.insert(text.into(), slots);
            }
        }
        Ok(value)
    }

    /// `get_or_try` of an answer that cannot fail.
    pub fn get_or(&self, text: &str, form: usize, answer: impl FnOnce() -> V) -> V {
        match self.get_or_try(text, form, || Ok::<_, std::convert::Infallible>(answer())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// (A panic while the lock was held left no answer half-written: the map is whole.)
    fn lock(&self) -> MutexGuard<'_, FxHashMap<Box<str>, [Option<V>; N]>> {
        self.answers.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_computed_once_per_text_and_form() {
        let memo: Memo<usize, 2> = Memo::default();
        let mut calls = 0;
        let mut ask = |text: &str, form: usize| {
            memo.get_or(text, form, || {
                calls += 1;
                text.len() + form
            })
        };
        assert_eq!((ask("ab", 0), ask("ab", 0), ask("ab", 1), ask("abc", 0)), (2, 2, 3, 3));
        assert_eq!(calls, 3);
        assert_eq!(memo.get_or_try("x", 0, || Err::<usize, _>("failed")), Err("failed"));
        assert_eq!(memo.get_or("x", 0, || 7), 7);
        let long = "x".repeat(MAX_TEXT_LENGTH + 1);
        assert_eq!((memo.get_or(&long, 0, || 1), memo.get_or(&long, 0, || 2)), (1, 2));
    }
}
