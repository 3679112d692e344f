"""Envelopes in chat requests: verified instructions become trusted text, everything else in
a block is dropped, and a verified scope limits which tools the model may call."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ztai.envelopes import EnvelopeVerifier, Instruction
from ztai.envelopes.blocks import OPEN
from ztai.gateway.llm.inspect import rewrite_messages
from ztai.gateway.llm.schema import ChatRequest, message_texts

# Envelopes count only where a principal speaks; in tool output they are data.
ACCEPTING_ROLES = frozenset({"user", "system", "developer"})


@dataclass
class Envelopes:
    instructions: list[Instruction] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def allowed_tools(self) -> set[str] | None:
        if not self.instructions:
            return None
        return {t for i in self.instructions for t in i.scope.get("tools", [])}


def _render(instruction: Instruction) -> str:
    return (
        f"[verified instruction {instruction.id} from agent {instruction.iss}]\n"
        f"{instruction.instruction}\n[end of verified instruction]"
    )


async def apply_envelopes(
    verifier: EnvelopeVerifier, body: ChatRequest, receiver: str
) -> tuple[ChatRequest, Envelopes]:
    found = Envelopes()
    if not any(OPEN in t for m in body.messages for t in message_texts(m)):
        return body, found
    replaced: dict[tuple[str, str], str] = {}
    for message in body.messages:
        accept = message.role in ACCEPTING_ROLES
        for text in message_texts(message):
            key = (message.role, text)
            if OPEN not in text or key in replaced:
                continue
            result = await verifier.verify(text, receiver, accept=accept)
            found.instructions += result.instructions
            found.rejected += [r.reason for r in result.rejected]
            trusted = "\n".join(_render(i) for i in result.instructions)
            replaced[key] = f"{result.data}\n{trusted}" if trusted else result.data

    def rewrite(text: str, role: str) -> str:
        return replaced.get((role, text), text)

    messages = rewrite_messages([m.model_dump(exclude_none=True) for m in body.messages], rewrite)
    data: dict[str, Any] = body.model_dump(exclude_unset=True)
    data["messages"] = messages
    allowed = found.allowed_tools()
    if allowed is not None and body.tools:
        data["tools"] = [t for t in body.tools if _tool_name(t) in allowed]
        if not data["tools"]:
            data.pop("tools")
            data.pop("tool_choice", None)
    return ChatRequest.model_validate(data), found


def _tool_name(tool: dict[str, Any]) -> str:
    function = tool.get("function")
    return str(function.get("name")) if isinstance(function, dict) else ""


def calls_outside(answer: dict[str, Any], allowed: set[str]) -> list[str]:
    """Names of tool calls in a (non-streamed) answer that the verified scope does not allow."""
    outside = []
    for choice in answer.get("choices") or []:
        message = choice.get("message") if isinstance(choice, dict) else None
        for call in (message or {}).get("tool_calls") or []:
            name = _tool_name(call) if isinstance(call, dict) else ""
            if name not in allowed:
                outside.append(name)
    return outside
