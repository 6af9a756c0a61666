"""What the deployment creates: the sending identity, the configuration set and where its events go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONFIGURATION_SET = "transactional"
EVENTS = ["SEND", "DELIVERY", "BOUNCE", "COMPLAINT", "REJECT"]


@dataclass
class Infrastructure:
    configuration_set: str
    topic_arn: str
    queue_url: str


def provision(sesv2: Any, sns: Any, sqs: Any, sender_domain: str) -> Infrastructure:
    sesv2.create_email_identity(EmailIdentity=sender_domain)
    topic_arn = sns.create_topic(Name="ses-transactional-events")["TopicArn"]
    queue_url = sqs.create_queue(QueueName="ses-feedback")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
    sesv2.create_configuration_set(
        ConfigurationSetName=CONFIGURATION_SET,
        DeliveryOptions={"TlsPolicy": "REQUIRE"},
        ReputationOptions={"ReputationMetricsEnabled": True},
    )
    sesv2.create_configuration_set_event_destination(
        ConfigurationSetName=CONFIGURATION_SET,
        EventDestinationName="feedback-topic",
        EventDestination={
            "Enabled": True,
            "MatchingEventTypes": EVENTS,
            "SnsDestination": {"TopicArn": topic_arn},
        },
    )
    return Infrastructure(CONFIGURATION_SET, topic_arn, queue_url)
