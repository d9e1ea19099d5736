"""Seeded generator of format-valid fake secrets, built at test time.

Nothing here is a secret: every value is made from a provider's sample
template (``flake8_nosecrets.providers``) or from random characters, with a
fixed seed so that test runs are reproducible. The repository itself holds no
token-shaped string (see ``tests/test_self_clean.py``).
"""

from __future__ import annotations

import base64
import json
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


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(r: random.Random | None = None) -> str:
    r = r or rng("jwt")
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps({"sub": str(r.randrange(10**9)), "iat": 1700000000 + r.randrange(10**6)}).encode())
    sig = _b64url(bytes(r.randrange(256) for _ in range(32)))
    return f"{header}.{payload}.{sig}"


def password(r: random.Random | None = None, length: int = 14) -> str:
    """A human-style strong password: letters, digits and punctuation."""
    r = r or rng("password")
    alphabet = string.ascii_letters + string.digits + "!*+-=^_~"  # URL-safe: usable inside a DSN
    while True:
        pw = "".join(r.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw):
            return pw


def random_key(
    r: random.Random | None = None, length: int = 32, alphabet: str = string.ascii_letters + string.digits
) -> str:
    r = r or rng("key")
    return "".join(r.choice(alphabet) for _ in range(length))


def hex_key(r: random.Random | None = None, length: int = 32) -> str:
    return random_key(r, length, "0123456789abcdef")


def private_key_pem(kind: str = "RSA", r: random.Random | None = None, lines: int = 12) -> str:
    """A PEM block with a random (invalid, but well-shaped) base64 body."""
    r = r or rng("pem" + kind)
    label = f"{kind} PRIVATE KEY".strip() if kind else "PRIVATE KEY"
    body = "\n".join(base64.b64encode(bytes(r.randrange(256) for _ in range(48))).decode() for _ in range(lines))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"
