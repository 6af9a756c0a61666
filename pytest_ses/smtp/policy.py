"""What the SMTP endpoint demands of a client before it takes a message.

Real SES requires TLS and SMTP credentials on every connection.  A test usually wants neither, so the
defaults are lenient: plain connections, any credentials (or none).  ``require_tls`` and ``credentials``
bring SES's own rules back, with SES's replies.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_MESSAGE_BYTES = 40 * 1024 * 1024
"""SES's limit for SMTP (and the v2 API): 40 MB per message as sent, attachments included (DG quotas)."""


@dataclass(frozen=True)
class SmtpPolicy:
    """``credentials`` = the only (user name, password) accepted; ``None`` accepts any.

    ``require_auth`` defaults to "credentials were given": a client that never authenticates is then
    refused with ``530 Authentication required`` at MAIL FROM, as SES refuses it.
    ``require_tls`` makes every command but EHLO/HELO/NOOP/RSET/QUIT/STARTTLS wait for STARTTLS.
    """

    credentials: tuple[str, str] | None = None
    require_auth: bool | None = None
    require_tls: bool = False
    max_message_bytes: int = MAX_MESSAGE_BYTES

    def __post_init__(self) -> None:
        # Checked at run time too: markers and the command line hand in whatever the user wrote.
        if self.credentials is not None and len(tuple(self.credentials)) != 2:
            raise ValueError("credentials must be a (user name, password) pair")
        if self.max_message_bytes <= 0:
            raise ValueError("max_message_bytes must be positive")

    @property
    def auth_required(self) -> bool:
        return self.require_auth if self.require_auth is not None else self.credentials is not None

    def accepts(self, user_name: str, password: str) -> bool:
        """Whether AUTH with these credentials succeeds."""
        if self.credentials is None:
            return True
        return (user_name, password) == tuple(self.credentials)

    def too_long(self, size: int) -> bool:
        return size > self.max_message_bytes
