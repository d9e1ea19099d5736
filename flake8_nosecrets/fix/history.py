"""Was a moved value ever committed? Then moving it is not enough: it must be revoked and rotated.

One ``git log --all -p -U0`` is streamed (newest commit first) and every added
diff line is searched, in Python, for all values at once (one compiled
alternation of their spellings). The values never appear on a command line,
so ``ps`` shows nothing secret. For a value the search reports the oldest
commit seen adding it.

The cost is bounded: at most ``max_commits`` commits (the newest ones; default
2000) and ``timeout`` seconds (default 20) of reading; when either bound is hit
the result says so (:attr:`HistoryResult.note`), because an older commit may
still hold a value. Lines longer than 64 KiB (minified or generated files) are
not searched. Merges are not diffed (``git log -p`` default): a value that
only a conflict resolution introduced is missed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import time
from pathlib import Path
from typing import Mapping, Sequence

MAX_COMMITS = 2000
TIMEOUT = 20.0
MAX_LINE = 65536
_MARK = b"\x00nosecrets-commit "


@dataclasses.dataclass(frozen=True)
class Seen:
    commit: str
    date: str  # committer date, YYYY-MM-DD


@dataclasses.dataclass
class HistoryResult:
    seen: dict[str, Seen]  # key (e.g. env var name) -> oldest commit seen adding it
    commits_scanned: int = 0
    commits_total: int = 0
    stopped_early: str = ""  # "" or why the scan stopped ("time", "commits")
    error: str = ""
    seconds: float = 0.0

    @property
    def note(self) -> str:
        if self.error:
            return f"git history not checked: {self.error}"
        if not self.commits_total:
            return "git history: no commits yet"
        scope = f"{self.commits_scanned} of {self.commits_total} commits"
        if self.stopped_early == "time":
            return (f"git history: scanned the newest {scope} before the time limit ({self.seconds:.0f}s); "
                    "older commits were not checked")
        if self.stopped_early == "commits":
            return f"git history: scanned the newest {scope} (limit); older commits were not checked"
        return f"git history: scanned {scope} in {self.seconds:.1f}s"


def _count_commits(toplevel: Path) -> int:
    r = subprocess.run(["git", "rev-list", "--all", "--count"], cwd=toplevel, capture_output=True, check=False)
    try:
        return int(r.stdout.strip() or 0)
    except ValueError:
        return 0


def scan(
    toplevel: Path,
    needles: Mapping[str, Sequence[bytes]],
    *,
    max_commits: int = MAX_COMMITS,
    timeout: float = TIMEOUT,
) -> HistoryResult:
    """Search committed history under *toplevel* for each key's needles (bytes as stored in the files)."""
    started = time.monotonic()
    result = HistoryResult(seen={})
    pattern_of: dict[bytes, list[str]] = {}
    for key, ns in needles.items():
        for n in ns:
            if n:
                pattern_of.setdefault(n, []).append(key)
    if not pattern_of:
        return result
    try:
        result.commits_total = _count_commits(toplevel)
    except OSError as exc:
        result.error = f"cannot run git ({exc.strerror or exc})"
        return result
    if result.commits_total == 0:
        return result
    regex = re.compile(b"|".join(re.escape(n) for n in sorted(pattern_of, key=len, reverse=True)))
    cmd = [
        "git", "-c", "core.quotepath=off", "log", "--all", "-p", "-U0", "--no-color", "--no-ext-diff",
        "--no-textconv", "--no-renames", f"--max-count={max(1, max_commits)}", "--format=%x00nosecrets-commit %H %cs",
    ]
    env = dict(os.environ, GIT_PAGER="cat", LC_ALL="C")
    try:
        proc = subprocess.Popen(cmd, cwd=toplevel, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    except OSError as exc:
        result.error = f"cannot run git ({exc.strerror or exc})"
        return result
    commit: Seen | None = None
    assert proc.stdout is not None
    try:
        for count, line in enumerate(proc.stdout):
            if count % 4096 == 4095 and time.monotonic() - started > timeout:
                result.stopped_early = "time"  # one huge commit must not outlast the bound either
                break
            if line.startswith(_MARK):
                parts = line[len(_MARK):].split()
                commit = Seen(parts[0].decode()[:12], parts[1].decode() if len(parts) > 1 else "")
                result.commits_scanned += 1
                if time.monotonic() - started > timeout:
                    result.stopped_early = "time"
                    result.commits_scanned -= 1
                    break
                continue
            if commit is None or not line.startswith(b"+") or line.startswith(b"+++") or len(line) > MAX_LINE:
                continue
            for m in regex.finditer(line):
                for key in pattern_of[m.group(0)]:
                    result.seen[key] = commit  # log runs newest first: the last one seen is the oldest
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.wait()
    if not result.stopped_early and result.commits_scanned >= max_commits > 0 \
            and result.commits_scanned < result.commits_total:
        result.stopped_early = "commits"
    result.seconds = time.monotonic() - started
    return result
