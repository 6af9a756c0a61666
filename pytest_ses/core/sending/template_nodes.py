"""The syntax tree of SES's template language, and its errors: shared by the parser and the renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class TemplateError(ValueError):
    """A template part or its data cannot be rendered; subclasses say why."""


class TemplateSyntaxError(TemplateError):
    """The template text is not valid in SES's template language."""


# --- syntax tree ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Path:
    """A reference to data: ``name``, ``a.b``, ``this``, ``../x``, ``@index``, ``@root.x``."""

    written: str
    segments: tuple[str, ...]
    parents: int = 0
    explicit: bool = False
    data: bool = False


@dataclass(frozen=True)
class Literal:
    value: Any


Expr = Path | Literal


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Output:
    """``{{x}}``, ``{{{x}}}`` or ``{{lookup obj key}}`` (``helper`` names the helper, if any)."""

    target: Expr
    helper: str | None = None
    params: tuple[Expr, ...] = ()


@dataclass(frozen=True)
class Block:
    """``{{#kind target}}program{{else}}inverse{{/kind}}``; ``kind`` is a helper, ``section`` or ``inverted``."""

    kind: str
    target: Expr
    program: tuple[Node, ...]
    inverse: tuple[Node, ...] = ()
    block_params: tuple[str, ...] = ()
    include_zero: bool = False


@dataclass(frozen=True)
class PartialCall:
    name: str
    context: Expr | None = None


Node = Text | Output | Block | PartialCall


@dataclass(frozen=True)
class Program:
    """A parsed template part: its nodes and the inline partials it defines."""

    nodes: tuple[Node, ...]
    partials: dict[str, tuple[Node, ...]]


# --- tokens ---------------------------------------------------------------------------------------
