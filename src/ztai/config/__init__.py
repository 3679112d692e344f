"""Typed settings: the only code that reads the environment and config files."""

from ztai.config.settings import Settings, UpstreamSettings, load_settings

__all__ = ["Settings", "UpstreamSettings", "load_settings"]
