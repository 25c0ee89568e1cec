//! What a manifest's errors are: kinds, syntax problems, invalid fields, with the line
//! and column of the mistake and what the real API server would print.

use super::*;

/// Kinds (and their apiVersions) the simulator models, for "not supported here" messages.
pub const SUPPORTED: &[(&str, &str)] = &[
    ("DaemonSet", "apps/v1"),
    ("Pod", "v1"),
    ("Namespace", "v1"),
    ("Deployment", "apps/v1"),
    ("ReplicaSet", "apps/v1"),
    ("StatefulSet", "apps/v1"),
    ("Service", "v1"),
    ("PersistentVolumeClaim", "v1"),
    ("PersistentVolume", "v1"),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ManifestErrorKind {
    /// The text is not valid YAML (`detail` is the reader's English wording).
    Syntax { detail: String, problem: SyntaxProblem },
    /// The document is not a mapping (e.g. a bare string or list).
    NotAnObject,
    /// `apiVersion` or `kind` is missing.
    MissingTypeField { field: String },
    /// A kind this simulator does not model.
    UnsupportedKind { kind: String, api_version: String },
    /// A known kind at the wrong apiVersion.
    WrongApiVersion { kind: String, api_version: String, expected: String },
    /// A field the kind does not have.
    UnknownField { field: String, path: String, suggestion: Option<String> },
    /// A value of the wrong type: `replicas: tres` expects an integer and finds the
    /// string "tres" (`value` is the value as written, empty for lists and maps).
    WrongType { path: String, expected: ValueType, found: ValueType, value: String },
    /// A number too big for its field (`replicas: 9999999999`, int32).
    OutOfRange { path: String, value: String },
    /// A value the decoder refuses for another reason (detail in English).
    BadValue { path: String, detail: String },
    /// The same key twice in one mapping (`path` is the mapping, empty at the top).
    DuplicateKey { path: String, key: String },
    /// A `resource.Quantity` that does not parse (`5 Gi`, `5GB`).
    BadQuantity { path: String, value: String },
    /// Nesting deeper than the reader accepts.
    TooDeep,
    /// Aliases that expand to too much data ("billion laughs").
    AliasBomb,
    /// A document bigger than the API server accepts in one request.
    TooLarge { bytes: usize, limit: usize },
    /// More objects in one apply than this simulator takes ([`MAX_OBJECTS`]).
    TooManyObjects { limit: usize },
    /// A required field is missing.
    Required { path: String },
    /// A value the API server rejects.
    Invalid { path: String, detail: InvalidDetail },
    /// The document holds no object at all.
    Empty,
}

/// What a YAML syntax error most likely means, for wording it to a student. Each variant is
/// one mistake; where libyaml noticed it and where the student made it often differ, and the
/// error's line and column are the student's (see `yaml_syntax` for the rule of each).
/// Keys are as written in the text, cut to [`MAX_KEY_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SyntaxProblem {
    /// A tab where YAML wants spaces.
    Tab,
    /// `key: value` where none fits: a second `: ` in a value on the same line (`a: b: c`).
    KeyValueHere,
    /// A key that does not line up with the keys around it (dedented, or between two levels).
    Indentation,
    /// A `[` or `{` that is never closed (the error points at it).
    UnclosedBracket { close: char },
    /// The text ends inside a quoted string (or a `---` line comes inside it): the quote that
    /// opens it is never closed (the error points at it).
    UnexpectedEnd,
    /// `*name` with no `&name` before it.
    UnknownAlias,
    /// A control character (e.g. a NUL byte).
    ControlCharacter,
    /// `image nginx` or `metadata` alone on its line: a key without its `:`.
    MissingColon { key: String },
    /// `replicas:3`: a `:` with no space after it, so key and value read as one word.
    NoSpaceAfterColon { key: String },
    /// A key indented further than the keys before it, read as part of the value above.
    OverIndented { key: String },
    /// `-name: web`: a list item whose `-` has no space after it.
    NoSpaceAfterDash { key: String },
    /// A `- ` item that does not line up with the `-` of its list.
    MisalignedListItem,
    /// `key:` at the column of a list's `-`: neither inside the item nor a new item.
    KeyInList { key: String },
    /// `args: - a`: a list item on the same line as its key.
    ListItemAfterKey { key: String },
    /// A `- ` list item somewhere else no item can start.
    ListItemNotAllowed,
    /// Two items of a `[ ]` or `{ }` without a `,` between them.
    MissingComma { close: char },
    /// A quote not closed on its line: YAML read on up to the next quote, on `until_line`.
    UnclosedQuote { quote: char, until_line: usize },
    /// Text after a closing quote or bracket on the same line: `image: "nginx":1.27`.
    TextAfterValue { close: char },
    /// A line less indented than the text of the `|` or `>` block above it.
    BlockScalarIndent,
    /// Something after `|` or `>` on its line (or an indentation indicator of 0).
    BlockScalarHeader,
    /// `--` or `----` where a `---` document separator was meant.
    DocumentSeparator,
    /// A ```` ``` ```` line copied from a Markdown code block.
    MarkdownFence,
    /// A character that cannot start a value or a key (`@`, `` ` ``).
    UnexpectedCharacter { ch: char },
    /// A `{{ … }}` template placeholder (Helm, Go templates) left in the manifest.
    TemplatePlaceholder,
    /// A value that starts with `*` or `&` (read as an alias or anchor): `*.log`.
    AliasCharacter { ch: char },
    /// A `\` escape inside double quotes that YAML does not know: `"C:\datos"`.
    BadEscape,
    /// A value that starts with `!`, read as a YAML tag that does not parse.
    BadTag,
    /// A line that starts with `%`, read as a YAML directive that does not parse.
    BadDirective,
    /// A `?` complex-key indicator where none can go.
    ComplexKey,
    /// A `:` right before `,`, `]` or `}` inside `[ ]` or `{ }`.
    ColonInFlow,
    /// A `]`, `}`, `,` (or other indicator) where a value or key should be.
    StrayIndicator { ch: char },
    /// More content after the document ended (after `...` or a top-level `{ }`/`[ ]`).
    AfterDocumentEnd,
    /// A `<<` merge key whose value is not a mapping or a list of mappings.
    BadMerge,
    /// Bytes that are not text (not valid UTF-8).
    Encoding,
    /// Anything else the reader refuses.
    Other,
}

/// Keys named in [`SyntaxProblem`]s are cut to this many characters.
pub const MAX_KEY_CHARS: usize = 40;

/// The kinds of YAML values, for wrong-type errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueType {
    Integer,
    Number,
    String,
    Boolean,
    List,
    Map,
    Null,
    /// `maxUnavailable`-style fields: an integer or a percentage string.
    IntOrString,
    /// Anything else serde names (kept for completeness).
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum InvalidDetail {
    SelectorMismatch { labels: String },
    EmptySelector { kind: String },
    NotDnsSubdomain { value: String },
    NoContainers,
    NoImage { container: String },
    RestartPolicy { value: String },
    /// A field that cannot change after creation (e.g. `spec.selector`).
    FieldImmutable,
    /// `maxUnavailable` and `maxSurge` of a rolling update are both zero.
    MaxUnavailableZeroWithZeroSurge,
    /// Not a DNS-1123 label (StatefulSet names, serviceName).
    NotDnsLabel { value: String },
    /// Not a DNS-1035 label (Service names: must start with a letter).
    NotDns1035Label { value: String },
    /// A value outside a fixed set.
    UnsupportedValue { unsupported: Box<Unsupported> },
    /// A number that must not be negative.
    Negative { value: i64 },
    /// `rollingUpdate` given with `type: OnDelete`.
    RollingUpdateWithOnDelete,
    /// An update touched a StatefulSet spec field other than the mutable ones.
    StatefulSetSpecImmutable,
    /// An update touched a claim's spec other than its requests.
    ClaimSpecImmutable,
    /// A label key that is not a qualified name (`[prefix/]name`).
    LabelKey { key: String },
    /// A label value that is not empty and not a valid label value.
    LabelValue { key: String, value: String },
}

/// A value and the values that would have been accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    pub value: String,
    pub supported: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestError {
    /// 0-based index of the document that failed.
    pub document: usize,
    /// 1-based line and column of the mistake (0 when unknown).
    pub line: usize,
    pub column: usize,
    pub kind: ManifestErrorKind,
    /// What the real tool prints for this mistake (English), for students who will meet it.
    pub api_message: String,
}

pub(crate) fn err(document: usize, line: usize, column: usize, kind: ManifestErrorKind, api_message: String) -> ManifestError {
    ManifestError { document, line, column, kind, api_message }
}
