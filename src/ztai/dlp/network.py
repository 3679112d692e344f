"""IP addresses (v4, v6) and URLs: shape checks that keep versions and code out."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .check import Check, rejected

_TRAILING_URL_PUNCTUATION = ".,;:!?'\"*"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_RESERVED_TLDS = (".example", ".test", ".invalid", ".localhost")


def _private_v4(o: list[int]) -> bool:
    """RFC 1918, loopback, link-local, CGNAT (cheaper than `ipaddress` on the hot path)."""
    return (
        o[0] in (10, 127)
        or (o[0] == 172 and 16 <= o[1] <= 31)
        or (o[0] == 192 and o[1] == 168)
        or (o[0] == 169 and o[1] == 254)
        or (o[0] == 100 and 64 <= o[1] <= 127)
    )


@dataclass(frozen=True, slots=True)
class Ipv4Validator:
    """Dotted quad, each octet ≤ 255 without leading zeros, not part of a longer dotted run."""

    name: str = "ipv4"

    def __call__(self, text: str, start: int, end: int) -> Check:
        # "1.2.3.4.5" is a version or an OID, not an address: reject dotted neighbours.
        if start > 0 and text[start - 1] in ".":
            return rejected("ipv4: part of a longer dotted number")
        if end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit():
            return rejected("ipv4: part of a longer dotted number")
        octets = text[start:end].split(".")
        if len(octets) != 4:
            return rejected("ipv4: not four octets")
        for octet in octets:
            if not octet.isdigit() or int(octet) > 255 or (len(octet) > 1 and octet[0] == "0"):
                return rejected("ipv4: octet out of range")
        scope = "private" if _private_v4([int(o) for o in octets]) else "public"
        return Check(True, f"ipv4: valid {scope} address")


@dataclass(frozen=True, slots=True)
class Ipv6Validator:
    """RFC 4291 text form via `ipaddress`; rejects C++ `a::b` and clock times."""

    name: str = "ipv6"

    def __call__(self, text: str, start: int, end: int) -> Check:
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ":_"):
            return rejected("ipv6: glued to a word")
        value = text[start:end]
        if end < len(text) and (text[end].isalnum() or text[end] == ":"):
            return rejected("ipv6: glued to a word")
        groups = [g for g in value.split(":") if g]
        hex_digits = sum(len(g) for g in groups if "." not in g)
        if len(groups) < 2 or hex_digits < 4:
            return rejected("ipv6: too few groups")
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            return rejected("ipv6: not a valid address")
        return Check(True, "ipv6: valid address")


@dataclass(frozen=True, slots=True)
class UrlValidator:
    """Trims sentence punctuation and unbalanced closing brackets; needs a dotted host."""

    name: str = "url"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        while value:
            last = value[-1]
            if last in _TRAILING_URL_PUNCTUATION or (
                last in _CLOSERS and value.count(last) > value.count(_CLOSERS[last])
            ):
                value = value[:-1]
            else:
                break
        # `partition` builds no list, and `[-1]` / `[2]` keep the same parts as `split`.
        scheme_end = value.find("://")
        rest = value[scheme_end + 3 :] if scheme_end >= 0 else value
        host = rest.partition("/")[0].partition("?")[0].partition("#")[0].rpartition("@")[2]
        host = host.rpartition(":")[0] if host.count(":") == 1 else host
        if "." not in host and host != "localhost" and not host.startswith("["):
            return rejected("url: host without a domain")
        if len(host) < 3:
            return rejected("url: host too short")
        if host.lower().rstrip(".").endswith(_RESERVED_TLDS):
            # RFC 2606 / 6761 names cannot point at anyone's data: documentation only.
            return Check(
                True, "url: reserved documentation domain", end=start + len(value), score=0.3
            )
        return Check(True, "url: scheme and host", end=start + len(value))


# File names such as `logo@2x.png` match the e-mail shape; their "TLD" is an extension.
_FILE_EXTENSIONS = frozenset(
    {"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "css", "json", "ts", "py",
     "txt", "pdf", "zip", "gz", "tar", "mp4", "mp3", "wav", "html", "xml", "yaml", "yml"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EmailValidator:
    """RFC 5321 length limits, no empty dot-atoms, a real-looking top-level domain."""

    name: str = "email"

    def __call__(self, text: str, start: int, end: int) -> Check:
        value = text[start:end]
        local, _, domain = value.rpartition("@")
        if not local or len(local) > 64 or len(domain) > 253:
            return rejected("email: local part or domain length")
        if ".." in local or local.endswith(".") or local.startswith("."):
            return rejected("email: empty dot-atom")
        tld = domain.rsplit(".", 1)[-1].lower()
        if tld in _FILE_EXTENSIONS:
            return rejected("email: file name, not an address")
        return Check(True, "email: address with a valid domain")
