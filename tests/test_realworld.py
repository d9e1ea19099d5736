"""scripts/realworld.py: how reported lines are matched to the hand-judged table and scored.

The real corpus lives outside the repository; these tests build a two-project corpus in a temporary
directory, so they check the scoring rules themselves: a credential is found when a tool reports its
line or one of its alternative lines, a reported line nobody judged counts against precision, test
code is scored apart, and a missing project is named with how to fetch it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import secretgen

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "realworld.py"
_spec = importlib.util.spec_from_file_location("realworld", SCRIPT)
assert _spec and _spec.loader
realworld = importlib.util.module_from_spec(_spec)
sys.modules["realworld"] = realworld
_spec.loader.exec_module(realworld)

HEADER = "repo,commit,file,line,alt_lines,verdict,class,why\n"


@pytest.mark.parametrize("path, is_test", [
    ("tests/test_api.py", True), ("app/tests.py", True), ("test/pytests/test_main.py", True),
    ("conftest.py", True), ("pkg/client_test.py", True), ("testing/helpers.py", True),
    ("app/config.py", False), ("app/core/settings/test.py", False), ("latest/app.py", False),
    ("contest/app.py", False), ("attestation.py", False),
])
def test_test_code_by_path(path: str, is_test: bool) -> None:
    assert realworld.is_test_path(path) is is_test


def _labels(tmp_path: Path, rows: list[str]) -> list:
    path = tmp_path / "labels.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows))
    return realworld.load_labels(path)


def test_scoring_counts_alt_lines_unjudged_lines_and_test_code_apart(tmp_path: Path) -> None:
    labels = _labels(tmp_path, [
        "o/a,c,settings.py,3,,secret,signing key,word-valued key",
        "o/a,c,app.py,10,8,secret,password,login call spanning lines 8-10",
        "o/a,c,app.py,20,,secret,password,not reported by the tool",
        "o/a,c,app.py,30,,not-secret,message text,a message",
        "o/a,c,tests/test_x.py,5,,test,password,test login",
        "o/a,c,settings.py,9,views.py:40,secret,signing key,imported constant whose use inference reports",
    ])
    reported = {
        ("o/a", "settings.py", 3, "X1"),  # found
        ("o/a", "app.py", 8, "X2"),  # the call's first line: the alternative line of the row at 10
        ("o/a", "app.py", 30, "X3"),  # a false alarm
        ("o/a", "app.py", 40, "X4"),  # nobody judged it: counted against precision
        ("o/a", "tests/test_x.py", 5, "X5"),
        ("o/a", "views.py", 40, "X6"),  # the use, in another file, of the constant defined at settings.py:9
    }
    s, unjudged = realworld.score(labels, reported)
    assert realworld._recall(s, "secret") == "0.75 (3/4)"
    assert realworld._recall(s, "secret", "password") == "0.50 (1/2)"
    assert realworld._recall(s, "secret", "signing key") == "1.00 (2/2)"
    assert realworld._recall(s, "test") == "1.00 (1/1)"
    assert (s.tp["out"], s.fp["out"], s.unjudged["out"]) == (3, 1, 1)
    assert realworld._precision(s, "out") == "0.60 (3/5)"
    assert realworld._precision(s, "in") == "1.00 (1/1)"
    assert unjudged == [("o/a", "app.py", 40)]


def test_a_tool_that_reports_nothing_has_no_recall_and_no_precision(tmp_path: Path) -> None:
    labels = _labels(tmp_path, ["o/a,c,settings.py,3,,secret,signing key,word-valued key"])
    s, unjudged = realworld.score(labels, set())
    assert realworld._recall(s, "secret") == "0.00 (0/1)"
    assert realworld._precision(s, "out") == "n/a" and unjudged == []


def test_a_bad_verdict_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="verdict must be one of"):
        _labels(tmp_path, ["o/a,c,settings.py,3,,maybe,signing key,unsure"])


def test_end_to_end_with_ours_on_a_small_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "o+a").mkdir(parents=True)
    pw = secretgen.password(secretgen.rng("realworld"))
    (corpus / "o+a" / "db.py").write_text(f'import psycopg2\nDB_PASSWORD = "{pw}"\nHOST = "localhost"\n')
    (corpus / "o+a" / ".realworld-commit").write_text("c1\n")
    projects = tmp_path / "projects.toml"
    projects.write_text(
        '[[project]]\nrepo = "o/a"\ncommit = "c1"\nkind = "web app"\nwhy = "planted"\nread_whole = ["db.py"]\n\n'
        '[[project]]\nrepo = "o/missing"\ncommit = "c2"\nkind = "bot"\nwhy = "not extracted"\nread_whole = []\n'
    )
    labels = tmp_path / "labels.csv"
    labels.write_text(HEADER + "o/a,c1,db.py,2,,secret,password,database password under a password name\n")
    report, raw = tmp_path / "REPORT.md", tmp_path / "raw.json"
    common = [sys.executable, str(SCRIPT), "--corpus", str(corpus), "--projects", str(projects),
              "--labels", str(labels), "--tools", "ours", "--report", str(report)]
    proc = subprocess.run([*common, "--save-raw", str(raw)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 1, proc.stderr  # a project is missing
    assert "MISSING o/missing" in proc.stderr and "github:o/missing" in proc.stderr
    text = report.read_text()
    assert "| all | 1.00 (1/1) |" in text
    assert "| outside tests | 1.00 (1/1) |" in text
    assert pw not in text and pw not in proc.stdout and pw not in raw.read_text()

    # a saved run is rescored without running anything, beside a second column read from another saved run
    (corpus / "o+a" / "db.py").write_text("HOST = 'localhost'\n")
    empty = tmp_path / "empty.json"
    empty.write_text('{"ours": []}')
    proc = subprocess.run([*common, "--load-raw", str(raw), "--compare", f"before={empty}"],
                          capture_output=True, text=True, timeout=240)
    assert "| | ours | before |" in report.read_text()
    assert "| recall, credentials outside tests | 1.00 (1/1) | 0.00 (0/1) |" in report.read_text()


def test_readme_accuracy_table_is_the_committed_report_verbatim() -> None:
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text()
    block = readme.split(realworld.README_START, 1)[1].split(realworld.README_END, 1)[0].strip()
    expected = realworld.readme_block((root / "realworld" / "REPORT.md").read_text())
    assert block.startswith("Corpus: ") and "| recall, credentials outside tests |" in block
    assert block == expected


def test_holdout_and_tuning_sets_are_scored_apart_then_together(tmp_path: Path) -> None:
    projects = [realworld.Project("o/tuned", "c1", "web app", "tuned on", tmp_path / "o+tuned"),
                realworld.Project("o/new", "c2", "bot", "held out", tmp_path / "o+new", "holdout")]
    corpus = realworld.Corpus(projects, {"o/tuned": ["settings.py"], "o/new": ["bot.py", "config.py"]},
                              300, [], {"o/tuned": 100, "o/new": 200})
    labels = _labels(tmp_path, [
        "o/tuned,c1,settings.py,3,,secret,signing key,word-valued key",
        "o/new,c2,bot.py,7,,secret,token,bot token",
        "o/new,c2,config.py,2,,secret,password,default password the tool misses",
        "o/new,c2,config.py,9,,not-secret,placeholder,fill-in value",
    ])
    results = {"ours": {("o/tuned", "settings.py", 3, "X"), ("o/new", "bot.py", 7, "X"),
                        ("o/new", "config.py", 9, "X")},
               "bandit": {("o/tuned", "settings.py", 3, "B105")}}
    parts = realworld.split_parts(corpus, labels, results, ["ours", "bandit"])
    assert [p.name for p in parts] == ["holdout", "tuning", "combined"]
    holdout, tuning, combined = parts
    assert realworld._recall(holdout.scores["ours"], "secret") == "0.50 (1/2)"
    assert realworld._precision(holdout.scores["ours"], "out") == "0.50 (1/2)"
    assert realworld._recall(holdout.scores["bandit"], "secret") == "0.00 (0/2)"
    assert realworld._recall(tuning.scores["ours"], "secret") == "1.00 (1/1)"
    assert realworld._precision(tuning.scores["bandit"], "out") == "1.00 (1/1)"
    assert realworld._recall(combined.scores["ours"], "secret") == "0.67 (2/3)"

    report = realworld.render(parts, ["ours", "bandit"], "t", notes="config.py:2 is missed: a default in a call.")
    summary = report.split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    heads = [line for line in summary.splitlines() if line.startswith("### ")]
    assert [h.split(":")[0] for h in heads] == ["### Holdout set", "### Tuning set", "### Combined"]
    assert "| recall, credentials outside tests | 0.50 (1/2) | 0.00 (0/2) |" in summary.split("### Tuning")[0]
    assert "| recall, credentials outside tests | 0.67 (2/3) | 0.33 (1/3) |" in summary.split("### Combined")[1]
    assert "- o/new config.py:2 (password): default password the tool misses" in report
    assert "## ours: false alarms outside tests (holdout set) (1)" in report
    assert report.split("## What the holdout set shows\n", 1)[1].startswith("\nconfig.py:2 is missed")
    assert realworld.readme_block(report).startswith("Corpus: 2 projects, 3 files")
    assert "### Holdout set" in realworld.readme_block(report)


def test_a_corpus_of_one_set_keeps_one_summary(tmp_path: Path) -> None:
    projects = [realworld.Project("o/a", "c1", "web app", "why", tmp_path / "o+a")]
    corpus = realworld.Corpus(projects, {"o/a": ["app.py"]}, 10, [], {"o/a": 10})
    labels = _labels(tmp_path, ["o/a,c1,app.py,1,,secret,password,login password",
                                "o/other,c9,app.py,1,,secret,password,a row of a project not in this corpus"])
    parts = realworld.split_parts(corpus, labels, {"ours": {("o/a", "app.py", 1, "X")}}, ["ours"])
    assert [p.name for p in parts] == [""]
    report = realworld.render(parts, ["ours"], "t")
    assert "###" not in report and "| recall, credentials outside tests | 1.00 (1/1) |" in report
