"""Score every secrets tool on a corpus of real public projects against a table judged by hand.

The projects (``realworld/projects.toml``) are snapshots of public repositories, extracted under a
corpus directory (default ``/work/realcorpus``, or ``$NOSECRETS_REALCORPUS``) as ``<owner>+<name>/``;
their code is never committed here. A project's ``set`` says which set it belongs to: ``tuning``
(the default: used while the detector was built) or ``holdout`` (chosen afterwards and never used to
change the detector); each set is scored apart, then all together. The table
(``realworld/labels.csv``) holds one row per judged line:
``repo, commit, file, line, alt_lines, verdict, class, why``. ``verdict`` is

* ``secret``      a credential a reviewer wants out of the code (real or realistic keys, passwords,
                  signing keys, also weak ones a person typed), outside test code;
* ``test``        a credential in test code (scored apart);
* ``not-secret``  anything else a tool reported (noise).

``alt_lines`` (``;``-separated) are other lines some tool reports for the same credential (bandit
reports a keyword argument at the call's first line and a default at the ``def``; ``path:line`` is a
line of another file of the project, e.g. where inference reports the use of an imported constant). The ``why`` says
what the value is without ever showing it.

This script runs ours (the standalone ``nosecrets`` command, JSON output), bandit B105-B107, ruff
S105-S107 and detect-secrets over every project's ``.py`` files (and ``.ipynb`` for the tools that
read notebooks: ours and detect-secrets), matches each reported line to the table and prints, per
tool side by side, recall per verdict class and precision, outside tests and in tests. A reported
line nobody judged is listed as UNJUDGED and counted against the tool's precision (an unjudged line
is never taken as correct); judge it and add a row.

Usage::

    python scripts/realworld.py [--corpus DIR] [--report realworld/REPORT.md] [--show] [--tools ours,bandit]

The peers' results are cached in the corpus directory (``.peers-cache.json``, keyed by project,
commit and tool version), so a detector change re-runs only ours. ``--show`` prints the source line
of each unjudged report to the terminal for judging (never to the report file).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("ours", "bandit", "ruff", "detect-secrets")
VERDICTS = ("secret", "test", "not-secret")
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "site-packages", "__pycache__", ".tox"}
TEST_DIR = re.compile(r"(^|/)(tests?|testing|test_[^/]*)/")
TEST_FILE = re.compile(r"(^|/)(test_[^/]*|[^/]*_tests?|conftest|tests)\.py$")
CHUNK = 400  # files per tool invocation


def is_test_path(path: str) -> bool:
    """Test code by path: a tests/test/testing directory, test_*.py, *_test.py, conftest.py, tests.py."""
    return bool(TEST_DIR.search(path) or TEST_FILE.search(path))


@dataclass
class Project:
    repo: str
    commit: str
    kind: str
    why: str
    root: Path
    set: str = "tuning"  # "holdout": chosen after the detector was tuned and never used to tune it

    @property
    def dirname(self) -> str:
        return self.repo.replace("/", "+")


@dataclass
class Label:
    repo: str
    file: str
    lines: tuple[int, ...]
    verdict: str
    klass: str
    why: str
    also: tuple[tuple[str, int], ...] = ()  # lines of other files reported for the same credential


@dataclass
class Corpus:
    projects: list[Project]
    files: dict[str, list[str]] = field(default_factory=dict)  # repo -> relative paths
    py_lines: int = 0
    missing: list[Project] = field(default_factory=list)
    repo_lines: dict[str, int] = field(default_factory=dict)  # repo -> lines of Python

    def subset(self, repos: set[str]) -> Corpus:
        """The part of the corpus made of these projects (one set of projects, scored apart)."""
        return Corpus([p for p in self.projects if p.repo in repos],
                      {r: f for r, f in self.files.items() if r in repos},
                      sum(n for r, n in self.repo_lines.items() if r in repos),
                      [p for p in self.missing if p.repo in repos],
                      {r: n for r, n in self.repo_lines.items() if r in repos})


def load_projects(path: Path, corpus: Path) -> list[Project]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Project(p["repo"], p["commit"], p["kind"], p["why"], corpus / p["repo"].replace("/", "+"),
                    p.get("set", "tuning"))
            for p in data["project"]]


def load_labels(path: Path) -> list[Label]:
    labels = []
    with path.open(newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row["verdict"] not in VERDICTS:
                sys.exit(f"{path}:{n}: verdict must be one of {VERDICTS}, not {row['verdict']!r}")
            alts = [x.strip() for x in row.get("alt_lines", "").split(";") if x.strip()]
            here = tuple(int(x) for x in alts if ":" not in x)
            also = tuple((x.rsplit(":", 1)[0], int(x.rsplit(":", 1)[1])) for x in alts if ":" in x)
            lab = Label(row["repo"], row["file"], (int(row["line"]), *here), row["verdict"], row["class"], row["why"],
                        also)
            if lab.verdict != "not-secret" and (lab.verdict == "test") != is_test_path(lab.file):
                print(f"WARNING {path}:{n}: verdict {lab.verdict!r} but {lab.file} is "
                      f"{'' if is_test_path(lab.file) else 'not '}test code by path", file=sys.stderr)
            labels.append(lab)
    return labels


def collect(projects: list[Project]) -> Corpus:
    corpus = Corpus(projects)
    for p in projects:
        if not p.root.is_dir():
            corpus.missing.append(p)
            continue
        marker = p.root / ".realworld-commit"
        if marker.exists() and marker.read_text().strip() != p.commit:
            print(f"WARNING {p.repo}: extracted commit {marker.read_text().strip()[:12]} is not the table's "
                  f"{p.commit[:12]}: labels may not match", file=sys.stderr)
        found = []
        corpus.repo_lines[p.repo] = 0
        for dirpath, dirnames, filenames in os.walk(p.root):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                if name.endswith((".py", ".ipynb")):
                    rel = os.path.relpath(os.path.join(dirpath, name), p.root)
                    found.append(rel)
                    if name.endswith(".py"):
                        with open(os.path.join(dirpath, name), "rb") as fh:
                            corpus.repo_lines[p.repo] += fh.read().count(b"\n")
        corpus.py_lines += corpus.repo_lines[p.repo]
        corpus.files[p.repo] = found
    return corpus


# --------------------------------------------------------------------------- running the tools


def _bin(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]


def _run(cmd: list[str], cwd: Path) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode not in (0, 1, 2) or not proc.stdout.strip():
        if proc.stdout.strip():
            return proc.stdout
        if proc.returncode in (0, 1):
            return ""
        print(f"WARNING {cmd[0]} in {cwd.name}: exit {proc.returncode}: {proc.stderr.strip()[-300:]}",
              file=sys.stderr)
    return proc.stdout


OURS_CMD: list[str] = []  # --ours-cmd; default: the nosecrets command beside this Python


def run_ours(root: Path, files: list[str]) -> set[tuple[str, int, str]]:
    out = set()
    for chunk in _chunks(files):
        text = _run([*(OURS_CMD or [_bin("nosecrets")]), "--isolated", "--format", "json", *chunk], root)
        data = json.loads(text or "[]")
        records = data.get("findings", data.get("results", [])) if isinstance(data, dict) else data
        for r in records:
            path = os.path.relpath(os.path.join(root, r["path"]), root)
            out.add((path, int(r["line"]), r.get("code", "")))
    return out


def run_bandit(root: Path, files: list[str]) -> set[tuple[str, int, str]]:
    out = set()
    for chunk in _chunks([f for f in files if f.endswith(".py")]):
        text = _run([_bin("bandit"), "-q", "-f", "json", "-t", "B105,B106,B107", *chunk], root)
        for r in json.loads(text or "{}").get("results", []):
            out.add((os.path.normpath(r["filename"]), int(r["line_number"]), r["test_id"]))
    return out


def run_ruff(root: Path, files: list[str]) -> set[tuple[str, int, str]]:
    out = set()
    for chunk in _chunks([f for f in files if f.endswith(".py")]):
        text = _run([_bin("ruff"), "check", "--isolated", "--no-cache", "--select", "S105,S106,S107",
                     "--output-format", "json", *chunk], root)
        for r in json.loads(text or "[]"):
            if (r.get("code") or "").startswith("S10"):  # not the syntax errors ruff reports for unparseable files
                out.add((os.path.relpath(r["filename"], root), int(r["location"]["row"]), r["code"]))
    return out


def run_detect_secrets(root: Path, files: list[str]) -> set[tuple[str, int, str]]:
    out = set()
    for chunk in _chunks(files):
        text = _run([_bin("detect-secrets"), "scan", *chunk], root)
        for path, hits in json.loads(text or "{}").get("results", {}).items():
            for h in hits:
                out.add((os.path.normpath(path), int(h["line_number"]), h["type"]))
    return out


def run_flake8(root: Path, files: list[str]) -> set[tuple[str, int, str]]:
    """The plugin through flake8 (same engine as ours; not a default column, a cross-check)."""
    out = set()
    for chunk in _chunks(files):
        text = _run([_bin("flake8"), "--isolated", "--select=NSC", "--format=%(path)s\t%(row)d\t%(code)s", *chunk],
                    root)
        for line in text.splitlines():
            path, _, rest = line.partition("\t")
            row, _, code = rest.partition("\t")
            if row.isdigit():
                out.add((os.path.normpath(path), int(row), code))
    return out


RUNNERS = {"ours": run_ours, "flake8": run_flake8, "bandit": run_bandit, "ruff": run_ruff,
           "detect-secrets": run_detect_secrets}


def tool_version(tool: str) -> str:
    """The peer's version line, or "" when it is not installed (then any cached run of it is used)."""
    if tool in ("ours", "flake8"):
        return ""
    try:
        proc = subprocess.run([_bin(tool), "--version"], capture_output=True, text=True)
    except OSError:
        return ""
    return (proc.stdout.strip().splitlines() or [""])[0]


def _cached(cache: dict, tool: str, version: str, p: Project) -> list | None:
    if version:
        return cache.get(f"{tool}|{version}|{p.repo}|{p.commit}")
    hits = [v for k, v in cache.items() if k.startswith(f"{tool}|") and k.endswith(f"|{p.repo}|{p.commit}")]
    return hits[-1] if hits else None


def run_all(corpus: Corpus, tools: list[str], cache_path: Path) -> dict[str, set[tuple[str, str, int, str]]]:
    """tool -> {(repo, file, line, code)}; peers' results come from the cache when project, commit and version match."""
    cache = json.loads(cache_path.read_text()) if cache_path.exists() else {}
    results: dict[str, set[tuple[str, str, int, str]]] = {t: set() for t in tools}
    for tool in tools:
        version = tool_version(tool)
        for p in corpus.projects:
            if p.repo not in corpus.files:
                continue
            peer = tool not in ("ours", "flake8")
            cached = _cached(cache, tool, version, p) if peer else None
            if cached is not None:
                hits = {tuple(h) for h in cached}
            elif peer and not version:
                sys.exit(f"{tool} is not installed and has no cached run for {p.repo}: pip install '.[bench]'")
            else:
                print(f"  {tool:15} {p.repo}", file=sys.stderr)
                hits = RUNNERS[tool](p.root, corpus.files[p.repo])
                if peer:
                    cache[f"{tool}|{version}|{p.repo}|{p.commit}"] = sorted(hits)
            results[tool] |= {(p.repo, f, line, code) for f, line, code in hits}
    try:
        cache_path.write_text(json.dumps(cache))
    except OSError as exc:
        print(f"WARNING cannot write the peers' cache {cache_path}: {exc}", file=sys.stderr)
    return results


# --------------------------------------------------------------------------- scoring


@dataclass
class Score:
    found: dict[str, dict[str, list[int]]]  # verdict -> class -> [hit, total]
    tp: dict[str, int]  # "out"/"in" -> labelled credential rows reported
    fp: dict[str, int]  # labelled not-secret rows reported
    unjudged: dict[str, int]  # reported lines with no row
    hit_rows: set[int] = field(default_factory=set)  # indexes into the labels


def score(labels: list[Label], reported: set[tuple[str, str, int, str]]) -> tuple[Score, list[tuple]]:
    index: dict[tuple[str, str, int], int] = {}
    for i, lab in enumerate(labels):
        for line in lab.lines:
            index[(lab.repo, lab.file, line)] = i
        for other, line in lab.also:
            index[(lab.repo, other, line)] = i
    lines = {(repo, f, line) for repo, f, line, _ in reported}
    hit_rows = {index[k] for k in lines if k in index}
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    s = Score(found, defaultdict(int), defaultdict(int), defaultdict(int), hit_rows)
    for i, lab in enumerate(labels):
        if lab.verdict != "not-secret":
            cell = found[lab.verdict][lab.klass]
            cell[1] += 1
            cell[0] += i in hit_rows
    for i in hit_rows:
        lab = labels[i]
        side = "in" if is_test_path(lab.file) else "out"
        if lab.verdict == "not-secret":
            s.fp[side] += 1
        else:
            s.tp[side] += 1
    unjudged = sorted(k for k in lines if k not in index)
    for repo, f, _ in unjudged:
        s.unjudged["in" if is_test_path(f) else "out"] += 1
    return s, unjudged


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def _precision(s: Score, side: str) -> str:
    return _ratio(s.tp[side], s.tp[side] + s.fp[side] + s.unjudged[side])


def _recall(s: Score, verdict: str, klass: str | None = None) -> str:
    cells = s.found.get(verdict, {})
    pairs = [cells[klass]] if klass else list(cells.values())
    return _ratio(sum(p[0] for p in pairs), sum(p[1] for p in pairs))


SET_NOTES = {
    "holdout": "chosen after the detector was tuned and never used to tune it: the estimate to read",
    "tuning": "used while the detector was tuned (its misses were turned into rules): it overstates",
}


@dataclass
class Part:
    """One set of projects (or all of them) scored on its own: its corpus, its rows, every tool's score."""
    name: str  # the set's name ("holdout", "tuning"), "combined", or "" when the corpus is a single set
    corpus: Corpus
    labels: list[Label]
    scores: dict[str, Score]
    unjudged: dict[str, list]


def split_parts(corpus: Corpus, labels: list[Label], results: dict[str, set], tools: list[str]) -> list[Part]:
    """Score each set of projects apart (holdout first), then all of them; one part when there is one set."""
    def part(name: str, repos: set[str]) -> Part:
        labs = [lab for lab in labels if lab.repo in repos]
        scores, unjudged = {}, {}
        for t in tools:
            scores[t], unjudged[t] = score(labs, {r for r in results[t] if r[0] in repos})
        return Part(name, corpus.subset(repos), labs, scores, unjudged)

    names = sorted({p.set for p in corpus.projects}, key=lambda n: (n != "holdout", n))
    every = {p.repo for p in corpus.projects}
    if len(names) < 2:
        return [part("", every)]
    return [*(part(n, {p.repo for p in corpus.projects if p.set == n}) for n in names), part("combined", every)]


def _describe(part: Part) -> str:
    corpus, counts = part.corpus, defaultdict(int)
    for lab in part.labels:
        counts[lab.verdict] += 1
    files = sum(len(v) for v in corpus.files.values())
    return (f"{len(corpus.files)} projects, {files} files (.py and .ipynb), {corpus.py_lines:,} lines of Python. "
            f"Table: {len(part.labels)} judged lines ({counts['secret']} secret, {counts['test']} test, "
            f"{counts['not-secret']} not-secret)")


def _heading(part: Part, full: bool = False) -> list[str]:
    """A part's sub-heading (none when the corpus is one set); the summary's says what the set is."""
    if not part.name:
        return []
    name = f"### {part.name.capitalize()}{' set' if part.name != 'combined' else ''}"
    if not full:
        return [name + "\n"]
    what = SET_NOTES.get(part.name, "every set together" if part.name == "combined" else "")
    return [f"{name}: {_describe(part)}" + (f"; {what}" if what else "") + "\n"]


def _summary(part: Part, tools: list[str], head: str) -> list[str]:
    s = part.scores
    return _heading(part, full=True) + [
        head + "| recall, credentials outside tests | " + " | ".join(_recall(s[t], "secret") for t in tools) + " |",
        "| precision outside tests | " + " | ".join(_precision(s[t], "out") for t in tools) + " |",
        "| false alarms outside tests | " + " | ".join(str(s[t].fp["out"]) for t in tools) + " |",
        "| recall, credentials in test code | " + " | ".join(_recall(s[t], "test") for t in tools) + " |",
        "| precision in test code | " + " | ".join(_precision(s[t], "in") for t in tools) + " |",
        "",
    ]


def _per_class(part: Part, tools: list[str], head: str, verdict: str) -> list[str]:
    s = part.scores
    out = _heading(part) + [head + "| all | " + " | ".join(_recall(s[t], verdict) for t in tools) + " |"]
    classes = sorted({lab.klass for lab in part.labels if lab.verdict == verdict})
    return out + [f"| {c} | " + " | ".join(_recall(s[t], verdict, c) for t in tools) + " |" for c in classes] + [""]


def _precision_rows(part: Part, tools: list[str], head: str) -> list[str]:
    s = part.scores
    out = _heading(part) + [head.rstrip("\n")]
    for side, name in (("out", "outside tests"), ("in", "in tests")):
        out.append(f"| {name} | " + " | ".join(_precision(s[t], side) for t in tools) + " |")
    out.append("| false alarms outside tests | " + " | ".join(str(s[t].fp["out"]) for t in tools) + " |")
    out.append("| unjudged lines | "
               + " | ".join(str(s[t].unjudged["out"] + s[t].unjudged["in"]) for t in tools) + " |")
    return out + [""]


def _ours_lists(part: Part) -> list[str]:
    """Ours' misses and false alarms outside tests, one line each (file:line, class, why)."""
    if "ours" not in part.scores:
        return []
    ours, labels, out = part.scores["ours"], part.labels, []
    missed = [lab for i, lab in enumerate(labels) if lab.verdict == "secret" and i not in ours.hit_rows]
    noise = [lab for i, lab in enumerate(labels)
             if lab.verdict == "not-secret" and i in ours.hit_rows and not is_test_path(lab.file)]
    where = f" ({part.name} set)" if part.name else ""
    for name, rows in (("ours: credentials outside tests not reported", missed),
                       ("ours: false alarms outside tests", noise)):
        out += [f"## {name}{where} ({len(rows)})\n"]
        out += [f"- {lab.repo} {lab.file}:{lab.lines[0]} ({lab.klass}): {lab.why}" for lab in rows] + [""]
    return out


def render(parts: list[Part], tools: list[str], title: str, notes: str = "") -> str:
    """The markdown report: each set of projects apart (holdout first), then combined, all tools side by side."""
    whole = parts[-1]
    head = "| | " + " | ".join(tools) + " |\n|---|" + "---|" * len(tools) + "\n"
    sets = [p for p in parts if p.name not in ("", "combined")]
    apart = (f" in {len(sets)} sets scored apart ("
             + ", ".join(f"{p.name}: {len(p.corpus.files)} projects" for p in sets) + ")") if sets else ""
    out = [
        f"# {title}\n",
        f"Corpus: {_describe(whole)}{apart}. Unit: a line; a tool finds a credential when it reports its line (or "
        "a line of the same statement recorded in the table). Precision counts a reported line nobody judged as "
        "wrong.\n",
        "## Summary\n",
    ]
    for part in parts:
        out += _summary(part, tools, head)
    out += ["## Recall: credentials outside tests (verdict `secret`), per class\n"]
    for part in parts:
        out += _per_class(part, tools, head, "secret")
    out += ["## Recall: credentials in test code (verdict `test`)\n"]
    for part in parts:
        out += _per_class(part, tools, head, "test")
    out += ["## Precision (reported lines that are credentials)\n"]
    for part in parts:
        out += _precision_rows(part, tools, head)
    out += ["## Projects\n", "| project | set | commit | kind | files | why chosen |", "|---|---|---|---|---|---|"]
    for p in whole.corpus.projects:
        n = len(whole.corpus.files[p.repo]) if p.repo in whole.corpus.files else "MISSING"
        out.append(f"| {p.repo} | {p.set} | {p.commit[:12]} | {p.kind} | {n} | {p.why} |")
    out.append("")
    for part in parts:
        if part.name != "combined":
            out += _ours_lists(part)
    if notes.strip():
        out += ["## What the holdout set shows\n", notes.strip(), ""]
    total_unj = sorted({u for t in tools for u in whole.unjudged[t]})
    if total_unj:
        out += [f"## UNJUDGED ({len(total_unj)} lines: judge them into realworld/labels.csv)\n"]
        for repo, f, line in total_unj:
            by = [t for t in tools if (repo, f, line) in whole.unjudged[t]]
            out.append(f"- {repo} {f}:{line} ({', '.join(by)})")
    return "\n".join(out).rstrip("\n") + "\n"


README_START = "<!-- realworld-summary: copied from realworld/REPORT.md -->\n"
README_END = "<!-- /realworld-summary -->"


def readme_block(report: str) -> str:
    """The corpus sentence and the summary table of a report: what the README shows."""
    corpus = next(line for line in report.splitlines() if line.startswith("Corpus: "))
    return corpus + "\n\n" + report.split("## Summary\n", 1)[1].split("\n## ", 1)[0].strip()


def update_readme(path: Path, report: str) -> None:
    """Put the report's summary table between the README's markers (a test holds them equal)."""
    summary = readme_block(report)
    readme = path.read_text(encoding="utf-8")
    head, rest = readme.split(README_START, 1)
    path.write_text(head + README_START + summary + "\n" + README_END + rest.split(README_END, 1)[1], encoding="utf-8")


def _default(name: str) -> Path:
    """realworld/<name> of this repository, or <name> beside the script (the copy kept in the corpus directory)."""
    here = ROOT / "realworld" / name
    beside = Path(__file__).resolve().parent / name
    return here if here.exists() or not beside.exists() else beside


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("NOSECRETS_REALCORPUS", "/work/realcorpus")))
    ap.add_argument("--projects", type=Path, default=_default("projects.toml"))
    ap.add_argument("--labels", type=Path, default=_default("labels.csv"))
    ap.add_argument("--tools", default=",".join(TOOLS),
                    help="comma-separated, of " + ",".join(RUNNERS) + " (flake8: the plugin under flake8, a check)")
    ap.add_argument("--report", type=Path, help="write the markdown report here")
    ap.add_argument("--ours-cmd", help="command that runs ours, e.g. to score another checkout: "
                    "'env PYTHONPATH=/path/to/checkout python -m flake8_nosecrets.cli'")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=RAW",
                    help="add a column: ours as saved by --save-raw in RAW (e.g. the baseline of another commit)")
    ap.add_argument("--title", default="Real-world corpus: recall and precision per tool", help="the report's title")
    ap.add_argument("--update-readme", type=Path, metavar="README",
                    help="replace the table between the realworld-summary markers of README with this run's summary")
    ap.add_argument("--notes", type=Path, default=_default("holdout-notes.md"),
                    help="markdown read by hand from the holdout set's misses and false alarms, put in the report")
    ap.add_argument("--show", action="store_true", help="print each unjudged line's source (terminal only)")
    ap.add_argument("--save-raw", type=Path, help="write every tool's reported lines (no values) to this JSON file")
    ap.add_argument("--load-raw", type=Path, help="score the reported lines saved by --save-raw instead of running")
    args = ap.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    if args.ours_cmd:
        OURS_CMD[:] = shlex.split(args.ours_cmd)
    unknown = set(tools) - set(RUNNERS)
    if unknown:
        ap.error(f"unknown tools: {sorted(unknown)}")
    corpus = collect(load_projects(args.projects, args.corpus))
    for p in corpus.missing:
        print(f"MISSING {p.repo}: not under {p.root}. Fetch the snapshot (the fetch tool, github:{p.repo}) and "
              f"extract commit {p.commit}: git --git-dir=<mirror>/repo archive {p.commit} | tar -x -C {p.root} "
              f"(mkdir it first), then echo {p.commit} > {p.root}/.realworld-commit", file=sys.stderr)
    labels = load_labels(args.labels)
    if args.load_raw:
        saved = json.loads(args.load_raw.read_text())
        results = {t: {tuple(r) for r in saved[t]} for t in tools}
    else:
        results = run_all(corpus, tools, args.corpus / ".peers-cache.json")
    if args.save_raw:
        args.save_raw.write_text(json.dumps({t: sorted(results[t]) for t in tools}))
    columns = [*tools]
    for spec in args.compare:
        name, _, raw = spec.partition("=")
        results[name] = {tuple(r) for r in json.loads(Path(raw).read_text())["ours"]}
        columns.append(name)
    parts = split_parts(corpus, labels, results, columns)
    notes = args.notes.read_text(encoding="utf-8") if args.notes and args.notes.exists() else ""
    text = render(parts, columns, args.title, notes)
    unjudged = parts[-1].unjudged
    print(text)
    if args.show:
        for repo, f, line in sorted({u for t in tools for u in unjudged[t]}):
            src = (args.corpus / repo.replace("/", "+") / f)
            try:
                code = src.read_text(encoding="utf-8", errors="replace").splitlines()[line - 1].strip()
            except (OSError, IndexError):
                code = "?"
            print(f"{repo} {f}:{line}: {code[:160]}")
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if args.update_readme:
        update_readme(args.update_readme, text)
    return 1 if corpus.missing else 0


if __name__ == "__main__":
    sys.exit(main())
