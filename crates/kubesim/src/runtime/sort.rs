//! Stable sorting with one sorting routine for the whole program.
//!
//! The standard library's `sort_by` is compiled anew for every element type and comparator:
//! three to four functions, about 3 KB of WebAssembly, per call site. Here only a small
//! permutation is generic: the indices are sorted by one routine that calls the comparator
//! through a reference, and the elements are then moved into place. The result is the same
//! as `slice::sort_by`'s: a stable sort (equal elements keep their order).

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `f` gives, as `v.sort_by_key(f)` does.
pub fn by_key<T, K: Ord>(v: &mut [T], f: impl Fn(&T) -> K) {
    by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` stably in its natural order, as `v.sort()` does.
pub fn natural<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts the element first at `order[i]` at `i`, for every `i`, by walking each cycle of the
/// permutation with swaps (`order` is spent doing it).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unnecessary_sort_by)]
    fn sorts_as_the_standard_library_does_and_keeps_ties_in_order() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..60 {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 5) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = v.clone();
            theirs.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, theirs, "length {len}");
            let mut keyed = v.clone();
            by_key(&mut keyed, |x| std::cmp::Reverse(x.0));
            let mut theirs = v.clone();
            theirs.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(keyed, theirs);
            let mut plain = v.clone();
            natural(&mut plain);
            let mut theirs = v;
            theirs.sort();
            assert_eq!(plain, theirs);
        }
    }
}
