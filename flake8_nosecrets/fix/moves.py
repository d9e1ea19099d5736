"""What a fixer run finds and does: the findings it acts on (:func:`detect`), each secret moved
(:class:`Move`) or left for a human (:class:`Manual`), and the texts that spell a moved value."""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Sequence

from .. import scan_source, suppress
from ..findings import Finding, redact
from ..options import DEFAULT


def detect(code: str, filename: str = "<string>", config=None) -> list[Finding]:
    """What the detector reports for *code* with *config* (a :class:`flake8_nosecrets.config.Config`): the
    same ``# noqa``, select/ignore/per-file-ignores and baseline decisions as ``flake8`` and ``nosecrets``."""
    options = config.options if config is not None else None
    found = scan_source(code, filename=filename, **({"options": options} if options is not None else {}))
    if not found:
        return found
    if options is not None and options.baseline:  # first: it counts occurrences over all the file's findings
        from ..baseline import filter_findings

        found = filter_findings(found, filename, options)
    found = suppress.apply_noqa(found, code.splitlines(keepends=True), bare=(options or DEFAULT).bare_noqa)
    if config is not None and found:
        codes = config.code_filter
        found = [f for f in found if codes.reported_in(f.code, filename)]
    return found


# ----------------------------------------------------------------------------- results


@dataclasses.dataclass(frozen=True)
class Move:
    """One secret moved to the environment."""

    finding: Finding
    name: str
    env_value: str  # what the env file holds
    needles: tuple[str, ...]  # how the value may be spelled in source text (history search, diff redaction)
    comment_lines: tuple[int, ...] = ()  # lines of comments whose copy of the value was rewritten

    @property
    def where(self) -> str:
        return f"{self.finding.line}:{self.finding.col + 1}"

    def describe(self) -> str:
        text = f"{self.finding.code} {redact(self.finding.secret)} -> {self.name}"
        if self.comment_lines:
            where = ", ".join(map(str, self.comment_lines))
            text += f" (its copy in the comment on line {where} now names {self.name})"
        return text


@dataclasses.dataclass(frozen=True)
class Manual:
    """A finding the fixer leaves for a human, and why."""

    finding: Finding
    reason: str

    def describe(self) -> str:
        return f"{self.finding.code} {redact(self.finding.secret)} {self.reason}"


NameFor = Callable[[Finding, str, Sequence[str]], str]  # (finding, env value, wanted names) -> name


def env_value_for(finding: Finding) -> tuple[str, str]:
    """``(env value, .encode() argument)`` for a finding; the argument is '' for str and UTF-8 bytes."""
    if not finding.is_bytes:
        return finding.secret, ""
    data = finding.secret.encode("latin-1")
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        return finding.secret, "latin-1"


def needles_for(value: str, raw: str = "") -> tuple[str, ...]:
    """Texts whose presence in a file or diff line means *value* is there: the value, its long lines, its spelling."""
    out = []
    for text in (value, raw):
        if not text:
            continue
        if "\n" in text or "\\n" in text:
            parts = re.split(r"\\r\\n|\\n|\r?\n", text)
            out.extend(p for p in parts if len(p.strip()) >= 16)
        else:
            out.append(text)
    return tuple(dict.fromkeys(out))
