"""Does a value look like a credential? The value tests the name rules ask for (:mod:`classify`).

* :func:`looks_random`: a high-entropy value, the evidence under a bare ``key``;
* :func:`looks_like_credential`: not a word, identifier, number, path or regex, the evidence under a
  token/secret name (a random value with a space, an app password in groups included);
* :func:`looks_binary`: bytes pasted from ``os.urandom``.
"""

from __future__ import annotations

import re

from . import entropy, filters, names, textstats
from .options import Options

_WORD_PARTS_RE = re.compile(r"[A-Za-z]{4,}")
_IDENTIFIER_DIGITS_RE = re.compile(r"^[A-Za-z]{1,5}[_\-.]?\d{1,4}$")  # utf8, sha256, HS256, int32, v2
_NUMBERISH_RE = re.compile(r"^[\d\s.,:+\-/x]+$")


def is_wordy(value: str) -> bool:
    """Mostly made of pronounceable words: ``my_variable_name_2``, ``DefaultSessionTimeout10``."""
    covered = 0
    for w in _WORD_PARTS_RE.findall(value):
        for part in names.words(w):
            if len(part) >= 4 and not textstats.is_alphabet_run(part) and textstats.pronounceable(part):
                covered += len(part)
    return covered * 2 >= len(value)


_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-.~:!@#$%^&*?")


def looks_random(value: str, options: Options, min_length: int = 16, key_charset: bool = False) -> bool:
    """A high-entropy value: the evidence needed for a long value under a secret name.

    *key_charset* (for a bare ``key`` name) also demands the alphabet keys are written in,
    so quoted fragments and markup (``' filename="abc.gif"'``) never count.
    """
    if len(value) < min_length or len(value) > 4096 or any(c.isspace() for c in value):
        return False
    if key_charset and not _KEY_CHARS.issuperset(value):
        return False
    if filters.is_dotted_identifier(value) or filters.is_hostname(value):
        return False
    if entropy.shannon(value) < min(options.entropy, 0.85 * entropy.max_entropy(len(value), 94)):
        return False
    if is_wordy(value) or filters.is_regex(value):
        return False
    return entropy.char_classes(value) >= 2


def looks_like_credential(value: str, options: Options) -> bool:
    """Under a token/secret name: a value that is not a word, identifier, number, path or regex."""
    if len(value) < 6 or len(value) > 4096:
        return False
    if any(c.isspace() for c in value):
        return spaced_credential(value, options)
    if filters.is_word_like(value):
        return False
    if _NUMBERISH_RE.match(value) or _IDENTIFIER_DIGITS_RE.match(value):
        return False
    if filters.is_regex(value) or filters.is_path(value) or filters.is_dotted_identifier(value):
        return False
    if filters.is_hostname(value):
        return False
    if len(value) >= 16:
        return looks_random(value, options)
    if value.isalpha():  # not word-like: letters in both cases with no word in them (``JgHxKpQwRt``)
        return len(value) >= 8
    return entropy.char_classes(value) >= 2 and any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


def spaced_credential(value: str, options: Options) -> bool:
    """A credential with spaces in it: an app password in groups (``"abcd efgh ijkl mnop"``, Gmail's form), or
    a random value with a space or two (``"x8#kf 2@9fj!k3 la0"``); not words."""
    if filters.is_grouped_password(value):
        return not filters.is_sequential(value)
    if "  " in value or any(c.isspace() and c != " " for c in value) or value.count(" ") * 6 > len(value):
        return False
    compact = value.replace(" ", "")
    return len(compact) >= 16 and looks_random(compact, options) and not is_wordy(value)


def looks_binary(value: str) -> bool:
    """``b'_5#y2L"F4Q8z\\n\\xec]/'``: bytes pasted from ``os.urandom``, spaces and control bytes included.

    Byte values only (a bytes literal, or a string of ``\\x`` escapes), some of them control or high bytes
    (not text in a Latin alphabet), nearly all different (not a fill pattern).
    """
    if not 12 <= len(value) <= 512 or max(value) > "\xff":
        return False
    odd = sum(1 for c in value if c < " " or "\x7f" <= c <= "\x9f")
    high = sum(1 for c in value if c >= "\xa0")
    return (odd >= 1 or high * 4 >= len(value)) and odd + high >= 2 and len(set(value)) * 4 >= len(value) * 3
