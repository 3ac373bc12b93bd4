//! A deserializer over a `serde_json::Value` whose errors are typed
//! ([`Problem`]), so that messages are made from what went wrong, not from
//! serde's English wording.

use serde::de::{
    self, Deserializer, Expected, IntoDeserializer, Unexpected, Visitor, value::MapDeserializer,
    value::SeqDeserializer,
};
use serde_json::Value;
use std::fmt;

/// What went wrong while reading a value into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A message of the model's own (already Chinese).
    Custom(String),
    /// A value of the wrong type: what was found, what was expected.
    WrongType { found: String, expected: String },
    /// A value of the right type but out of range.
    WrongValue { found: String, expected: String },
    /// A closed choice with a value it does not have.
    UnknownChoice { value: String, choices: String },
    /// A key the model does not have.
    UnknownField { key: String },
    /// A key given twice.
    DuplicateField { key: String },
    /// A key the model needs.
    MissingField { key: String },
}

/// The error type of [`De`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadError(pub Problem);

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ReadError(Problem::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        ReadError(Problem::WrongType {
            found: found_zh(&unexp),
            expected: expected_zh(exp),
        })
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        ReadError(Problem::WrongValue {
            found: found_zh(&unexp),
            expected: expected_zh(exp),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        ReadError(Problem::UnknownChoice {
            value: variant.to_owned(),
            choices: expected.join(" / "),
        })
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        ReadError(Problem::UnknownField {
            key: field.to_owned(),
        })
    }

    fn missing_field(field: &'static str) -> Self {
        ReadError(Problem::MissingField {
            key: field.to_owned(),
        })
    }

    fn duplicate_field(field: &'static str) -> Self {
        ReadError(Problem::DuplicateField {
            key: field.to_owned(),
        })
    }
}

/// What a value is, in words a clerk knows.
fn found_zh(u: &Unexpected<'_>) -> String {
    match u {
        Unexpected::Bool(b) => format!("布尔值 {b}"),
        Unexpected::Unsigned(n) => format!("数字 {n}"),
        Unexpected::Signed(n) => format!("数字 {n}"),
        Unexpected::Float(x) => format!("小数 {x}"),
        Unexpected::Char(c) => format!("文本 \"{c}\""),
        Unexpected::Str(s) => format!("文本 \"{s}\""),
        Unexpected::Bytes(_) => "二进制数据".to_owned(),
        Unexpected::Unit | Unexpected::Option => "null".to_owned(),
        Unexpected::Seq => "列表".to_owned(),
        Unexpected::Map => "对象".to_owned(),
        other => other.to_string(),
    }
}

/// What the model wanted. Serde's primitive visitors name a Rust type; the
/// model's own visitors already speak Chinese.
fn expected_zh(exp: &dyn Expected) -> String {
    let e = exp.to_string();
    match e.as_str() {
        "u8" | "u16" | "u32" | "u64" | "usize" => "非负整数".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数".to_owned(),
        "a boolean" => "true 或 false".to_owned(),
        "a string" | "a borrowed string" => "文本".to_owned(),
        "a sequence" => "列表 [...]".to_owned(),
        "a map" => "对象 {...}".to_owned(),
        s if s.starts_with("struct ") => "对象 {...}".to_owned(),
        _ => e,
    }
}

/// Deserializes a model value from a `serde_json::Value`.
pub(crate) struct De(pub Value);

impl<'de> IntoDeserializer<'de, ReadError> for De {
    type Deserializer = De;
    fn into_deserializer(self) -> De {
        self
    }
}

impl<'de> Deserializer<'de> for De {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => v.visit_u64(u),
                (None, Some(i), _) => v.visit_i64(i),
                (None, None, Some(x)) => v.visit_f64(x),
                _ => v.visit_string(n.to_string()),
            },
            Value::String(s) => v.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(De));
                let out = v.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Value::Object(map) => {
                let mut m = MapDeserializer::new(map.into_iter().map(|(k, v)| (k, De(v))));
                let out = v.visit_map(&mut m)?;
                m.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => v.visit_none(),
            other => v.visit_some(De(other)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(s) => v.visit_enum(s.into_deserializer()),
            other => De(other).deserialize_any(v),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, ReadError> {
        v.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
