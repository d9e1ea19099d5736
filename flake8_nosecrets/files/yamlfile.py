"""YAML (settings files, CI workflows, Kubernetes and Helm values) and Docker Compose files, with PyYAML.

The file is composed, not loaded: nodes keep their start marks (line, column,
offset), no object is constructed and no tag is resolved, so application tags
(``!Ref``, ``!include``) cost nothing. ``!ENV`` values are environment
references and Ansible ``!vault`` values are encrypted: neither is a literal.
Two shapes name a value by a sibling instead of a key: ``{name: API_TOKEN,
value: …}`` (Kubernetes ``env``, GitHub Actions) and compose's
``environment: ["API_TOKEN=…"]`` list.
"""

from __future__ import annotations

from typing import Iterator

import yaml

from .base import ConfigValue, ParseFailure, is_documentation, shown_key

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NOT_LITERAL_TAGS = frozenset({"!ENV", "!env", "!vault", "!env_var", "!secret"})
_SKIPPED_TYPES = frozenset({"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"})
_NAME_KEYS = ("name", "key", "env", "variable")


def values(text: str, compose: bool = False) -> list[ConfigValue]:
    """Every scalar value of every document, keyed by its path. Raises :class:`ParseFailure`."""
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, col {mark.column + 1}" if mark else "unknown line"
        raise ParseFailure(f"not valid YAML ({where}): {exc.problem or exc.context}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ParseFailure(f"not valid YAML: {type(exc).__name__}") from None
    out: list[ConfigValue] = []
    seen: set[int] = set()
    for doc in documents:
        if doc is not None:
            out.extend(_walk(doc, (), compose, seen))
    return out


def _scalar(node: yaml.Node, path: tuple[str, ...], kind: str = "setting") -> ConfigValue | None:
    if node.tag in _NOT_LITERAL_TAGS or (node.style is None and node.tag in _SKIPPED_TYPES):
        return None
    return ConfigValue(shown_key(path), node.value, node.start_mark.line + 1, node.start_mark.column,
                       node.end_mark.line + 1, kind, node.start_mark.index, node.end_mark.index, is_documentation(path))


def _key(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "?"


def _walk(node: yaml.Node, path: tuple[str, ...], compose: bool, seen: set[int]) -> Iterator[ConfigValue]:
    if id(node) in seen:  # an alias: the anchored node was already reported where it is written
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        found = _scalar(node, path)
        if found is not None:
            yield found
    elif isinstance(node, yaml.SequenceNode):
        env_list = compose and path[-1:] in (("environment",), ("args",))
        for item in node.value:
            if env_list and isinstance(item, yaml.ScalarNode) and "=" in item.value:
                yield from _env_item(item, path)
            else:
                yield from _walk(item, path + ("",), compose, seen)
    elif isinstance(node, yaml.MappingNode):
        named = _sibling_name(node)
        for key, value in node.value:
            name = _key(key)
            if named and name == "value" and isinstance(value, yaml.ScalarNode):
                found = _scalar(value, path + (named,), "env-write")
                if found is not None:
                    yield found
                continue
            kind = "env-write" if compose and path[-1:] == ("environment",) else "setting"
            if kind == "env-write" and isinstance(value, yaml.ScalarNode):
                found = _scalar(value, path + (name,), kind)
                if found is not None:
                    yield found
            else:
                yield from _walk(value, path + (name,), compose, seen)


def _sibling_name(node: yaml.MappingNode) -> str:
    """``{name: API_TOKEN, value: …}``: the name a sibling key gives the ``value`` key."""
    keys = {_key(k): v for k, v in node.value}
    if "value" not in keys:
        return ""
    for k in _NAME_KEYS:
        v = keys.get(k)
        if isinstance(v, yaml.ScalarNode) and v.value and len(v.value) <= 80 and " " not in v.value:
            return str(v.value)
    return ""


def _env_item(item: yaml.ScalarNode, path: tuple[str, ...]) -> Iterator[ConfigValue]:
    """Compose's ``- API_TOKEN=value`` list item: the name before ``=`` binds the value after it."""
    name, _, value = item.value.partition("=")
    yield ConfigValue(shown_key(path + (name.strip(),)), value, item.start_mark.line + 1, item.start_mark.column,
                      item.end_mark.line + 1, "env-write", item.start_mark.index, item.end_mark.index)
