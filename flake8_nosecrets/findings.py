"""What the detector produces, and how a secret is shown without being shown.

A :class:`Finding` holds the secret value (the fixer needs it) but never lets
it out: ``repr`` omits it and every message uses :func:`redact`, which decides
per value what may be shown (see :mod:`.strength` and docs/no-leak.md): a value
whose unknown part takes at least 2^80 guesses shows a provider prefix (or at
most 4 characters, never more than a quarter), its length and a short
fingerprint; any other value shows nothing derived from it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from . import strength

FINGERPRINT_SALT = b"flake8-nosecrets/v1:"
# Stands for each replacement field when an f-string is scanned as one string.
FSTRING_HOLE = "\ue000"


def fingerprint(value: str, salt: bytes = FINGERPRINT_SALT) -> str:
    """Six hex digits identifying *value* in messages: enough to tell two apart, not to recover one."""
    return hashlib.sha256(salt + value.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def printable(text: str, limit: int = 60) -> str:
    """*text* made safe for any terminal or log: non-printable characters and surrogates escaped, length capped."""
    if len(text) > limit:
        text = text[:limit] + "…"
    if text.isprintable() and text.isascii():
        return text
    return "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else ascii(c)[1:-1] for c in text)


WITHHELD = "(value withheld)"
_FP_RE = re.compile(r"\bfp ([0-9a-f]{6})\b")
_AT_LINE_RE = re.compile(r" at line \d+$")


def visible_prefix(value: str, known_prefix: str = "") -> str:
    """The part of *value* a message may show if the rest is strong: the provider prefix, else at most a
    quarter, at most 4 chars."""
    if known_prefix and value.startswith(known_prefix) and len(known_prefix) <= 4:
        return known_prefix
    keep = min(4, len(value) // 4)
    return value[:keep]


def public_part(value: str, known_prefix: str = "") -> str:
    """What of *value* is public whatever the value: a provider's documented prefix."""
    return known_prefix if known_prefix and value.startswith(known_prefix) else ""


def redact(value: str, known_prefix: str = "") -> str:
    """``'"ghp_…" (40 chars, fp 3f2a9c)'`` for a value whose hidden part takes at least 2^80 guesses;
    ``'(value withheld)'`` for any other: no prefix, no length, no fingerprint. Safe in a public CI log."""
    shown = visible_prefix(value, known_prefix)
    unknown = value[max(len(shown), len(public_part(value, known_prefix))):]
    if not strength.is_strong(unknown):
        return WITHHELD
    return f'"{printable(shown)}…" ({len(value)} chars, fp {fingerprint(value)})'


def message_fingerprint(message: str) -> str:
    """The ``fp xxxxxx`` a message shows ('' when the value was withheld)."""
    m = _FP_RE.search(message)
    return m.group(1) if m else ""


def identity_text(message: str) -> str:
    """*message* without the part that moves when lines are added inside a literal (`` at line 211``):
    what identifies a finding across runs. Derived from the message, it holds nothing a message does not."""
    return _AT_LINE_RE.sub("", message)


@dataclasses.dataclass(frozen=True)
class Match:
    """What a rule found in one value: the code, what it is, and where the secret sits in the value."""

    code: str
    what: str  # "GitHub personal access token", "hardcoded password"…
    provider: str  # provider id or ""
    start: int  # span of the secret inside the value
    end: int
    prefix: str = ""  # a prefix a message may show


@dataclasses.dataclass(frozen=True)
class Binding:
    """Where a literal sits: what kind of place and the name that place gives it."""

    # assign, keyword, argument (a positional argument named by its parameter), default, dict-key, compare,
    # env-fallback, fallback (a configparser/config getter's), env-write, setattr, return, auth-tuple,
    # header, pair (``("name", "…")``), record (a user record's password), cipher-key,
    # auth-scheme (``"Bearer %s" % …``), string, docstring, comment; setting (a config file's key, its dotted path)
    kind: str
    name: str = ""  # the target/keyword/key/parameter/env var name ("" when neutral)
    callee: str = ""  # for keywords and defaults: the called function or defining function
    converted: bool = False  # reached through a conversion call: ``key = bytes.fromhex("…")``
    siblings: int = 0  # elements of the list/tuple/set literal the value sits in: ``PASSWORDS = ["…", "…"]``
    # What the program does with the value when that is known from the place (flake8_nosecrets.uses):
    # "signing-key" (a SECRET_KEY setting, a JWT/HMAC key) or "password" (a log-in, a hashed password); else "".
    use: str = ""
    # For a password passed beside a user name in the same call (``create_user(username="ops", password=…)``):
    # that user name, which names the account the password is for (the fixer's ``OPS_PASSWORD``).
    account: str = ""

    def describe(self, shown_name: str | None = None) -> str:
        """How a message names the binding: ``assigned to 'db_password'``.

        *shown_name* replaces the name when the name itself must not be printed
        (a dict key or env var name that is a secret).
        """
        n = printable(self.name if shown_name is None else shown_name, 40)
        return {
            "assign": f"assigned to '{n}'",
            "keyword": f"passed as '{n}='" + (f" to {printable(self.callee, 40)}()" if self.callee else ""),
            "argument": f"passed as parameter '{n}'" + (f" of {printable(self.callee, 40)}()" if self.callee else ""),
            "default": f"default of parameter '{n}'" + (f" of {printable(self.callee, 40)}()" if self.callee else ""),
            "dict-key": f"under key '{n}'",
            "compare": f"compared with '{n}'",
            "env-fallback": f"fallback for env var '{n}'",
            "fallback": f"fallback for setting '{n}'",
            "env-write": f"written to env var '{n}'",
            "setattr": f"set as attribute '{n}'",
            "return": f"returned by '{n}()'",
            "auth-tuple": "password of an auth=(user, password) pair"
            + (f" for {printable(self.callee, 40)}()" if self.callee else ""),
            "header": f"in header '{n}'",
            "pair": f"paired with '{n}'",
            "record": "password of a user record" + (f" in '{printable(self.callee, 40)}'" if self.callee else ""),
            "cipher-key": "key of a symmetric cipher"
            + (f" given to {printable(self.callee, 40)}()" if self.callee else ""),
            "auth-scheme": f"filled into an '{n} …' Authorization value",
            "setting": f"in setting '{n}'",
            "comment": "in a comment",
            "docstring": "in a docstring",
        }.get(self.kind, "in a string literal")


@dataclasses.dataclass(frozen=True)
class Finding:
    """One reported secret. ``line`` is 1-based, ``col`` 0-based in characters, both of the literal piece."""

    code: str
    line: int
    col: int
    message: str  # without the code, e.g. 'GitHub token ("ghp_…" 40 chars, fp 3f2a9c) assigned to \'x\''
    rule: str  # the rule slug from rules.py
    provider: str  # provider id, or "" for generic rules
    binding: Binding
    secret: str = dataclasses.field(repr=False, compare=False)
    # Where the secret sits inside the literal's value (so the fixer can replace just that part).
    span: tuple[int, int] = (0, 0)
    # Position of the whole literal node (start line, start col in characters); equal to line/col
    # except for a piece of an implicit concatenation.
    node_line: int = 0
    node_col: int = 0
    end_line: int = 0
    is_bytes: bool = False
    # The two parts of the message that identify it across runs (baselines): the value as shown
    # (``redact``'s text, which holds nothing of a weak value) and the binding as described.
    shown: str = ""
    where: str = ""
    what: str = ""  # the message's first part: what the value is ("GitHub token", "weak or default password")
    in_comment: bool = False  # found in a comment (a value in prose, or commented-out code judged as code)

    @property
    def fingerprint(self) -> str:
        """The message's short fingerprint; '' for a value too guessable to show one."""
        return message_fingerprint(self.message)

    def flake8_text(self) -> str:
        return f"{self.code} {self.message}"
