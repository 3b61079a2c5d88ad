//! Word numbering for numbered headings and paragraphs, chosen so that Word prints exactly the
//! numbers the document model decided ("1.", "2.1", "3.2.1", and any number an author set by hand).

use docx_rs::{
    AbstractNumbering, Docx, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering,
    SpecialIndentType, Start,
};

/// docx-rs's built-in numbering uses id 1, so ours start at 2.
pub const HOUSE_ABSTRACT: usize = 2;
/// Bullets for Markdown lists.
pub const LIST_BULLET_ABSTRACT: usize = 3;
/// Numbers for Markdown numbered lists.
pub const LIST_ORDERED_ABSTRACT: usize = 4;
/// The one numbering instance all bullet lists share.
pub const BULLET_NUM: usize = 2;
const FIRST_FREE_NUM: usize = 3;
const LEVELS: usize = 3;

/// Simulates Word's list counters so each paragraph continues the current list when that gives
/// the right number, and starts a new instance with start overrides when it does not.
pub struct HouseNumbering {
    next_id: usize,
    /// Each instance: its id and the start value of every level.
    instances: Vec<(usize, [u32; LEVELS])>,
    /// Counters of the current instance; `None` = level not yet used (Word shows its start value).
    counters: [Option<u32>; LEVELS],
}

impl HouseNumbering {
    /// No instances yet.
    pub fn new() -> Self {
        HouseNumbering {
            next_id: FIRST_FREE_NUM,
            instances: Vec::new(),
            counters: [None; LEVELS],
        }
    }

    /// A fresh numbering id for another list.
    pub fn allocate_id(&mut self) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The (numbering id, level) that makes Word print `parts`.
    pub fn place(&mut self, parts: &[u32]) -> (usize, usize) {
        let level = parts.len().clamp(1, LEVELS) - 1;
        let wanted: Vec<u32> = parts.iter().copied().take(LEVELS).collect();
        if let Some(&(id, starts)) = self.instances.last()
            && predict(&self.counters, &starts, level) == wanted
        {
            advance(&mut self.counters, &starts, level);
            return (id, level);
        }
        let id = self.allocate_id();
        let mut starts = [1; LEVELS];
        for (start, part) in starts.iter_mut().zip(&wanted) {
            *start = *part;
        }
        self.instances.push((id, starts));
        self.counters = [None; LEVELS];
        advance(&mut self.counters, &starts, level);
        (id, level)
    }

    /// Add the house abstract numbering and every instance used.
    pub fn register(&self, mut docx: Docx) -> Docx {
        docx = docx.add_abstract_numbering(house_abstract());
        for (id, starts) in &self.instances {
            let mut numbering = Numbering::new(*id, HOUSE_ABSTRACT);
            for (level, start) in starts.iter().enumerate() {
                numbering =
                    numbering.add_override(LevelOverride::new(level).start(*start as usize));
            }
            docx = docx.add_numbering(numbering);
        }
        docx
    }
}

/// What Word would print for a paragraph at `level` if the current instance continued.
fn predict(counters: &[Option<u32>; LEVELS], starts: &[u32; LEVELS], level: usize) -> Vec<u32> {
    let mut next = *counters;
    advance(&mut next, starts, level);
    (0..=level).map(|l| next[l].unwrap_or(starts[l])).collect()
}

/// Word's rule: the level counts on; every deeper level starts again.
fn advance(counters: &mut [Option<u32>; LEVELS], starts: &[u32; LEVELS], level: usize) {
    counters[level] = Some(counters[level].map_or(starts[level], |count| count + 1));
    for deeper in counters.iter_mut().skip(level + 1) {
        *deeper = None;
    }
}

/// "1." / "2.1" / "3.2.1", hanging in the number column.
fn house_abstract() -> AbstractNumbering {
    let level = |index: usize, text: &str, column: i32| {
        Level::new(
            index,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(column),
            Some(SpecialIndentType::Hanging(column)),
            None,
            None,
        )
    };
    AbstractNumbering::new(HOUSE_ABSTRACT)
        .add_level(level(0, "%1.", super::NUMBER_COLUMN))
        .add_level(level(1, "%1.%2", super::NUMBER_COLUMN))
        .add_level(level(2, "%1.%2.%3", super::WIDE_NUMBER_COLUMN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continues_while_word_would_print_the_right_number() {
        let mut numbering = HouseNumbering::new();
        let first = numbering.place(&[1]);
        assert_eq!(numbering.place(&[1, 1]), (first.0, 1));
        assert_eq!(numbering.place(&[1, 2]), (first.0, 1));
        assert_eq!(numbering.place(&[2]), (first.0, 0));
        assert_eq!(numbering.place(&[2, 1]), (first.0, 1));
        assert_eq!(numbering.place(&[2, 1, 1]), (first.0, 2));
        assert_eq!(numbering.instances.len(), 1);
    }

    #[test]
    fn restarts_with_overrides_for_numbers_set_by_hand() {
        let mut numbering = HouseNumbering::new();
        let first = numbering.place(&[2]);
        numbering.place(&[2, 1]);
        numbering.place(&[2, 2]);
        // The author skipped 2.3.
        let skipped = numbering.place(&[2, 4]);
        assert_ne!(skipped.0, first.0);
        assert_eq!(numbering.instances.last().unwrap().1, [2, 4, 1]);
        // And the count goes on from there.
        assert_eq!(numbering.place(&[2, 5]).0, skipped.0);
        // Level 0 of the new instance was never used, so Word would print its start (2):
        // section 3 needs an instance of its own.
        let next_section = numbering.place(&[3]);
        assert_ne!(next_section.0, skipped.0);
        assert_eq!(numbering.instances.last().unwrap().1, [3, 1, 1]);
    }

    #[test]
    fn a_second_list_starting_again_gets_its_own_instance() {
        let mut numbering = HouseNumbering::new();
        numbering.place(&[1, 1]);
        numbering.place(&[2, 1]);
        let body = numbering.place(&[1]);
        assert_eq!(numbering.instances.last().unwrap(), &(body.0, [1, 1, 1]));
    }
}
