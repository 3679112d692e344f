"""KeyRing: the Ed25519 signing keys of one purpose, with rotation and overlap."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from ztai.crypto.jwk import jwk_from_public_key
from ztai.crypto.sealing import Sealer
from ztai.domain.clock import Clock, iso, parse_iso, system_clock
from ztai.storage.database import Database
from ztai.storage.signing_keys import SigningKeyRepository, StoredKey
from ztai.storage.versions import IDENTITY, bump


@dataclass(frozen=True, slots=True)
class RingKey:
    kid: str
    private: ed25519.Ed25519PrivateKey
    public: ed25519.Ed25519PublicKey
    public_jwk: dict[str, Any]
    retire_after: float | None


class KeyRing:
    def __init__(
        self, db: Database, sealer: Sealer, purpose: str, clock: Clock = system_clock
    ) -> None:
        self._db = db
        self._repo = SigningKeyRepository(db)
        self._sealer = sealer
        self._purpose = purpose
        self._clock = clock
        self._keys: list[RingKey] = []

    def _context(self, kid: str) -> str:
        return f"ztai.signing-key:{self._purpose}:{kid}"

    def _open(self, stored: StoredKey) -> RingKey:
        raw = self._sealer.unseal(stored.sealed_private, context=self._context(stored.kid))
        private = ed25519.Ed25519PrivateKey.from_private_bytes(raw)
        return RingKey(
            kid=stored.kid,
            private=private,
            public=private.public_key(),
            public_jwk=stored.public_jwk,
            retire_after=parse_iso(stored.retire_after) if stored.retire_after else None,
        )

    def _new_key(self) -> StoredKey:
        private = ed25519.Ed25519PrivateKey.generate()
        kid = f"{self._purpose}-{uuid.uuid4().hex[:16]}"
        raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        jwk = {
            **jwk_from_public_key(private.public_key()),
            "kid": kid,
            "alg": "EdDSA",
            "use": "sig",
        }
        return StoredKey(
            kid=kid,
            purpose=self._purpose,
            alg="EdDSA",
            public_jwk=jwk,
            sealed_private=self._sealer.seal(raw, context=self._context(kid)),
            created_at=iso(self._clock()),
            retire_after=None,
        )

    async def load(self, *, create: bool = True) -> None:
        """Read the keys; create the first one if there is none (unless `create` is False).
        Raises SealError if a stored key does not open under this master key: refuse to
        start rather than skip it."""
        stored = await self._repo.for_purpose(self._purpose)
        if create and not any(k.retire_after is None for k in stored):
            async with self._db.transaction(lock=f"ztai.keys.{self._purpose}") as tx:
                rows = await tx.fetch(
                    "SELECT kid FROM signing_keys WHERE purpose = ? AND retire_after IS NULL",
                    self._purpose,
                )
                if not rows:
                    await self._repo.insert(self._new_key(), tx)
            stored = await self._repo.for_purpose(self._purpose)
        self._keys = [self._open(k) for k in stored]

    async def rotate(self, overlap_seconds: float) -> str:
        """Make a new current key; older keys still verify for `overlap_seconds`."""
        new = self._new_key()
        retire_after = iso(self._clock() + overlap_seconds)
        async with self._db.transaction(lock=f"ztai.keys.{self._purpose}") as tx:
            await self._repo.schedule_retirement(tx, self._purpose, retire_after)
            await self._repo.insert(new, tx)
            await bump(tx, IDENTITY)  # other replicas reload their keys within the sync interval
        await self.load()
        return new.kid

    def current(self) -> RingKey:
        live = [k for k in self._keys if k.retire_after is None]
        if not live:
            raise LookupError(f"no current {self._purpose} signing key; call load()")
        return live[-1]

    def verification_key(self, kid: object) -> ed25519.Ed25519PublicKey | None:
        now = self._clock()
        for key in self._keys:
            if key.kid == kid and (key.retire_after is None or key.retire_after > now):
                return key.public
        return None

    def historic_key(self, kid: str) -> ed25519.Ed25519PublicKey | None:
        """Any key this ring ever had, retired or not: old checkpoints must still verify."""
        return next((k.public for k in self._keys if k.kid == kid), None)

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        now = self._clock()
        return {
            "keys": [
                k.public_jwk for k in self._keys if k.retire_after is None or k.retire_after > now
            ]
        }
