"""What a run tells its user: progress, the redacted ``--diff``, the summary, and the git-history warning.
Nothing printed holds a whole secret."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import IO, Iterable, Sequence

from .. import providers
from ..findings import Finding, printable, redact
from .change import FileChange
from .moves import needles_for

PROGRESS_MIN_FILES = 20


class Redactor:
    """Replaces every spelling of every secret in text to be printed by its redacted form."""

    def __init__(self) -> None:
        self.pairs: dict[str, str] = {}

    def add(self, needles: Sequence[str], label: str, whole: str = "") -> None:
        for n in needles:
            if len(n) >= 4:
                self.pairs.setdefault(n, label if n == whole or not whole else "<…>")

    def __call__(self, text: str) -> str:
        for needle in sorted(self.pairs, key=len, reverse=True):
            if needle in text:
                text = text.replace(needle, self.pairs[needle])
        return text


def _rotation_advice(f: Finding) -> str:
    provider = providers.BY_ID.get(f.provider) if f.provider else None
    if provider is not None and provider.rotate:
        return f"revoke it and issue a new one: {provider.rotate}"
    if f.code in ("NSC202", "NSC206") or (f.code == "NSC207" and f.binding.use == "password"):
        return "change this password wherever it is used, then put the new one in the env file"
    if f.code == "NSC207":
        return ("replace this key with a random one (secrets.token_hex(32)) kept in the env file; "
                "whatever it signed can be forged")
    if f.code == "NSC201":
        return "replace this key pair (and its certificates), then put the new key in the env file"
    return "revoke it where it was issued and put a new one in the env file"


class Progress:
    def __init__(self, stream: IO[str], total: int) -> None:
        self.stream = stream
        self.enabled = total >= PROGRESS_MIN_FILES and getattr(stream, "isatty", lambda: False)()
        self.total = total

    def show(self, n: int, path: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\x1b[Knosecrets-fix: [{n}/{self.total}] {printable(path, 60)}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def at(c: FileChange, item, *, col: bool = True) -> str:
    """Where a move, manual or cleared item is: ``app.py:4:16``, ``nb.ipynb: cell 3, line 2, col 9``
    (lines and columns inside the cell source or output)."""
    f = item.finding
    place = c.places.get(id(item))
    if place is None:
        return f"{c.display}:{f.line}:{f.col + 1}" if col else f"{c.display}:{f.line}"
    return f"{c.display}: {place}, line {f.line}" + (f", col {f.col + 1}" if col else "")


def _spellings(c: FileChange, needles: Iterable[str]) -> list[str]:
    """*needles* plus, in a notebook, the way its JSON spells them (escaped quotes, backslashes, newlines)."""
    out = list(needles)
    if c.notebook:
        out += [json.dumps(n, ensure_ascii=as_ascii)[1:-1] for n in out for as_ascii in (True, False)]
    return list(dict.fromkeys(out))


def redactor(changes: list[FileChange]) -> Redactor:
    redactor = Redactor()
    for c in changes:
        for m in c.moves:
            redactor.add(_spellings(c, m.needles), f"<{m.name}: {redact(m.finding.secret)}>", m.env_value)
        for secret in (*(mf.finding.secret for mf in (*c.manual, *c.cleared)), *c.unreported):
            redactor.add(_spellings(c, needles_for(secret)), f"<secret {redact(secret)}>", secret)
    return redactor


def diff(c: FileChange) -> str:
    try:
        old = c.old.decode(c.encoding).lstrip("\ufeff")
        new = c.new.decode(c.encoding).lstrip("\ufeff")
    except (UnicodeDecodeError, LookupError):
        return ""
    return "".join(difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{c.display}", f"b/{c.display}",
    ))


def summary(report: IO[str], changes, new_entries, env_arg: Path, *, diff: bool, notes: list[str]) -> None:
    changed = [c for c in changes if c.changed]
    left: dict[str, list[str]] = {}  # a name whose value is still spelled somewhere: never "moved"
    for c in changed:
        for name, lines in c.copies_left.items():
            left.setdefault(name, []).extend(f"{c.display}:{n}" for n in lines)
    moves = [(c, m) for c in changed for m in c.moves if m.name not in left]
    manual = [(c, m) for c in changes for m in c.manual]
    cleared = [c for c in changed if c.outputs_cleared]
    verb = "would move" if diff else "moved"
    if left:
        report.write(f"nosecrets-fix: {len(left)} secret(s) {'would be ' if diff else ''}copied into {env_arg} but "
                     f"still spelled in the code: remove these copies by hand, then rotate the secret:\n")
        for name, places in left.items():
            report.write(f"  {name}: {', '.join(places)}\n")
    if moves:
        files = len({id(c) for c, _ in moves})
        report.write(
            f"nosecrets-fix: {verb} {len(moves)} secret(s) from {files} file(s) into {env_arg} "
            f"({len(new_entries)} new entr{'y' if len(new_entries) == 1 else 'ies'})\n"
        )
        for c, m in moves:
            report.write(f"  {at(c, m)}: {m.describe()}\n")
    elif not cleared and not left:
        report.write("nosecrets-fix: nothing to move\n")
    if cleared:
        outputs = sum(c.outputs_cleared for c in cleared)
        report.write(f"nosecrets-fix: {'would clear' if diff else 'cleared'} {outputs} cell output(s) showing a "
                     f"secret in {len(cleared)} notebook(s)\n")
        for c in cleared:
            for m in c.cleared:
                report.write(f"  {at(c, m)}: {m.finding.code} {redact(m.finding.secret)}\n")
    for note in notes:
        report.write(f"  {note}\n")
    if manual:
        report.write(f"nosecrets-fix: {len(manual)} secret(s) left for you to remove by hand:\n")
        for c, m in manual:
            report.write(f"  {at(c, m)}: {m.describe()}\n")


def history_report(args, changes: list[FileChange], report: IO[str], root: Path) -> None:
    from . import dotenv_io, history
    moves = [(c, m) for c in changes if c.changed for m in c.moves]
    moved = {m.finding.secret for _, m in moves}
    left = [(c, m) for c in changes for m in c.manual]  # left for a human, and outputs cleared of another value
    left += [(c, m) for c in changes if c.changed for m in c.cleared if m.finding.secret not in moved]
    if args.no_history or not (moves or left):
        return
    top = dotenv_io.git_toplevel(root)
    if top is None:
        return
    needles: dict[str, list[bytes]] = {}
    label: dict[str, tuple[str, Finding]] = {}
    for c, m in moves:
        label[m.name] = (m.name, m.finding)
        needles.setdefault(m.name, []).extend(_encoded(c, m.needles))
    for c, mf in left:
        key = at(c, mf, col=False)
        label[key] = (key, mf.finding)
        needles.setdefault(key, []).extend(_encoded(c, needles_for(mf.finding.secret)))
    kwargs = {}
    if args.history_max_commits is not None:
        kwargs["max_commits"] = args.history_max_commits
    if args.history_timeout is not None:
        kwargs["timeout"] = args.history_timeout
    result = history.scan(top, needles, **kwargs)
    if result.seen:
        report.write("nosecrets-fix: ROTATE these secrets: they are in committed git history, "
                     "so moving them out of the code does not un-leak them:\n")
        for key, seen in result.seen.items():
            name, f = label[key]
            report.write(
                f"  {name} {redact(f.secret)}: first seen in commit {seen.commit} ({seen.date}); "
                f"{_rotation_advice(f)}\n"
            )
    report.write(f"  {result.note}\n")


def _encoded(c: FileChange, needles: Iterable[str]) -> list[bytes]:
    """The byte spellings of *needles* in *c*'s file (its encoding; JSON escapes in a notebook)."""
    out = []
    for n in _spellings(c, needles):
        try:
            out.append(n.encode(c.encoding))
        except (UnicodeEncodeError, LookupError):
            out.append(n.encode("utf-8", "surrogateescape"))
    return out
