"""Where an MCP server lives: a Streamable HTTP URL, or a stdio command the gateway starts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class StdioCommand:
    """A local server process. `argv` is executed directly (never through a shell); the
    child's environment holds only the variables named in `env`, with the gateway's values
    (so secrets stay in the gateway's environment, not in the catalog)."""

    argv: tuple[str, ...]
    cwd: str | None = None
    env: tuple[str, ...] = field(default=())

    def to_public(self) -> dict[str, Any]:
        return {"command": list(self.argv), "cwd": self.cwd, "env": list(self.env)}

    def to_json(self) -> str:
        return json.dumps(self.to_public(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> StdioCommand:
        data = json.loads(text)
        return cls(tuple(data["command"]), data.get("cwd"), tuple(data.get("env") or ()))


@dataclass(frozen=True, slots=True)
class McpTarget:
    """Exactly one of `url` and `stdio` is set; the pair is the key of the upstream session."""

    url: str | None = None
    stdio: StdioCommand | None = None

    @property
    def transport(self) -> str:
        return "stdio" if self.stdio is not None else "streamable-http"

    def describe(self) -> str:
        """For logs: the URL, or the program name (never the arguments, which may be long)."""
        if self.stdio is not None:
            return f"stdio:{self.stdio.argv[0]}"
        return str(self.url)
