"""Look a dotted name up in the installed libraries, for the tests that check the sink table
(``flake8_nosecrets/sinks.py``) against the real signatures (test_sink_signatures.py, test_uses.py)."""

from __future__ import annotations

import importlib
import inspect


def resolve(qualname: str) -> tuple[object | None, bool]:
    """(the object a dotted name names, whether it is a method called on an instance) or (None, False) when
    no prefix of the name imports or an attribute is missing."""
    parts = qualname.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj: object | None = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        owner = None
        for attr in parts[i:]:
            owner, obj = obj, getattr(obj, attr, None)
            if obj is None:
                return None, False
        is_method = inspect.isclass(owner) and not isinstance(
            inspect.getattr_static(owner, parts[-1]), (staticmethod, classmethod))
        return obj, is_method
    return None, False


def parameters(qualname: str) -> list[inspect.Parameter] | None:
    """The parameters a caller passes to *qualname* (an instance method's ``self`` left out), or None when it
    cannot be found in the installed libraries."""
    obj, is_method = resolve(qualname)
    if obj is None:
        return None
    params = list(inspect.signature(obj).parameters.values())  # type: ignore[arg-type]
    return params[1:] if is_method else params
