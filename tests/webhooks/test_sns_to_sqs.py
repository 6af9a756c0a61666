"""SNS deliveries to SQS queues: SNS's envelope layout, a signature that verifies (computed when first read),
moto's rules kept."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import re
import threading
import time
from typing import Any

import pytest
from moto.sqs.models import Message, sqs_backends
from webhook_receivers import NOTIFICATION_FIELDS, sns_signature_problem

from pytest_ses import FakeSES
from pytest_ses.bridge.sns_queues import SignedOnRead
from pytest_ses.webhooks import SigningIdentity

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def queue(ses: FakeSES, name: str, **attributes: str) -> tuple[str, str]:
    sqs = ses.client("sqs")
    url: str = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn: str = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, arn


def subscribed(ses: FakeSES, sns: Any, topic_arn: str, **attributes: str) -> str:
    """A new queue ``q`` subscribed to the topic (with these subscription attributes); its URL."""
    url, arn = queue(ses, "q")
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn, Attributes=attributes)
    return url


def bodies(ses: FakeSES, url: str) -> list[str]:
    messages = ses.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [message["Body"] for message in messages]


def test_the_envelope_is_laid_out_and_signed_as_sns_does(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    url, arn = queue(ses, "q")
    subscription = sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]

    message_id = sns.publish(TopicArn=topic_arn, Message='{"a": "é"}', Subject="Hi")["MessageId"]

    (body,) = bodies(ses, url)
    document = json.loads(body)
    assert list(document) == list(NOTIFICATION_FIELDS)
    assert body.startswith('{\n  "Type" : "Notification",\n  "MessageId" : ')
    assert '  "Message" : "{\\"a\\": \\"é\\"}",\n' in body
    assert (document["MessageId"], document["TopicArn"], document["Subject"]) == (message_id, topic_arn, "Hi")
    assert TIMESTAMP.fullmatch(document["Timestamp"])
    assert document["SignatureVersion"] == "1"
    assert document["UnsubscribeURL"] == (
        f"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription}"
    )
    assert sns_signature_problem(document) is None


def test_signature_version_2_and_no_subject(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    url = subscribed(ses, sns, topic_arn)
    sns.set_topic_attributes(TopicArn=topic_arn, AttributeName="SignatureVersion", AttributeValue="2")

    sns.publish(TopicArn=topic_arn, Message="plain")

    (body,) = bodies(ses, url)
    document = json.loads(body)
    assert "Subject" not in document
    assert document["SignatureVersion"] == "2"
    assert sns_signature_problem(document) is None
    tampered = {**document, "Message": "other"}
    assert sns_signature_problem(tampered) == "signature does not match"


def test_the_filter_policy_decides_and_attributes_travel_in_the_envelope(
    ses: FakeSES, sns: Any, topic_arn: str
) -> None:
    url = subscribed(ses, sns, topic_arn, FilterPolicy=json.dumps({"kind": ["bounce"]}))

    sns.publish(
        TopicArn=topic_arn,
        Message="no",
        MessageAttributes={"kind": {"DataType": "String", "StringValue": "delivery"}},
    )
    sns.publish(
        TopicArn=topic_arn,
        Message="yes",
        MessageAttributes={
            "kind": {"DataType": "String", "StringValue": "bounce"},
            "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01"},
        },
    )

    (body,) = bodies(ses, url)
    document = json.loads(body)
    assert document["Message"] == "yes"
    assert document["MessageAttributes"] == {
        "kind": {"Type": "String", "Value": "bounce"},
        "blob": {"Type": "Binary", "Value": "AAE="},
    }
    assert sns_signature_problem(document) is None


def test_a_json_message_structure_gives_the_queue_its_own_text(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    url = subscribed(ses, sns, topic_arn)

    sns.publish(
        TopicArn=topic_arn, MessageStructure="json", Message=json.dumps({"default": "any", "sqs": "for queues"})
    )

    assert [json.loads(body)["Message"] for body in bodies(ses, url)] == ["for queues"]


def test_raw_delivery_is_left_to_moto(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    url = subscribed(ses, sns, topic_arn, RawMessageDelivery="true")

    sns.publish(TopicArn=topic_arn, Message="bare")

    assert bodies(ses, url) == ["bare"]


def test_a_fifo_topic_hands_its_group_to_a_fifo_queue(ses: FakeSES, sns: Any) -> None:
    topic = sns.create_topic(Name="t.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})[
        "TopicArn"
    ]
    url, arn = queue(ses, "q.fifo", FifoQueue="true")
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)

    sns.publish(TopicArn=topic, Message="first", MessageGroupId="g1", MessageDeduplicationId="d1")

    messages = ses.client("sqs").receive_message(QueueUrl=url, AttributeNames=["All"])["Messages"]
    assert [
        (
            json.loads(m["Body"])["Message"],
            m["Attributes"]["MessageGroupId"],
            m["Attributes"]["MessageDeduplicationId"],
        )
        for m in messages
    ] == [("first", "g1", "d1")]


@pytest.mark.ses(account_id="111111111111")
def test_the_queue_of_another_account_receives_in_that_account(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    far = sqs_backends["222222222222"]["us-east-1"].create_queue("far")
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=far.queue_arn)

    sns.publish(TopicArn=topic_arn, Message="across accounts")

    (message,) = far.messages
    assert json.loads(message.body)["Message"] == "across accounts"


# --- the signature is computed when the message is first read --------------------------------------------
@pytest.fixture
def signatures(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every signature computed, in order."""
    made: list[str] = []
    compute = SigningIdentity.signature

    def counting(identity: SigningIdentity, text: str, version: str) -> str:
        made.append(compute(identity, text, version))
        return made[-1]

    monkeypatch.setattr(SigningIdentity, "signature", counting)
    return made


def _queued(ses: FakeSES, name: str) -> list[Message]:
    return list(sqs_backends[ses.account_id][ses.region].queues[name]._messages)


def test_nothing_is_signed_until_a_consumer_reads_the_message(
    ses: FakeSES, sns: Any, topic_arn: str, signatures: list[str]
) -> None:
    url = subscribed(ses, sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="later")
    assert signatures == []

    sqs = ses.client("sqs")
    (received,) = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"]
    document = json.loads(received["Body"])
    assert signatures == [document["Signature"]]
    assert received["MD5OfBody"] == hashlib.md5(received["Body"].encode()).hexdigest()
    assert sns_signature_problem(document) is None

    (again,) = sqs.receive_message(QueueUrl=url)["Messages"]
    assert again["Body"] == received["Body"]
    assert len(signatures) == 1  # once per message, however often it is read
    assert [type(message) for message in _queued(ses, "q")] == [Message]  # a plain moto message again


def test_the_placeholder_has_the_length_of_the_signature(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    subscribed(ses, sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="sized")
    (pending,) = _queued(ses, "q")
    assert isinstance(pending, SignedOnRead)
    before = len(pending.__dict__["body"])

    assert len(pending.body) == before
    assert "0" * 20 not in pending.body


def test_a_pickled_or_copied_message_carries_the_signature(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    subscribed(ses, sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="one")
    sns.publish(TopicArn=topic_arn, Message="two")
    first, second = _queued(ses, "q")

    restored = pickle.loads(pickle.dumps(first))
    duplicate = copy.deepcopy(second)

    for message in (restored, duplicate, first, second):
        assert type(message) is Message
        assert sns_signature_problem(json.loads(message.body)) is None


def test_a_new_body_set_before_any_read_is_kept(ses: FakeSES, sns: Any, topic_arn: str) -> None:
    subscribed(ses, sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="old")
    (pending,) = _queued(ses, "q")

    pending.body = "replaced"

    assert pending.body == "replaced"


def test_two_readers_at_once_get_one_signature(
    ses: FakeSES, sns: Any, topic_arn: str, signatures: list[str]
) -> None:
    subscribed(ses, sns, topic_arn)
    sns.publish(TopicArn=topic_arn, Message="raced")
    (pending,) = _queued(ses, "q")
    deferred = pending.__dict__["_pytest_ses_pending_signature"]
    bodies_read: list[str] = []

    with deferred.lock:  # both readers find the signature pending and wait for the lock
        readers = [threading.Thread(target=lambda: bodies_read.append(pending.body)) for _ in range(2)]
        for reader in readers:
            reader.start()
        time.sleep(0.2)
    for reader in readers:
        reader.join(timeout=10)

    assert len(signatures) == 1
    assert len(bodies_read) == 2
    assert bodies_read[0] == bodies_read[1]
    assert json.loads(bodies_read[0])["Signature"] == signatures[0]
