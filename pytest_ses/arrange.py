"""Arrangement helpers: a configuration set with real destinations and the places to read them, in one call.

Everything is created through the same boto3 APIs an application would use, so a helper-built set behaves
exactly like one the application's own code creates.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .core.eventtypes import EventType
from .errors import UsageError

if TYPE_CHECKING:
    from .fake import FakeSES

KINDS = ("sns", "firehose", "cloudwatch", "eventbridge", "pinpoint")
# SES refuses these for Pinpoint destinations, so "every event" means every other event there.
_NOT_FOR_PINPOINT = (EventType.DELIVERY_DELAY.value, EventType.SUBSCRIPTION.value)


@dataclass
class DestinationHandle:
    """One event destination and what was created behind it (topic and queue, stream and bucket...)."""

    name: str
    kind: str
    target: str = ""
    queue_url: str = ""
    bucket: str = ""


@dataclass
class ConfigurationSetHandle:
    """A configuration set made by ``ses.configuration_set()``: its name, ARN and destinations."""

    fake: FakeSES
    name: str
    arn: str
    destinations: dict[str, DestinationHandle] = field(default_factory=dict)

    def destination(self, kind_or_name: str) -> DestinationHandle:
        for handle in self.destinations.values():
            if kind_or_name in (handle.name, handle.kind):
                return handle
        has = ", ".join(self.destinations) or "none"
        raise UsageError(f"configuration set {self.name} has no destination {kind_or_name!r} (it has: {has})")

    @property
    def queue_url(self) -> str:
        """The SQS queue subscribed to the SNS destination."""
        return self.destination("sns").queue_url

    @property
    def topic_arn(self) -> str:
        return self.destination("sns").target

    def received(self, kind_or_name: str = "sns") -> list[dict[str, Any]]:
        """The event records that arrived behind a destination so far (read from SQS or S3), oldest first.

        SQS messages are consumed as they are read, as an application's consumer would.
        """
        handle = self.destination(kind_or_name)
        if handle.kind == "firehose":
            return _read_bucket(self.fake, handle.bucket, self._published_to(handle.name))
        if handle.kind not in ("sns", "eventbridge"):
            raise UsageError(f"a {handle.kind} destination has nothing to read; use ses.events instead")
        records = []
        for body in _drain(self.fake, handle.queue_url):
            envelope = json.loads(body)
            if handle.kind == "sns":
                message = envelope.get("Message", "")
                if message.startswith("{"):
                    records.append(json.loads(message))
            else:
                records.append(envelope["detail"])
        return records

    def _published_to(self, destination: str) -> list[str]:
        """Payloads the fake delivered to one destination of this set, in the order it sent them."""
        return [
            p.payload
            for event in self.fake.events
            if event.configuration_set == self.name
            for p in event.publications
            if p.destination == destination and p.delivered
        ]


def _drain(fake: FakeSES, queue_url: str) -> list[str]:
    sqs = fake.client("sqs")
    bodies: list[str] = []
    while True:
        batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return bodies
        bodies += [m["Body"] for m in batch]
        sqs.delete_message_batch(
            QueueUrl=queue_url,
            Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)],
        )


def _read_bucket(fake: FakeSES, bucket: str, published: list[str]) -> list[dict[str, Any]]:
    """Every record in the bucket.  Objects written in the same second have random keys, so they are put
    back in the order the fake published them; anything else in the bucket comes last, by key."""
    s3 = fake.client("s3")
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    bodies = sorted(s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read().decode("utf-8") for o in objects)
    position = {payload: index for index, payload in reversed(list(enumerate(published)))}
    bodies.sort(key=lambda body: position.get(body, len(position)))
    return [json.loads(line) for body in bodies for line in body.splitlines() if line.strip()]


def _queue(fake: FakeSES, name: str) -> tuple[str, str]:
    sqs = fake.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def _spec(entry: str | Mapping[str, Any], seen: Counter[str], events: Sequence[str] | None) -> dict[str, Any]:
    """A destination entry with its defaults; the first of a kind is named after it (``sns``), later ones
    ``sns-2``, ``sns-3``..."""
    spec: dict[str, Any] = {"kind": entry} if isinstance(entry, str) else dict(entry)
    kind = spec.get("kind")
    if kind not in KINDS:
        raise UsageError(f"destination kind must be one of {', '.join(KINDS)}; got {kind!r}")
    seen[kind] += 1
    spec.setdefault("name", kind if seen[kind] == 1 else f"{kind}-{seen[kind]}")
    if events is None:
        every = [t.value for t in EventType]
        events = [e for e in every if e not in _NOT_FOR_PINPOINT] if kind == "pinpoint" else every
    spec.setdefault("events", list(events))
    spec.setdefault("enabled", True)
    unknown = set(spec) - {"kind", "name", "events", "enabled", "dimensions"}
    if unknown:
        raise UsageError(f"unknown destination option(s): {', '.join(sorted(unknown))}")
    return spec


def _event_type(spelling: str) -> EventType:
    try:
        return EventType.parse(spelling)
    except ValueError:
        allowed = ", ".join(t.value for t in EventType)
        raise UsageError(f"unknown event type {spelling!r}; use one of: {allowed} (any AWS spelling)") from None


def create_configuration_set(
    fake: FakeSES,
    name: str,
    *,
    destinations: Iterable[str | Mapping[str, Any]],
    events: Sequence[str] | None,
    options: Mapping[str, Any],
) -> ConfigurationSetHandle:
    sesv2 = fake.client("sesv2")
    sesv2.create_configuration_set(ConfigurationSetName=name, **options)
    chosen = None if events is None else [_event_type(e).value for e in events]
    handle = ConfigurationSetHandle(
        fake, name, f"arn:aws:ses:{fake.region}:{fake.account_id}:configuration-set/{name}"
    )
    seen: Counter[str] = Counter()
    for entry in destinations:
        spec = _spec(entry, seen, chosen)
        destination = _create_destination(fake, name, spec)
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=name,
            EventDestinationName=spec["name"],
            EventDestination={
                "Enabled": spec["enabled"],
                "MatchingEventTypes": [_event_type(e).value for e in spec["events"]],
                **destination.pop("definition"),
            },
        )
        handle.destinations[spec["name"]] = DestinationHandle(name=spec["name"], kind=spec["kind"], **destination)
    return handle


def _create_destination(fake: FakeSES, set_name: str, spec: dict[str, Any]) -> dict[str, Any]:
    kind, base = spec["kind"], f"{set_name}-{spec['name']}"
    region, account = fake.region, fake.account_id
    if kind == "sns":
        topic = fake.client("sns").create_topic(Name=base)["TopicArn"]
        url, queue_arn = _queue(fake, base)
        fake.client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        return {"target": topic, "queue_url": url, "definition": {"SnsDestination": {"TopicArn": topic}}}
    if kind == "firehose":
        bucket = base.lower().replace("_", "-")
        fake.client("s3").create_bucket(Bucket=bucket)
        role = f"arn:aws:iam::{account}:role/ses-firehose"
        stream = fake.client("firehose").create_delivery_stream(
            DeliveryStreamName=base,
            ExtendedS3DestinationConfiguration={"RoleARN": role, "BucketARN": f"arn:aws:s3:::{bucket}"},
        )["DeliveryStreamARN"]
        definition = {"KinesisFirehoseDestination": {"IamRoleArn": role, "DeliveryStreamArn": stream}}
        return {"target": stream, "bucket": bucket, "definition": definition}
    if kind == "cloudwatch":
        dimensions = spec.get("dimensions") or [
            {
                "DimensionName": "ses:configuration-set",
                "DimensionValueSource": "MESSAGE_TAG",
                "DefaultDimensionValue": set_name,
            }
        ]
        return {"definition": {"CloudWatchDestination": {"DimensionConfigurations": dimensions}}}
    if kind == "eventbridge":
        bus = f"arn:aws:events:{region}:{account}:event-bus/default"
        url, queue_arn = _queue(fake, base)
        events_client = fake.client("events")
        pattern = {"source": ["aws.ses"], "detail": {"mail": {"tags": {"ses:configuration-set": [set_name]}}}}
        events_client.put_rule(Name=base, EventPattern=json.dumps(pattern))
        events_client.put_targets(Rule=base, Targets=[{"Id": "queue", "Arn": queue_arn}])
        return {"target": bus, "queue_url": url, "definition": {"EventBridgeDestination": {"EventBusArn": bus}}}
    application = f"arn:aws:mobiletargeting:{region}:{account}:apps/{base.lower()}"
    return {"target": application, "definition": {"PinpointDestination": {"ApplicationArn": application}}}
