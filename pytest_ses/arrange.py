"""Arrangement helpers: a configuration set with real destinations and the places to read them, in one call.

Everything is created through the same boto3 APIs an application would use, so a helper-built set behaves
exactly like one the application's own code creates.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .core.eventtypes import EventType
from .errors import UsageError

if TYPE_CHECKING:
    from .fake import FakeSES

KINDS = ("sns", "firehose", "cloudwatch", "eventbridge", "pinpoint")


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
        raise UsageError(f"configuration set {self.name} has no destination {kind_or_name!r}")

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
            return _read_bucket(self.fake, handle.bucket)
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


def _read_bucket(fake: FakeSES, bucket: str) -> list[dict[str, Any]]:
    s3 = fake.client("s3")
    objects = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    records = []
    for item in sorted(objects, key=lambda o: (o["LastModified"], o["Key"])):
        body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read().decode("utf-8")
        records += [json.loads(line) for line in body.splitlines() if line.strip()]
    return records


def _queue(fake: FakeSES, name: str) -> tuple[str, str]:
    sqs = fake.client("sqs")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def _spec(entry: str | Mapping[str, Any], index: int, events: Sequence[str]) -> dict[str, Any]:
    spec: dict[str, Any] = {"kind": entry} if isinstance(entry, str) else dict(entry)
    kind = spec.get("kind")
    if kind not in KINDS:
        raise UsageError(f"destination kind must be one of {', '.join(KINDS)}; got {kind!r}")
    spec.setdefault("name", f"{kind}-{index}" if index else kind)
    spec.setdefault("events", list(events))
    spec.setdefault("enabled", True)
    unknown = set(spec) - {"kind", "name", "events", "enabled", "dimensions"}
    if unknown:
        raise UsageError(f"unknown destination option(s): {', '.join(sorted(unknown))}")
    return spec


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
    all_events = [t.value for t in EventType] if events is None else [EventType.parse(e).value for e in events]
    handle = ConfigurationSetHandle(
        fake, name, f"arn:aws:ses:{fake.region}:{fake.account_id}:configuration-set/{name}"
    )
    for index, entry in enumerate(destinations):
        spec = _spec(entry, index, all_events)
        destination = _create_destination(fake, name, spec)
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=name,
            EventDestinationName=spec["name"],
            EventDestination={
                "Enabled": spec["enabled"],
                "MatchingEventTypes": [EventType.parse(e).value for e in spec["events"]],
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
