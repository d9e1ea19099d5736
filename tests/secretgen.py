"""Seeded generator of format-valid fake secrets, built at test time.

Nothing here is a secret: every value is made from a provider's sample
template (``flake8_nosecrets.providers``) or from random characters, with a
fixed seed so that test runs are reproducible. The repository itself holds no
token-shaped string (see ``tests/test_self_clean.py``).
"""

from __future__ import annotations

import random
import string

from flake8_nosecrets import providers, samples

SEED = 20261128


def rng(salt: str = "") -> random.Random:
    return random.Random(f"{SEED}:{salt}")


def provider_token(provider: providers.Provider, template: str, r: random.Random) -> str:
    token = samples.expand(template, r)
    return provider.finish(token) if provider.finish else token


def provider_samples(provider: providers.Provider, salt: str = "") -> list[str]:
    """Every positive sample of *provider*, expanded (JWT is built by :func:`jwt`)."""
    r = rng(provider.id + salt)
    if provider.id == "jwt":
        return [jwt(r)]
    return [provider_token(provider, t, r) for t in provider.samples]


def provider_non_samples(provider: providers.Provider, salt: str = "") -> list[str]:
    r = rng(provider.id + "-neg" + salt)
    return [samples.expand(t, r) for t in provider.non_samples]


def jwt(r: random.Random | None = None) -> str:
    return samples.jwt(r or rng("jwt"))


def password(r: random.Random | None = None, length: int = 14) -> str:
    """A strong random password: letters, digits and URL-safe punctuation."""
    return samples.password(r or rng("password"), length)


def weak_password(r: random.Random | None = None) -> str:
    return samples.weak_password(r or rng("weak"))


def random_key(
    r: random.Random | None = None, length: int = 32, alphabet: str = string.ascii_letters + string.digits
) -> str:
    return samples.random_key(r or rng("key"), length, alphabet)


def hex_key(r: random.Random | None = None, length: int = 32) -> str:
    return samples.random_key(r or rng("hex"), length, "0123456789abcdef")


def private_key_pem(kind: str = "RSA", r: random.Random | None = None, lines: int = 12) -> str:
    return samples.private_key_pem(kind, r or rng("pem" + kind), lines)


def fill(text: str, salt: str) -> str:
    """Fill ``{{slot}}`` markers (tests/fixtures/README.md) with seeded fake secrets."""
    return samples.fill_slots(text, rng(salt))
