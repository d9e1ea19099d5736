"""Steps 2 and 3 of a run: the env file (then ``.env.example`` and ``.gitignore``), then each source file,
every write atomic, so that an interruption at any point loses nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import IO

from .change import FileChange, FixError
from .files import display


def write_all(changed: list[FileChange], env, new_entries, comments, env_arg: Path, report: IO[str]) -> list[str]:
    from . import dotenv_io

    notes: list[str] = []
    if not changed:
        return notes
    names = [m.name for c in changed for m in c.moves]
    if names:  # (a notebook whose only change is a cleared output moves nothing)
        notes = _write_env(env, new_entries, comments, env_arg, names)
    written: list[str] = []
    for c in changed:  # 2. each source file atomically
        try:
            dotenv_io.sweep_temps(c.path.resolve())
            dotenv_io.atomic_write(c.path.resolve(), c.new)
        except OSError as exc:
            done = f" ({len(written)} file(s) already rewritten)" if written else ""
            raise FixError(
                f"cannot write {c.display}: {exc.strerror or exc}; it is unchanged, its values are in {env_arg}{done}"
            ) from None
        written.append(c.display)
    return notes


def _write_env(env, new_entries, comments, env_arg: Path, names: list[str]) -> list[str]:
    from . import dotenv_io

    notes: list[str] = []
    try:
        dotenv_io.sweep_temps(env.path)
        env.merge(new_entries, comments)  # 1. every value is safe before any source changes
    except OSError as exc:
        raise FixError(f"cannot write {env_arg}: {exc.strerror or exc}; no file was changed") from None
    try:
        if dotenv_io.update_example(env.example, list(dict.fromkeys(names))):
            notes.append(f"{display(env.example)} lists the names")
        plan = dotenv_io.gitignore_plan(env.path)
        if plan is not None:
            dotenv_io.add_to_gitignore(*plan)
            notes.append(f"added {plan[1]} to {display(plan[0])}")
    except OSError as exc:
        raise FixError(
            f"cannot write {getattr(exc, 'filename', None) or '.env.example/.gitignore'}: {exc.strerror or exc}; "
            f"no source file was changed, the values are in {env_arg}"
        ) from None
    mode = env.loose_mode()
    if mode:
        notes.append(f"WARNING: {env_arg} is readable by group or others (mode {mode:04o}), and it holds secrets: "
                     f"run `chmod 600 {env_arg}` unless another account must read it")
    for name, value in new_entries.items():
        if not dotenv_io.shell_reads(value):
            notes.append(f"{name}: a POSIX shell's `set -a; . {env_arg}` would not read this value exactly "
                         f"(a quote or backslash beside '$' or a backquote, or a carriage return); python-dotenv does")
    try:
        top = dotenv_io.git_toplevel(env.path.parent)
        if top is not None and dotenv_io.is_tracked(env.path, top):
            notes.append(f"WARNING: {display(env.path)} is tracked by git: run `git rm --cached {display(env.path)}`")
    except (OSError, subprocess.SubprocessError):
        pass
    return notes
