//! Scalars as the typed reader resolves them: null, bool, ints in their radixes, floats,
//! by the type asked for and the way the scalar is written.

use crate::manifest::yaml_tree::*;
use serde::de::{self, Unexpected, Visitor};

// ------------------------------------------------------------------------------ scalars

/// A scalar as the value a visitor is handed.
pub(crate) enum Sc<'a> {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    F64(f64),
    Str(&'a str),
}

pub(crate) fn parse_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

pub(crate) fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

pub(crate) type Radix<T> = fn(&str, u32) -> Result<T, std::num::ParseIntError>;

pub(crate) fn parse_unsigned_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    let unpositive = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from(rest, radix) {
                return Some(i);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    from(unpositive, 10).ok()
}

pub(crate) fn parse_signed_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    let unpositive = if let Some(u) = s.strip_prefix('+') {
        if u.starts_with(['+', '-']) {
            return None;
        }
        u
    } else {
        s
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(i) = from(rest, radix) {
                return Some(i);
            }
        }
        if let Some(rest) = s.strip_prefix('-').and_then(|r| r.strip_prefix(prefix)) {
            if let Ok(i) = from(&format!("-{rest}"), radix) {
                return Some(i);
            }
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    from(unpositive, 10).ok()
}

pub(crate) fn parse_negative_int<T>(s: &str, from: Radix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if let Ok(i) = from(&format!("-{rest}"), radix) {
                return Some(i);
            }
        }
    }
    if digits_but_not_number(s) {
        return None;
    }
    from(s, 10).ok()
}

pub(crate) fn parse_f64(s: &str) -> Option<f64> {
    let unpositive = if let Some(u) = s.strip_prefix('+') {
        if u.starts_with(['+', '-']) {
            return None;
        }
        u
    } else {
        s
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = s {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = s {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

pub(crate) fn int(s: &str) -> Option<Sc<'_>> {
    if let Some(i) = parse_unsigned_int(s, u64::from_str_radix) {
        return Some(Sc::U64(i));
    }
    if let Some(i) = parse_negative_int(s, i64::from_str_radix) {
        return Some(Sc::I64(i));
    }
    if let Some(i) = parse_unsigned_int(s, u128::from_str_radix) {
        return Some(Sc::U128(i));
    }
    parse_negative_int(s, i128::from_str_radix).map(Sc::I128)
}

/// What a scalar hands to a visitor that takes anything (serde_yaml's `visit_scalar`).
pub(crate) fn resolve<'a>(value: &'a str, style: Style, tag: Option<&str>) -> Result<Sc<'a>, Error> {
    if let Some(tag) = tag {
        if tag == TAG_BOOL {
            return parse_bool(value).map(Sc::Bool).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"a boolean"));
        } else if tag == TAG_INT {
            return int(value).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"an integer"));
        } else if tag == TAG_FLOAT {
            return parse_f64(value).map(Sc::F64).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(value), &"a float"));
        } else if tag == TAG_NULL {
            return if parse_null(value) { Ok(Sc::Unit) } else { Err(de::Error::invalid_value(Unexpected::Str(value), &"null")) };
        } else if !(tag.starts_with('!') && style == Style::Plain) {
            return Ok(Sc::Str(value));
        }
    } else if style != Style::Plain {
        return Ok(Sc::Str(value));
    }
    if value.is_empty() || parse_null(value) {
        return Ok(Sc::Unit);
    }
    if let Some(b) = parse_bool(value) {
        return Ok(Sc::Bool(b));
    }
    if let Some(i) = int(value) {
        return Ok(i);
    }
    if !digits_but_not_number(value) {
        if let Some(f) = parse_f64(value) {
            return Ok(Sc::F64(f));
        }
    }
    Ok(Sc::Str(value))
}

pub(crate) fn visit_sc<'de, V: Visitor<'de>>(v: V, sc: Sc<'_>) -> Result<V::Value, Error> {
    match sc {
        Sc::Unit => v.visit_unit(),
        Sc::Bool(b) => v.visit_bool(b),
        Sc::U64(i) => v.visit_u64(i),
        Sc::I64(i) => v.visit_i64(i),
        Sc::U128(i) => v.visit_u128(i),
        Sc::I128(i) => v.visit_i128(i),
        Sc::F64(f) => v.visit_f64(f),
        Sc::Str(s) => v.visit_str(s),
    }
}

