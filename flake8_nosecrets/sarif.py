"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Two entry points share one builder:

* :func:`build` turns ``(filename, Finding)`` pairs (the standalone command,
  notebooks) into a SARIF log;
* :class:`SarifFormatter` is flake8's ``--format=sarif`` (entry point group
  ``flake8.report``). flake8 hands formatters only its violations (code,
  file, line, column, text), so rule metadata comes from :data:`rules.BY_CODE`
  and the stable identity from the message text.

Rule metadata (name, short and full description, help text and URI, security
severity, tags) comes from the one rule table. No field carries a secret:
messages are already redacted, and partial fingerprints hash the rule, the
path and the message (what it describes, the binding and the value as shown,
which for a weak value is nothing), plus the occurrence count: never the value
or the source line, so they cannot be inverted for a weak value.

GitHub code scanning requirements met here (docs.github.com, "SARIF support
for code scanning"): ``version`` 2.1.0 and ``$schema``; ``tool.driver.name``
and ``rules`` with ``id``/``name``/``shortDescription``/``fullDescription``/
``help``/``properties.security-severity`` (a string, 0.0-10.0) and
``properties.tags`` including ``security``; every result has ``ruleId``,
``ruleIndex``, ``level``, ``message.text``, one location whose
``artifactLocation.uri`` is relative to the repository root (with
``uriBaseId`` ``%SRCROOT%``) and a ``region`` with ``startLine``; stable
``partialFingerprints``. At most 25,000 results per run are kept (GitHub's
limit); the rest are counted in ``run.properties``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from typing import Any, Iterable

from . import __version__, rules
from .findings import identity_text

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/flake8-nosecrets/"
_RULES_DOC_FALLBACK = "https://github.com/flake8-nosecrets/flake8-nosecrets/blob/main/docs/rules.md"


def _rules_doc_uri() -> str:
    """The ``Rules`` entry of ``[project.urls]`` in the installed metadata (pyproject.toml is the one place)."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("flake8-nosecrets").get_all("Project-URL") or ():
            label, _, url = entry.partition(",")
            if label.strip() == "Rules" and url.strip().startswith("https://"):
                return url.strip()
    except (ImportError, PackageNotFoundError):
        pass
    return _RULES_DOC_FALLBACK


RULES_DOC_URI = _rules_doc_uri()
MAX_RESULTS = 25_000  # GitHub code scanning: results per run
FINGERPRINT_KEY = "nosecrets/v2"


@dataclasses.dataclass(frozen=True)
class Result:
    """One reported problem, whatever front-end produced it."""

    code: str
    filename: str
    line: int  # 1-based
    column: int  # 1-based
    message: str  # without the code


def rule_anchor(rule: rules.Rule) -> str:
    """The docs/rules.md heading anchor of *rule* (``## NSC206 hardcoded-password``)."""
    return f"{rule.code.lower()}-{rule.slug}"


def rule_descriptor(code: str) -> dict[str, Any]:
    rule = rules.BY_CODE.get(code)
    if rule is None:  # another flake8 plugin's code, when the user did not --select=NSC
        return {
            "id": code,
            "name": code,
            "shortDescription": {"text": f"flake8 {code}"},
            "defaultConfiguration": {"level": "warning"},
        }
    uri = f"{RULES_DOC_URI}#{rule_anchor(rule)}"
    options = ", ".join(rule.options) if rule.options else "none"
    help_text = f"{rule.what}\n\nWhy: {rule.why}\n\nUse instead: {rule.fix}\n\nOptions: {options}\n\nSee {uri}"
    help_md = (
        f"{rule.what}\n\n**Why is this bad?** {rule.why}\n\n**Use instead:**\n\n```{rule.language}\n{rule.fix}\n```\n\n"
        f"**Fix:** {rule.fix_safety}\n\n**Options:** {options}\n\n[Rule reference]({uri})"
    )
    return {
        "id": rule.code,
        "name": _pascal(rule.slug),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": uri,
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "security-severity": f"{rule.severity:.1f}",
            "precision": "high" if rule.code.startswith("NSC1") or rule.code in ("NSC201", "NSC204") else "medium",
            "problem.severity": "error",
            "tags": ["security", "secrets", "external/cwe/cwe-798"]
            + (["external/cwe/cwe-259"] if any("259" in r for r in rule.references) else []),
        },
    }


def _pascal(slug: str) -> str:
    """SARIF recommends a PascalCase ``name`` (``HardcodedPassword``); the slug stays in the help URI."""
    return "".join(part.capitalize() for part in slug.split("-"))


def relative_uri(filename: str, root: str | None = None) -> str:
    """*filename* as a URI relative to *root* (default: the current directory), ``/``-separated."""
    root = os.path.abspath(root or os.curdir)
    full = os.path.abspath(filename)
    rel = os.path.relpath(full, root) if full.startswith(root + os.sep) else full
    rel = rel.replace(os.sep, "/")
    if rel.startswith("/"):
        return "file://" + _quote(rel)
    return _quote(rel)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/:@-._~!$&'()*+,;=")


def _partial_fingerprint(result: Result, uri: str) -> str:
    # Rule + path + the message as printed (already public), without the line inside a long literal that
    # moves with edits: stable across line moves, nothing a log reader does not already have.
    basis = identity_text(result.message)
    return hashlib.sha256(f"{result.code}\0{uri}\0{basis}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def build_from_results(results: Iterable[Result], root: str | None = None) -> dict[str, Any]:
    """A complete SARIF log (one run) for *results*."""
    ordered = sorted(results, key=lambda r: (r.filename, r.line, r.column, r.code))
    codes = sorted({r.code for r in ordered} | set(rules.BY_CODE))
    descriptors = [rule_descriptor(c) for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    sarif_results = []
    occurrences: dict[tuple[str, str, str], int] = {}
    for r in ordered[:MAX_RESULTS]:
        uri = relative_uri(r.filename, root)
        fp = _partial_fingerprint(r, uri)
        n = occurrences.get((r.code, uri, fp), 0) + 1  # the same value twice in a file: keep both distinct
        occurrences[(r.code, uri, fp)] = n
        sarif_results.append({
            "ruleId": r.code,
            "ruleIndex": index[r.code],
            "level": "error" if r.code in rules.BY_CODE else "warning",
            "message": {"text": f"{r.code} {r.message}"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": max(1, r.line), "startColumn": max(1, r.column)},
                }
            }],
            "partialFingerprints": {FINGERPRINT_KEY: f"{fp}:{n}"},
        })
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "flake8-nosecrets",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if len(ordered) > MAX_RESULTS:
        run["properties"] = {"omittedResults": len(ordered) - MAX_RESULTS}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def build(results: Iterable[tuple[str, Any]], root: str | None = None) -> dict[str, Any]:
    """SARIF log for ``(filename, Finding)`` pairs (a notebook finding carries its own cell/line)."""
    return build_from_results(
        (Result(f.code, name, f.line, f.col + 1, f.message) for name, f in results), root
    )


def dumps(log: dict[str, Any]) -> str:
    return json.dumps(log, indent=2, sort_keys=False, ensure_ascii=False)


try:
    from flake8.formatting.base import BaseFormatter
except ImportError:  # pragma: no cover - flake8 is a dependency; kept importable without it
    BaseFormatter = object  # type: ignore[misc,assignment]


class SarifFormatter(BaseFormatter):  # type: ignore[misc,valid-type]
    """``flake8 --format=sarif``: collects every violation, writes one SARIF log when flake8 stops."""

    def after_init(self) -> None:
        self._results: list[Result] = []

    def handle(self, error: Any) -> None:
        text = error.text
        if text.startswith(error.code + " "):
            text = text[len(error.code) + 1:]
        self._results.append(Result(error.code, error.filename, error.line_number, error.column_number, text))

    def start(self) -> None:
        # flake8 opens --output-file for appending; a second run would leave two JSON documents in one file.
        if self.filename:
            os.makedirs(os.path.dirname(os.path.abspath(self.filename)), exist_ok=True)
            self.output_fd = open(self.filename, "w", encoding="utf-8")

    def format(self, error: Any) -> str | None:  # handle() does the work; nothing is printed per violation
        return None

    def show_statistics(self, statistics: Any) -> None:  # plain-text extras would corrupt the JSON
        return None

    def show_benchmarks(self, benchmarks: Any) -> None:
        return None

    def stop(self) -> None:
        self._write(dumps(build_from_results(self._results)))
        super().stop()
