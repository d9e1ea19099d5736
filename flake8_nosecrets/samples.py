"""Expand sample templates into format-valid fake tokens, at run time only.

The repository never holds a token that looks live (secret scanners and push
protection would flag it). Provider entries carry *templates* instead, such as
``"ghp_{a30}"``, and this module fills them with seeded random characters.
A provider's ``finish`` hook may then append its checksum, so a generated
GitHub or npm token passes the same CRC32 check that a real one does.

Classes: ``a`` base62, ``h``/``H`` lower/upper hex, ``d`` digits, ``l``/``u``
lower/upper alphanumerics, ``L``/``U`` lower/upper letters, ``b`` base64,
``w`` base64url, ``B`` base32 (A-Z2-7), ``C`` upper-case bech32. ``{a30}`` is 30 base62 characters.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string

CLASSES = {
    "a": string.ascii_letters + string.digits,
    "h": "0123456789abcdef",
    "H": "0123456789ABCDEF",
    "d": string.digits,
    "l": string.ascii_lowercase + string.digits,
    "u": string.ascii_uppercase + string.digits,
    "L": string.ascii_lowercase,
    "U": string.ascii_uppercase,
    "b": string.ascii_letters + string.digits + "+/",
    "w": string.ascii_letters + string.digits + "-_",
    "B": string.ascii_uppercase + "234567",
    "C": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
}
_SLOT_RE = re.compile(r"\{([ahHdluLUbwBC])(\d+)\}")


def expand(template: str, rng: random.Random) -> str:
    """Fill every ``{cN}`` slot of *template* with N random characters of class c."""
    return _SLOT_RE.sub(lambda m: "".join(rng.choice(CLASSES[m.group(1)]) for _ in range(int(m.group(2)))), template)


# ----------------------------------------------------------------------------- fake secrets
# Shared by the tests (tests/secretgen.py re-exports these) and the demo planter
# (examples/plant.py), so that both build the same kinds of fake secrets.
def password(r: random.Random, length: int = 14) -> str:
    """A strong random password of letters, digits and URL-safe punctuation (usable inside a DSN)."""
    alphabet = string.ascii_letters + string.digits + "!*+-=^_~"
    while True:
        pw = "".join(r.choice(alphabet) for _ in range(length))
        if any(c.isdigit() for c in pw) and any(c.isalpha() for c in pw):
            return pw


def weak_password(r: random.Random) -> str:
    """A human-style weak password: capitalised word, year, symbol (``Autumn2019#``)."""
    word = r.choice(["Autumn", "Winter", "Falcon", "Harbor", "Marble", "Velvet", "Copper", "Meadow"])
    return f"{word}{r.randrange(1990, 2030)}{r.choice('!#$%&*')}"


def random_key(r: random.Random, length: int = 32, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(r.choice(alphabet) for _ in range(length))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(r: random.Random) -> str:
    """An HS256 JWT with a random subject and signature."""
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps({"sub": str(r.randrange(10**9)), "iat": 1700000000 + r.randrange(10**6)}).encode())
    sig = _b64url(bytes(r.randrange(256) for _ in range(32)))
    return f"{header}.{payload}.{sig}"


def private_key_pem(kind: str, r: random.Random, lines: int = 12) -> str:
    """A PEM block with a random (invalid, but well-shaped) base64 body."""
    label = f"{kind} PRIVATE KEY".strip() if kind else "PRIVATE KEY"
    body = "\n".join(base64.b64encode(bytes(r.randrange(256) for _ in range(48))).decode() for _ in range(lines))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"


def provider_sample(provider_id: str, r: random.Random, index: int = 0) -> str:
    """Sample *index* of a provider, expanded and completed with its checksum."""
    from . import providers

    p = providers.BY_ID[provider_id]
    if p.id == "jwt":
        return jwt(r)
    token = expand(p.samples[index], r)
    return p.finish(token) if p.finish else token


_FILL_RE = re.compile(r"\{\{(pw|weak|hex40|b62_32|jwt|basic|pem:[A-Z]*|provider:[a-z0-9\-]+)\}\}")


def fill_slots(text: str, r: random.Random) -> str:
    """Replace ``{{slot}}`` markers with fake secrets (see tests/fixtures/README.md for the slots)."""

    def one(m: re.Match[str]) -> str:
        slot = m.group(1)
        if slot == "pw":
            return password(r)
        if slot == "weak":
            return weak_password(r)
        if slot == "hex40":
            return random_key(r, 40, "0123456789abcdef")
        if slot == "b62_32":
            return random_key(r, 32)
        if slot == "jwt":
            return jwt(r)
        if slot == "basic":
            return base64.b64encode(f"svc:{password(r)}".encode()).decode()
        if slot.startswith("pem:"):
            return private_key_pem(slot[4:], r).replace("\n", "\\n").rstrip("\\n")
        return provider_sample(slot.split(":", 1)[1], r)

    return _FILL_RE.sub(one, text)
