"""``NextToken``/``PageSize`` paging for v2 list operations, with tokens that survive concurrent changes.

A token names the sort key of the last item returned rather than an offset, so adding or removing
items between two pages neither repeats nor skips the others.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import TypeVar

from ...errors import AwsError
from . import errors
from .context import Params

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
_TOKEN_PREFIX = "pytest-ses:"


def encode_token(key: str) -> str:
    return base64.urlsafe_b64encode((_TOKEN_PREFIX + key).encode("utf-8")).decode("ascii")


def decode_token(token: str) -> str | None:
    """The key a token names, or ``None`` when it is not a token this fake issued."""
    try:
        text = base64.urlsafe_b64decode(token.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    if not text.startswith(_TOKEN_PREFIX):
        return None
    return text[len(_TOKEN_PREFIX) :]


def page_size(params: Params) -> int:
    """``PageSize`` checked against 1..1000 (``BadRequestException``); absent means the default."""
    size = params.get("PageSize")
    if size is None:
        return DEFAULT_PAGE_SIZE
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_PAGE_SIZE:
        raise errors.v2_bad_request(f"PageSize must be between 1 and {MAX_PAGE_SIZE}, got {size}.")
    return size


def paginate(
    items: Sequence[T],
    key: Callable[[T], str],
    params: Params,
    bad_token: Callable[[str], AwsError] | None = None,
) -> tuple[list[T], str | None]:
    """One page of ``items`` (sorted here by ``key``) and the token for the next page, if any.

    ``bad_token`` builds the error for a token this fake did not issue; by default
    ``BadRequestException`` (the operations without a modelled ``InvalidNextTokenException``).
    """
    size = page_size(params)
    ordered = sorted(items, key=key)
    token = params.get("NextToken")
    if token:
        after = decode_token(str(token))
        if after is None:
            build = bad_token or errors.v2_bad_request
            raise build(f"Invalid NextToken: {token}")
        ordered = [item for item in ordered if key(item) > after]
    chunk = ordered[:size]
    more = len(ordered) > size
    return chunk, (encode_token(key(chunk[-1])) if more else None)
