"""A send attempt in API-neutral form, whatever operation or protocol it came through."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Template
from . import mime


@dataclass(frozen=True)
class SendRequest:
    """What the caller asked for.  ``configuration_set``/``tags`` are the API parameters (``None`` = absent)."""

    operation: str
    api: str
    source: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    envelope: tuple[str, ...] = ()
    reply_to: tuple[str, ...] = ()
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    raw: str | None = None
    template_name: str | None = None
    inline_template: Template | None = None
    template_data: str | None = None
    configuration_set: str | None = None
    tags: tuple[tuple[str, str], ...] | None = None
    extra_headers: tuple[tuple[str, str], ...] = ()
    """Custom headers of v2 Simple or Template content, added after SES's own."""
    raw_headers: tuple[mime.Header, ...] = ()
    """The header block of ``raw``, parsed once (by whoever made the request, else here)."""

    def __post_init__(self) -> None:
        if self.raw is not None and not self.raw_headers:
            object.__setattr__(self, "raw_headers", tuple(mime.parse_raw_headers(self.raw)))

    @property
    def recipients(self) -> tuple[str, ...]:
        """Every envelope recipient: the explicit envelope (raw sends) or To, CC and BCC."""
        return self.envelope or (self.to + self.cc + self.bcc)

    @property
    def templated(self) -> bool:
        return self.template_name is not None or self.inline_template is not None
