"""scripts/benchmark.py runs end to end on a tiny corpus (--quick, no peers), prints its table and writes its
report; the README's performance figures are the committed report's (issue 16: figures anyone can reproduce)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "benchmark.py"
BEGIN = "<!-- benchmark-summary: copied from bench/REPORT.md -->"
END = "<!-- /benchmark-summary -->"


def _block(text: str) -> str:
    assert text.count(BEGIN) == 1 and text.count(END) == 1, "summary markers missing"
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n")


def test_benchmark_quick_smoke(tmp_path: Path) -> None:
    corpus, project = tmp_path / "corpus", tmp_path / "project"
    corpus.mkdir()
    project.mkdir()
    (corpus / "a.py").write_text("import os\nHOST = 'localhost'\n\ndef f(x):\n    return x + 1\n")
    (corpus / "b.py").write_text("class C:\n    token_env = 'SERVICE_TOKEN'\n" * 20)
    (corpus / "broken.py").write_text("def (:\n")  # left out of the corpus: not parseable
    (project / "db.py").write_text("import psycopg2\nfrom settings import PW\npsycopg2.connect(password=PW)\n")
    (project / "settings.py").write_text("PW = ''.join(['x'])\n")
    report = tmp_path / "bench" / "REPORT.md"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--no-peers", "--noise", "--corpus", str(corpus),
         "--latency", str(project), "--editor", str(project), "--editor-files", "1", "--report", str(report)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "2 files" in out
    assert "| tool | wall median | min–max | CPU | peak memory | findings | vs floor |" in out
    tools = ("floor: read + ast.parse", "flake8 --select=E,W,F (plugin not installed)", "flake8 --select=E,W,F,NSC")
    for tool in tools:
        assert f"| {tool} |" in out
    assert "flake8 + NSC / flake8 alone" in out and "Editor latency" in out and "100x (" in out
    assert "flake8-nosecrets 0 (0.00 per 100k lines)" in out
    assert "Editor latency on `project` (2 files, 4 lines), inference on:" in out
    assert "1 file(s) entered astroid, 0 NSC401" in out  # PW may be a literal of settings.py: astroid looks
    written = report.read_text(encoding="utf-8")
    assert written.strip() == out.strip() and _block(written).startswith("| tool |")
    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["commit"] and data["machine"] and data["corpus"]["files"] == 2 and "--quick" in data["command"]
    assert data["latency"][str(project)]["inference_on"]["astroid_files"] == 1
    assert data["latency"][str(project)]["inference_off"]["astroid_files"] == 0
    assert {t["tool"] for t in data["tools"]} >= set(tools)
    # a fresh flake8 per file: the largest file and one other, each timed without and with the plugin
    assert "Editor on save, a fresh `flake8 FILE` per file (2 files of `project`" in out
    editor = data["editor"][str(project)]
    assert [Path(row[0]).name for row in editor["rows"]] == ["settings.py", "db.py"]
    assert all(alone > 0 and with_nsc > 0 for _, _, alone, with_nsc in editor["rows"])


def test_readme_performance_is_copied_from_the_committed_report() -> None:
    report = (ROOT / "bench" / "REPORT.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _block(readme) == _block(report), "README's performance figures differ from bench/REPORT.md: copy them"
    data = json.loads((ROOT / "bench" / "REPORT.json").read_text(encoding="utf-8"))
    assert data["commit"] in report and data["machine"] in report
