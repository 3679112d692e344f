"""In-process helpers for agent code: sign instructions for other agents, verify received ones."""

from ztai.sdk.envelopes import instruction_block, sign_instruction, verify_instructions

__all__ = ["instruction_block", "sign_instruction", "verify_instructions"]
