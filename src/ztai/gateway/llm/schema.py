"""The chat-completions request as ztai accepts it: OpenAI's fields, nothing unknown."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_MESSAGES = 2048


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None
    name: str | None = None
    tool_calls: list[dict[str, Any]] | None = None
    tool_call_id: str | None = None
    function_call: dict[str, Any] | None = None
    refusal: str | None = None
    audio: dict[str, Any] | None = None


class ChatRequest(BaseModel):
    """Known OpenAI parameters are passed through untouched; unknown ones are a 422."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1, max_length=256)
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_MESSAGES)
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    max_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    max_completion_tokens: int | None = Field(default=None, ge=1, le=1_000_000)
    temperature: float | None = None
    top_p: float | None = None
    n: int | None = Field(default=None, ge=1, le=16)
    stop: str | list[str] | None = None
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    logit_bias: dict[str, float] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    user: str | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    response_format: dict[str, Any] | None = None
    seed: int | None = None
    service_tier: str | None = None
    metadata: dict[str, str] | None = None
    store: bool | None = None
    modalities: list[str] | None = None
    audio: dict[str, Any] | None = None
    prediction: dict[str, Any] | None = None
    reasoning_effort: str | None = None
    web_search_options: dict[str, Any] | None = None
    prompt_cache_key: str | None = None
    safety_identifier: str | None = None
    verbosity: str | None = None
    functions: list[dict[str, Any]] | None = None
    function_call: str | dict[str, Any] | None = None

    @property
    def output_budget(self) -> int:
        return self.max_completion_tokens or self.max_tokens or 1024


def unscanned_parts(message: ChatMessage) -> int:
    """Content parts no detector reads (images, audio, files, anything not text)."""
    if not isinstance(message.content, list):
        return 0
    return sum(1 for p in message.content if not (isinstance(p, dict) and p.get("type") == "text"))


def message_texts(message: ChatMessage) -> list[str]:
    """Every piece of text in a message the model or a tool will read."""
    texts: list[str] = []
    if isinstance(message.content, str):
        texts.append(message.content)
    elif isinstance(message.content, list):
        texts.extend(
            str(part.get("text", ""))
            for part in message.content
            if isinstance(part, dict) and part.get("type") == "text"
        )
    for call in message.tool_calls or ():
        function = call.get("function") if isinstance(call, dict) else None
        if isinstance(function, dict) and isinstance(function.get("arguments"), str):
            texts.append(function["arguments"])
    return texts
