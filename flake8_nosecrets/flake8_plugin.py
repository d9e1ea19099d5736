"""flake8 front-end: adapts :func:`scan_source` findings to flake8's ``(line, col, text, type)``.

Options are validated once in :meth:`Plugin.parse_options` into a frozen
:class:`~flake8_nosecrets.options.Options` stored on flake8's own options
namespace (``options.nosecrets``), which flake8 hands to every plugin
instance: no mutable class state, and it survives ``--jobs`` pickling.
"""

from __future__ import annotations

import argparse
import ast
import sys
from typing import Any, Iterator, Sequence

from . import __version__, options as opts
from .scanner import scan_source

_PATH_OPTIONS = frozenset({"nosecrets-baseline"})


class Plugin:
    name = "flake8-nosecrets"
    version = __version__

    def __init__(
        self,
        tree: ast.AST,
        filename: str = "<string>",
        lines: Sequence[str] | None = None,
        options: argparse.Namespace | None = None,
    ) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines
        self.options: opts.Options = getattr(options, "nosecrets", None) or opts.DEFAULT

    @staticmethod
    def add_options(option_manager: Any) -> None:
        for spec in opts.SPECS:
            kwargs: dict[str, Any] = {"parse_from_config": True, "help": spec.help, "default": spec.default}
            if spec.metavar:
                kwargs["metavar"] = spec.metavar
            if spec.kind == "list":
                kwargs["comma_separated_list"] = True
            if spec.name in _PATH_OPTIONS:
                kwargs["normalize_paths"] = True  # relative to the config file that names it, as flake8 does
            option_manager.add_option("--" + spec.name, **kwargs)

    @staticmethod
    def parse_options(option_manager: Any, options: argparse.Namespace, args: Any = None) -> None:
        try:
            options.nosecrets = opts.build(vars(options))
        except opts.OptionError as exc:
            option_manager.parser.error(f"flake8-nosecrets: {exc}")
        if options.nosecrets.baseline:
            from . import baseline

            try:
                base = baseline.cached(options.nosecrets.baseline)  # a missing or broken baseline fails here
            except baseline.BaselineError as exc:
                option_manager.parser.error(f"flake8-nosecrets: nosecrets-baseline: {exc}")
            if baseline.legacy_warning(base):
                sys.stderr.write(f"flake8-nosecrets: warning: {baseline.legacy_warning(base)}\n")

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        found = scan_source(filename=self.filename, options=self.options, tree=self.tree, lines=self.lines)
        if self.options.baseline and found:
            from .baseline import filter_findings

            found = filter_findings(found, self.filename, self.options)
        for f in found:
            yield f.line, f.col, f.flake8_text(), type(self)
