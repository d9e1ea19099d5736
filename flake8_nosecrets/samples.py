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
