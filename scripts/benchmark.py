#!/usr/bin/env python
"""Measure flake8-nosecrets against the floor, flake8 and its peers, side by side in one run.

Corpus: by default every ``.py`` file of the running interpreter's standard
library (tests included: they are real code) that reads as UTF-8 and that
``ast.parse`` accepts (the deliberately broken test data files are left out, so
every tool sees the same parseable files); ``--site-packages`` adds the
site-packages of the environment; ``--corpus DIR`` replaces the default.

Every tool runs single-process in its own child process; wall time, CPU
(user+sys) and peak RSS come from ``os.wait4`` for that child only.

    python scripts/benchmark.py                 # stdlib, 3 repetitions
    python scripts/benchmark.py --sample 4      # every 4th file (sorted)
    python scripts/benchmark.py --noise         # also list every NSC finding (redacted)
    python scripts/benchmark.py --quick         # smoke test: a subset, one repetition
    python scripts/benchmark.py --latency DIR   # also: editor latency per file on a project (inference on)
    python scripts/benchmark.py --editor DIR    # also: a fresh flake8 process per file, with and without NSC
    python scripts/benchmark.py --report bench/REPORT.md   # also write the report (and REPORT.json beside it)

It prints markdown to stdout. With ``--report`` the whole report is written to that file (markdown, the
machine, the commit and the command line included) and its figures, machine-readable, to a ``.json``
file beside it: the README's performance figures are copied from the report's summary block
(``tests/test_benchmark_smoke.py`` holds them equal).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench_latency import editor_files, editor_latency, linearity, pct, plugin_latency

HERE = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {"site-packages", "dist-packages", "__pycache__", "idlelib", "turtledemo"}

# flake8 with or without this plugin, from the same interpreter and the same code path:
# the wrapper hides our entry points when asked to, since flake8 runs every installed
# plugin whatever --select says.
_FLAKE8_WRAPPER = r"""
import sys
import flake8.plugins.finder as finder
if sys.argv[1] == "without":
    _orig = finder._find_importlib_plugins
    finder._find_importlib_plugins = lambda: (p for p in _orig() if p.package != "flake8-nosecrets")
del sys.argv[1]
from flake8.main.cli import main
sys.exit(main())
"""

_FLOOR = r"""
import ast, sys
n = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    with open(path, "rb") as fh:
        data = fh.read()
    ast.parse(data, path)
    n += 1
print(n)
"""


# ``nosecrets`` from an exported revision's source tree (argv[1]) instead of the installed package: the tree
# comes first on sys.path, ahead of the editable install's finder, which Python consults after the path.
_AT_REVISION = r"""
import runpy, sys
tree = sys.argv.pop(1)
sys.path.insert(0, tree)
import flake8_nosecrets
assert flake8_nosecrets.__file__.startswith(tree), flake8_nosecrets.__file__
sys.argv[0] = "nosecrets"
runpy.run_module("flake8_nosecrets.cli", run_name="__main__")
"""


def export_revision(rev: str, tmp: str) -> str:
    """The package of git revision *rev* of this repository, extracted under *tmp*; its path."""
    out = Path(tmp, "rev-" + re.sub(r"[^\w.-]", "_", rev))
    out.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "flake8_nosecrets"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return str(out)


# detect-secrets once per corpus root (its working directory), the results merged under absolute paths.
_DS_WRAPPER = r"""
import json, os, subprocess, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
merged = {}
for root, rel in plan["groups"].items():
    out = subprocess.run([plan["exe"], "scan", "--all-files", *rel], cwd=root, capture_output=True, text=True).stdout
    for path, items in json.loads(out or "{}").get("results", {}).items():
        merged[os.path.join(root, path)] = items
print(json.dumps({"results": merged}))
"""


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_kb: int
    out: str
    rc: int


@dataclass
class Row:
    tool: str
    runs: list[Run] = field(default_factory=list)
    findings: int | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} ({platform.system()})"


def gather(roots: list[Path]) -> tuple[list[Path], int, int]:
    """Sorted parseable UTF-8 ``.py`` files under *roots*, their line count and bytes."""
    files: list[Path] = []
    lines = size = 0
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(filenames):
                if not name.endswith(".py"):
                    continue
                path = Path(dirpath, name)
                try:
                    data = path.read_bytes()
                    text = data.decode("utf-8")
                    ast.parse(data, str(path))
                except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
                    continue
                files.append(path)
                lines += text.count("\n")
                size += len(data)
    files.sort()
    return files, lines, size


# The tool runs as the child of a small launcher, which reports its child's peak RSS. Linux carries the
# peak RSS of the memory a process replaced at exec into its own figure, so a tool started straight from
# this (large, growing) process reported this process's size, not its own: every row then showed the
# same, ever larger, "peak".
_LAUNCH = r"""
import os, resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
"""


def run_child(cmd: list[str], cwd: str | None = None) -> Run:
    with tempfile.TemporaryFile("w+b") as out, tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCH, rss.name, *cmd], stdout=out,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        maxrss = int(rss.read() or 0)
    return Run(wall, usage.ru_utime + usage.ru_stime, maxrss, text, proc.returncode)


def count_lines(out: str, code_re: str) -> int:
    return sum(1 for line in out.splitlines() if re.search(code_re, line))


def bandit_findings(out: str) -> list[tuple[str, int, str]]:
    try:
        data = json.loads(out)
    except ValueError:
        return []
    return [(r["filename"], r["line_number"], r["test_id"]) for r in data.get("results", [])]


def ds_findings(out: str) -> list[tuple[str, int, str]]:
    try:
        data = json.loads(out)
    except ValueError:
        return []
    return [(path, s["line_number"], s["type"]) for path, items in data.get("results", {}).items() for s in items]


def exe(name: str) -> str | None:
    cand = HERE / name
    return str(cand) if cand.exists() else shutil.which(name)


def commit() -> str:
    """The commit the benchmark runs (``+dirty`` when the work tree differs from it)."""
    root = ROOT
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


SUMMARY_BEGIN = "<!-- benchmark-summary: copied from bench/REPORT.md -->"
SUMMARY_END = "<!-- /benchmark-summary -->"


def fmt_row(row: Row, floor: float | None) -> str:
    walls = [r.wall for r in row.runs]
    cpu = statistics.median(r.cpu for r in row.runs)
    mem = max(r.maxrss_kb for r in row.runs) / 1024
    ratio = f"{row.median / floor:.2f}x" if floor else ""
    found = "" if row.findings is None else str(row.findings)
    return (
        f"| {row.tool} | {row.median:.2f} s | {min(walls):.2f}–{max(walls):.2f} s | {cpu:.2f} s | "
        f"{mem:.0f} MB | {found} | {ratio} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per tool (default 3)")
    ap.add_argument("--corpus", action="append", type=Path, help="directory to scan instead of the stdlib")
    ap.add_argument("--site-packages", action="store_true", help="add this environment's site-packages")
    ap.add_argument("--sample", type=int, default=1, help="keep every Nth file (sorted), default all")
    ap.add_argument("--quick", action="store_true", help="smoke test: at most 40 files, one repetition")
    ap.add_argument("--no-peers", action="store_true", help="skip bandit and detect-secrets")
    ap.add_argument("--no-flake8", action="store_true",
                    help="skip the flake8 runs (the floor, nosecrets and the peers only: a few minutes)")
    ap.add_argument("--noise", action="store_true", help="list every NSC finding (redacted) and peer counts")
    ap.add_argument("--latency", action="append", type=Path, default=[], metavar="DIR",
                    help="also measure the plugin's per-file latency on every .py file of this project, with "
                         "inference on and off (repeatable)")
    ap.add_argument("--editor", action="append", type=Path, default=[], metavar="DIR",
                    help="also time a fresh `flake8 FILE` process per file, with and without the plugin, on the "
                         "largest files of this project and as many others spread by size (repeatable)")
    ap.add_argument("--editor-files", type=int, default=10, metavar="N",
                    help="how many of the largest files --editor takes (and as many others), default 10")
    ap.add_argument("--report", type=Path, metavar="FILE",
                    help="write the whole report to FILE (markdown) and its figures to FILE with .json")
    ap.add_argument("--against", metavar="REV", action="append", default=[],
                    help="also time `nosecrets --jobs 1` as it was at git revision REV (exported to a temporary "
                         "directory, run with this environment's dependencies) on the same files, interleaved: "
                         "an A/B of two commits (repeatable)")
    ap.add_argument("--config-files", action="store_true",
                    help="also time nosecrets over the Python files plus the corpus's config, requirements, .env and "
                         "Docker files (flake8_nosecrets.files), and over those alone")
    args = ap.parse_args(argv)

    roots = args.corpus or [Path(sysconfig.get_paths()["stdlib"])]
    if args.site_packages:
        roots.append(Path(sysconfig.get_paths()["purelib"]))
    files, nlines, nbytes = gather(roots)
    files = files[:: max(1, args.sample)]
    if args.quick:
        files = files[:: max(1, len(files) // 40)][:40]
        args.repeat = 1
    if not files:
        print("no parseable .py files in the corpus", file=sys.stderr)
        return 2
    if args.sample > 1 or args.quick:
        nlines = sum(p.read_text(encoding="utf-8").count("\n") for p in files)
        nbytes = sum(p.stat().st_size for p in files)
    names = [str(p) for p in files]
    py = sys.executable
    tmp = tempfile.mkdtemp(prefix="nsc-bench-")
    listfile = Path(tmp, "files.txt")
    listfile.write_text("\n".join(names), encoding="utf-8")
    md: list[str] = []

    def emit(text: str = "") -> None:
        print(text)
        md.append(text)

    data: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(), "commit": commit(),
        "command": "python scripts/benchmark.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "corpus": {"roots": [str(r) for r in roots], "files": len(files), "lines": nlines, "bytes": nbytes,
                   "sample": args.sample}, "repeat": args.repeat,
    }
    emit("## flake8-nosecrets benchmark\n")
    emit(f"Run {data['date']} at commit {data['commit']}: `{data['command']}`  ")
    emit(f"Machine: {data['machine']}  ")
    emit(f"Corpus: {', '.join(map(str, roots))}: {len(files)} files, {nlines:,} lines, {nbytes / 1e6:.1f} MB; "
         f"{args.repeat} repetition(s), single process\n")

    rows, by = run_tools(args, py, names, roots, tmp, listfile)
    floor = rows[0].median
    emit(SUMMARY_BEGIN)
    emit("| tool | wall median | min–max | CPU | peak memory | findings | vs floor |")
    emit("|---|---|---|---|---|---|---|")
    for row in rows:
        emit(fmt_row(row, floor))
    data["tools"] = [{"tool": r.tool, "wall_s": [round(x.wall, 3) for x in r.runs],
                      "cpu_s": [round(x.cpu, 3) for x in r.runs], "peak_mb": max(x.maxrss_kb for x in r.runs) / 1024,
                      "findings": r.findings} for r in rows]

    def ratio(a: str, b: str) -> str:
        if a in by and b in by:
            cpu = statistics.median(r.cpu for r in by[a].runs) / max(1e-9, statistics.median(r.cpu for r in by[b].runs))
            return f"{by[a].median / by[b].median:.2f}x (CPU {cpu:.2f}x)"
        return "n/a"

    base = "flake8 --select=E,W,F (plugin not installed)"
    ratios = {
        "flake8 + NSC / flake8 alone (target ≤ 1.10)": ratio("flake8 --select=E,W,F,NSC", base),
        "the same, inference off": ratio("flake8 --select=E,W,F,NSC, inference off", base),
        "nosecrets / floor (target ≤ 1.5)": ratio("nosecrets --jobs 1", "floor: read + ast.parse"),
        "bandit / nosecrets (target ≥ 4)": ratio("bandit -t B105,B106,B107", "nosecrets --jobs 1"),
        "detect-secrets / nosecrets (target ≥ 10)": ratio("detect-secrets scan --all-files", "nosecrets --jobs 1"),
    }
    for rev in args.against:  # the A/B: this commit against another on the same files, interleaved
        ratios[f"nosecrets / nosecrets at {rev}"] = ratio("nosecrets --jobs 1", f"nosecrets --jobs 1 at {rev}")
    data["ratios"] = ratios
    emit("\nRatios of the wall-time medians (of the CPU-time medians in brackets: on a shared VM whose other "
         "load stretches wall time, the steadier figure): " + "; ".join(f"{k}: {v}" for k, v in ratios.items())
         + ".\n")

    lat = plugin_latency(files)
    data["latency"] = {"corpus": lat.summary()}
    emit(f"- Editor latency, `Plugin.run()` per file of the corpus on a parsed tree, inference on: {lat.line()}.")
    if base in by:
        # What the plugin adds to a flake8 run, measured in-process (its own time on every file): the
        # difference of two whole flake8 runs above moves by several percent from run to run on a VM.
        own = sum(lat.ordered)
        data["plugin_share"] = round(own / by[base].median, 4)
        emit(f"- The plugin's own time over the corpus: {own:.2f} s = {own / by[base].median * 100:.1f}% of "
             f"flake8 alone's median (its share of a flake8 run, target ≤ 10%).")
    for project in args.latency:
        pfiles, plines, _ = gather([project])
        on, off = plugin_latency(pfiles), plugin_latency(pfiles, inference=False)
        data["latency"][str(project)] = {"lines": plines, "inference_on": on.summary(),
                                         "inference_off": off.summary()}
        emit(f"- Editor latency on `{project.name}` ({len(pfiles)} files, {plines:,} lines), inference on: "
             f"{on.line()}. Inference off: p50 {pct(off.ordered, 0.5) * 1e3:.2f} ms, "
             f"p99 {pct(off.ordered, 0.99) * 1e3:.2f} ms (CPU time p99 {pct(off.cpu, 0.99) * 1e3:.2f} ms), "
             f"max {off.ordered[-1] * 1e3:.1f} ms.")

    for project in args.editor:
        pfiles, _, _ = gather([project])
        ed = editor_latency(project, editor_files(pfiles, args.editor_files), [py, "-c", _FLAKE8_WRAPPER],
                            args.repeat)
        data.setdefault("editor", {})[str(project)] = ed.summary()
        emit(f"- Editor on save, {ed.line()}.")

    if "nosecrets --jobs 1" in by:
        sizes = []
        for frac in (4, 2, 1):
            part = names[: max(1, len(names) // frac)]
            run = run_child([exe("nosecrets"), "--jobs", "1", "--isolated", "--no-progress", *part], cwd=tmp)
            sizes.append((len(part), run.maxrss_kb / 1024, run.wall))
        data["memory_by_size"] = [{"files": n, "peak_mb": round(m), "wall_s": round(w, 2)} for n, m, w in sizes]
        emit("- Peak memory of `nosecrets --jobs 1` by corpus size (flat: no per-file accumulation): "
             + ", ".join(f"{n} files {m:.0f} MB ({w:.2f} s)" for n, m, w in sizes) + ".")

    data["cost_by_size"] = {}
    for tuned, label in ((True, "collector as `nosecrets` sets it"), (False, "Python's default collector")):
        lin = linearity(args.repeat, 5 if args.quick else 50, tuned)
        data["cost_by_size"][label] = [{"factor": f, "bytes": n, "parse_s": p, "scan_s": t} for f, n, p, t in lin]
        emit(f"- Cost by file size, ns per byte of `scan_source` on the parsed tree of a generated module "
             f"(`ast.parse`'s own in brackets), best of repetitions, {label}: " + ", ".join(
                 f"{factor}x ({size / 1e3:.0f} kB) {scan / size * 1e9:.0f} [{parse / size * 1e9:.0f}]"
                 for factor, size, parse, scan in lin) + ".")
    if args.noise:
        data["noise"] = noise(by, nlines, emit)
    emit(SUMMARY_END)
    if args.noise:
        emit("\nEvery NSC finding (messages are redacted by the tool: prefix, length, fingerprint):\n")
        for line in data["noise"]["ours"]:
            emit(f"    {line}")
    shutil.rmtree(tmp, ignore_errors=True)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text("\n".join(md) + "\n", encoding="utf-8")
        args.report.with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


def run_tools(args, py: str, names: list[str], roots: list[Path], tmp: str,
              listfile: Path) -> tuple[list[Row], dict[str, Row]]:
    """Every tool over the corpus, *args.repeat* times, interleaved."""
    f8 = [py, "-c", _FLAKE8_WRAPPER]
    f8_common = ["--isolated", "--jobs", "1", "--no-show-source", "--exit-zero"]
    tools: list[tuple[str, list[str], str]] = [("floor: read + ast.parse", [py, "-c", _FLOOR, str(listfile)], "")]
    if not args.no_flake8:
        tools += [
            ("flake8 --select=E,W,F (plugin not installed)",
             f8 + ["without", "--select=E,W,F", *f8_common, *names], ""),
            ("flake8 --select=E,W,F,NSC", f8 + ["with", "--select=E,W,F,NSC", *f8_common, *names], r": NSC\d+ "),
            ("flake8 --select=E,W,F,NSC, inference off",
             f8 + ["with", "--select=E,W,F,NSC", "--nosecrets-inference=false", *f8_common, *names], r": NSC\d+ "),
        ]
    ns = exe("nosecrets")
    if ns:
        tools.append(("nosecrets --jobs 1", [ns, "--jobs", "1", "--isolated", "--no-progress", *names], r": NSC\d+ "))
    for rev in args.against:
        at_rev = [py, "-c", _AT_REVISION, export_revision(rev, tmp)]
        tools.append((f"nosecrets --jobs 1 at {rev}", at_rev + ["--jobs", "1", "--isolated", "--no-progress", *names],
                      r": NSC\d+ "))
    if ns and args.config_files:
        from flake8_nosecrets import files as kinds
        from flake8_nosecrets.walk import DEFAULT_EXCLUDE, Walk

        walk = Walk(exclude=DEFAULT_EXCLUDE, filename=(), kinds=frozenset(kinds.CONFIG_KINDS))
        configs = list(walk.files([str(r) for r in roots]))
        cfg_lines = sum(Path(c).read_bytes().count(b"\n") for c in configs)
        run_ns = [ns, "--jobs", "1", "--isolated", "--no-progress"]
        tools.append((f"nosecrets --jobs 1, + {len(configs)} config files ({cfg_lines:,} lines)",
                      run_ns + names + configs, r": NSC\d+ "))
        tools.append(("nosecrets --jobs 1, the config files alone", run_ns + configs, r": NSC\d+ "))
    peers_ok = not args.no_peers
    if peers_ok and exe("bandit"):
        tools.append(("bandit -t B105,B106,B107",
                      [exe("bandit"), "-q", "-t", "B105,B106,B107", "-f", "json", "-r", *names], "bandit"))
    if peers_ok and exe("detect-secrets"):
        # detect-secrets silently skips absolute paths outside its working directory: it is run from each
        # corpus root with the paths under it made relative, one run per root, their results merged
        # (checked: it then scans exactly these files; from a common root "/" it scanned none)
        groups: dict[str, list[str]] = {}
        for n in names:
            root = max((str(r) for r in roots if n.startswith(str(r) + os.sep)), key=len)
            groups.setdefault(root, []).append(os.path.relpath(n, root))
        ds_plan = Path(tmp, "ds-plan.json")
        ds_plan.write_text(json.dumps({"exe": exe("detect-secrets"), "groups": groups}), encoding="utf-8")
        tools.append(("detect-secrets scan --all-files", [py, "-c", _DS_WRAPPER, str(ds_plan)], "ds"))

    rows = [Row(name) for name, _, _ in tools]
    for _ in range(args.repeat):  # interleaved, so a slow moment of the machine hits every tool alike
        for row, (_, cmd, kind) in zip(rows, tools):
            run = run_child(cmd, cwd=tmp)
            row.runs.append(run)
            if kind == "bandit":
                row.findings = len(bandit_findings(run.out))
            elif kind == "ds":
                row.findings = len(ds_findings(run.out))
            elif kind:
                row.findings = count_lines(run.out, kind)
    return rows, {r.tool: r for r in rows}


def noise(by: dict[str, Row], nlines: int, emit) -> dict:
    src = by.get("nosecrets --jobs 1") or by["flake8 --select=E,W,F,NSC"]
    ours = [line for line in src.runs[-1].out.splitlines() if re.search(r": NSC\d+ ", line)]
    per = 100_000 / max(1, nlines)
    out = {"lines": nlines, "ours": ours, "per_100k": {"flake8-nosecrets": round(len(ours) * per, 2)}}
    counts = [f"flake8-nosecrets {len(ours)} ({len(ours) * per:.2f} per 100k lines)"]
    peers = (("bandit -t B105,B106,B107", bandit_findings), ("detect-secrets scan --all-files", ds_findings))
    for name, parse in peers:
        if name in by:
            n = len(parse(by[name].runs[-1].out))
            out["per_100k"][name] = round(n * per, 2)
            counts.append(f"{name} {n} ({n * per:.2f})")
    emit(f"- Noise on the corpus ({nlines:,} lines), findings: " + "; ".join(counts) + ".")
    return out


if __name__ == "__main__":
    sys.exit(main())
