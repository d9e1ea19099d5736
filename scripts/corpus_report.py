"""Precision and recall of the detector over the labelled corpus (tests/corpus/*.txt), per category.

Every non-blank, non-comment-only line of a case is a labelled line: positive when it carries
``# expect: NSC…`` (or follows ``# expect-next:``), negative otherwise. A reported line is a true
positive when it was expected (a wrong code is counted apart as a code mismatch), a false positive
when it was not. Usage: ``.venv/bin/python scripts/corpus_report.py [-v]`` (-v lists the lines).

These figures are 1.000 by construction: cases are added together with the detector change that
makes them pass, and three labels were once flipped to match the detector. They show that nothing
regressed, not how well the detector does on code nobody here wrote: that estimate is the
real-world corpus (``scripts/realworld.py``, the README's accuracy section).
"""

from __future__ import annotations

import pathlib
import sys
from collections import defaultdict

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tests"))

import test_corpus  # noqa: E402
from flake8_nosecrets import scan_source  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    details: list[str] = []
    for case in test_corpus.CASES:
        expected = case.expected()
        got = test_corpus.reported(scan_source(case.source, filename=f"{case.category}/{case.id}.py"))
        s = stats[case.category]
        s["cases"] += 1
        s["lines"] += test_corpus.labelled_lines(case)
        s["failing"] += not test_corpus.agrees(expected, got)
        for line in expected.keys() | got.keys():
            want, have = expected.get(line), got.get(line)
            if want and have:
                s["tp"] += 1
                if want != {"NSC"} and want != have:
                    s["code_mismatch"] += 1
                    details.append(f"CODE {case.id}:{line} want {sorted(want)} got {sorted(have)}")
            elif want:
                s["fn"] += 1
                details.append(f"FN   {case.id}:{line} want {sorted(want)}")
            else:
                s["fp"] += 1
                details.append(f"FP   {case.id}:{line} got {sorted(have or ())}")
    total: dict[str, int] = defaultdict(int)
    header = (f"{'category':24} {'cases':>5} {'lines':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'code≠':>5} "
              f"{'prec':>6} {'recall':>6} {'fail':>5}")
    print(header)
    for name in sorted(stats) + ["TOTAL"]:
        s = total if name == "TOTAL" else stats[name]
        if name != "TOTAL":
            for k, v in s.items():
                total[k] += v
        tp, fp, fn = s["tp"], s["fp"], s["fn"]
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        print(f"{name:24} {s['cases']:5} {s['lines']:6} {tp:4} {fp:4} {fn:4} {s['code_mismatch']:5} "
              f"{prec:6.3f} {rec:6.3f} {s['failing']:5}")
    negatives = total["lines"] - total["tp"] - total["fn"]
    print(f"false positives per 1,000 negative lines: {1000 * total['fp'] / max(negatives, 1):.2f}")
    print("Note: 1.000 here is by construction (cases are added with the change that makes them pass; three labels "
          "were flipped to match the detector). The estimate to read is the real-world corpus: scripts/realworld.py "
          "and the README's accuracy section.")
    if verbose:
        print("\n".join(sorted(details)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
