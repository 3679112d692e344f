"""The MCP Registry's `server.json`, mapped onto a catalog entry.

Supported (schema 2025-12-11, camelCase): a `remotes` entry of type `streamable-http` with a
fixed URL, or a `packages` entry with `transport: stdio` from npm, PyPI, OCI or NuGet, whose
runtime and package arguments all have fixed values. Its `environmentVariables` become the
entry's env allow-list (values come from the gateway's environment at start, never from the
file). Everything that would need a person's input or a capability the gateway lacks (URL
templates, required upstream headers, SSE-only remotes, MCPB bundles, unpinned `latest`
versions) is refused with the reason, rather than imported half-working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ztai.domain.mcp_target import StdioCommand
from ztai.errors import ValidationFailed

Text = Annotated[str, StringConstraints(max_length=4096)]
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
_CATALOG_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class ImportUnsupported(ValidationFailed):
    code = "catalog.import_unsupported"
    title = "server.json cannot be imported as it is"


class _Lenient(BaseModel):
    # server.json grows informational fields (title, icons, repository, _meta, ...): they
    # are read past; the fields we map are typed strictly.
    model_config = ConfigDict(extra="ignore", strict=True)


class Header(_Lenient):
    name: Text
    isRequired: bool = False


class Remote(_Lenient):
    type: Text
    url: Text
    headers: Annotated[list[Header], Field(max_length=64)] = []


class Argument(_Lenient):
    type: Literal["positional", "named"]
    name: Text | None = None
    value: Text | None = None
    default: Text | None = None
    valueHint: Text | None = None
    isRequired: bool = False


class EnvironmentVariable(_Lenient):
    name: Text


class PackageTransport(_Lenient):
    type: Text


class Package(_Lenient):
    registryType: Text
    identifier: Text
    version: Text | None = None
    transport: PackageTransport
    runtimeHint: Text | None = None
    runtimeArguments: Annotated[list[Argument], Field(max_length=64)] = []
    packageArguments: Annotated[list[Argument], Field(max_length=64)] = []
    environmentVariables: Annotated[list[EnvironmentVariable], Field(max_length=64)] = []


class ServerJson(_Lenient):
    name: Annotated[str, StringConstraints(min_length=3, max_length=200)]
    description: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    remotes: Annotated[list[Remote], Field(max_length=32)] = []
    packages: Annotated[list[Package], Field(max_length=32)] = []


@dataclass(frozen=True, slots=True)
class ImportedServer:
    name: str
    description: str
    version: str
    url: str | None
    stdio: StdioCommand | None
    source: str  # the registry name, e.g. io.github.user/weather


# How each package registry's servers are started when no runtimeHint names the runner.
_RUNNERS = {"npm": "npx", "pypi": "uvx", "oci": "docker", "nuget": "dnx"}


def catalog_name(registry_name: str) -> str:
    """`io.github.user/Weather.Server` → `weather-server` (the part after the namespace)."""
    tail = registry_name.rsplit("/", 1)[-1].lower()
    name = re.sub(r"[^a-z0-9_-]+", "-", tail).strip("-_")[:64]
    if not _CATALOG_NAME.match(name):
        raise ImportUnsupported(
            f"cannot derive a catalog name from {registry_name!r}; pass ?name=",
        )
    return name


def _argument(arg: Argument, where: str) -> list[str]:
    value = arg.value if arg.value is not None else arg.default
    label = arg.name or arg.valueHint or "positional argument"
    if value is not None and "{" in value:
        raise ImportUnsupported(f"{where}: {label} is a template that needs values")
    if value is None:
        if arg.isRequired:
            raise ImportUnsupported(f"{where}: {label} needs a value the file does not give")
        return []
    if arg.type == "named":
        if not arg.name:
            raise ImportUnsupported(f"{where}: a named argument without a name")
        return [arg.name, value]
    return [value]


def _stdio(package: Package) -> StdioCommand:
    registry = package.registryType
    if registry not in _RUNNERS:
        raise ImportUnsupported(f"packages: registryType {registry!r} is not supported")
    runner = package.runtimeHint or _RUNNERS[registry]
    version = package.version
    if not version or version == "latest":
        # A moving version would let the package change under its review (a rug pull).
        raise ImportUnsupported("packages: the package version must be pinned, not 'latest'")
    runtime = [a for arg in package.runtimeArguments for a in _argument(arg, "runtimeArguments")]
    arguments = [a for arg in package.packageArguments for a in _argument(arg, "packageArguments")]
    ident = package.identifier
    if registry == "npm":
        argv = [runner, *(runtime or ["-y"]), f"{ident}@{version}", *arguments]
    elif registry == "pypi":
        argv = [runner, *runtime, f"{ident}=={version}", *arguments]
    elif registry == "oci":
        image = ident if (":" in ident.rsplit("/", 1)[-1] or "@" in ident) else f"{ident}:{version}"
        argv = [runner, *(runtime or ["run", "-i", "--rm"]), image, *arguments]
    else:  # nuget
        argv = [runner, *runtime, f"{ident}@{version}", "--yes", "--", *arguments]
    env = []
    for variable in package.environmentVariables:
        if not _ENV_NAME.match(variable.name):
            raise ImportUnsupported(f"environmentVariables: {variable.name!r} is not a name")
        env.append(variable.name)
    if any("\x00" in a or not a for a in argv):
        raise ImportUnsupported("packages: an empty or NUL-carrying argument")
    return StdioCommand(tuple(argv), None, tuple(dict.fromkeys(env)))


def _url(remote: Remote) -> str:
    if "{" in remote.url:
        raise ImportUnsupported("remotes: the URL is a template that needs values")
    if not re.match(r"^https?://[^\s]{1,2000}$", remote.url):
        raise ImportUnsupported("remotes: the URL must be http(s)")
    required = [h.name for h in remote.headers if h.isRequired]
    if required:
        raise ImportUnsupported(
            f"remotes: the server requires headers the gateway does not send: {required}"
        )
    return remote.url


def imported(
    doc: ServerJson,
    *,
    name: str | None = None,
    transport: Literal["streamable-http", "stdio"] | None = None,
) -> ImportedServer:
    """The catalog entry this server.json describes; a remote is preferred to a package
    (nothing runs on the gateway's host) unless `transport` asks for stdio."""
    remote = next((r for r in doc.remotes if r.type == "streamable-http"), None)
    package = next((p for p in doc.packages if p.transport.type == "stdio"), None)
    url: str | None = None
    stdio: StdioCommand | None = None
    if remote is not None and transport != "stdio":
        url = _url(remote)
    elif package is not None and transport != "streamable-http":
        stdio = _stdio(package)
    else:
        offered = sorted(
            {f"remote:{r.type}" for r in doc.remotes}
            | {f"package:{p.transport.type}" for p in doc.packages}
        )
        wanted = transport or "streamable-http or stdio"
        raise ImportUnsupported(f"no {wanted} transport in server.json (it offers {offered})")
    return ImportedServer(
        name=name or catalog_name(doc.name),
        description=doc.description,
        version=doc.version,
        url=url,
        stdio=stdio,
        source=doc.name,
    )
