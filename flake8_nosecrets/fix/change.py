"""The data one fixer run passes between its steps: a file's planned change, and the error that stops a run."""

from __future__ import annotations

import dataclasses
from pathlib import Path


class FixError(Exception):
    """Stops the run with exit status 2; the message is the one-line reason."""


@dataclasses.dataclass
class FileChange:
    path: Path
    display: str
    old: bytes
    new: bytes
    encoding: str
    moves: list = dataclasses.field(default_factory=list)
    manual: list = dataclasses.field(default_factory=list)
    # notebooks: findings in the outputs that were cleared, how many outputs, and each item's cell
    cleared: list = dataclasses.field(default_factory=list)
    outputs_cleared: int = 0
    places: dict = dataclasses.field(default_factory=dict)  # id(move / manual / cleared item) -> "cell 3"
    copies_left: dict = dataclasses.field(default_factory=dict)  # env var name -> lines still spelling its value
    unreported: tuple = ()  # secrets found but not acted on (suppressed, baseline, ignore): kept out of --diff too

    @property
    def notebook(self) -> bool:
        return self.path.suffix == ".ipynb"

    @property
    def changed(self) -> bool:
        return self.new != self.old
