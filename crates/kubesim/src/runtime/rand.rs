//! The simulator's one source of randomness: a seeded SplitMix64 generator. The same seed
//! gives the same sequence on every platform (native and wasm alike).

use serde::{Deserialize, Serialize};

/// Alphabet of `generateName` suffixes (apimachinery `util/rand`): no vowels, no 0, 1, 3.
pub const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng { state: seed ^ 0x9E37_79B9_7F4A_7C15 }
    }
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Rejection sampling keeps the distribution exact.
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let v = self.next_u64();
            if v < zone {
                return v % n;
            }
        }
    }
    /// Five characters from the `generateName` alphabet.
    pub fn name_suffix(&mut self) -> String {
        (0..5)
            .map(|_| NAME_ALPHABET[self.below(NAME_ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
    /// A version-4-shaped UUID.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            (a >> 32) as u32,
            (a >> 16) as u16,
            (a as u16) & 0x0fff,
            ((b >> 48) as u16 & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }
}

/// FNV-1a, 32 bits: the hash `controller.ComputeHash` uses for template hashes.
pub fn fnv32a(data: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in data {
        h ^= *b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `rand.SafeEncodeString` of the decimal form of a hash: each digit mapped into the
/// 27-symbol alphabet, so template hashes only use `4 5 6 7 8 9 b c d f`.
pub fn safe_encode_hash(h: u32) -> String {
    h.to_string()
        .bytes()
        .map(|c| NAME_ALPHABET[(c as usize) % NAME_ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_names() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.name_suffix(), b.name_suffix());
        }
        let mut c = Rng::new(8);
        assert_ne!(Rng::new(7).name_suffix(), c.name_suffix());
    }

    #[test]
    fn suffixes_use_the_alphabet() {
        let mut r = Rng::new(1);
        for _ in 0..200 {
            let s = r.name_suffix();
            assert_eq!(s.len(), 5);
            assert!(s.bytes().all(|c| NAME_ALPHABET.contains(&c)), "{s}");
        }
    }

    #[test]
    fn hashes_use_ten_characters() {
        for i in 0..100u32 {
            let h = safe_encode_hash(fnv32a(&i.to_le_bytes()));
            assert!(h.chars().all(|c| "456789bcdf".contains(c)), "{h}");
            assert!(!h.is_empty() && h.len() <= 10);
        }
    }
}
