"""DLP errors: each carries a stable dotted code from the one ztai error tree."""

from __future__ import annotations

from ztai.errors import BadRequest, Forbidden, Unavailable, ValidationFailed


class DlpConfigError(ValidationFailed):
    """A custom type, label set or rule is invalid; raised at load time, never per request."""

    code = "dlp.invalid_config"
    title = "Invalid DLP configuration"


class SealedMappingError(BadRequest):
    """A sealed pseudonym mapping failed authentication (tampered, wrong key or wrong context)."""

    code = "dlp.invalid_mapping"
    title = "Invalid sealed mapping"


class NerUnavailable(Unavailable):
    """The optional NER extra (Presidio + spaCy) is not installed or its model cannot load."""

    code = "dlp.ner_unavailable"
    title = "NER recognizers unavailable"


class DlpBlocked(Forbidden):
    """The obligation for this text is `block`; carries counts by type, never values."""

    code = "dlp.blocked"
    title = "Blocked by data loss prevention"
