"""Agent inventory and lifecycle: who exists, who owns it, what state it is in."""

from ztai.registry.service import NewAgent, RegistryService

__all__ = ["NewAgent", "RegistryService"]
