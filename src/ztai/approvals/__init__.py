"""Human-in-the-loop approvals for risky tool calls (binding, single use, expiring)."""
