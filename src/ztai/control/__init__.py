"""Control plane (port 8701): registry, credentials, audit query — for admins."""
