"""How hard a value is to guess, so that no output narrows the search for it below :data:`SAFE_BITS`.

A report may show part of a secret, its length and a short hash only when what
stays unknown still takes at least 2^80 guesses: then no output, alone or
together with the others, lets anyone recover the value or verify a guess
offline in reach. Guessability is estimated with zxcvbn (Dropbox's estimator:
dictionaries of common passwords, names and words, keyboard walks, repeats,
sequences, dates, l33t substitutions), which is conservative for random
strings (it counts 10 guesses per character it cannot explain, where a random
base64 character takes 64), so a random token needs about 25 unexplained
characters to count as strong.

Two cheap bounds come first, because zxcvbn costs milliseconds and a run can
redact many values: a value whose every character could come from the widest
alphabet it uses still stays under the bound is weak without asking zxcvbn
(every value of 12 printable characters or fewer), and only the first
:data:`ESTIMATE_CHARS` characters are estimated (the whole value takes at
least as many guesses as its beginning).

Results are memoised per process under an HMAC of the value with a random key
made at start-up: no plaintext and no public hash of a secret is kept.
"""

from __future__ import annotations

import collections
import hashlib
import hmac
import math
import os
import string

SAFE_BITS = 80.0  # guesses an output must leave: 2^80
ESTIMATE_CHARS = 40  # zxcvbn's cost grows with the square of the length; the beginning bounds the whole
_CLASSES = (
    (frozenset(string.ascii_lowercase), 26),
    (frozenset(string.ascii_uppercase), 26),
    (frozenset(string.digits), 10),
    (frozenset(string.punctuation + " "), 33),
)
_MEMO_SIZE = 4096
_MEMO_KEY = os.urandom(32)
_memo: collections.OrderedDict[bytes, float] = collections.OrderedDict()


def alphabet_bound(value: str) -> float:
    """An upper bound on the bits of *value*: its length times log2 of the character classes it draws from
    (any character outside ASCII counts as one of 2^16)."""
    size = 0
    chars = set(value)
    for members, n in _CLASSES:
        if chars & members:
            size += n
            chars -= members
    if chars:
        size += 1 << 16
    return len(value) * math.log2(size) if size > 1 else 0.0


def guess_bits(value: str) -> float:
    """log2 of the guesses an attacker who knows how people and tools choose values needs for *value*
    (a conservative estimate: it may call a random value weaker than it is, never a human one stronger)."""
    if not value:
        return 0.0
    if alphabet_bound(value) < SAFE_BITS:
        return alphabet_bound(value)
    key = hmac.new(_MEMO_KEY, value.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    if key in _memo:
        _memo.move_to_end(key)
        return _memo[key]
    bits = min(alphabet_bound(value), _zxcvbn_bits(value[:ESTIMATE_CHARS]))
    _memo[key] = bits
    if len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)
    return bits


def _zxcvbn_bits(value: str) -> float:
    from zxcvbn import zxcvbn

    try:
        guesses = zxcvbn(value, max_length=ESTIMATE_CHARS)["guesses"]
    except Exception:  # noqa: BLE001 - zxcvbn's own failure must not stop a report; assume the worst
        return 0.0
    return math.log2(float(guesses)) if guesses > 1 else 0.0


def is_strong(unknown: str) -> bool:
    """Whether a value whose unknown part is *unknown* may be shown by prefix, length and fingerprint."""
    return guess_bits(unknown) >= SAFE_BITS
