//! The deserializer over a read tree: `De`, with serde_yaml's rules for each requested
//! type, and the sequence, map and enum accessors.

use crate::manifest::yaml_tree::*;
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use std::fmt;

// ------------------------------------------------------------------------------ the deserializer

/// Decodes one node of a tree.
pub(crate) struct De<'t, 'p> {
    pub(crate) tree: &'t Tree,
    pub(crate) node: usize,
    pub(crate) path: Path<'p>,
    pub(crate) depth: usize,
    /// Read as the content of a `!tag` already (serde_yaml's `tagged_already`): tags are
    /// not looked at again.
    pub(crate) tagged: bool,
}

/// Why a text did not decode: the reader refused it (serde_yaml's error, with its wording
/// and position), or the typed decoding did.
#[derive(Debug)]
pub enum ReadError {
    Syntax(crate::manifest::yaml_check::ReadFail),
    Decode(Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReadError::Syntax(e) => write!(f, "{e}"),
            ReadError::Decode(e) => match e.location() {
                (0, _) => f.write_str(&e.message()),
                (line, column) => write!(f, "{} at line {line} column {column}", e.message()),
            },
        }
    }
}

/// Typed decoding of a whole YAML text (one document) through this decoder, for data other
/// than manifests (a stored state, preferences, a patch). The text is read once into a
/// tree, checked as serde_yaml checks what it reads (syntax errors, alias bombs, the
/// nesting limit, a second document), then decoded from that tree.
pub(crate) fn read_checked<T: de::DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    use crate::manifest::yaml_check::{check, ReadFail};
    let mut reader = Reader::new(text);
    let read = reader.next_read().ok_or_else(|| ReadError::Decode(<Error as de::Error>::custom("unreadable document")))?;
    let tree = check(read).map_err(ReadError::Syntax)?;
    if reader.more() {
        return Err(ReadError::Syntax(ReadFail::more_than_one_document()));
    }
    from_tree(&tree).map_err(ReadError::Decode)
}

/// [`read_checked`] with the error as text (serde_yaml's wording).
pub fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T, String> {
    read_checked(text).map_err(|e| e.to_string())
}

/// Decodes the whole document.
pub(crate) fn from_tree<T: de::DeserializeOwned>(tree: &Tree) -> Result<T, Error> {
    from_node(tree, tree.root)
}

/// Decodes one node of a tree as if it were a document's root (a `List` item).
pub(crate) fn from_node<T: de::DeserializeOwned>(tree: &Tree, node: usize) -> Result<T, Error> {
    T::deserialize(De { tree, node, path: Path::Root, depth: MAX_DEPTH, tagged: false })
}

/// What a request for one kind of value finds in the node.
pub(crate) enum Found<'t> {
    Sc(Sc<'t>),
    Seq(&'t [usize]),
    Map(&'t [(usize, usize)]),
    /// An empty plain scalar where a list or map is wanted: an empty one.
    Empty,
    Invalid,
}

#[derive(Clone, Copy)]
pub(crate) enum Want {
    Bool,
    I64,
    I128,
    U64,
    U128,
    F64,
    Str,
    Seq,
    Map,
    Unit,
}

impl<'t, 'p> De<'t, 'p> {
    fn n(&self) -> &'t Node {
        &self.tree.nodes[self.node]
    }

    fn tag(&self) -> Option<&'t str> {
        if self.tagged { None } else { self.n().tag.as_deref() }
    }

    /// serde_yaml's `fix_mark`: the innermost node claims an error that has no position.
    #[inline(never)]
    fn fix(&self, mut e: Error) -> Error {
        if e.0.at.is_none() {
            let n = self.n();
            e.0.at = Some((n.line, n.column, self.path.to_string()));
        }
        e
    }

    fn fixed<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        match r {
            Ok(v) => Ok(v),
            Err(e) => Err(self.fix(e)),
        }
    }

    /// What serde_yaml's typed reader finds in this node for a request of `want`.
    #[inline(never)]
    fn find(&self, want: Want) -> Found<'t> {
        let n = self.n();
        let tag = self.tag();
        match (&n.kind, want) {
            (Kind::Seq(items), Want::Seq) => Found::Seq(items),
            (Kind::Map(entries), Want::Map) => Found::Map(entries),
            (Kind::Scalar(v, Style::Plain), Want::Seq | Want::Map) if v.is_empty() => Found::Empty,
            (Kind::Scalar(v, _), Want::Str) => Found::Sc(Sc::Str(v)),
            (Kind::Scalar(v, style), Want::Unit) => {
                let null = *style == Style::Plain && match tag {
                    Some(t) => t == TAG_NULL && parse_null(v),
                    None => v.is_empty() || parse_null(v),
                };
                if null { Found::Sc(Sc::Unit) } else { Found::Invalid }
            }
            (Kind::Scalar(v, style), _) => {
                let plain_or_literal = |t: &str| *style == Style::Plain || (*style == Style::Literal && tag == Some(t));
                let sc = match want {
                    Want::Bool if plain_or_literal(TAG_BOOL) => parse_bool(v).map(Sc::Bool),
                    Want::I64 if plain_or_literal(TAG_INT) => parse_signed_int(v, i64::from_str_radix).map(Sc::I64),
                    Want::I128 if plain_or_literal(TAG_INT) => parse_signed_int(v, i128::from_str_radix).map(Sc::I128),
                    Want::U64 if plain_or_literal(TAG_INT) => parse_unsigned_int(v, u64::from_str_radix).map(Sc::U64),
                    Want::U128 if plain_or_literal(TAG_INT) => parse_unsigned_int(v, u128::from_str_radix).map(Sc::U128),
                    Want::F64 if plain_or_literal(TAG_FLOAT) => parse_f64(v).map(Sc::F64),
                    _ => None,
                };
                sc.map_or(Found::Invalid, Found::Sc)
            }
            _ => Found::Invalid,
        }
    }

    /// serde_yaml's `invalid_type`: what the node holds, in serde's wording.
    #[inline(never)]
    fn invalid_type(&self, exp: &dyn Expected) -> Error {
        match &self.n().kind {
            Kind::Seq(_) => de::Error::invalid_type(Unexpected::Seq, exp),
            Kind::Map(_) => de::Error::invalid_type(Unexpected::Map, exp),
            Kind::Scalar(v, style) => match resolve(v, *style, self.tag()) {
                Err(e) => e,
                Ok(sc) => {
                    let other;
                    let unexpected = match sc {
                        Sc::Unit => Unexpected::Unit,
                        Sc::Bool(b) => Unexpected::Bool(b),
                        Sc::U64(i) => Unexpected::Unsigned(i),
                        Sc::I64(i) => Unexpected::Signed(i),
                        Sc::U128(i) => {
                            other = format!("integer `{i}` as u128");
                            Unexpected::Other(&other)
                        }
                        Sc::I128(i) => {
                            other = format!("integer `{i}` as i128");
                            Unexpected::Other(&other)
                        }
                        Sc::F64(f) => Unexpected::Float(f),
                        Sc::Str(s) => Unexpected::Str(s),
                    };
                    de::Error::invalid_type(unexpected, exp)
                }
            },
        }
    }

    /// `deserialize_unit` on a scalar that is not null.
    #[inline(never)]
    fn not_null(&self, exp: &dyn Expected) -> Error {
        match &self.n().kind {
            Kind::Scalar(v, _) => de::Error::invalid_value(Unexpected::Str(v), &"null"),
            _ => self.invalid_type(exp),
        }
    }

    fn child(&self, node: usize, path: Path<'p>) -> De<'t, 'p> {
        De { tree: self.tree, node, path, depth: self.depth, tagged: self.tagged }
    }

    #[inline(never)]
    fn deeper(&self) -> Result<usize, Error> {
        let n = self.n();
        self.depth.checked_sub(1).ok_or_else(|| Error(Box::new(ErrorInner { msg: "recursion limit exceeded".into(), at: Some((n.line, n.column, ".".into())) })))
    }

    #[inline(never)]
    fn is_some(&self) -> Result<bool, Error> {
        let n = self.n();
        Ok(match &n.kind {
            Kind::Scalar(v, style) => {
                if *style != Style::Plain {
                    true
                } else if let Some(tag) = self.tag() {
                    if tag == TAG_NULL {
                        if parse_null(v) {
                            false
                        } else {
                            return Err(de::Error::invalid_value(Unexpected::Str(v), &"null"));
                        }
                    } else {
                        true
                    }
                } else {
                    !v.is_empty() && !parse_null(v)
                }
            }
            _ => true,
        })
    }

    /// The error for a request the node cannot serve.
    #[inline(never)]
    fn invalid(&self, want: Want, exp: &dyn Expected) -> Error {
        match want {
            Want::Unit => self.not_null(exp),
            _ => self.invalid_type(exp),
        }
    }

    // The generic methods below are instantiated once per visitor (that is, per model
    // type): they stay small and leave the work to the plain methods above.

    /// A request for a scalar of some kind (only 128-bit integers come here).
    #[inline(never)]
    fn scalar<V: Visitor<'t>>(self, want: Want, v: V) -> Result<V::Value, Error> {
        let r = match self.find(want) {
            Found::Sc(sc) => visit_sc(v, sc),
            _ => Err(self.invalid(want, &v)),
        };
        self.fixed(r)
    }

    // One entry per kind of scalar, each calling the one visitor method that kind can give
    // (serde_yaml's typed reader gives a string request the scalar as written, an integer
    // request an integer, and so on).

    #[inline(never)]
    fn string<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Str) {
            Found::Sc(Sc::Str(s)) => v.visit_str(s),
            _ => Err(self.invalid(Want::Str, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn boolean<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Bool) {
            Found::Sc(Sc::Bool(b)) => v.visit_bool(b),
            _ => Err(self.invalid(Want::Bool, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn signed<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::I64) {
            Found::Sc(Sc::I64(i)) => v.visit_i64(i),
            _ => Err(self.invalid(Want::I64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn unsigned<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::U64) {
            Found::Sc(Sc::U64(i)) => v.visit_u64(i),
            _ => Err(self.invalid(Want::U64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn float<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::F64) {
            Found::Sc(Sc::F64(f)) => v.visit_f64(f),
            _ => Err(self.invalid(Want::F64, &v)),
        };
        self.fixed(r)
    }

    #[inline(never)]
    fn unit<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Unit) {
            Found::Sc(Sc::Unit) => v.visit_unit(),
            _ => Err(self.invalid(Want::Unit, &v)),
        };
        self.fixed(r)
    }

    /// A request for a list.
    #[inline(never)]
    fn list<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Seq) {
            Found::Seq(items) => self.seq(items, true, v),
            Found::Empty => self.seq(&[], false, v),
            _ => Err(self.invalid(Want::Seq, &v)),
        };
        self.fixed(r)
    }

    /// A request for a map (or a struct).
    #[inline(never)]
    fn mapping<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.find(Want::Map) {
            Found::Map(entries) => self.map(entries, true, v),
            Found::Empty => self.map(&[], false, v),
            _ => Err(self.invalid(Want::Map, &v)),
        };
        self.fixed(r)
    }

    fn seq<V: Visitor<'t>>(&self, items: &'t [usize], nested: bool, v: V) -> Result<V::Value, Error> {
        let mut access = self.seq_access(items, nested)?;
        let value = v.visit_seq(&mut access)?;
        end(access.len, items.len(), false)?;
        Ok(value)
    }

    fn map<V: Visitor<'t>>(&self, entries: &'t [(usize, usize)], nested: bool, v: V) -> Result<V::Value, Error> {
        let mut access = self.map_access(entries, nested)?;
        let value = v.visit_map(&mut access)?;
        end(access.len, entries.len(), true)?;
        Ok(value)
    }

    #[inline(never)]
    fn seq_access(&self, items: &'t [usize], nested: bool) -> Result<SeqAccess<'t, 'p>, Error> {
        let depth = if nested { self.deeper()? } else { self.depth };
        Ok(SeqAccess { tree: self.tree, path: self.path, depth, items, len: 0 })
    }

    #[inline(never)]
    fn map_access(&self, entries: &'t [(usize, usize)], nested: bool) -> Result<MapAccess<'t, 'p>, Error> {
        let depth = if nested { self.deeper()? } else { self.depth };
        Ok(MapAccess { tree: self.tree, path: self.path, depth, tagged: self.tagged, entries, len: 0, key: None })
    }

    /// A request for whatever the node holds.
    #[inline(never)]
    fn any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        // A `!tag` makes the node an enum variant named by the tag (serde_yaml's reading,
        // kept for `serde_yaml::Value` fields).
        if let Some(tag) = self.enum_tag() {
            let de = De { tagged: true, ..self.child(self.node, self.path) };
            return self.fixed(v.visit_enum(TagAccess { de, tag }));
        }
        let r = match &self.n().kind {
            Kind::Seq(items) => self.seq(items, true, v),
            Kind::Map(entries) => self.map(entries, true, v),
            Kind::Scalar(s, style) => match resolve(s, *style, self.tag()) {
                Ok(sc) => visit_sc(v, sc),
                Err(e) => Err(e),
            },
        };
        self.fixed(r)
    }

    fn enum_tag(&self) -> Option<&'t str> {
        self.tag().and_then(|t| t.strip_prefix('!').map(|r| if r.is_empty() { t } else { r }))
    }
}

/// serde_yaml's check that a visitor took every element.
pub(crate) fn end(taken: usize, total: usize, map: bool) -> Result<(), Error> {
    if taken >= total {
        return Ok(());
    }
    struct Len(usize, bool);
    impl Expected for Len {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            match (self.1, self.0) {
                (false, 1) => f.write_str("sequence of 1 element"),
                (false, n) => write!(f, "sequence of {n} elements"),
                (true, 1) => f.write_str("map containing 1 entry"),
                (true, n) => write!(f, "map containing {n} entries"),
            }
        }
    }
    Err(de::Error::invalid_length(total, &Len(taken, map)))
}

pub(crate) struct SeqAccess<'t, 'p> {
    pub(crate) tree: &'t Tree,
    pub(crate) path: Path<'p>,
    pub(crate) depth: usize,
    pub(crate) items: &'t [usize],
    pub(crate) len: usize,
}

impl<'t> SeqAccess<'t, '_> {
    #[inline(never)]
    fn next_de(&mut self) -> Option<De<'t, '_>> {
        let &item = self.items.get(self.len)?;
        let path = Path::Seq { parent: &self.path, index: self.len };
        self.len += 1;
        Some(De { tree: self.tree, node: item, path, depth: self.depth, tagged: false })
    }
}

impl<'t> de::SeqAccess<'t> for SeqAccess<'t, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'t>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        match self.next_de() {
            Some(de) => seed.deserialize(de).map(Some),
            None => Ok(None),
        }
    }
}

pub(crate) struct MapAccess<'t, 'p> {
    pub(crate) tree: &'t Tree,
    pub(crate) path: Path<'p>,
    pub(crate) depth: usize,
    pub(crate) tagged: bool,
    pub(crate) entries: &'t [(usize, usize)],
    pub(crate) len: usize,
    pub(crate) key: Option<&'t str>,
}

impl<'t> MapAccess<'t, '_> {
    /// The next key, read at the map's path (as serde_yaml reads keys).
    #[inline(never)]
    fn key_de(&mut self) -> Option<De<'t, '_>> {
        let &(key, _) = self.entries.get(self.len)?;
        self.len += 1;
        self.key = match &self.tree.nodes[key].kind {
            Kind::Scalar(s, _) => Some(s),
            _ => None,
        };
        Some(De { tree: self.tree, node: key, path: self.path, depth: self.depth, tagged: self.tagged })
    }

    #[inline(never)]
    fn value_de(&mut self) -> De<'t, '_> {
        let value = self.entries[self.len.max(1) - 1].1;
        let path = match self.key {
            Some(key) => Path::Map { parent: &self.path, key },
            None => Path::Unknown { parent: &self.path },
        };
        De { tree: self.tree, node: value, path, depth: self.depth, tagged: false }
    }
}

impl<'t> de::MapAccess<'t> for MapAccess<'t, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'t>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.key_de() {
            Some(de) => seed.deserialize(de).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'t>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(self.value_de())
    }
}

/// A tagged node read as an enum: the tag names the variant, the node is its content.
pub(crate) struct TagAccess<'t, 'p> {
    pub(crate) de: De<'t, 'p>,
    pub(crate) tag: &'t str,
}

impl<'t, 'p> de::EnumAccess<'t> for TagAccess<'t, 'p> {
    type Error = Error;
    type Variant = De<'t, 'p>;
    fn variant_seed<V: DeserializeSeed<'t>>(self, seed: V) -> Result<(V::Value, De<'t, 'p>), Error> {
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(self.tag))?;
        Ok((variant, self.de))
    }
}

impl<'t> de::VariantAccess<'t> for De<'t, '_> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        <() as de::Deserialize>::deserialize(self)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'t>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'t>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn struct_variant<V: Visitor<'t>>(self, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
}

impl<'t> de::Deserializer<'t> for De<'t, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.any(v)
    }
    fn deserialize_bool<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.boolean(v)
    }
    fn deserialize_i8<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i16<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.signed(v)
    }
    fn deserialize_i128<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.scalar(Want::I128, v)
    }
    fn deserialize_u8<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u16<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unsigned(v)
    }
    fn deserialize_u128<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.scalar(Want::U128, v)
    }
    fn deserialize_f32<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.float(v)
    }
    fn deserialize_f64<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.float(v)
    }
    fn deserialize_char<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_str<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_string<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_bytes<V: Visitor<'t>>(self, _v: V) -> Result<V::Value, Error> {
        Err(unplaced("serialization and deserialization of bytes in YAML is not implemented"))
    }
    fn deserialize_byte_buf<V: Visitor<'t>>(self, _v: V) -> Result<V::Value, Error> {
        Err(unplaced("serialization and deserialization of bytes in YAML is not implemented"))
    }
    fn deserialize_option<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        match self.is_some() {
            Ok(true) => v.visit_some(self),
            Ok(false) => v.visit_none(),
            Err(e) => Err(e),
        }
    }
    fn deserialize_unit<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.unit(v)
    }
    fn deserialize_unit_struct<V: Visitor<'t>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        self.unit(v)
    }
    fn deserialize_newtype_struct<V: Visitor<'t>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        let depth = self.deeper()?;
        v.visit_newtype_struct(De { depth, ..self })
    }
    fn deserialize_seq<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_tuple<V: Visitor<'t>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_tuple_struct<V: Visitor<'t>>(self, _name: &'static str, _len: usize, v: V) -> Result<V::Value, Error> {
        self.list(v)
    }
    fn deserialize_map<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
    fn deserialize_struct<V: Visitor<'t>>(self, _name: &'static str, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.mapping(v)
    }
    fn deserialize_enum<V: Visitor<'t>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        // Unit variants written as plain strings (the only enum form the models could use).
        let r = match &self.n().kind {
            Kind::Scalar(s, _) => v.visit_enum(IntoDeserializer::<Error>::into_deserializer(&**s)),
            Kind::Map(_) => Err(de::Error::invalid_type(Unexpected::Map, &"a YAML tag starting with '!'")),
            Kind::Seq(_) => Err(de::Error::invalid_type(Unexpected::Seq, &"a YAML tag starting with '!'")),
        };
        self.fixed(r)
    }
    fn deserialize_identifier<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }
    fn deserialize_ignored_any<V: Visitor<'t>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}

