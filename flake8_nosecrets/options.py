"""Options: declared once (:data:`SPECS`), parsed and validated once into a frozen :class:`Options`.

The same declarations feed flake8 (``add_options``), the standalone
``nosecrets`` command and pylint, so a setting means the same everywhere.
Values come from flake8's config files (setup.cfg ``[flake8]``, tox.ini,
.flake8) under the long option name without dashes prefix, e.g.::

    [flake8]
    nosecrets-extra-names = pin, otp
    nosecrets-allow = ^sk_test_, ^dev-only-
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterable

from . import files, providers


class OptionError(ValueError):
    """A configured value is invalid; the message says which option and why."""


@dataclasses.dataclass(frozen=True)
class OptionSpec:
    name: str  # without leading dashes, as written in config files
    default: Any
    kind: str  # "list", "float", "str", "bool"
    help: str
    metavar: str = ""


SPECS: tuple[OptionSpec, ...] = (
    OptionSpec("nosecrets-extra-names", "", "list",
               "Comma-separated extra words that make a name secret-like (e.g. 'pin,otp').", "WORDS"),
    OptionSpec("nosecrets-ignore-names", "", "list",
               "Comma-separated names or name words never treated as secret-like (e.g. 'csrf_token,sort_key').",
               "NAMES"),
    OptionSpec("nosecrets-allow", "", "list",
               "Comma-separated regular expressions; a value any of them matches (re.search) is never reported.",
               "REGEXES"),
    OptionSpec("nosecrets-entropy", 3.0, "float",
               "Minimum Shannon entropy (bits per character, 0-8) for a value under a bare 'key' name or without "
               "letters-and-digits structure to count as random. Default 3.0.", "BITS"),
    OptionSpec("nosecrets-disable-providers", "", "list",
               "Comma-separated provider ids whose formats are not reported (see docs/rules.md).", "IDS"),
    OptionSpec("nosecrets-baseline", "", "str",
               "Path of a baseline file (nosecrets-baseline); findings recorded in it are not reported.", "FILE"),
    OptionSpec("nosecrets-inference", True, "bool",
               "Follow constants into APIs that take credentials (astroid); set to false to turn off.", "BOOL"),
    OptionSpec("nosecrets-bare-noqa", False, "bool",
               "Let a bare '# noqa' (and '# flake8: noqa') hide findings in nosecrets, nosecrets-fix and the "
               "pre-commit hook, as flake8 does; by default only a noqa that names an NSC code does.", "BOOL"),
    OptionSpec("nosecrets-file-kinds", "", "list",
               "Comma-separated kinds of file the standalone scan, pre-commit hook and baseline look at: python, "
               "notebook, yaml, toml, ini, json, dotenv, requirements, dockerfile (default: all; flake8 itself "
               "only ever sees Python).", "KINDS"),
)


@dataclasses.dataclass(frozen=True)
class Options:
    extra_names: frozenset[str] = frozenset()
    ignore_names: frozenset[str] = frozenset()
    allow: tuple[re.Pattern[str], ...] = ()
    entropy: float = 3.0
    disabled_providers: frozenset[str] = frozenset()
    baseline: str = ""
    inference: bool = True
    bare_noqa: bool = False  # a bare ``# noqa`` hides findings (flake8's rule) outside flake8 too
    file_kinds: frozenset[str] = frozenset(files.KINDS)

    def allowed(self, value: str) -> bool:
        return any(p.search(value) for p in self.allow)


DEFAULT = Options()


def _split(raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        items: Iterable[str] = raw.replace("\n", ",").split(",")
    else:
        items = (x for item in raw for x in str(item).replace("\n", ",").split(","))
    return [x.strip() for x in items if x.strip()]


def _bool(raw: Any, name: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise OptionError(f"{name}: expected true or false, got {raw!r}")


def build(values: dict[str, Any]) -> Options:
    """Validate raw values (keyed by option name, dashes or underscores) into :class:`Options`."""
    get = {k.replace("_", "-"): v for k, v in values.items()}.get
    allow = []
    for pattern in _split(get("nosecrets-allow")):
        try:
            allow.append(re.compile(pattern))
        except re.error as exc:
            raise OptionError(f"nosecrets-allow: invalid regular expression {pattern!r}: {exc}") from None
    raw_entropy = get("nosecrets-entropy", 3.0)
    try:
        entropy = float(raw_entropy if raw_entropy not in (None, "") else 3.0)
    except (TypeError, ValueError):
        raise OptionError(f"nosecrets-entropy: expected a number of bits per character, got {raw_entropy!r}") from None
    if not 0.0 <= entropy <= 8.0:
        raise OptionError(f"nosecrets-entropy: {entropy} is outside 0-8 bits per character")
    disabled = _split(get("nosecrets-disable-providers"))
    unknown = sorted(set(disabled) - set(providers.BY_ID))
    if unknown:
        raise OptionError(
            f"nosecrets-disable-providers: unknown provider id(s) {', '.join(unknown)}; "
            f"known ids are listed in docs/providers.md"
        )
    ignore = frozenset(
        "".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", n)) for n in _split(get("nosecrets-ignore-names"))
    )
    inference = get("nosecrets-inference", True)
    bare_noqa = get("nosecrets-bare-noqa", False)
    kinds = [k.lower() for k in _split(get("nosecrets-file-kinds"))]
    unknown = sorted(set(kinds) - set(files.KINDS))
    if unknown:
        known = ", ".join(files.KINDS)
        raise OptionError(f"nosecrets-file-kinds: unknown kind(s) {', '.join(unknown)}; known: {known}")
    return Options(
        extra_names=frozenset(w.lower() for w in _split(get("nosecrets-extra-names"))),
        ignore_names=ignore,
        allow=tuple(allow),
        entropy=entropy,
        disabled_providers=frozenset(disabled),
        baseline=str(get("nosecrets-baseline") or ""),
        inference=_bool(True if inference in (None, "") else inference, "nosecrets-inference"),
        bare_noqa=_bool(False if bare_noqa in (None, "") else bare_noqa, "nosecrets-bare-noqa"),
        file_kinds=frozenset(kinds or files.KINDS),
    )
