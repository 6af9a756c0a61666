"""Hypothesis strategies for SES requests, derived from botocore's input shapes.

Every leaf gets three kinds of value: *valid* (from a small vocabulary of names that exist in the fuzz
world, so calls reach deep into the handlers rather than stopping at "not found"), *boundary* (the
shape's min/max length and range, one past them, empty, enum spelt wrong) and *garbage* (wrong types,
unicode, very long strings, nested junk).  Valid values are drawn most often and shrink first, so a
failing example shrinks towards the smallest odd input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, OperationModel, Shape, StructureShape
from hypothesis import strategies as st

from pytest_ses.core.model import DEFAULT_DEDICATED_IPS

ACCOUNT = "123456789012"
REGION = "us-east-1"
SET = "fz-set"
DESTINATION = "fz-dest"
POOL = "fz-pool"
TEMPLATE = "fz-tpl"
DOMAIN = "example.com"
SENDER = f"sender@{DOMAIN}"
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:fz-topic"
SUPPRESSED = "suppressed@example.net"

RAW_MESSAGE = (
    f"From: {SENDER}\r\nTo: to@example.net\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n"
).encode()

# Valid values by botocore shape name: names that exist in the fuzz world, and some that do not.
VOCABULARY: Mapping[str, tuple[Any, ...]] = {
    "ConfigurationSetName": (SET, "fz-other", "fz_new-1"),
    "EventDestinationName": (DESTINATION, "fz-dest-2"),
    "PoolName": (POOL, "fz-pool-2", "ses-default-dedicated-pool", "ses-shared-pool"),
    "SendingPoolName": (POOL, "ses-shared-pool", "fz-no-pool"),
    "Ip": (*DEFAULT_DEDICATED_IPS, "203.0.113.9"),
    "Address": (SENDER, "to@example.net", f"Name <x@{DOMAIN}>", SUPPRESSED, "nobody@unverified.org"),
    "EmailAddress": (SENDER, "to@example.net", SUPPRESSED, f"Name <x@{DOMAIN}>"),
    "Identity": (DOMAIN, SENDER, "unknown.org"),
    "TemplateName": (TEMPLATE, "fz-tpl-2"),
    "EmailTemplateName": (TEMPLATE, "fz-tpl-2"),
    "TemplateData": ("{}", '{"name": "Ana"}'),
    "EmailTemplateData": ("{}", '{"name": "Ana"}'),
    "CustomRedirectDomain": ("track.example.com",),
    "DimensionName": ("dim",),
    "DefaultDimensionValue": ("default",),
    "MessageTagName": ("campaign", "ses:feedback-id-a"),
    "MessageTagValue": ("spring",),
    "MessageHeaderName": ("X-Custom",),
    "MessageHeaderValue": ("value",),
    "TagKey": ("k", "team"),
    "TagValue": ("v",),
    "NextToken": ("fz", "MTA="),
    "Charset": ("UTF-8", "ISO-8859-1"),
    "SubjectPart": ("Hello {{name}}",),
    "TextPart": ("Hi {{name}}",),
    "HtmlPart": ("<p>Hi {{name}}</p>",),
    "EmailTemplateSubject": ("Hello {{name}}",),
    "EmailTemplateText": ("Hi {{name}}",),
    "EmailTemplateHtml": ("<p>Hi {{name}}</p>",),
    "MessageData": ("Hello", "<a href='https://example.com'>x</a>"),
    "RawMessageData": (RAW_MESSAGE,),
    "ArchiveArn": (f"arn:aws:ses:{REGION}:{ACCOUNT}:mailmanager-archive/a-{'a' * 24}",),
    "ConfigurationSetFilterValue": ("fz",),
}

# Valid ARNs by member name (botocore gives them all one shape, ``AmazonResourceName``).
ARNS: Mapping[str, tuple[str, ...]] = {
    "TopicARN": (TOPIC_ARN,),
    "TopicArn": (TOPIC_ARN,),
    "DeliveryStreamARN": (f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/fz",),
    "DeliveryStreamArn": (f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/fz",),
    "IAMRoleARN": (f"arn:aws:iam::{ACCOUNT}:role/fz",),
    "IamRoleArn": (f"arn:aws:iam::{ACCOUNT}:role/fz",),
    "EventBusArn": (f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default",),
    "ApplicationArn": (f"arn:aws:mobiletargeting:{REGION}:{ACCOUNT}:apps/fz",),
    "ResourceArn": (
        f"arn:aws:ses:{REGION}:{ACCOUNT}:configuration-set/{SET}",
        f"arn:aws:ses:{REGION}:{ACCOUNT}:dedicated-ip-pool/{POOL}",
        f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{DOMAIN}",
    ),
}
IDENTITY_ARN = f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{DOMAIN}"

JUNK_TEXT = st.sampled_from(
    [
        "",
        " ",
        "Ünïcödé ✉ 名前",
        "\x00\x01\x7f",
        "\ud7ff\ue000",
        "a" * 5000,
        "../../etc",
        "%2F%00",
        "<xml>&amp;",
        '{"unterminated": ',
        "\r\nBcc: injected@example.net",
        "💥" * 300,
    ]
)
SCALAR_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    JUNK_TEXT,
)
GARBAGE: st.SearchStrategy[Any] = st.recursive(
    SCALAR_JUNK,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8) | st.sampled_from(["Data", "Name"]), inner, max_size=3),
    ),
    max_leaves=6,
)
"""Any JSON-like junk: what a type-confused client or a hand-written request could send."""


def _limits(shape: Shape) -> tuple[int | None, int | None]:
    return shape.metadata.get("min"), shape.metadata.get("max")


def _valid_leaf(shape: Shape, member: str) -> st.SearchStrategy[Any]:
    known = VOCABULARY.get(shape.name) or ARNS.get(member)
    if shape.name == "AmazonResourceName" and known is None:
        known = (IDENTITY_ARN,)
    enum = shape.metadata.get("enum")
    kind = shape.type_name
    if enum:
        return st.sampled_from(list(enum))
    if known:
        return st.sampled_from(list(known))
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "long"):
        low, high = _limits(shape)
        if shape.name == "Percentage100Wrapper":
            low, high = 0, 100
        return st.integers(min_value=low if low is not None else 0, max_value=high if high is not None else 1000)
    if kind == "timestamp":
        return st.datetimes(
            min_value=dt.datetime(2020, 1, 1),
            max_value=dt.datetime(2030, 1, 1),
            timezones=st.just(dt.timezone.utc),
        )
    if kind == "blob":
        return st.just(RAW_MESSAGE)
    low, high = _limits(shape)
    return st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E),
        min_size=low or 1,
        max_size=min(high or 30, 30),
    )


def _boundary_leaf(shape: Shape) -> st.SearchStrategy[Any]:
    kind = shape.type_name
    low, high = _limits(shape)
    if kind == "boolean":
        return st.sampled_from(["true", "false", 0, 1])
    if kind in ("integer", "long"):
        edges = {0, -1, 1, 2**31, -(2**31) - 1, 2**63 - 1}
        edges |= {v for v in (low, high) if v is not None}
        edges |= {v + d for v in (low, high) if v is not None for d in (-1, 1)}
        return st.sampled_from(sorted(edges))
    if kind == "timestamp":
        return st.sampled_from(
            [
                dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc),
                dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc),
                dt.datetime(2001, 1, 1),  # naive
            ]
        )
    if kind == "blob":
        return st.sampled_from([b"", b"\x00" * 10, b"\xff\xfe garbage", b"=?utf-8?b?broken"])
    enum = shape.metadata.get("enum")
    lengths = {0, 1, 64, 65, 256, 1000}
    lengths |= {v for v in (low, high) if v is not None and v <= 300_000}
    lengths |= {v + 1 for v in (high,) if v is not None and v <= 300_000}
    values: list[Any] = ["a" * n for n in sorted(lengths)]
    if enum:
        values += [enum[0].lower(), enum[-1] + "X", " " + enum[0]]
    return st.sampled_from(values)


def _leaf(shape: Shape, member: str) -> st.SearchStrategy[Any]:
    valid = _valid_leaf(shape, member)
    return st.one_of(valid, valid, valid, _boundary_leaf(shape), GARBAGE)


def value_for(shape: Shape, member: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """Valid, boundary or garbage values for one member (structures recurse, lists get 0..3 items or 51)."""
    if depth > 8:
        return GARBAGE
    if isinstance(shape, StructureShape):
        return st.one_of(structure_for(shape, depth), structure_for(shape, depth), st.just({}), GARBAGE)
    if isinstance(shape, ListShape):
        item = value_for(shape.member, member, depth + 1)
        valid_item = _valid_leaf(shape.member, member) if not isinstance(shape.member, StructureShape) else item
        return st.one_of(
            st.lists(item, min_size=1, max_size=3),
            st.just([]),
            st.lists(valid_item, min_size=51, max_size=51),
            GARBAGE,
        )
    if isinstance(shape, MapShape):
        return st.one_of(
            st.dictionaries(
                st.one_of(_valid_leaf(shape.key, member), st.text(max_size=8)),  # JSON keys are strings
                value_for(shape.value, member, depth + 1),
                max_size=3,
            ),
            GARBAGE,
        )
    return _leaf(shape, member)


CLIENT_SIDE_MEMBERS = frozenset({"EndpointId"})
"""Members botocore consumes itself (endpoint resolution) instead of sending them to SES."""


def structure_for(shape: StructureShape, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    required = set(shape.required_members)
    members = {
        name: value_for(member, name, depth + 1)
        for name, member in shape.members.items()
        if name not in CLIENT_SIDE_MEMBERS
    }
    return st.fixed_dictionaries(
        {name: s for name, s in members.items() if name in required},
        optional={name: s for name, s in members.items() if name not in required},
    )


@cache
def operation_model(service: str, operation: str) -> OperationModel:
    return botocore.session.get_session().get_service_model(service).operation_model(operation)


@cache
def requests_for(service: str, operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Whole requests: required members mostly present, sometimes dropped, every member fuzzed."""
    shape = operation_model(service, operation).input_shape
    if shape is None or not shape.members:
        return st.one_of(st.just({}), st.dictionaries(st.text(max_size=10), GARBAGE, max_size=2))
    complete = structure_for(shape)
    return st.one_of(
        complete,
        complete,
        complete,
        st.just({}),
        st.dictionaries(st.sampled_from(sorted(set(shape.members) - CLIENT_SIDE_MEMBERS)), GARBAGE, max_size=4),
    )
