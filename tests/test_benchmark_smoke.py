"""scripts/benchmark.py runs end to end on a tiny corpus (--quick, no peers) and prints its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "benchmark.py"


def test_benchmark_quick_smoke(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("import os\nHOST = 'localhost'\n\ndef f(x):\n    return x + 1\n")
    (tmp_path / "b.py").write_text("class C:\n    token_env = 'SERVICE_TOKEN'\n" * 20)
    (tmp_path / "broken.py").write_text("def (:\n")  # left out of the corpus: not parseable
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--no-peers", "--noise", "--corpus", str(tmp_path)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "2 files" in out
    assert "| tool | wall median | min–max | CPU | peak memory | findings | vs floor |" in out
    tools = ("floor: read + ast.parse", "flake8 --select=E,W,F (plugin not installed)", "flake8 --select=E,W,F,NSC")
    for tool in tools:
        assert f"| {tool} |" in out
    assert "flake8 + NSC / flake8 alone:" in out and "Editor latency" in out and "100x (" in out
    assert "flake8-nosecrets: 0 findings" in out
