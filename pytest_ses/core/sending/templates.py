"""Rendering SES email templates: variables, nested paths, ``#if``/``#unless``/``#each``/``#with``, partials.

SES's template language is Handlebars (developer guide, "Advanced email personalization").  What this
renderer does where the guide is silent, and why:

* Nothing is HTML-escaped, not even ``{{x}}`` in the HTML part: the guide says SES does not escape.
* A ``{{name}}`` whose value is absent (or JSON ``null``) fails with AWS's message
  ``Attribute 'name' is not present in the rendering data.``; ``#if``, ``#unless``, ``#each`` and
  ``#with`` on an absent value simply take their ``{{else}}`` branch (the guide's ``{{#if subscription}}``
  example relies on this).
* A name not found in the current ``#each``/``#with`` item is looked up in the enclosing contexts, as
  Handlebars.java (Mustache's context stack) does.
* Truthiness follows handlebarsjs.com: ``false``, absent, ``null``, ``""``, ``0`` and ``[]`` are false.
* Numbers, booleans, lists and objects print as JSON does (``true``, ``3.5``, ``["a","b"]``).
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import quopri
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import format_datetime
from typing import Any

from ..model import Template
from .template_nodes import (
    Block,
    Expr,
    Literal,
    Node,
    Output,
    PartialCall,
    Path,
    Program,
    TemplateError,
    TemplateSyntaxError,
    Text,
)
from .template_syntax import parse

__all__ = [
    "Rendered",
    "RenderingError",
    "TemplateDataError",
    "TemplateError",
    "TemplateSyntaxError",
    "check",
    "mime_message",
    "parse_template_data",
    "render",
    "render_part",
]

MAX_PARTIAL_DEPTH = 50


class RenderingError(TemplateError):
    """The template refers to an attribute the rendering data does not have (AWS's wording)."""

    def __init__(self, attribute: str) -> None:
        super().__init__(f"Attribute '{attribute}' is not present in the rendering data.")
        self.attribute = attribute


class TemplateDataError(TemplateError):
    """``TemplateData`` is not a JSON object."""


@dataclass(frozen=True)
class Rendered:
    """The three parts after rendering; a part the template lacks stays ``None``."""

    subject: str | None
    text: str | None
    html: str | None


class _Missing:
    """Marks a path that resolves to nothing (distinct from a JSON ``null``)."""


MISSING = _Missing()


@dataclass(frozen=True)
class _Scope:
    """One level of the context stack: the value in view, ``@`` data and block parameters."""

    value: Any
    parent: _Scope | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    names: Mapping[str, Any] = field(default_factory=dict)


def parse_template_data(text: object) -> dict[str, Any]:
    """``TemplateData`` as a dict; anything but a JSON object raises ``TemplateDataError``."""
    if not isinstance(text, str):
        raise TemplateDataError("Template rendering data is invalid: it must be a JSON object.")

    def reject_constant(name: str) -> Any:
        raise ValueError(f"{name} is not valid JSON")

    try:
        data = json.loads(text, parse_constant=reject_constant)
    except ValueError as error:
        raise TemplateDataError(f"Template rendering data is invalid: {error}.") from None
    except RecursionError:  # nested deeper than any parser allows (AWS's JSON parser stops at 1000 levels)
        raise TemplateDataError("Template rendering data is invalid: it is nested too deeply.") from None
    if not isinstance(data, dict):
        raise TemplateDataError("Template rendering data is invalid: it must be a JSON object.")
    return data


def check(template: Template) -> None:
    """Parse every part, raising ``TemplateSyntaxError`` as SES's ``InvalidTemplate`` would."""
    for part in (template.subject, template.text, template.html):
        if part is not None:
            parse(part)


def render(template: Template, data: Mapping[str, Any]) -> Rendered:
    """Render subject, text and HTML with one data object; the first failure raises."""
    return Rendered(
        subject=None if template.subject is None else render_part(template.subject, data),
        text=None if template.text is None else render_part(template.text, data),
        html=None if template.html is None else render_part(template.html, data),
    )


def render_part(source: str, data: Mapping[str, Any]) -> str:
    """Render one part; inline partials are local to the part they are defined in."""
    program = parse(source)
    return _Renderer(program, data).render(program.nodes, _Scope(data), 0)


class _Renderer:
    def __init__(self, program: Program, root: Mapping[str, Any]) -> None:
        self.partials = program.partials
        self.root = root

    def render(self, nodes: tuple[Node, ...], scope: _Scope, depth: int) -> str:
        return "".join(self.node(node, scope, depth) for node in nodes)

    def node(self, node: Node, scope: _Scope, depth: int) -> str:
        if isinstance(node, Text):
            return node.text
        if isinstance(node, Output):
            return self.output(node, scope)
        if isinstance(node, Block):
            return self.block(node, scope, depth)
        return self.partial(node, scope, depth)

    def output(self, node: Output, scope: _Scope) -> str:
        if node.helper == "log":
            return ""
        if node.helper == "lookup":
            container, key = (self.value(p, scope) for p in node.params)
            found = _child(container, _text(key)) if not isinstance(key, _Missing) else MISSING
            return "" if found is MISSING or found is None else _text(found)
        value = self.value(node.target, scope)
        if isinstance(value, _Missing) or value is None:
            assert isinstance(node.target, Path)
            raise RenderingError(node.target.written)
        return _text(value)

    def block(self, node: Block, scope: _Scope, depth: int) -> str:
        value = self.value(node.target, scope)
        kind = node.kind
        if kind in ("if", "unless"):
            chosen = _truthy(value, node.include_zero) == (kind == "if")
            return self.render(node.program if chosen else node.inverse, scope, depth)
        if kind == "inverted":
            return self.render(node.inverse if _truthy(value) else node.program, scope, depth)
        if kind == "each" or (kind == "section" and isinstance(value, list)):
            return self.each(node, value, scope, depth)
        if not _truthy(value):
            return self.render(node.inverse, scope, depth)
        if kind == "section" and value is True:
            return self.render(node.program, scope, depth)
        names = dict(zip(node.block_params, [value], strict=False))
        return self.render(node.program, _Scope(value, scope, names=names), depth)

    def each(self, node: Block, value: Any, scope: _Scope, depth: int) -> str:
        if isinstance(value, Mapping):
            items: list[tuple[Any, Any]] = list(value.items())
        elif isinstance(value, list):
            items = list(enumerate(value))
        else:
            items = []
        if not items:
            return self.render(node.inverse, scope, depth)
        out = []
        for position, (key, item) in enumerate(items):
            data = {"index": position, "key": key, "first": position == 0, "last": position == len(items) - 1}
            names = dict(zip(node.block_params, [item, key], strict=False))
            out.append(self.render(node.program, _Scope(item, scope, data, names), depth))
        return "".join(out)

    def partial(self, node: PartialCall, scope: _Scope, depth: int) -> str:
        if depth >= MAX_PARTIAL_DEPTH:
            raise TemplateSyntaxError(f"The partial {node.name} calls itself more than {MAX_PARTIAL_DEPTH} times")
        if node.context is not None:
            scope = _Scope(self.value(node.context, scope), scope)
        return self.render(self.partials[node.name], scope, depth + 1)

    def value(self, expr: Expr, scope: _Scope) -> Any:
        if isinstance(expr, Literal):
            return expr.value
        return self.resolve(expr, scope)

    def resolve(self, path: Path, scope: _Scope) -> Any:
        segments = path.segments
        if path.data:
            head, segments = segments[0], segments[1:]
            base = self.root if head == "root" else _data(scope, head)
        elif path.parents:
            found: _Scope | None = scope
            for _ in range(path.parents):
                found = found.parent if found is not None else None
            base = found.value if found is not None else MISSING
        elif path.explicit or not segments:
            base = scope.value
        else:
            head, segments = segments[0], segments[1:]
            base = _lookup(scope, head)
        for segment in segments:
            base = _child(base, segment)
        return base


def _lookup(scope: _Scope, name: str) -> Any:
    """A first path segment: block parameters first, then each context from the innermost outwards."""
    level: _Scope | None = scope
    while level is not None:
        if name in level.names:
            return level.names[name]
        level = level.parent
    level = scope
    while level is not None:
        found = _child(level.value, name)
        if found is not MISSING:
            return found
        level = level.parent
    return MISSING


def _data(scope: _Scope, name: str) -> Any:
    level: _Scope | None = scope
    while level is not None:
        if name in level.data:
            return level.data[name]
        level = level.parent
    return MISSING


def _child(value: Any, segment: str) -> Any:
    if isinstance(value, Mapping):
        return value.get(segment, MISSING)
    if isinstance(value, list):
        if segment == "length":
            return len(value)
        if segment.isdigit() and int(segment) < len(value):
            return value[int(segment)]
    return MISSING


def _truthy(value: Any, include_zero: bool = False) -> bool:
    if isinstance(value, _Missing) or value is None or value is False:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return include_zero or value != 0
    if isinstance(value, str | list):
        return len(value) > 0
    return True


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# --- the rendered message -------------------------------------------------------------------------
def mime_message(rendered: Rendered, date: _dt.datetime) -> str:
    """The rendered template as a MIME message (CRLF lines), as ``TestRenderTemplate`` returns it.

    Both bodies present give ``multipart/alternative`` (text first); one body gives a single part.
    ASCII bodies go out ``7bit``; anything else ``quoted-printable``, and a non-ASCII subject as an
    RFC 2047 encoded word.
    """
    headers = [f"Date: {format_datetime(date)}"]
    if rendered.subject is not None:
        headers.append(f"Subject: {_encoded_header(rendered.subject)}")
    headers.append("MIME-Version: 1.0")
    parts = [
        (kind, body) for kind, body in (("plain", rendered.text), ("html", rendered.html)) if body is not None
    ]
    if len(parts) < 2:
        kind, body = parts[0] if parts else ("plain", "")
        return "\r\n".join([*headers, *_part(kind, body)])
    boundary = f"----=_Part_{zlib.crc32(repr(rendered).encode('utf-8'))}_{int(date.timestamp() * 1000)}"
    lines = [*headers, "Content-Type: multipart/alternative; ", f'\tboundary="{boundary}"', ""]
    for kind, body in parts:
        lines += [f"--{boundary}", *_part(kind, body)]
    lines.append(f"--{boundary}--")
    return "\r\n".join(lines)


def _part(kind: str, body: str) -> list[str]:
    plain = body.replace("\r\n", "\n")
    if plain.isascii() and all(len(line) <= 998 for line in plain.split("\n")):
        encoding, payload = "7bit", plain
    else:
        encoding, payload = "quoted-printable", quopri.encodestring(plain.encode("utf-8")).decode("ascii")
    return [
        f"Content-Type: text/{kind}; charset=UTF-8",
        f"Content-Transfer-Encoding: {encoding}",
        "",
        payload.replace("\n", "\r\n"),
    ]


def _encoded_header(value: str) -> str:
    if value.isascii():
        return value
    return f"=?UTF-8?B?{base64.b64encode(value.encode('utf-8')).decode('ascii')}?="
