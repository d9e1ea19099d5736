"""What a run must tell a team beyond what it moved: test code whose fixtures now need an env file in CI,
and settings modules that assign a moved name again (a deploy that uses them now needs the variable too).

Both are advice in the summary; neither changes what is rewritten (``--exclude-tests`` does, by leaving test
code out of the run)."""

from __future__ import annotations

import ast
import fnmatch
import os
from pathlib import Path
from typing import Iterable, Sequence

from .change import FileChange

# Where test code lives by the conventions pytest, unittest and flake8 users share (``--test-paths``).
DEFAULT_TEST_PATHS = ("tests/*", "test/*", "testing/*", "test_*.py", "*_test.py", "conftest.py", "tests.py")


def parse_patterns(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def is_test_code(path: Path, patterns: Sequence[str] = DEFAULT_TEST_PATHS) -> bool:
    """Whether *path* is test code: its name matches a pattern, or a directory on its way does (``tests/*``)."""
    parts = Path(os.path.relpath(path)).parts if not path.is_absolute() else path.parts
    for p in patterns:
        if p.endswith("/*"):
            if p[:-2] in parts[:-1]:
                return True
        elif fnmatch.fnmatch(parts[-1], p):
            return True
    return False


def test_code_notes(changes: Iterable[FileChange], patterns: Sequence[str], env_arg: Path) -> list[str]:
    """One note per changed test module: its tests now read the env file, which a CI runner does not have."""
    tests = [c for c in changes if c.changed and c.moves and is_test_code(c.path, patterns)]
    if not tests:
        return []
    shown = ", ".join(c.display for c in tests[:5]) + (f" and {len(tests) - 5} more" if len(tests) > 5 else "")
    return [
        f"test code changed ({shown}): its tests now need these variables where they run (CI has no {env_arg}). "
        f"If these are throwaway test values, undo those files and keep them out of the check instead: "
        f"'per-file-ignores = tests/*:NSC' in your flake8 config, and run nosecrets-fix --exclude-tests",
    ]


def _module_assigns(path: Path) -> set[str]:
    """Names a module assigns at its top level (``X = …``, ``X: T = …``), or nothing when it does not parse."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return set()
    out: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) and node.value is not None else []
        out.update(t.id for t in targets if isinstance(t, ast.Name))
    return out


def override_notes(changes: Iterable[FileChange]) -> list[str]:
    """Settings split over modules (``settings/base.py`` + ``settings/production.py``): a module-level name the
    fixer moved in one module and another module of the same package assigns again. The moved read now runs
    first and raises ``KeyError`` in a deploy whose environment never set it, because the other module used
    to provide the value; the note says where to set it."""
    notes = []
    for c in changes:
        if not c.changed or c.notebook:
            continue
        moved = {m.finding.binding.name: m.name for m in c.moves
                 if m.finding.binding.kind == "assign" and m.finding.binding.name.isidentifier()}
        if not moved:
            continue
        siblings = sorted(p for p in c.path.parent.glob("*.py") if p.resolve() != c.path.resolve())
        for sib in siblings:
            again = sorted(set(moved) & _module_assigns(sib))
            for target in again:
                notes.append(
                    f"{target}: {c.display} now reads {moved[target]} from the environment, and "
                    f"{os.path.relpath(sib)} assigns {target} again: where that module is used (a deploy's "
                    f"settings), set {moved[target]} in that environment too, or importing {c.path.name} raises "
                    f"KeyError before the override runs"
                )
    return notes
