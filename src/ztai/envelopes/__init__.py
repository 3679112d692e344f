"""Signed instruction envelopes between agents: only text inside a verified envelope is an
instruction; everything else is data."""

from ztai.envelopes.blocks import Block, find_blocks, wrap
from ztai.envelopes.signing import ENVELOPE_TYPE, sign_instruction
from ztai.envelopes.verifier import EnvelopeVerifier, Instruction, Rejection, Verification

__all__ = [
    "ENVELOPE_TYPE",
    "Block",
    "EnvelopeVerifier",
    "Instruction",
    "Rejection",
    "Verification",
    "find_blocks",
    "sign_instruction",
    "wrap",
]
