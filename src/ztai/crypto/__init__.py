"""Cryptographic building blocks: JWK, compact JWS, sealing, key rings."""
