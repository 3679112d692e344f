"""The LLM path: an OpenAI-compatible, authenticated, policy-enforced, inspected proxy."""
