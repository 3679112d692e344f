"""A real MCP server over stdio (official SDK), started as a child process by the tests."""

from __future__ import annotations

import os
import time

from mcp.server.mcpserver import MCPServer

server = MCPServer("local-tools")


@server.tool()
def echo(text: str) -> str:
    """Repeat the text."""
    return f"echo: {text}"


@server.tool()
def environment() -> str:
    """Names of the environment variables this process sees, and its working directory."""
    allowed = os.environ.get("ZTAI_STDIO_ALLOWED", "-")
    return f"{','.join(sorted(os.environ))}|{allowed}|{os.getcwd()}|{os.getpid()}"


@server.tool()
def crash() -> str:
    """Exit the process at once, as a crashing server would."""
    os._exit(3)


@server.tool()
def slow(seconds: float) -> str:
    """Answer after a while."""
    time.sleep(seconds)
    return "late"


if __name__ == "__main__":
    server.run("stdio")
