//! A canonical byte encoding of any `Serialize` value, hashed with FNV-1a 64: what
//! `Cluster::state_hash` uses to compare whole cluster states.
//!
//! JSON itself cannot be used as is: the store's maps are keyed by structs (`Key`) and tuples,
//! which JSON objects cannot hold. The encoding here is JSON-like but typed and
//! length-prefixed, so it is unambiguous, and every map's entries are sorted by their encoded
//! key, so the result does not depend on a map's iteration order (BTreeMap, insertion-ordered
//! YAML/JSON values alike).

use serde::ser::{self, Serialize};
use std::fmt;

/// FNV-1a, 64 bits.
pub fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The canonical encoding of `v`.
pub fn canonical_bytes<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
    let mut e = Enc { out: Vec::new() };
    // Our serializer never fails; a failing Serialize impl would only lose its part.
    let _ = v.serialize(&mut e);
    e.out
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Enc {
    out: Vec<u8>,
}

impl Enc {
    fn int(&mut self, v: i128) {
        self.out.push(b'i');
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.out.push(b's');
        self.out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        self.out.extend_from_slice(s.as_bytes());
    }
}

/// A map's entries, sorted by encoded key when the map ends.
struct MapEnc<'a> {
    parent: &'a mut Enc,
    entries: Vec<(Vec<u8>, Vec<u8>)>,
    key: Vec<u8>,
}

impl<'a> ser::Serializer for &'a mut Enc {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = MapEnc<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(&[b'b', v as u8]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.int(v as i128);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.out.push(b'I');
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(b'f');
        self.out.extend_from_slice(&v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.out.push(b'y');
        self.out.extend_from_slice(&(v.len() as u64).to_le_bytes());
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(b'n');
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        self.out.push(b'S');
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push(b'u');
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.out.push(b'v');
        self.str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _name: &'static str, _index: u32, variant: &'static str, v: &T) -> Result<(), Error> {
        self.out.push(b'V');
        self.str(variant);
        v.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.out.push(b'[');
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, len: usize) -> Result<Self, Error> {
        self.out.push(b'V');
        self.str(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapEnc<'a>, Error> {
        Ok(MapEnc { parent: self, entries: Vec::new(), key: Vec::new() })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.out.push(b'(');
        Ok(self)
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, len: usize) -> Result<Self, Error> {
        self.out.push(b'V');
        self.str(variant);
        self.serialize_struct(variant, len)
    }
}

impl ser::SerializeSeq for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b']');
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T) -> Result<(), Error> {
        self.str(name);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b')');
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Enc {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, v: &T) -> Result<(), Error> {
        self.str(name);
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.out.push(b')');
        Ok(())
    }
}

impl ser::SerializeMap for MapEnc<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Error> {
        self.key = canonical_bytes(k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let k = std::mem::take(&mut self.key);
        self.entries.push((k, canonical_bytes(v)));
        Ok(())
    }
    fn end(mut self) -> Result<(), Error> {
        crate::runtime::sort::natural(&mut self.entries);
        let out = &mut self.parent.out;
        out.push(b'{');
        for (k, v) in &self.entries {
            out.extend_from_slice(k);
            out.extend_from_slice(v);
        }
        out.push(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn fnv1a64_reference_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn map_order_does_not_matter_but_content_does() {
        let mut a = HashMap::new();
        let mut b = HashMap::new();
        for i in 0..50 {
            a.insert((i, format!("k{i}")), i * 2);
        }
        for i in (0..50).rev() {
            b.insert((i, format!("k{i}")), i * 2);
        }
        assert_eq!(canonical_bytes(&a), canonical_bytes(&b));
        let sorted: BTreeMap<_, _> = a.clone().into_iter().collect();
        assert_eq!(canonical_bytes(&a), canonical_bytes(&sorted));
        b.insert((7, "k7".into()), 0);
        assert_ne!(canonical_bytes(&a), canonical_bytes(&b));
    }

    #[test]
    fn encoding_is_unambiguous_across_boundaries() {
        assert_ne!(canonical_bytes(&("ab", "c")), canonical_bytes(&("a", "bc")));
        assert_ne!(canonical_bytes(&vec![Some(1)]), canonical_bytes(&vec![1]));
        assert_ne!(canonical_bytes(&Vec::<u8>::new()), canonical_bytes(&()));
    }
}
