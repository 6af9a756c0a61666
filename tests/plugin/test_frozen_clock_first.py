"""A test that freezes the clock before anything signs a certificate must not break later tests."""

from __future__ import annotations

import pytest


def test_freezing_first_does_not_poison_certificates(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import json
        from freezegun import freeze_time

        def _publish(ses):
            sns, sqs = ses.client("sns"), ses.client("sqs")
            topic = sns.create_topic(Name="t")["TopicArn"]
            url = sqs.create_queue(QueueName="q")["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
            sns.publish(TopicArn=topic, Message="hello")  # moto signs it with a new certificate

        def test_frozen_first(ses):
            with freeze_time("2024-05-01"):
                _publish(ses)

        def test_real_clock_after(ses):
            _publish(ses)
        """
    )
    pytester.runpytest_subprocess("-p", "no:randomly").assert_outcomes(passed=2)
