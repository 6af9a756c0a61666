"""Deliver published SES events into moto's SNS, Firehose, CloudWatch and EventBridge backends.

Each target ARN names its own account and Region.  Failures are returned, never raised: SES drops events
it cannot deliver (a deleted topic, say) while the send itself succeeds.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.exceptions import ServiceException
from moto.events.models import events_backends
from moto.firehose.models import firehose_backends
from moto.sns.models import sns_backends
from werkzeug.exceptions import HTTPException

from .sns_transport import describe_deliveries


def arn_parts(arn: str) -> tuple[str, str, str] | None:
    """(account, Region, resource) of an ARN, or ``None`` when it is not one."""
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[0] != "arn":
        return None
    return parts[4], parts[3], parts[5]


def deliver(kind: str, target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    try:
        return _DELIVERERS[kind](target, payload, headline, account, region)
    except (HTTPException, ServiceException, NotImplementedError, KeyError, ValueError) as error:
        return False, f"{type(error).__name__}: {error}"


def _sns(target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    parts = arn_parts(target)
    if parts is None:
        return False, f"not a topic ARN: {target}"
    backend = sns_backends[parts[0]][parts[1]]
    if target not in backend.topics:
        return False, f"topic {target} does not exist: the event was dropped"
    message_id = backend.publish(payload, arn=target, subject=headline or None)
    # What the topic's HTTP/S subscribers answered, so the publication's record shows the app's status.
    answers = describe_deliveries(backend.topics[target], message_id)
    return True, f"SNS message {message_id}" + (f" ({answers})" if answers else "")


def _firehose(target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    parts = arn_parts(target)
    if parts is None:
        return False, f"not a delivery stream ARN: {target}"
    stream = parts[2].partition("/")[2]
    backend = firehose_backends[parts[0]][parts[1]]
    if stream not in backend.delivery_streams:
        return False, f"delivery stream {stream} does not exist: the event was dropped"
    try:
        backend.put_record_batch(stream, [{"Data": payload.encode("utf-8")}])
    except RuntimeError as error:  # moto's wrapper around a failed S3 write (a deleted bucket, say)
        # Firehose took the record; writing it to S3 failed, so it never arrives there.
        reason = str(error.__cause__ or error)
        return False, f"delivery stream {stream} could not write the record to S3 ({reason})"
    return True, f"record put to {stream}"


def _cloudwatch(target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    datum: dict[str, Any] = json.loads(payload)
    namespace = datum.pop("Namespace")
    stamp = datum.get("Timestamp")
    # moto keeps metric times naive UTC (as its own PutMetricData parsing does); an aware one breaks
    # GetMetricStatistics' comparisons.
    moment = _dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None
    datum["Timestamp"] = moment.astimezone(_dt.timezone.utc).replace(tzinfo=None) if moment else None
    cloudwatch_backends[account][region].put_metric_data(namespace, [datum])
    return True, f"metric {namespace}/{datum['MetricName']}"


def _eventbridge(target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    parts = arn_parts(target)
    if parts is None:
        return False, f"not an event bus ARN: {target}"
    entry = json.loads(payload)
    results = events_backends[parts[0]][parts[1]].put_events([entry])
    first = results[0] if results else {}
    if "ErrorCode" in first:
        return False, f"{first['ErrorCode']}: {first.get('ErrorMessage', '')}"
    return True, f"event {first.get('EventId', '')}"


def _pinpoint(target: str, payload: str, headline: str, account: str, region: str) -> tuple[bool, str]:
    return True, "recorded only: moto has no Pinpoint event ingestion"


_DELIVERERS = {
    "sns": _sns,
    "firehose": _firehose,
    "cloudwatch": _cloudwatch,
    "eventbridge": _eventbridge,
    "pinpoint": _pinpoint,
}
