"""Copy the demo app into DEST with fake secrets planted where its ``{{slots}}`` are.

The repository holds no secret-shaped string, not even in the demo: the app's
source has ``{{slot}}`` markers, and this script fills them with freshly
generated, format-valid fake values (seeded, so every run plants the same).

    python examples/plant.py /tmp/nsc-demo
    flake8 --select=NSC,E9 /tmp/nsc-demo     # the findings (E9: a file that does not parse is reported too)
    cd /tmp/nsc-demo && nosecrets-fix .      # move them into .env
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from flake8_nosecrets.samples import fill_slots

SOURCE = Path(__file__).resolve().parent / "app"


def plant(dest: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    written = []
    for src in sorted(SOURCE.rglob("*.py")):
        target = dest / src.relative_to(SOURCE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fill_slots(src.read_text(), rng))
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python examples/plant.py DEST", file=sys.stderr)
        return 2
    dest = Path(argv[0])
    if dest.exists():
        shutil.rmtree(dest)
    for path in plant(dest):
        print(f"planted {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
