"""Request bodies of the control API: strict types, unknown fields rejected (422)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[\w][\w .:@/-]*$")]
Person = Annotated[str, StringConstraints(min_length=1, max_length=256, strip_whitespace=True)]
Text = Annotated[str, StringConstraints(max_length=2000)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\w.:=/-]+$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CreateAgentBody(_Body):
    name: Name
    description: Text = ""
    owner: Person
    sponsor: Person
    environment: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "production"
    tags: list[Tag] = Field(default_factory=list, max_length=32)


class ReasonBody(_Body):
    reason: Text | None = None


class CreateCredentialBody(_Body):
    type: Literal["client_secret", "private_key_jwt"]
    jwk: dict[str, Any] | None = None


class UpdateAgentBody(_Body):
    risk_level: Literal["low", "medium", "high", "critical"] | None = None
    clearance: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None


class GrantBody(_Body):
    role: Annotated[
        str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    ]
    justification: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    expires_at: Annotated[str, StringConstraints(max_length=64)] | None = None


class EntityBody(_Body):
    type: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    id: Annotated[str, StringConstraints(min_length=1, max_length=512)]


class DecisionBody(_Body):
    principal: EntityBody
    action: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    resource: EntityBody
    context: dict[str, Any] = Field(default_factory=dict)
    approved: bool = False


class DataSourceBody(_Body):
    label: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    owner: Person
    description: Text = ""


class ClassifyBody(_Body):
    text: str
    source: dict[str, Annotated[str, StringConstraints(max_length=512)]] = Field(
        default_factory=dict, max_length=32
    )


class SigningKeyBody(_Body):
    jwk: dict[str, Any]
