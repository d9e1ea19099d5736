"""``nosecrets-fix`` for the files beside the code (:mod:`flake8_nosecrets.files`).

* A Docker Compose file interpolates ``${NAME}`` from the ``.env`` file beside
  it, so each flagged value becomes ``${NAME}`` (``- DB_PASSWORD=${DB_PASSWORD}``,
  ``POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}``) and the value is appended to
  that ``.env`` (created 0600, git-ignored), which is written first; the
  compose file is written only if it still parses and no longer holds a finding.
* A ``.env`` that git tracks is untracked (``git rm --cached``) and ignored; one
  that git would commit is ignored. Its values stay on disk; they must be rotated.
* Every other format has no interpolation of its own that its readers all
  honour: nothing is written, and the run prints what to do for each finding.

In ``--diff`` mode nothing is written and the compose changes are shown with
every moved value replaced by ``<NAME: redacted>``.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from pathlib import Path
from typing import IO, Iterable, Sequence

from .. import files
from ..files import base, envfile, yamlfile
from ..files.scan import scan_text
from ..findings import Finding, redact
from ..options import Options
from ..textio import decode, split_lines
from ..walk import Walk
from . import dotenv_io, envname

ADVICE = {
    "yaml": "move the value to the environment and read it where this file is loaded "
            "(os.environ in the settings module, or the loader's own env syntax such as !ENV)",
    "toml": "move the value to the environment (or a keyring) and read it where this file is loaded",
    "ini": "move the value to the environment (for pip: PIP_INDEX_URL / PIP_EXTRA_INDEX_URL or a keyring; "
           "for twine: TWINE_PASSWORD) and read it where this file is loaded",
    "json": "move the value to the environment and read it where this file is loaded",
    "requirements": "write ${NAME} in its place (pip expands environment variables in requirements files) "
                    "and set NAME in the environment, or use a keyring",
    "dockerfile": "pass it at run time (docker run -e, compose environment) or as a build secret "
                  "(RUN --mount=type=secret); ENV and ARG values stay in the image",
    "dotenv": "the value stays in this file, which must not be in git: rotate it if it ever was",
}


@dataclasses.dataclass
class ConfigChange:
    path: Path
    display: str
    kind: str
    findings: list[Finding]
    new_text: str | None = None  # a compose file's rewritten text
    old_text: str = ""
    env_path: Path | None = None
    env_entries: dict[str, str] = dataclasses.field(default_factory=dict)
    moved: dict[str, str] = dataclasses.field(default_factory=dict)  # secret -> env name
    manual: list[Finding] = dataclasses.field(default_factory=list)
    placement: str | None = None  # NSC301: "tracked" or "not ignored"
    problem: str = ""

    @property
    def changed(self) -> bool:
        return self.new_text is not None or self.placement is not None


def gather(paths: Sequence[str], exclude: Sequence[str], options: Options) -> list[Path]:
    """The config files among *paths* (directories walked as the standalone scan walks them)."""
    kinds = frozenset(options.file_kinds) & frozenset(files.CONFIG_KINDS)
    walk = Walk(exclude=tuple(exclude), filename=(), kinds=kinds)
    return [Path(p) for p in walk.files(paths) if files.kind_of(p, kinds) is not None]


def plan(paths: Iterable[Path], options: Options, root: Path) -> list[ConfigChange]:
    out = []
    for path in paths:
        kind = files.kind_of(str(path))
        try:
            text, _ = decode(path.read_bytes())
        except OSError as exc:
            out.append(ConfigChange(path, str(path), kind or "", [], problem=f"cannot read: {exc.strerror}"))
            continue
        found, _ = scan_text(text, split_lines(text), str(path), kind, options)
        if not found:
            continue
        change = ConfigChange(path, str(path), kind, found, old_text=text)
        for f in found:
            if f.code == "NSC301":
                change.placement = envfile.git_placement(str(path))
            elif kind != "dotenv":
                change.manual.append(f)
        if kind == "yaml" and files.is_compose(str(path)) and change.manual:
            _plan_compose(change, root)
        out.append(change)
    return out


def _plan_compose(change: ConfigChange, root: Path) -> None:
    """Each flagged scalar written as ``${NAME}``; its value for the ``.env`` beside the compose file."""
    try:
        by_place = {(v.line, v.col): v for v in yamlfile.values(change.old_text, compose=True)}
    except base.ParseFailure:
        return
    env_path = change.path.parent / ".env"
    try:
        env = dotenv_io.EnvFile(env_path, root)
    except dotenv_io.EnvFileError as exc:
        change.problem = str(exc)
        return
    namer = envname.Namer(env.values)
    edits = []
    for f in list(change.manual):
        v = by_place.get((f.line, f.col))
        if v is None or v.start < 0 or change.old_text[v.start:v.end][:1] in "|>" or "\n" in v.value:
            continue  # block scalars and multi-line values stay for a person to move
        wanted = envname.sanitize(v.key.rpartition(".")[2]) or "SECRET"
        name = namer.name_for(v.value, wanted)
        literal = change.old_text[v.start:v.end]
        quote = literal[0] if literal[:1] in ("'", '"') else ""
        env_name = v.key.rpartition(".")[2]
        item = v.kind == "env-write" and literal[len(quote):].startswith(env_name + "=")  # ``- NAME=value``
        body = f"{env_name}=${{{name}}}" if item else f"${{{name}}}"
        edits.append((v.start, v.end, f"{quote}{body}{quote}"))
        change.moved[v.value] = name
        change.manual.remove(f)
    if not edits:
        return
    text = change.old_text
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    try:
        yamlfile.values(text, compose=True)
    except base.ParseFailure:
        change.problem = "the rewritten compose file would not parse; nothing written"
        return
    if any(secret in text for secret in change.moved):
        change.problem = "a moved value also sits where it is not reported; nothing written (move it by hand)"
        return
    change.new_text = text
    change.env_path = env_path
    change.env_entries = {n: v for v, n in change.moved.items() if namer.is_new(n)}


def redacted(change: ConfigChange, text: str) -> str:
    for secret, name in sorted(change.moved.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(secret, f"<{name}: {redact(secret)}>")
    for f in change.findings:
        if f.secret:
            text = text.replace(f.secret, f"<secret {redact(f.secret)}>")
    return text


def diff(change: ConfigChange) -> str:
    if change.new_text is None:
        return ""
    lines = difflib.unified_diff(change.old_text.splitlines(True), change.new_text.splitlines(True),
                                 f"a/{change.display}", f"b/{change.display}")
    return redacted(change, "".join(lines))


def apply(changes: list[ConfigChange], root: Path, out: IO[str]) -> None:
    """Write: each compose file's ``.env`` first, then the compose file; untrack and ignore committed ``.env``."""
    for c in changes:
        if c.problem:
            continue
        if c.new_text is not None and c.env_path is not None:
            env = dotenv_io.EnvFile(c.env_path, root)
            env.merge(c.env_entries, {n: f"moved from {c.display} by nosecrets-fix" for n in c.env_entries})
            _ignore(c.env_path, out)
            mode = os.stat(c.path).st_mode & 0o7777
            dotenv_io.atomic_write(c.path, c.new_text.encode("utf-8"), mode=mode)
        if c.placement == "tracked":
            r = dotenv_io.git(["rm", "--cached", "-q", "--", c.path.name], c.path.parent.resolve())
            if r.returncode != 0:
                c.problem = "git rm --cached failed; untrack it yourself"
                continue
        if c.placement is not None:
            _ignore(c.path, out)


def _ignore(path: Path, out: IO[str]) -> None:
    planned = dotenv_io.gitignore_plan(path.resolve())
    if planned is not None:
        dotenv_io.add_to_gitignore(*planned)
        out.write(f"nosecrets-fix: added {planned[1]} to {planned[0]}\n")


def summary(changes: list[ConfigChange], out: IO[str], *, diff_mode: bool) -> None:
    move, untrack, ignore = ("would move", "would untrack", "would git-ignore") if diff_mode else (
        "moved", "untracked", "git-ignored")
    for c in changes:
        if c.problem:
            out.write(f"nosecrets-fix: {c.display}: {c.problem}\n")
            continue
        for secret, name in c.moved.items():
            out.write(f"nosecrets-fix: {c.display}: {move} {redact(secret)} to ${{{name}}} "
                      f"(value in {c.env_path or c.path.parent / '.env'})\n")
        if c.placement == "tracked":
            out.write(f"nosecrets-fix: {c.display}: {untrack} (git rm --cached) and {ignore}; its values stay on "
                      "disk and in git history: rotate every one\n")
        elif c.placement is not None:
            out.write(f"nosecrets-fix: {c.display}: {ignore} (not committed yet)\n")
        for f in c.manual:
            out.write(f"{c.display}:{f.line}:{f.col + 1}: {f.code} {f.message}: not rewritten; "
                      f"{ADVICE.get(c.kind, ADVICE['json'])}\n")
