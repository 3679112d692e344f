"""Credentials in layouts where the name and the value are not joined by `=` or `:`.

* call arguments: `define('DB_PASSWORD', '…')`, `props.setProperty("api.key", "…")`,
  `os.environ.setdefault("TOKEN", "…")` — a quoted name, a comma, a quoted value;
* name/value entries: `- name: API_TOKEN` then `value: "…"` (Kubernetes, Compose, CI);
* `.netrc`: `machine host login user password …` (on one line or several);
* Terraform: `variable "db_password" { default = "…" }`;
* values with punctuation (`SECRET_KEY = 'x8#k…(q+'`, Django and WordPress keys), which
  the keyword recognizer's key alphabet stops short of.

Each layout's value is judged exactly like the assignment `name = "value"` it stands for,
by the same validators, so the rules about names (`cache_key`, `password_file`) and
values (placeholders, references, entropy) stay in one place.
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
_PASSWORD_TRIGGERS = ("pass", "pwd")
_KEY_TRIGGERS = ("key", "token", "secret", "credential")
# A quoted identifier (letters, digits, `_ - .`), a comma, then a quoted literal.
_CALL_PAIR = (
    r"(?i)[\"'][a-z0-9_.\-]{{0,40}}{name}[a-z0-9_.\-]{{0,24}}[\"']\s{{0,3}},\s{{0,3}}"
    r"(?:\"([^\"\s]{{{low},256}})\"|'([^'\s]{{{low},256}})')"
)
# `- name: X` / `value: …` on the next line.
_ENV_ENTRY = (
    r"(?i)\bname:\s{{0,3}}[\"']?[a-z0-9_.\-]{{0,40}}{name}[a-z0-9_.\-]{{0,24}}[\"']?[ \t]*\r?\n"
    r"[ \t]{{0,40}}value:[ \t]{{0,3}}(?:\"([^\"\n]{{{low},256}})\"|'([^'\n]{{{low},256}})'"
    r"|([^\s\"'#]{{{low},256}}))"
)
_TERRAFORM = (
    r"(?i)\bvariable\s+\"[a-z0-9_\-]{{0,40}}{name}[a-z0-9_\-]{{0,40}}\"\s*\{{[^}}]{{0,200}}?"
    r"\bdefault\s*=\s*\"([^\"\n]{{{low},256}})\""
)
# Name characters that may stand between the opening quote and the name's end.
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_KEY_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.~")

# Character ranges and classes of a regular expression (a key pattern, not a key).
_REGEX_MARKS = ("a-z", "A-Z", "0-9", "\\s", "\\d", "\\w", "(?", "]{", "]+", "]*")

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


def call_argument_name(text: str, start: int) -> str:
    """`"API_KEY", "<value>` → `API_KEY`: the quoted name before the value's opening quote."""
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
    line_start = text.rfind("\n", 0, start)
    if line_start < 0:
        return ""
    pos = _skip_back(text, line_start - 1, " \t\r\"'")
    return _name_back(text, pos + 1)


def terraform_variable_name(text: str, start: int) -> str:
    """`variable "db_password" { … default = "<value>` → `db_password`."""
    head = text[max(0, start - 320) : start]
    i = head.rfind("variable")
    if i < 0:
        return ""
    _, _, rest = head[i:].partition('"')
    return rest.partition('"')[0]


def netrc_name(_text: str, _start: int) -> str:
    return "password"


@dataclass(frozen=True, slots=True)
class AssignmentValidator:
    """Judges a layout's value as `name = "value"`, with the name its layout gives it."""

    delegate: Validator
    read_name: NameReader
    name: str = "layout"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        key = self.read_name(text, start)
        if not key:
            return rejected("layout: no name for the value")
        value = text[start:end]
        if "://" in value:
            return rejected("layout: a URL, not a credential")
        assignment = f'{key} = "{value}"'
        offset = len(key) + 4
        check = self.delegate(assignment, offset, offset + len(value))
        if not check.valid:
            return check
        return Check(True, f"layout: {check.reason}", score=check.score)


@dataclass(frozen=True, slots=True)
class PunctuatedValueValidator:
    """A value with punctuation: not a URL, path or code, then judged by `delegate`.

    Values made of the key alphabet alone are left to the keyword recognizer (one finding
    per value, not two).
    """

    delegate: Validator
    name: str = "punctuated_value"
    keeps_span: ClassVar[bool] = True

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        if _KEY_ALPHABET.issuperset(value):
            return rejected("value: plain key alphabet, judged by the keyword rule")
        if "://" in value or value.startswith(("/", "./", "~/", "\\\\")):
            return rejected("value: a URL or a path")
        if _code_reference(value):
            return rejected("value: a code expression")
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


def _recognizer(
    rid: str, entity: str, pattern: str, validator: Validator, triggers: tuple[str, ...]
) -> PatternRecognizer:
    return PatternRecognizer(
        id=f"dlp.secret.{rid}",
        entity=entity,
        pattern=pattern,
        score=0.7 if entity == "SECRET_PASSWORD" else 0.8,
        validator=validator,
        priority=PRIORITY_LAYOUT,
        triggers=triggers,
    )


def layout_recognizers() -> list[PatternRecognizer]:
    password, key = PasswordValidator(), KeyValueSecretValidator()
    return [
        _recognizer(
            "call_argument_password",
            "SECRET_PASSWORD",
            _CALL_PAIR.format(name=_PASSWORD_NAME, low=4),
            AssignmentValidator(password, call_argument_name),
            _PASSWORD_TRIGGERS,
        ),
        _recognizer(
            "call_argument_key",
            "SECRET_GENERIC",
            _CALL_PAIR.format(name=_KEY_NAME, low=16),
            AssignmentValidator(key, call_argument_name),
            _KEY_TRIGGERS,
        ),
        _recognizer(
            "env_entry_password",
            "SECRET_PASSWORD",
            _ENV_ENTRY.format(name=_PASSWORD_NAME, low=4),
            AssignmentValidator(password, env_entry_name),
            _PASSWORD_TRIGGERS,
        ),
        _recognizer(
            "env_entry_key",
            "SECRET_GENERIC",
            _ENV_ENTRY.format(name=_KEY_NAME, low=16),
            AssignmentValidator(key, env_entry_name),
            _KEY_TRIGGERS,
        ),
        _recognizer(
            "terraform_password",
            "SECRET_PASSWORD",
            _TERRAFORM.format(name=_PASSWORD_NAME, low=4),
            AssignmentValidator(password, terraform_variable_name),
            ("variable",),
        ),
        _recognizer(
            "terraform_key",
            "SECRET_GENERIC",
            _TERRAFORM.format(name=_KEY_NAME, low=16),
            AssignmentValidator(key, terraform_variable_name),
            ("variable",),
        ),
        _recognizer(
            "netrc_password",
            "SECRET_PASSWORD",
            # `machine <host> [login <user>] password <secret>`, on one line or several.
            r"(?:^|\s)machine\s+\S{1,253}(?:\s+login\s+\S{1,128})?\s+password\s+(\S{4,256})",
            AssignmentValidator(password, netrc_name),
            ("machine",),
        ),
        _recognizer(
            "punctuated_key_value",
            "SECRET_GENERIC",
            rf"(?i)(?:^|[^a-z])[a-z0-9_.\-]{{0,30}}{_KEY_NAME}[a-z0-9_.\-]{{0,20}}"
            r"[\"']?\]?\s{0,3}(?:=>|:=|[:=])\s{0,3}(?:\"([^\"\s]{16,256})\"|'([^'\s]{16,256})')",
            PunctuatedValueValidator(key),
            _KEY_TRIGGERS,
        ),
        _recognizer(
            "punctuated_config_value",
            "SECRET_GENERIC",
            # Unquoted only as a config line of its own (`.env`, properties, YAML): the
            # value runs to the end of the line.
            rf"(?im)^[ \t]{{0,40}}(?:export[ \t]+)?[a-z0-9_.\-]{{0,30}}{_KEY_NAME}"
            r"[a-z0-9_.\-]{0,20}[ \t]{0,3}[:=][ \t]{0,3}([^\s\"'`]{24,256})[ \t]*$",
            PunctuatedValueValidator(key),
            _KEY_TRIGGERS,
        ),
    ]
