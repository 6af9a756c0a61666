"""Scale: time per send at 100, 1,000 and 10,000 sends in one test, recorder memory per message, and the time
a consumer takes per message to drain a queue of 1,000.

The set publishes to an SNS topic with an SQS subscriber and to CloudWatch, so every send produces two events
and four deliveries, and the queue (never read) holds 20,000 messages by the end of the largest run.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from typing import Any

from pytest_ses import FakeSES

SIZES = (100, 1_000, 10_000)


def _sender(ses: FakeSES) -> Any:
    ses.verify("example.com")
    topic = ses.client("sns").create_topic(Name="scale")["TopicArn"]
    sqs = ses.client("sqs")
    url = sqs.create_queue(QueueName="scale")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    ses.client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    ses.client("sesv2").create_configuration_set(ConfigurationSetName="scale")
    for name, definition in (
        ("sns", {"SnsDestination": {"TopicArn": topic}}),
        (
            "metrics",
            {
                "CloudWatchDestination": {
                    "DimensionConfigurations": [
                        {
                            "DimensionName": "ses:configuration-set",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "x",
                        }
                    ]
                }
            },
        ),
    ):
        ses.client("sesv2").create_configuration_set_event_destination(
            ConfigurationSetName="scale",
            EventDestinationName=name,
            EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND", "DELIVERY"], **definition},
        )
    client = ses.client("sesv2")

    def send(n: int) -> None:
        client.send_email(
            FromEmailAddress="app@example.com",
            Destination={"ToAddresses": [f"user{n}@example.org"]},
            Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}},
            ConfigurationSetName="scale",
            EmailTags=[{"Name": "campaign", "Value": "scale"}],
        )

    return send


def per_send_seconds(size: int, last: int = 200) -> list[float]:
    """The time of each of the last ``last`` sends of a run of ``size`` sends (the cost at that depth)."""
    samples = []
    with FakeSES() as ses:
        send = _sender(ses)
        for n in range(size - last):
            send(n)
        for n in range(size - last, size):
            started = time.perf_counter()
            send(n)
            samples.append(time.perf_counter() - started)
    return samples


def recorder_bytes_per_message(size: int = 2_000) -> float:
    """Memory the recorder keeps per message (records, events, publication payloads), by tracemalloc:
    traced memory after the sends minus traced memory once the recorder is cleared."""
    with FakeSES() as ses:
        send = _sender(ses)
        send(0)
        tracemalloc.start()
        for n in range(1, size + 1):
            send(n)
        gc.collect()
        with_records = tracemalloc.get_traced_memory()[0]
        ses.session.recorder.clear()
        gc.collect()
        without_records = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        return (with_records - without_records) / size


def drain_seconds_per_message(size: int = 1_000) -> float:
    """An event consumer's side: receive (10 at a time) and delete every message of a queue of ``size``."""
    with FakeSES() as ses:
        sqs = ses.client("sqs")
        url = sqs.create_queue(QueueName="drain")["QueueUrl"]
        for _ in range(size // 10):
            sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(n), "MessageBody": "{}"} for n in range(10)])
        started = time.perf_counter()
        while batch := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
            entries = [{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(batch)]
            sqs.delete_message_batch(QueueUrl=url, Entries=entries)
        return (time.perf_counter() - started) / size


def main() -> dict[str, float]:
    # Medians of individually timed sends; the small run is repeated between the large ones so that a noisy
    # neighbour on a shared machine does not bias the ratio (the sizes are measured at different moments).
    samples: dict[int, list[float]] = {size: [] for size in SIZES}
    for size in (100, 1_000, 100, 10_000, 100):
        samples[size] += per_send_seconds(size, last=min(size, 200))
    results = {f"ms_per_send_at_{size}": statistics.median(samples[size]) * 1000 for size in SIZES}
    results["ratio_10000_to_100"] = results["ms_per_send_at_10000"] / results["ms_per_send_at_100"]
    results["recorder_kb_per_message"] = recorder_bytes_per_message() / 1024
    results["drain_ms_per_message_of_1000"] = drain_seconds_per_message() * 1000
    return results


if __name__ == "__main__":
    print(main())
