"""Cedar source text: safe string literals and splitting a file into statements with lines."""

from __future__ import annotations

from dataclasses import dataclass


def cedar_string(value: str) -> str:
    """A Cedar string literal for any text: quotes, backslashes and control or non-ASCII
    characters are escaped, so an entity id can never close the literal early."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    out.append('"')
    return "".join(out)


def entity(type_name: str, entity_id: str) -> str:
    return f"{type_name}::{cedar_string(entity_id)}"


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    line: int  # 1-based line where the statement starts


def statements(source: str) -> list[Statement]:
    """Split policy text at top-level `;`, skipping strings and `//` comments, in one pass."""
    found: list[Statement] = []
    start, line, start_line = 0, 1, 1
    i, n = 0, len(source)
    in_string = in_comment = False
    seen_code = False
    while i < n:
        ch = source[i]
        if ch == "\n":
            line += 1
            in_comment = False
        elif in_comment:
            pass
        elif in_string:
            if ch == "\\":
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "/" and source.startswith("//", i):
            in_comment = True
        elif ch == ";":
            found.append(Statement(source[start : i + 1], start_line))
            start, seen_code = i + 1, False
        elif not ch.isspace() and not seen_code:
            seen_code, start_line = True, line
        i += 1
    tail = source[start:]
    if seen_code:
        found.append(Statement(tail, start_line))
    return found
