//! Word numbering that prints exactly the model's numbers: "1.", "2.1", "3.2.1", or set by hand.
//!
//! Each list instance gets its own abstract numbering. Where a new instance starts below the top
//! level (a summary's "1.1", a hand-set "3.1.1"), the parts above its counting level are written
//! into the level text literally ("3.1.%3"): applications disagree on what an unused upper level
//! prints, so no number ever depends on one.

use docx_rs::{
    AbstractNumbering, Docx, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering,
    SpecialIndentType, Start,
};

/// Bullets for Markdown lists (docx-rs's built-in numbering uses id 1, so ours start at 2).
pub const LIST_BULLET_ABSTRACT: usize = 2;
/// Numbers for Markdown numbered lists.
pub const LIST_ORDERED_ABSTRACT: usize = 3;
/// The one numbering instance all bullet lists share.
pub const BULLET_NUM: usize = 2;
const FIRST_FREE_ID: usize = 4;
const LEVELS: usize = 3;

/// One part of a level's printed number: a fixed number, or the counter of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Literal(u32),
    Counter(usize),
}

/// A list instance: for each level, its start value, what it prints and whether a full stop
/// follows ("2.1." set by hand, where the house style prints "2.1").
#[derive(Debug, Clone, PartialEq, Eq)]
struct Instance {
    id: usize,
    starts: [u32; LEVELS],
    texts: [Vec<Part>; LEVELS],
    stops: [bool; LEVELS],
}

/// The house style: a full stop after a section number ("1."), none after deeper ones ("1.1").
fn house_stop(level: usize) -> bool {
    level == 0
}

/// Simulates the list counters so each paragraph continues the current instance when that gives
/// the right number, and starts a new instance when it does not.
pub struct HouseNumbering {
    next_id: usize,
    instances: Vec<Instance>,
    /// Counters of the current instance; `None` = level not used yet.
    counters: [Option<u32>; LEVELS],
}

impl Default for HouseNumbering {
    fn default() -> Self {
        Self::new()
    }
}

impl HouseNumbering {
    /// No instances yet.
    pub fn new() -> Self {
        HouseNumbering {
            next_id: FIRST_FREE_ID,
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

    /// The (numbering id, level) that makes Word print `parts`, followed by a full stop if
    /// `stop`.
    pub fn place(&mut self, parts: &[u32], stop: bool) -> (usize, usize) {
        // A number with no parts is numbered as 1, rather than indexing past its end.
        let parts = if parts.is_empty() { &[1][..] } else { parts };
        let level = parts.len().clamp(1, LEVELS) - 1;
        let wanted = &parts[..=level];
        if let Some(instance) = self.instances.last() {
            let mut next = self.counters;
            advance(&mut next, &instance.starts, level);
            if instance.stops[level] == stop
                && printed(&instance.texts[level], &next).as_deref() == Some(wanted)
            {
                self.counters = next;
                return (instance.id, level);
            }
        }
        let instance = Instance {
            id: self.allocate_id(),
            starts: std::array::from_fn(|l| if l == level { wanted[l] } else { 1 }),
            texts: std::array::from_fn(|l| {
                if l < level {
                    (0..=l).map(Part::Counter).collect()
                } else {
                    // The parts above the new instance's level are fixed text.
                    let fixed = wanted[..level].iter().map(|n| Part::Literal(*n));
                    fixed.chain((level..=l).map(Part::Counter)).collect()
                }
            }),
            stops: std::array::from_fn(|l| if l == level { stop } else { house_stop(l) }),
        };
        self.counters = [None; LEVELS];
        advance(&mut self.counters, &instance.starts, level);
        let id = instance.id;
        self.instances.push(instance);
        (id, level)
    }

    /// Add an abstract numbering and a numbering instance for every instance used.
    pub fn register(&self, mut docx: Docx) -> Docx {
        for instance in &self.instances {
            let mut abstract_numbering = AbstractNumbering::new(instance.id);
            for level in 0..LEVELS {
                abstract_numbering = abstract_numbering.add_level(house_level(
                    level,
                    instance.starts[level],
                    &level_text(&instance.texts[level], instance.stops[level]),
                ));
            }
            // The start is also given as an override: LibreOffice otherwise carries a level's
            // count over from an earlier list.
            let mut numbering = Numbering::new(instance.id, instance.id);
            for (level, start) in instance.starts.iter().enumerate() {
                numbering =
                    numbering.add_override(LevelOverride::new(level).start(*start as usize));
            }
            docx = docx
                .add_abstract_numbering(abstract_numbering)
                .add_numbering(numbering);
        }
        docx
    }
}

/// The number a level prints with these counters, or `None` if it would read an unused counter.
fn printed(text: &[Part], counters: &[Option<u32>; LEVELS]) -> Option<Vec<u32>> {
    text.iter()
        .map(|part| match part {
            Part::Literal(n) => Some(*n),
            Part::Counter(level) => counters[*level],
        })
        .collect()
}

/// The list rule: the level counts on; every deeper level starts again. An upper level not yet
/// used counts as used at its start value (LibreOffice then prints start + 1 for the next item
/// there), so the simulation never continues a list where applications could disagree.
fn advance(counters: &mut [Option<u32>; LEVELS], starts: &[u32; LEVELS], level: usize) {
    for upper in 0..level {
        counters[upper].get_or_insert(starts[upper]);
    }
    counters[level] = Some(counters[level].map_or(starts[level], |count| count + 1));
    for deeper in counters.iter_mut().skip(level + 1) {
        *deeper = None;
    }
}

/// Word's level text: `%1.` for a section, `%1.%2`, `3.1.%3` below it (`%1.%2.` with a stop).
fn level_text(parts: &[Part], stop: bool) -> String {
    let text: Vec<String> = parts
        .iter()
        .map(|part| match part {
            Part::Literal(n) => n.to_string(),
            Part::Counter(level) => format!("%{}", level + 1),
        })
        .collect();
    let joined = text.join(".");
    if stop { format!("{joined}.") } else { joined }
}

/// One level, hanging in the number column.
fn house_level(index: usize, start: u32, text: &str) -> Level {
    let column = if index >= 2 {
        super::WIDE_NUMBER_COLUMN
    } else {
        super::NUMBER_COLUMN
    };
    Level::new(
        index,
        Start::new(start as usize),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each placed number prints, by replaying the instances' level texts.
    fn print_all(numbers: &[&[u32]]) -> (Vec<String>, usize) {
        let mut numbering = HouseNumbering::new();
        let mut counters: std::collections::HashMap<usize, [Option<u32>; LEVELS]> =
            Default::default();
        let mut printed_numbers = Vec::new();
        for parts in numbers {
            let (id, level) = numbering.place(parts, house_stop(parts.len() - 1));
            let instance = numbering.instances.iter().find(|i| i.id == id).unwrap();
            let state = counters.entry(id).or_insert([None; LEVELS]);
            advance(state, &instance.starts, level);
            let shown = printed(&instance.texts[level], state).expect("no unused counter");
            printed_numbers.push(
                shown
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join("."),
            );
        }
        (printed_numbers, numbering.instances.len())
    }

    #[test]
    fn a_plain_report_is_one_list() {
        let (printed, instances) = print_all(&[
            &[1],
            &[1, 1],
            &[2],
            &[2, 1],
            &[2, 2],
            &[2, 2, 1],
            &[3],
            &[3, 1],
        ]);
        assert_eq!(
            printed,
            ["1", "1.1", "2", "2.1", "2.2", "2.2.1", "3", "3.1"]
        );
        assert_eq!(instances, 1);
    }

    #[test]
    fn numbers_set_by_hand_print_as_set() {
        let numbers: &[&[u32]] = &[
            &[1, 1],
            &[2, 1], // front page: summary 1.1, recommendations 2.1
            &[2],
            &[2, 1],
            &[2, 2],
            &[2, 4],
            &[2, 5], // 2.3 skipped by the author
            &[3],
            &[3, 9],
            &[3, 9, 4],
            &[3, 1, 1],
            &[3, 2],
            &[3, 2, 1],
            &[4],
        ];
        let (printed, _) = print_all(numbers);
        let expected: Vec<String> = numbers
            .iter()
            .map(|parts| {
                parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(".")
            })
            .collect();
        assert_eq!(printed, expected);
    }

    #[test]
    fn level_texts_fix_the_parts_above_a_new_instance() {
        assert_eq!(level_text(&[Part::Counter(0)], true), "%1.");
        assert_eq!(
            level_text(&[Part::Counter(0), Part::Counter(1)], false),
            "%1.%2"
        );
        assert_eq!(
            level_text(
                &[Part::Literal(3), Part::Literal(1), Part::Counter(2)],
                false
            ),
            "3.1.%3"
        );
    }

    #[test]
    fn a_stop_set_by_hand_is_kept() {
        // "2." then "2.1." (as published), then "2.2" in the house style.
        let mut numbering = HouseNumbering::new();
        let (first, _) = numbering.place(&[2], true);
        let (dotted, level) = numbering.place(&[2, 1], true);
        assert_ne!(
            first, dotted,
            "a stop the house style lacks needs its own instance"
        );
        let instance = numbering.instances.iter().find(|i| i.id == dotted).unwrap();
        assert_eq!(
            level_text(&instance.texts[level], instance.stops[level]),
            "2.%2."
        );
        let (plain, _) = numbering.place(&[2, 2], false);
        assert_ne!(plain, dotted);
    }
}
