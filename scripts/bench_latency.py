"""The per-file measures of ``scripts/benchmark.py``: what an editor waits for.

- :func:`plugin_latency`: the flake8 plugin's ``run()`` on each file's parsed tree, in this process (what the
  plugin adds to flake8's own work on a file);
- :func:`editor_latency`: a fresh ``flake8 FILE`` process per file, with and without the plugin (what an editor
  that runs flake8 on save waits for, imports and flake8's own checks included);
- :func:`linearity`: the scan's cost per byte of a generated module at 1x, 10x and 100x its size.

Split from ``benchmark.py`` (the corpus-wide runs of every tool) along that seam.
"""

from __future__ import annotations

import ast
import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Latency:
    """Per-file time of the flake8 Plugin's run() on an already parsed tree (what flake8 pays per file)."""

    ordered: list[float]  # seconds of wall time, sorted
    cpu: list[float]  # seconds of this process's CPU time, sorted (less moved by the other load of a shared VM)
    slowest: list[tuple[float, Path]]
    astroid: int  # files whose pre-pass let astroid in
    nsc401: int  # NSC401 findings
    over: list[int] = field(default_factory=list)  # sizes in bytes of the files above the 20 ms target

    def summary(self) -> dict:
        o = self.ordered
        return {"files": len(o), "p50_ms": round(pct(o, 0.50) * 1e3, 2), "p99_ms": round(pct(o, 0.99) * 1e3, 2),
                "max_ms": round(o[-1] * 1e3, 1), "total_s": round(sum(o), 2),
                "cpu_p99_ms": round(pct(self.cpu, 0.99) * 1e3, 2), "astroid_files": self.astroid,
                "nsc401": self.nsc401, "slowest": [[str(p), round(t * 1e3, 1)] for t, p in self.slowest],
                "p95_ms": round(pct(o, 0.95) * 1e3, 2), "over_20ms_files": len(self.over),
                "over_20ms_smallest_kb": round(min(self.over) / 1e3, 1) if self.over else None}

    def line(self) -> str:
        o = self.ordered
        over = (f"{len(self.over)} of {len(o)} files over 20 ms, the smallest of them {min(self.over) / 1e3:.0f} kB"
                if self.over else "no file over 20 ms")
        return (f"p50 {pct(o, 0.50) * 1e3:.2f} ms, p95 {pct(o, 0.95) * 1e3:.2f} ms, p99 {pct(o, 0.99) * 1e3:.2f} ms "
                f"(target < 20 ms; CPU time p99 {pct(self.cpu, 0.99) * 1e3:.2f} ms; {over}), "
                f"max {o[-1] * 1e3:.1f} ms ({', '.join(f'{p.name} {t * 1e3:.0f} ms' for t, p in self.slowest)}); "
                f"{self.astroid} file(s) entered astroid, {self.nsc401} NSC401")


def plugin_latency(files: list[Path], inference: bool = True) -> Latency:
    from flake8_nosecrets import options as opts
    from flake8_nosecrets.flake8_plugin import Plugin
    from flake8_nosecrets.prepass import prepass

    class _NS:
        nosecrets = opts.build({"nosecrets-inference": str(inference).lower()})

    times: list[tuple[float, Path]] = []
    cpu: list[float] = []
    entered = nsc401 = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, str(path))
        lines = text.splitlines(keepends=True)
        start, start_cpu = time.perf_counter(), time.process_time()
        found = list(Plugin(tree, str(path), lines, _NS()).run())
        times.append((time.perf_counter() - start, path))
        cpu.append(time.process_time() - start_cpu)
        entered += inference and prepass(text, tree, str(path)).enter
        nsc401 += sum(1 for f in found if f[2].startswith("NSC401"))
    over = [path.stat().st_size for t, path in times if t > 0.020]
    return Latency(sorted(t for t, _ in times), sorted(cpu), sorted(times, reverse=True)[:3], entered, nsc401, over)


def pct(ordered: list[float], q: float) -> float:
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def linearity(repeat: int, chunks: int = 50, tuned_gc: bool = False) -> list[tuple[int, int, float, float]]:
    """(factor, bytes, ast.parse time, scan_source time on the parsed tree) for a realistic module at 1x,
    10x, 100x its size.

    With *tuned_gc*, under the collector settings ``nosecrets`` runs with (``cli._tune_gc``); else under
    Python's defaults, as in a flake8 run, where the cyclic collector re-walks a large module's tree
    while the scan allocates (the tree holds no cycles; the walks are pure cost).
    """
    import gc

    from flake8_nosecrets.cli import _tune_gc
    from flake8_nosecrets.scanner import scan_source

    before = gc.get_threshold()
    if tuned_gc:
        _tune_gc()
    try:
        return _linearity(repeat, chunks, scan_source)
    finally:
        if tuned_gc:
            gc.unfreeze()
            gc.set_threshold(*before)


def _linearity(repeat: int, chunks: int, scan_source) -> list[tuple[int, int, float, float]]:
    chunk = "\n".join(
        [
            "import os",
            "class Settings{n}:",
            '    """Settings for service {n}; see the docs."""',
            '    api_url = "https://api.example.com/v{n}"',
            '    token_env = "SERVICE_TOKEN"',
            '    password = os.environ.get("DB_PASSWORD", "")',
            "    def connect(self, host: str, port: int = 5432, timeout: float = 1.5):",
            '        dsn = f"postgresql://{{host}}:{{port}}/app{n}"',
            '        headers = {{"Accept": "application/json", "User-Agent": "svc/{n}"}}',
            "        return dsn, headers, [i * {n} for i in range(10)]  # a comment",
            "",
        ]
    )
    base = "".join(chunk.format(n=i) + "\n" for i in range(chunks))
    result = []
    for factor in (1, 10, 100):
        src = base * factor
        lines = src.splitlines(keepends=True)
        parse = min(_timed(lambda: ast.parse(src)) for _ in range(max(1, repeat)))
        tree = ast.parse(src)
        scan = min(_timed(lambda: scan_source(src, filename="gen.py", tree=tree, lines=lines))
                   for _ in range(max(1, repeat)))
        result.append((factor, len(src.encode()), parse, scan))
    return result


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@dataclass
class Editor:
    """What an editor that runs flake8 on save waits for: a fresh process per file, CPU seconds (best of the
    repetitions: the steadier figure on a shared VM), without and with the plugin, both selecting E, W, F."""

    project: str
    files: list[tuple[Path, int, float, float]]  # (file, bytes, flake8 alone, flake8 with NSC)

    def summary(self) -> dict:
        added = sorted(w - wo for _, _, wo, w in self.files)
        alone = statistics.median(wo for *_, wo, _ in self.files)
        return {"files": len(self.files), "flake8_median_ms": round(alone * 1e3, 1),
                "with_nsc_median_ms": round(statistics.median(w for *_, w in self.files) * 1e3, 1),
                "added_median_ms": round(statistics.median(added) * 1e3, 1), "added_max_ms": round(added[-1] * 1e3, 1),
                "rows": [[str(p), size, round(wo * 1e3, 1), round(w * 1e3, 1)] for p, size, wo, w in self.files]}

    def line(self) -> str:
        s = self.summary()
        big = max(self.files, key=lambda r: r[1])
        return (f"a fresh `flake8 FILE` per file ({s['files']} files of `{self.project}`: the largest and others "
                f"spread by size; CPU, best of the repetitions): flake8 (E, W, F) alone median {s['flake8_median_ms']}"
                f" ms, with NSC {s['with_nsc_median_ms']} ms; NSC adds median {s['added_median_ms']} ms, at most "
                f"{s['added_max_ms']} ms (the plugin's import included); on the largest file "
                f"({big[0].name}, {big[1] / 1e3:.0f} kB) {big[2] * 1e3:.0f} ms alone, {big[3] * 1e3:.0f} ms with NSC")


def editor_files(files: list[Path], n: int) -> list[Path]:
    """The *n* largest of *files* and *n* more spread over the others by size (small modules are most edits)."""
    by_size = sorted(files, key=lambda p: p.stat().st_size)
    largest, rest = by_size[-n:], by_size[:-n]
    step = max(1, len(rest) // max(1, n))
    return rest[::step][:n] + largest


def editor_latency(project: Path, files: list[Path], flake8: list[str], repeat: int = 3) -> Editor:
    """:class:`Editor` rows for *files*; *flake8* starts flake8 and takes ``with``/``without`` (the plugin
    registered or hidden) before flake8's own arguments. The two are run in turn, file by file."""
    rows = []
    for path in files:
        best = {"without": float("inf"), "with": float("inf")}
        for _ in range(max(1, repeat)):
            for mode, select in (("without", "E,W,F"), ("with", "E,W,F,NSC")):
                cmd = [*flake8, mode, "--isolated", f"--select={select}", "--exit-zero", str(path)]
                best[mode] = min(best[mode], _child_cpu(cmd))
        rows.append((path, path.stat().st_size, best["without"], best["with"]))
    return Editor(project.name, rows)


def _child_cpu(cmd: list[str]) -> float:
    """User + system CPU seconds of one child process (``os.wait4``: that child only)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime
