"""pylint front-end: ``pylint --load-plugins=flake8_nosecrets.pylint_plugin``.

One checker reports every rule of :data:`rules.RULES` (not only inference):
it runs :func:`scanner.scan_source` on the module's source, which includes the
astroid inference of :mod:`infer` when ``nosecrets-inference`` is on.

Message ids are derived from the NSC code, in pylint's plugin range
(first two digits 51-99): ``NSCnnn`` -> ``W5<h><tt>`` where h is the hundreds
digit and tt the last two digits (NSC101 -> W5101, NSC206 -> W5206,
NSC401 -> W5401). Symbols are ``rule.pylint_symbol``. Options are the same
:data:`options.SPECS` as flake8's, readable from pylintrc or
``[tool.pylint]`` in pyproject.toml.
"""

from __future__ import annotations

from typing import Any

from pylint.checkers import BaseChecker
from pylint.constants import WarningScope

from . import options as opts, rules
from .scanner import scan_source

_PYLINT_TYPES = {"list": "csv", "float": "float", "str": "string", "bool": "yn"}


def message_id(code: str) -> str:
    """``NSC206`` -> ``W5206``: stable, in the plugin range, one per code."""
    n = int(code[3:])
    hundreds, rest = divmod(n, 100)
    if not 1 <= hundreds <= 49:
        raise ValueError(code)
    return f"W{50 + hundreds}{rest:02d}"


def _msgs(hundreds: int) -> dict[str, tuple[str, str, str, dict[str, Any]]]:
    out = {}
    for rule in rules.RULES:
        if int(rule.code[3:]) // 100 == hundreds:
            text = f"{rule.code}: {rule.title}. {rule.what}"
            out[message_id(rule.code)] = ("%s", rule.pylint_symbol, text,
                                          {"scope": WarningScope.LINE})  # reported by line, like flake8
    return out


def _options() -> tuple[tuple[str, dict[str, Any]], ...]:
    out = []
    for spec in opts.SPECS:
        default = spec.default
        kind = _PYLINT_TYPES[spec.kind]
        if kind == "csv":
            default = [x for x in str(default).split(",") if x]
        out.append((spec.name, {"default": default, "type": kind, "metavar": spec.metavar or "<value>",
                                "help": spec.help}))
    return tuple(out)


class _LastScan:
    """The module scanned last and its findings: one per :func:`register`, shared by the family checkers
    (each checker made alone, as in tests, has its own)."""

    def __init__(self) -> None:
        self.key: tuple[int, Any] | None = None
        self.found: list[Any] = []


class NoSecretsChecker(BaseChecker):
    """Reports the findings of one code family (NSC1xx here; the others on subclasses).

    pylint wants all ids of one checker to share their two "checker" digits, so
    there is one checker per family, all named ``nosecrets``. pylint skips a
    checker whose messages are all disabled, so each family emits its own
    messages (``--disable=all --enable=W5401`` works); the module is scanned
    once, by whichever family runs first, and the findings are shared.
    """

    name = "nosecrets"
    msgs = _msgs(1)
    options = _options()
    family = 1

    def __init__(self, linter: Any, last_scan: _LastScan | None = None) -> None:
        super().__init__(linter)
        self._last = last_scan or _LastScan()

    def open(self) -> None:
        raw = {spec.name: getattr(self.linter.config, spec.name.replace("-", "_"), spec.default)
               for spec in opts.SPECS}
        self._options = opts.build(raw)

    def visit_module(self, node: Any) -> None:
        for f in self._findings(node):
            if int(f.code[3:]) // 100 == self.family:
                self.add_message(rules.BY_CODE[f.code].pylint_symbol, line=f.line, col_offset=f.col,
                                 args=(f.flake8_text(),))

    def _findings(self, node: Any) -> list[Any]:
        key = (id(node), getattr(node, "file", None))
        if self._last.key != key:
            self._last.key, self._last.found = key, self._scan(node)
        return self._last.found

    def _scan(self, node: Any) -> list[Any]:
        try:
            with node.stream() as stream:
                source = stream.read().decode(getattr(node, "file_encoding", None) or "utf-8")
        except (OSError, UnicodeDecodeError, AttributeError):
            return []
        options = getattr(self, "_options", None) or opts.DEFAULT
        try:
            found = scan_source(source, filename=node.file or "<string>", options=options)
        except SyntaxError:
            return []
        if options.baseline and found:
            from .baseline import filter_findings

            found = filter_findings(found, node.file, options)
        return found


FAMILY_CHECKERS: dict[int, type[NoSecretsChecker]] = {1: NoSecretsChecker}
for _h in sorted({int(r.code[3:]) // 100 for r in rules.RULES} - {1}):
    FAMILY_CHECKERS[_h] = type(f"NoSecretsFamily{_h}xx", (NoSecretsChecker,),
                               {"msgs": _msgs(_h), "options": (), "family": _h})


def register(linter: Any) -> None:
    last_scan = _LastScan()
    for cls in FAMILY_CHECKERS.values():
        linter.register_checker(cls(linter, last_scan))
