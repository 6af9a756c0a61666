"""The application's users: an address, and whether we may still email it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class User:
    email: str
    mail_enabled: bool = True
    disabled_reason: str | None = None
    welcome_sent: bool = False


class UserStore:
    """In-memory store; a real application would use its database."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    def add(self, email: str) -> User:
        user = User(email.lower())
        self._users[user.email] = user
        return user

    def get(self, email: str) -> User | None:
        return self._users.get(email.lower())

    def disable_mail(self, email: str, reason: str) -> None:
        user = self.get(email)
        if user is not None:
            user.mail_enabled = False
            user.disabled_reason = reason
