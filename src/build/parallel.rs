//! Independent work on every core: meetings and papers built at once, their results kept in the
//! order they were given, so output and messages never depend on which finished first.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `work` done on each of `items`, on as many threads as the machine has cores (and no more
/// than there are items), each taking the next item when it finishes one so that long and short
/// items balance. The results are in the items' order; an item whose work panicked gives `None`.
pub fn in_order<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(items.len());
    if threads <= 1 {
        return items
            .iter()
            .map(|item| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item))).ok())
            .collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut finished = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        // One item's panic is that item's failure, not the whole run's.
                        if let Ok(result) =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)))
                        {
                            finished.push((index, result));
                        }
                    }
                    finished
                })
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    for (index, result) in done.into_iter().flatten() {
        results[index] = Some(result);
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..40).collect();
        let results = in_order(&items, |item| {
            // Early items take longest.
            std::thread::sleep(std::time::Duration::from_millis(40 - item));
            item * 2
        });
        let expected: Vec<Option<u64>> = items.iter().map(|item| Some(item * 2)).collect();
        assert_eq!(results, expected);
    }

    #[test]
    fn a_panicking_item_fails_alone() {
        let items = [1, 2, 3];
        let results = in_order(&items, |item| {
            assert_ne!(*item, 2, "a bug met on one item");
            *item
        });
        assert_eq!(results, [Some(1), None, Some(3)]);
    }
}
