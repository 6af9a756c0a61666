"""Parsing SES's template language (the Handlebars subset SES documents) into a small syntax tree.

Parsing is separate from rendering because SES checks a template when it is stored
(``InvalidTemplate``), long before any data is there to render it with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .template_nodes import (
    Block,
    Expr,
    Literal,
    Node,
    Output,
    PartialCall,
    Path,
    Program,
    TemplateSyntaxError,
    Text,
)

BLOCK_HELPERS = ("if", "unless", "each", "with")
MAX_NESTING = 100


@dataclass
class _Tag:
    kind: str  # var, open, inverse_open, close, else, partial, comment, inline_open
    body: str
    written: str
    strip_before: bool
    strip_after: bool


_COMMENT_END = re.compile(r"--(~?)\}\}")
_SHORT_COMMENT_END = re.compile(r"(~?)\}\}")
_TRIPLE_END = re.compile(r"\}(~?)\}\}")
_STANDALONE_KINDS = ("open", "inverse_open", "close", "else", "comment", "inline_open", "partial")
_LINE_SPACE = re.compile(r"[ \t]*")


def _read_tag(source: str, start: int) -> tuple[_Tag, int]:
    """The tag opening at ``start`` (``{{``) and the position after it."""
    index = start + 2
    strip_before = source.startswith("~", index)
    index += strip_before
    if source.startswith("!--", index):
        kind, end_pattern, index = "comment", _COMMENT_END, index + 3
    elif source.startswith("!", index):
        kind, end_pattern, index = "comment", _SHORT_COMMENT_END, index + 1
    elif source.startswith("{", index):
        kind, end_pattern, index = "raw", _TRIPLE_END, index + 1
    else:
        kind, end_pattern = "var", _SHORT_COMMENT_END
    end = end_pattern.search(source, index)
    if end is None:
        raise TemplateSyntaxError(f"Unclosed tag {_excerpt(source[start:])}")
    body = source[index : end.start()]
    tag = _Tag(kind, body, source[start : end.end()], strip_before, bool(end.group(1)))
    if kind == "var":
        _classify(tag)
    elif kind == "raw":
        tag.kind = "var"
    return tag, end.end()


def _classify(tag: _Tag) -> None:
    """Sort a ``{{...}}`` tag by its leading sigil (no space is allowed before one, as in Handlebars)."""
    body = tag.body
    stripped = body.strip()
    if body.startswith("#*"):
        name, _, rest = body[2:].strip().partition(" ")
        if name != "inline":
            raise TemplateSyntaxError(f"Unsupported decorator in {tag.written}")
        tag.kind, tag.body = "inline_open", rest
    elif body.startswith("#>"):
        raise TemplateSyntaxError(f"Partial blocks are not supported: {tag.written}")
    elif body.startswith("#"):
        tag.kind, tag.body = "open", body[1:]
    elif body.startswith("^"):
        tag.kind, tag.body = ("else", "") if not body[1:].strip() else ("inverse_open", body[1:])
    elif body.startswith("/"):
        tag.kind, tag.body = "close", body[1:].strip()
    elif body.startswith(">"):
        tag.kind, tag.body = "partial", body[1:]
    elif body.startswith("&"):
        tag.body = body[1:]
    elif stripped == "else" or stripped.startswith("else "):
        tag.kind, tag.body = "else", stripped[4:].strip()


def _tokenize(source: str) -> tuple[list[str], list[_Tag]]:
    """Texts and tags, alternating: ``texts[i]`` comes before ``tags[i]``; one more text than tags."""
    texts: list[str] = []
    tags: list[_Tag] = []
    pending: list[str] = []
    position = 0
    while True:
        start = source.find("{{", position)
        if start < 0:
            pending.append(source[position:])
            break
        if start > 0 and source[start - 1] == "\\":  # \{{ is a literal {{
            pending += [source[position : start - 1], "{{"]
            position = start + 2
            continue
        pending.append(source[position:start])
        tag, position = _read_tag(source, start)
        texts.append("".join(pending))
        tags.append(tag)
        pending = []
    texts.append("".join(pending))
    _strip_whitespace(texts, tags)
    return texts, tags


def _strip_whitespace(texts: list[str], tags: list[_Tag]) -> None:
    """Handlebars' whitespace rules: standalone lines, ``~`` marks, and the newline after an inline partial."""
    heads = [0] * len(texts)  # characters to drop from the start of each text
    tails = [0] * len(texts)  # ... and from its end
    last = len(tags) - 1
    standalone: set[int] = set()
    for i, tag in enumerate(tags):
        if tag.kind not in _STANDALONE_KINDS:
            continue
        before, after = texts[i], texts[i + 1]
        line_start = before.rfind("\n") + 1
        opens_line = (line_start > 0 or i == 0) and _LINE_SPACE.fullmatch(before, line_start) is not None
        newline = after.find("\n")
        line_end = newline + 1 if newline >= 0 else len(after)
        rest = after[: newline if newline >= 0 else len(after)].rstrip("\r")
        closes_line = (newline >= 0 or i == last) and _LINE_SPACE.fullmatch(rest) is not None
        if opens_line and closes_line:
            tails[i] = max(tails[i], len(before) - line_start)
            heads[i + 1] = max(heads[i + 1], line_end)
            standalone.add(i)
    for i, text in enumerate(texts):
        texts[i] = text[heads[i] : max(heads[i], len(text) - tails[i])]
    for i, tag in enumerate(tags):
        if tag.strip_before:
            texts[i] = texts[i].rstrip()
        if tag.strip_after:
            texts[i + 1] = texts[i + 1].lstrip()
        elif tag.kind == "close" and tag.body == "inline" and i not in standalone:
            # Documented by SES: the newline that separates an inline partial from the content is not rendered.
            texts[i + 1] = re.sub(r"\A\r?\n", "", texts[i + 1])


# --- expressions ----------------------------------------------------------------------------------
_EXPRESSION_PART = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | as\s+\|(?P<params>[^|]*)\|
      | (?P<key>[^\s=()|"']+)=(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()|"']+)
      | (?P<sub>\()
      | (?P<word>(?:\[[^\]]*\]|[^\s()|"'=\[])+)
    )""",
    re.VERBOSE,
)
_SEGMENT = re.compile(r"\[[^\]]*\]|[^\s!\"#%&'()*+,./;<=>@\[\\\]^`{|}~]+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_KEYWORDS = {"true": True, "false": False, "null": None, "undefined": None}


@dataclass(frozen=True)
class _Expression:
    parts: tuple[Expr, ...]
    options: dict[str, Expr]
    block_params: tuple[str, ...]


def _expression(body: str, written: str) -> _Expression:
    parts: list[Expr] = []
    options: dict[str, Expr] = {}
    block_params: tuple[str, ...] = ()
    position = 0
    while body[position:].strip():
        match = _EXPRESSION_PART.match(body, position)
        if match is None or match.end() == position:
            raise TemplateSyntaxError(f"Invalid expression in {written}")
        position = match.end()
        if match["sub"]:
            raise TemplateSyntaxError(f"Subexpressions are not supported: {written}")
        if match["params"] is not None:
            block_params = tuple(match["params"].split())
        elif match["key"]:
            options[match["key"]] = _value(match["value"], written)
        else:
            parts.append(_value(match["string"] or match["word"], written))
    if not parts:
        raise TemplateSyntaxError(f"Empty expression in {written}")
    return _Expression(tuple(parts), options, block_params)


def _value(word: str, written: str) -> Expr:
    if word[0] in "\"'":
        return Literal(re.sub(r"\\(.)", r"\1", word[1:-1]))
    if word in _KEYWORDS:
        return Literal(_KEYWORDS[word])
    if _NUMBER.fullmatch(word):
        return Literal(float(word) if "." in word else int(word))
    return parse_path(word, written)


def parse_path(word: str, written: str = "") -> Path:
    """``a.b``, ``a/b``, ``this.a``, ``./a``, ``../a``, ``@index``, ``[odd key]``."""
    rest, parents, explicit = word, 0, False
    data = rest.startswith("@")
    rest = rest[data:]
    while rest == ".." or rest.startswith("../"):
        parents, rest = parents + 1, rest[3:]
    if rest in ("this", "."):
        explicit, rest = True, ""
    elif rest.startswith(("this.", "this/", "./")):
        explicit, rest = True, rest[2:] if rest.startswith("./") else rest[5:]
    segments: list[str] = []
    position = 0
    while position < len(rest):
        match = _SEGMENT.match(rest, position)
        if match is None:
            raise TemplateSyntaxError(f"Invalid path {word!r} in {written or word}")
        segment = match.group()
        segments.append(segment[1:-1] if segment.startswith("[") else segment)
        position = match.end()
        if position < len(rest):
            if rest[position] not in "./" or position + 1 == len(rest):
                raise TemplateSyntaxError(f"Invalid path {word!r} in {written or word}")
            position += 1
    if data and not segments:
        raise TemplateSyntaxError(f"Invalid path {word!r} in {written or word}")
    return Path(word, tuple(segments), parents, explicit, data)


# --- parser ---------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, source: str) -> None:
        texts, tags = _tokenize(source)
        self.items: Iterator[str | _Tag] = iter(
            x for pair in zip(texts, [*tags, None], strict=True) for x in pair if x is not None
        )
        self.partials: dict[str, tuple[Node, ...]] = {}
        self.depth = 0

    def nodes(self) -> tuple[list[Node], _Tag | None]:
        """Nodes up to the next ``{{/...}}`` or ``{{else}}`` (returned), or to the end (``None``)."""
        nodes: list[Node] = []
        for item in self.items:
            if isinstance(item, str):
                if item:
                    nodes.append(Text(item))
            elif item.kind in ("close", "else"):
                return nodes, item
            elif item.kind == "var":
                nodes.append(_output(item))
            elif item.kind == "partial":
                nodes.append(_partial(item))
            elif item.kind == "inline_open":
                self.inline(item)
            elif item.kind in ("open", "inverse_open"):
                nodes.append(self.block(item.body, item, None))
        return nodes, None

    def block(self, body: str, opener: _Tag, closing: str | None) -> Block:
        """A block from its opening expression to its close; ``closing`` is set for ``{{else if}}`` chains."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise TemplateSyntaxError(f"Blocks are nested more than {MAX_NESTING} levels deep")
        expression = _expression(body, opener.written)
        kind, target = _block_kind(expression, opener)
        name = closing or _name_of(expression.parts[0])
        program, end = self.nodes()
        inverse: list[Node] = []
        chained = False
        if end is not None and end.kind == "else":
            if end.body:
                inverse, chained = [self.block(end.body, end, name)], True
            else:
                inverse, end = self.nodes()
                if end is not None and end.kind == "else":
                    raise TemplateSyntaxError(f"Unexpected {end.written}: a block has one {{{{else}}}}")
        if not chained:
            if end is None:
                raise TemplateSyntaxError(f"Unclosed block {opener.written}")
            if end.body != name:
                raise TemplateSyntaxError(f"{end.written} does not close {opener.written}")
        self.depth -= 1
        include_zero = expression.options.get("includeZero") == Literal(True)
        return Block(kind, target, tuple(program), tuple(inverse), expression.block_params, include_zero)

    def inline(self, opener: _Tag) -> None:
        expression = _expression(opener.body, opener.written)
        name = expression.parts[0]
        if not isinstance(name, Literal) or not isinstance(name.value, str):
            raise TemplateSyntaxError(f"An inline partial needs a quoted name: {opener.written}")
        program, end = self.nodes()
        if end is None or end.kind != "close" or end.body != "inline":
            raise TemplateSyntaxError(f"Unclosed inline partial {opener.written}")
        self.partials[name.value] = tuple(program)


def _name_of(expr: Expr) -> str:
    return expr.written if isinstance(expr, Path) else str(expr.value)


def _block_kind(expression: _Expression, opener: _Tag) -> tuple[str, Expr]:
    first, params = expression.parts[0], expression.parts[1:]
    if opener.kind == "inverse_open":
        if params:
            raise TemplateSyntaxError(f"An inverted section takes one name: {opener.written}")
        return "inverted", first
    name = _name_of(first)
    if name in BLOCK_HELPERS:
        if len(params) != 1:
            raise TemplateSyntaxError(f"#{name} requires exactly one argument: {opener.written}")
        return name, params[0]
    if params:
        raise TemplateSyntaxError(f"Unknown helper '{name}' in {opener.written}")
    return "section", first


def _output(tag: _Tag) -> Output:
    expression = _expression(tag.body, tag.written)
    first, params = expression.parts[0], expression.parts[1:]
    name = _name_of(first)
    if name == "lookup" and isinstance(first, Path):
        if len(params) != 2:
            raise TemplateSyntaxError(f"lookup requires two arguments: {tag.written}")
        return Output(first, "lookup", params)
    if name == "log" and isinstance(first, Path):
        return Output(first, "log", params)
    if params:
        raise TemplateSyntaxError(f"Unknown helper '{name}' in {tag.written}")
    return Output(first)


def _partial(tag: _Tag) -> PartialCall:
    expression = _expression(tag.body, tag.written)
    name, params = expression.parts[0], expression.parts[1:]
    if len(params) > 1:
        raise TemplateSyntaxError(f"A partial takes at most one context: {tag.written}")
    return PartialCall(_name_of(name), params[0] if params else None)


def _excerpt(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _calls(nodes: tuple[Node, ...]) -> Iterator[PartialCall]:
    for node in nodes:
        if isinstance(node, PartialCall):
            yield node
        elif isinstance(node, Block):
            yield from _calls(node.program)
            yield from _calls(node.inverse)


def parse(source: str) -> Program:
    """Parse one template part; every partial it calls must be defined inline in the same part."""
    parser = _Parser(source)
    nodes, end = parser.nodes()
    if end is not None:
        raise TemplateSyntaxError(f"Unexpected {end.written}: no block is open")
    program = Program(tuple(nodes), parser.partials)
    for body in (program.nodes, *program.partials.values()):
        for call in _calls(body):
            if call.name not in program.partials:
                raise TemplateSyntaxError(f"The partial {call.name} could not be found")
    return program
