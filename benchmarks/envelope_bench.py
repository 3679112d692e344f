"""Envelope verifications per second (issue target: ≥ 10,000 per core).

Verifies distinct signed envelopes (each a fresh id, so each is a real replay-cache claim)
through `EnvelopeVerifier` against a live identity view, with the replay cache in process
memory and in Redis, next to the bare Ed25519 signature check (OpenSSL through
`cryptography`, and libsodium, which ztai uses for EdDSA) for reference.

    .venv/bin/python benchmarks/envelope_bench.py [--n 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ed25519
from nacl.signing import VerifyKey
from redis.asyncio import Redis

from ztai.bootstrap import build_services
from ztai.config import Settings
from ztai.crypto.jwk import jwk_from_public_key
from ztai.domain.agent import LifecycleAction
from ztai.envelopes import EnvelopeVerifier, sign_instruction, wrap
from ztai.registry.service import NewAgent
from ztai.storage.replay_cache import MemoryReplayCache, RedisReplayCache, ReplayCache


async def allow(issuer: str, receiver: str) -> bool:
    return True  # policy cost is measured by benchmarks/policy_bench.py


async def run(n: int, repeat: int, redis_url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate(
            {
                "data_dir": Path(tmp),
                "admin_token": "bench-admin-token-0123456789",
                "master_key": base64.urlsafe_b64encode(bytes(32)).decode(),
            }
        )
        services = await build_services(settings)
        try:
            ids = []
            for name in ("orchestrator", "worker"):
                agent = await services.registry.create("bench", NewAgent(name, "", "o", "s"))
                await services.registry.transition("bench", agent.id, LifecycleAction.ACTIVATE)
                ids.append(agent.id)
            key = ed25519.Ed25519PrivateKey.generate()
            kid = await services.agent_keys.register(
                "bench", ids[0], jwk_from_public_key(key.public_key())
            )
            blocks = []
            for _ in range(n * repeat * 2 + 10):
                token = sign_instruction(
                    key, kid, iss=ids[0], aud=ids[1], instruction="do x", tools=["erp.read"]
                )
                from ztai.crypto import jws

                blocks.append(wrap(jws.peek_claims(token)["jti"], ids[0], token))
            redis = Redis.from_url(redis_url)
            caches: list[tuple[str, ReplayCache]] = [("memory", MemoryReplayCache())]
            try:
                await redis.ping()
                caches.append(("redis", RedisReplayCache(redis)))
            except Exception:
                pass
            print("| replay cache | verifications/s (median) | µs each |\n|---|---:|---:|")
            cursor = 0
            for label, cache in caches:
                verifier = EnvelopeVerifier(services.view, cache, allow)
                rates = []
                for _ in range(repeat):
                    batch = blocks[cursor : cursor + n]
                    cursor += n
                    start = time.perf_counter()
                    for block in batch:
                        result = await verifier.verify(block, ids[1])
                        assert result.instructions, result.rejected
                    rates.append(n / (time.perf_counter() - start))
                rate = statistics.median(rates)
                print(f"| {label} | {rate:,.0f} | {1e6 / rate:.1f} |")
            await redis.aclose()
            public = key.public_key()
            message, signature = b"x" * 400, key.sign(b"x" * 400)
            start = time.perf_counter()
            for _ in range(n):
                public.verify(signature, message)
            raw = n / (time.perf_counter() - start)
            print(f"| (bare Ed25519 verify, OpenSSL, reference) | {raw:,.0f} | {1e6 / raw:.1f} |")
            sodium = VerifyKey(public.public_bytes_raw())
            start = time.perf_counter()
            for _ in range(n):
                sodium.verify(message, signature)
            raw = n / (time.perf_counter() - start)
            print(f"| (bare Ed25519 verify, libsodium, reference) | {raw:,.0f} | {1e6 / raw:.1f} |")
        finally:
            await services.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    asyncio.run(run(args.n, args.repeat, args.redis_url))


if __name__ == "__main__":
    main()
