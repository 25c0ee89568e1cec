//! `resource.Quantity`: `5Gi`, `500Mi`, `1e3`, `1G`, `100m`. Parsed into an exact number of
//! milli-units so quantities compare exactly, and printed back in the API server's canonical
//! form (`1024Mi` → `1Gi`, `1000M` → `1G`, `0.5Gi` → `512Mi`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// How a quantity was written; the canonical form keeps the family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, `Gi`, … (powers of 1024)
    BinarySI,
    /// `m`, (none), `k`, `M`, `G`, … (powers of 1000)
    DecimalSI,
    /// `1e3`, `5E6`
    DecimalExponent,
}

/// A quantity as written in a manifest. Kept as text (what `kubectl get -o yaml` prints);
/// compare with [`Quantity::milli`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Quantity(pub String);

impl Quantity {
    pub fn new(s: &str) -> Quantity {
        Quantity(s.to_string())
    }
    /// The value in thousandths of a unit, or `None` when the text is not a quantity.
    pub fn milli(&self) -> Option<i128> {
        parse(&self.0).ok().map(|(v, _)| v)
    }
    /// The API server's canonical spelling (the input when it does not parse).
    pub fn canonical(&self) -> String {
        match parse(&self.0) {
            Ok((v, f)) => canonical(v, f),
            Err(_) => self.0.clone(),
        }
    }
    /// Compares two quantities by value (unparseable ones compare as zero).
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.milli().unwrap_or(0).cmp(&other.milli().unwrap_or(0))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Quantity, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            F(f64),
        }
        let text = match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(i) => i.to_string(),
            Raw::F(f) => format!("{f}"),
        };
        parse(&text).map_err(serde::de::Error::custom)?;
        Ok(Quantity(text))
    }
}

const BINARY: &[(&str, u32)] = &[("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)];
const DECIMAL: &[(&str, i32)] = &[("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];

fn bad(s: &str) -> String {
    format!("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got {s:?})")
}

/// Parses a quantity into milli-units (rounded up to a whole milli-unit, as the API server
/// rounds) and the format family it was written in.
pub fn parse(s: &str) -> Result<(i128, Format), String> {
    let t = s.trim();
    if t.is_empty() || t != s {
        return Err(bad(s));
    }
    let (neg, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let num_end = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
    let (num, suffix) = body.split_at(num_end);
    if num.is_empty() || num == "." || num.matches('.').count() > 1 {
        return Err(bad(s));
    }
    let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.len() > 30 {
        return Err(bad(s));
    }
    let mantissa: i128 = digits.parse().map_err(|_| bad(s))?;
    let frac_len = frac_part.len() as i32;
    // value = mantissa * 10^(exp10 - frac_len) * 2^exp2, in units; we want milli-units.
    let (exp10, exp2, format) = if let Some((_, p)) = BINARY.iter().find(|(n, _)| *n == suffix) {
        (0i32, *p, Format::BinarySI)
    } else if let Some((_, e)) = DECIMAL.iter().find(|(n, _)| *n == suffix) {
        (*e, 0, Format::DecimalSI)
    } else if let Some(e) = suffix.strip_prefix(['e', 'E']) {
        let e: i32 = e.parse().map_err(|_| bad(s))?;
        if e.abs() > 30 {
            return Err(bad(s));
        }
        (e, 0, Format::DecimalExponent)
    } else {
        return Err(bad(s));
    };
    let too_big = || format!("quantity {s:?} is too large");
    let mut v = mantissa.checked_mul(1i128 << exp2).ok_or_else(too_big)?;
    let shift = exp10 + 3 - frac_len;
    if shift >= 0 {
        v = v.checked_mul(10i128.checked_pow(shift as u32).ok_or_else(too_big)?).ok_or_else(too_big)?;
    } else {
        let d = 10i128.checked_pow((-shift) as u32).ok_or_else(too_big)?;
        v = (v + d - 1) / d; // round up to a whole milli-unit
    }
    Ok((if neg { -v } else { v }, format))
}

/// The canonical text of a value in milli-units.
pub fn canonical(milli: i128, format: Format) -> String {
    if milli == 0 {
        return "0".into();
    }
    let sign = if milli < 0 { "-" } else { "" };
    let m = milli.abs();
    if format == Format::BinarySI && m % 1000 == 0 {
        let units = m / 1000;
        // The largest binary suffix that leaves a whole number; below 1Ki plain decimal.
        for (name, p) in BINARY.iter().rev() {
            if units % (1i128 << p) == 0 {
                return format!("{sign}{}{name}", units >> p);
            }
        }
        return format!("{sign}{units}");
    }
    // Decimal: the largest power-of-1000 exponent that leaves a whole number.
    let mut best = (-3i32, m);
    for e in [0i32, 3, 6, 9, 12, 15, 18] {
        let d = 10i128.pow((e + 3) as u32);
        if m % d == 0 {
            best = (e, m / d);
        }
    }
    let (e, v) = best;
    if format == Format::DecimalExponent {
        return if e == 0 { format!("{sign}{v}") } else { format!("{sign}{v}e{e}") };
    }
    let name = DECIMAL.iter().find(|(_, x)| *x == e).map(|(n, _)| *n).unwrap_or("");
    format!("{sign}{v}{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> i128 {
        parse(s).unwrap().0
    }

    #[test]
    fn parses_the_common_forms() {
        assert_eq!(m("5Gi"), 5 * (1 << 30) * 1000);
        assert_eq!(m("500Mi"), 500 * (1 << 20) * 1000);
        assert_eq!(m("1e3"), 1_000_000);
        assert_eq!(m("1G"), 1_000_000_000_000);
        assert_eq!(m("100m"), 100);
        assert_eq!(m("1.5Gi"), 3 * (1 << 29) * 1000);
        assert_eq!(m("0.1m"), 1, "rounded up to a whole milli-unit");
        assert_eq!(m("-2k"), -2_000_000);
        assert_eq!(m("1E"), 10i128.pow(21));
    }

    #[test]
    fn rejects_garbage() {
        for s in ["", "Gi", "1GB", "1.2.3", "abc", " 1Gi", "1e", "5gi"] {
            assert!(parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn compares_across_units() {
        let q = |s: &str| Quantity::new(s);
        assert_eq!(q("1Gi").cmp_value(&q("1024Mi")), Ordering::Equal);
        assert_eq!(q("1G").cmp_value(&q("1Gi")), Ordering::Less);
        assert_eq!(q("2Gi").cmp_value(&q("1Gi")), Ordering::Greater);
        assert_eq!(q("1e3").cmp_value(&q("1k")), Ordering::Equal);
    }

    #[test]
    fn canonical_forms() {
        let c = |s: &str| Quantity::new(s).canonical();
        assert_eq!(c("1Gi"), "1Gi");
        assert_eq!(c("1024Mi"), "1Gi");
        assert_eq!(c("1536Mi"), "1536Mi");
        assert_eq!(c("0.5Gi"), "512Mi");
        assert_eq!(c("1000M"), "1G");
        assert_eq!(c("1500M"), "1500M");
        assert_eq!(c("1e3"), "1e3");
        assert_eq!(c("100m"), "100m");
        assert_eq!(c("0.5"), "500m");
        assert_eq!(c("10"), "10");
        assert_eq!(c("0Gi"), "0");
    }

    #[test]
    fn reads_numbers_and_strings_from_yaml() {
        let q: Quantity = serde_yaml::from_str("5Gi").unwrap();
        assert_eq!(q.0, "5Gi");
        let q: Quantity = serde_yaml::from_str("1073741824").unwrap();
        assert_eq!(q.canonical(), "1073741824");
        assert!(serde_yaml::from_str::<Quantity>("lots").is_err());
    }
}
