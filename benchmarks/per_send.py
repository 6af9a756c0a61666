"""Per send: a configuration set with three destinations, against moto's bare send_email (plugin not installed)."""

from __future__ import annotations

import statistics
import time
from typing import Any

import boto3
from moto import mock_aws

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE

ROUNDS = 12
SENDS_PER_ROUND = 30
WARM_UP = 5
"""Rounds alternate between the two, so that a noisy neighbour on a shared machine slows both alike; the
first sends of each round (cold caches after the fake or the mock starts) are not counted.  Nothing reads the
queue between sends: a consumer's cost is the scale benchmark's drain figure."""


def _send_simple(client: Any, **extra: Any) -> None:
    client.send_email(
        Source="app@example.com",
        Destination={"ToAddresses": ["user@example.org"]},
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
        **extra,
    )


def _timed(action: Any) -> list[float]:
    samples = []
    for n in range(WARM_UP + SENDS_PER_ROUND):
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        if n >= WARM_UP:
            samples.append(elapsed)
    return samples


def plain_moto() -> list[float]:
    assert not BRIDGE.installed, "the baseline must run on moto alone"
    with mock_aws():
        client = boto3.client("ses", region_name="us-east-1")
        client.verify_domain_identity(Domain="example.com")
        return _timed(lambda: _send_simple(client))


def through_configuration_set() -> list[float]:
    with FakeSES() as ses:
        ses.verify("example.com")
        ses.configuration_set(
            "bench",
            destinations=[
                "sns",
                "firehose",
                {
                    "kind": "cloudwatch",
                    "dimensions": [
                        {
                            "DimensionName": "campaign",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "none",
                        },
                        {
                            "DimensionName": "ses:from-domain",
                            "DimensionValueSource": "MESSAGE_TAG",
                            "DefaultDimensionValue": "none",
                        },
                    ],
                },
            ],
        )
        client = ses.client("ses")

        def send() -> None:
            _send_simple(client, ConfigurationSetName="bench", Tags=[{"Name": "campaign", "Value": "welcome"}])

        samples = _timed(send)
        # Every send reached the queue behind the topic (Send and Delivery events; plus SES's validation message).
        sqs = ses.client("sqs")
        url = sqs.get_queue_url(QueueName="bench-sns")["QueueUrl"]
        queued = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])
        assert int(queued["Attributes"]["ApproximateNumberOfMessages"]) == 2 * (WARM_UP + SENDS_PER_ROUND) + 1
        return samples


def main() -> dict[str, float]:
    baseline: list[float] = []
    ours: list[float] = []
    for _ in range(ROUNDS):
        baseline += plain_moto()
        ours += through_configuration_set()
    baseline_median, ours_median = statistics.median(baseline), statistics.median(ours)
    return {
        "plain_moto_ms": baseline_median * 1000,
        "pytest_ses_ms": ours_median * 1000,
        "ratio": ours_median / baseline_median,
    }


if __name__ == "__main__":
    print(main())
