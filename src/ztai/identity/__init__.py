"""Per-agent identity: credentials, the OAuth token issuer and verifier, revocation."""
