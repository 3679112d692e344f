"""Credentials in layouts where the name and the value are not joined by `=` or `:`.

* call arguments: `define('DB_PASSWORD', '…')`, `props.setProperty("api.key", "…")`,
  `os.environ.setdefault("TOKEN", "…")` — a quoted name, a comma, a quoted value;
* name/value entries: `- name: API_TOKEN` then `value: "…"` (Kubernetes, Compose, CI);
* Terraform: `variable "db_password" { default = "…" }`;
* `.netrc`: `machine host login user password …` (on one line or several);
* values with punctuation (`SECRET_KEY = 'x8#k…(q+'`, Django and WordPress keys), which
  the keyword recognizer's key alphabet stops short of.

Each layout's value is judged exactly like the assignment `name = "value"` it stands for,
by the same validators, so the rules about names (`cache_key`, `password_file`) and
values (placeholders, references, entropy) stay in one place. All layouts of one kind
(passwords, keys) share one pattern: one RE2 pass per kind instead of one per layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from .check import Check, Validator, rejected
from .credential import KeyValueSecretValidator, PasswordValidator
from .recognizer import PatternRecognizer

# Level with the keyword recognizers: the name is the evidence, not a vendor format.
PRIORITY_LAYOUT = 30

_PASSWORD_NAME = r"(?:pass(?:w(?:or)?d|phrase)?|pwd)"
_KEY_NAME = (
    r"(?:api[_\-.]?key|apikey|api[_\-.]?token|access[_\-.]?key|access[_\-.]?token"
    r"|auth[_\-.]?token|auth[_\-.]?key|secret|token|private[_\-.]?key|credentials?)"
)
_IDENT = r"[a-z0-9_.\-]*"
# Each layout, `{n}` = the name words. Every value is one capture group; the validator
# tells the layouts apart by what precedes the value, and checks lengths. Repeats are
# unbounded on purpose: bounded ones multiply RE2's program (and DFA) size by the bound.
_CALL_PAIR = r"[\"']{i}{n}{i}[\"'][ \t]*,[ \t]*(?:\"([^\"\s]+)\"|'([^'\s]+)')"
_ENV_ENTRY = (
    r"\bname:[ \t]*[\"']?{i}{n}{i}[\"']?[ \t]*\r?\n[ \t]*value:[ \t]*"
    r"(?:\"([^\"\n]+)\"|'([^'\n]+)'|([^\s\"'#]+))"
)
_TERRAFORM = r"\bvariable\s+\"{i}{n}{i}\"\s*\{{[^}}]*?\bdefault\s*=\s*\"([^\"\n]+)\""
_NETRC = r"(?:^|\s)machine\s+\S+(?:\s+login\s+\S+)?\s+password\s+(\S+)"
# Quoted anywhere after `name =`/`name:`; unquoted only as a config line of its own (`.env`,
# properties, YAML), running to the end of the line. The value must hold a character
# outside the key alphabet (`_KEY_ALPHABET`): plain keys are the keyword recognizer's.
_OUTSIDE = r"[^\s\"'`a-z0-9+/=_.~\-]"
_PUNCTUATED = (
    r"(?:^|[^a-z]){i}{n}{i}[\"']?\]?[ \t]*(?:=>|:=|[:=])[ \t]*"
    r"(?:\"([^\"\s]*{o}[^\"\s]*)\"|'([^'\s]*{o}[^'\s]*)')"
    r"|(?m:^)[ \t]*(?:export[ \t]+)?{i}{n}{i}[ \t]*[:=][ \t]*"
    r"([^\s\"'`]*{o}[^\s\"'`]*)[ \t]*(?m:$)"
)


def _layouts(name: str, *layouts: str) -> str:
    parts = (layout.format(i=_IDENT, n=name, o=_OUTSIDE) for layout in layouts)
    return "(?i)" + "|".join(f"(?:{part})" for part in parts)


# Name characters that may stand between the opening quote and the name's end.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_KEY_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.~")
# Character ranges and classes of a regular expression (a key pattern, not a key).
_REGEX_MARKS = ("a-z", "A-Z", "0-9", "\\s", "\\d", "\\w", "(?", "]{", "]+", "]*")

# How far back a layout's line (or the previous line) is looked for.
_LINE_LOOKBACK = 512
# Longer values are blobs (certificates, documents), not keys or passwords.
_MAX_VALUE = 256

NameReader = Callable[[str, int], str]


def _skip_back(text: str, pos: int, chars: str) -> int:
    while pos >= 0 and text[pos] in chars:
        pos -= 1
    return pos


def _name_back(text: str, end: int) -> str:
    """The run of name characters that ends just before `end`."""
    pos = end - 1
    while pos >= 0 and text[pos] in _NAME_CHARS and end - pos <= 80:
        pos -= 1
    return text[pos + 1 : end]


def _line_head(text: str, start: int) -> str:
    """What precedes the value on its line, without the value's opening quote."""
    lo = max(0, start - _LINE_LOOKBACK)  # bounded: one huge line must not cost O(n) per value
    return text[text.rfind("\n", lo, start) + 1 or lo : start].rstrip("\"' \t")


def call_argument_name(text: str, start: int) -> str:
    """`f("API_KEY", "<value>` → `API_KEY`: the quoted name before the value's quote."""
    pos = _skip_back(text, start - 2, " \t")
    if pos < 0 or text[pos] != ",":
        return ""
    pos = _skip_back(text, pos - 1, " \t")
    if pos < 0 or text[pos] not in "\"'":
        return ""
    name = _name_back(text, pos)
    # The pair opens a call or a literal (`f("k", "v")`, `["k", "v"]`); after anything
    # else (`"user": "k", "v"`) the first string is a JSON value, not a name.
    opener = _skip_back(text, pos - len(name) - 2, " \t")
    return name if opener >= 0 and text[opener] in "([{" else ""


def env_entry_name(text: str, start: int) -> str:
    """`- name: API_TOKEN⏎  value: <value>` → `API_TOKEN`."""
    if _line_head(text, start).strip() != "value:":
        return ""
    line_start = text.rfind("\n", max(0, start - _LINE_LOOKBACK), start)
    if line_start < 0:
        return ""
    pos = _skip_back(text, line_start - 1, " \t\r\"'")
    return _name_back(text, pos + 1)


def terraform_variable_name(text: str, start: int) -> str:
    """`variable "db_password" { … default = "<value>` → `db_password`."""
    if not _line_head(text, start).replace(" ", "").endswith("default="):
        return ""
    head = text[max(0, start - 320) : start]
    i = head.rfind("variable")
    _, _, rest = head[i:].partition('"') if i >= 0 else ("", "", "")
    return rest.partition('"')[0]


def netrc_name(text: str, start: int) -> str:
    """`machine h login u password <value>`: the value is a password by the file format."""
    head = text[max(0, start - 400) : start]
    return "password" if head.rstrip().endswith("password") and "machine" in head else ""


_READERS: tuple[NameReader, ...] = (
    call_argument_name,
    env_entry_name,
    terraform_variable_name,
    netrc_name,
)


def judge_as_assignment(delegate: Validator, key: str, value: str) -> Check:
    """What `delegate` says of `key = "value"` (the span stays the caller's)."""
    assignment = f'{key} = "{value}"'
    offset = len(key) + 4
    check = delegate(assignment, offset, offset + len(value))
    if not check.valid:
        return check
    return Check(True, f"layout: {check.reason}", score=check.score)


@dataclass(frozen=True, slots=True)
class NamedValueValidator:
    """A value whose role the statement fixes (`auth=(user, <password>)`), judged as
    `key = "value"` so the same rules about placeholders and plain words apply."""

    delegate: Validator
    key: str
    name: str = "named_value"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        return judge_as_assignment(self.delegate, self.key, text[start:end])


@dataclass(frozen=True, slots=True)
class LayoutValidator:
    """Judges a layout's value as `name = "value"`, with the name its layout gives it.

    A value no layout names is a punctuated `name = value` (when `punctuated` is set): not a
    URL, path, code or pattern, then judged by `delegate` in place.
    """

    delegate: Validator
    punctuated: bool = False
    min_length: int = 4
    name: str = "layout"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        if not self.min_length <= len(value) <= _MAX_VALUE:
            return rejected("layout: value length")
        if "://" in value:
            return rejected("layout: a URL, not a credential")
        for read in _READERS:
            key = read(text, start)
            if key:
                return judge_as_assignment(self.delegate, key, value)
        if not self.punctuated:
            return rejected("layout: no name for the value")
        return self._punctuated(text, start, end, value)

    def _punctuated(self, text: str, start: int, end: int, value: str) -> Check:
        if _KEY_ALPHABET.issuperset(value):
            return rejected("value: plain key alphabet, judged by the keyword rule")
        if value.startswith(("/", "./", "~/", "\\\\")) or _code_reference(value):
            return rejected("value: a path or a code expression")
        if any(mark in value for mark in _REGEX_MARKS):
            return rejected("value: a regular expression")
        quoted = start > 0 and text[start - 1] in "\"'"
        if not quoted and (len(value) < 24 or _classes(value) < 3):
            return rejected("value: unquoted and not key-like enough")
        return self.delegate(text, start, end)


def _classes(value: str) -> int:
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + (not value.isalnum())
    )


def _code_reference(value: str) -> bool:
    """`request.headers['Authorization']`, `env("KEY")`: a name called or subscripted."""
    cut = min((i for i in (value.find("["), value.find("(")) if i > 0), default=-1)
    head = value[:cut] if cut > 0 else ""
    return bool(head) and all(part.isidentifier() for part in head.split("."))


def layout_recognizers() -> list[PatternRecognizer]:
    return [
        PatternRecognizer(
            id="dlp.secret.layout_password",
            entity="SECRET_PASSWORD",
            pattern=_layouts(_PASSWORD_NAME, _CALL_PAIR, _ENV_ENTRY, _TERRAFORM, _NETRC),
            score=0.7,
            validator=LayoutValidator(PasswordValidator()),
            priority=PRIORITY_LAYOUT,
            triggers=("pass", "pwd"),
        ),
        PatternRecognizer(
            id="dlp.secret.layout_key",
            entity="SECRET_GENERIC",
            pattern=_layouts(_KEY_NAME, _CALL_PAIR, _ENV_ENTRY, _TERRAFORM, _PUNCTUATED),
            score=0.8,
            validator=LayoutValidator(KeyValueSecretValidator(), punctuated=True, min_length=16),
            priority=PRIORITY_LAYOUT,
            triggers=("key", "token", "secret", "credential"),
        ),
    ]
