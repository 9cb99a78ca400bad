//! The removals of a page, in the order they were first made: the facts merged from them take
//! the first of each kind in that order, and a removal that replaces another keeps its place.

use crate::grammar::Facts;

/// The value of fact `key`, if `facts` holds it.
pub fn fact<'f>(facts: &'f Facts, key: &str) -> Option<&'f str> {
    facts.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
}

/// Why a line was removed: the rule's name (without the step's), and the facts it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub rule: String,
    pub facts: Facts,
}

/// The removals of a page's lines, by line, in the order each line was first removed.
pub struct Removals {
    order: Vec<usize>,
    slots: Vec<Option<Removal>>,
}

impl Removals {
    /// No removals among `lines` lines.
    pub fn new(lines: usize) -> Self {
        Removals { order: Vec::new(), slots: vec![None; lines] }
    }

    pub fn contains(&self, number: usize) -> bool {
        self.slots[number].is_some()
    }

    pub fn get(&self, number: usize) -> Option<&Removal> {
        self.slots[number].as_ref()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Remove line `number` by `removal`; the removal it replaces, if any (in its place).
    pub fn insert(&mut self, number: usize, removal: Removal) -> Option<Removal> {
        let replaced = self.slots[number].replace(removal);
        if replaced.is_none() {
            self.order.push(number);
        }
        replaced
    }

    /// The removed lines and their removals, in the order they were first removed.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Removal)> {
        self.order.iter().map(|&number| (number, self.slots[number].as_ref().expect("a removed line")))
    }

    /// The removed lines and their removals, in line order.
    pub fn by_line(self) -> Vec<(usize, Removal)> {
        self.slots.into_iter().enumerate().filter_map(|(number, removal)| Some((number, removal?))).collect()
    }

    /// A flag for each line, set where it is removed.
    pub fn flags(&self) -> Vec<bool> {
        self.slots.iter().map(Option::is_some).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removal(rule: &str) -> Removal {
        Removal { rule: rule.to_owned(), facts: Facts::new() }
    }

    #[test]
    fn removals_keep_the_order_they_were_first_made_in() {
        let mut removed = Removals::new(5);
        assert!(removed.insert(3, removal("a")).is_none());
        assert!(removed.insert(1, removal("b")).is_none());
        assert_eq!(removed.insert(3, removal("c")), Some(removal("a")));
        let order: Vec<(usize, &str)> = removed.iter().map(|(n, r)| (n, r.rule.as_str())).collect();
        assert_eq!(order, [(3, "c"), (1, "b")]);
        assert_eq!(removed.flags(), [false, true, false, true, false]);
        assert_eq!(removed.len(), 2);
        assert_eq!(removed.by_line(), [(1, removal("b")), (3, removal("c"))]);
    }
}
