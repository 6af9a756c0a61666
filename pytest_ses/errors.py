"""The two error families of pytest-ses.

AWS errors (``AwsError``) are what the fake SES answers to a client; the bridge turns them into real
botocore ``ClientError`` responses.  ``UsageError`` is raised when a test uses the toolkit wrongly.
"""

from __future__ import annotations


class UsageError(Exception):
    """The toolkit was used in a way that cannot work; the message says how to fix it."""


class AwsError(Exception):
    """An error SES itself would return: its wire code, message and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400, *, bulk_status: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.bulk_status = bulk_status
        """The per-destination status a bulk send reports for this error; ``None``: the whole bulk call fails."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AwsError):
            return NotImplemented
        return (self.code, self.message, self.status) == (other.code, other.message, other.status)

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.status))
