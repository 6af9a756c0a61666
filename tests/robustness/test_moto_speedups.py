"""moto's repeated work that the bridge does once or skips (``pytest_ses.bridge.speedups``), and that moto
behaves the same with it: URL callbacks reused across mock starts, SQS attribute names remembered, queue
counts not built on every SendMessage to a standard queue, and queue walks that read the clock once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import boto3
import moto.core.models as moto_models
import pytest
import requests
from moto.sqs.models import Message, Queue, sqs_backends

from pytest_ses import FakeSES
from pytest_ses.bridge import BRIDGE
from pytest_ses.bridge.speedups import QueueCountsSkippedWhenSending


def _url_callbacks() -> list[object]:
    return list(moto_models.responses_mock.registered())


def test_moto_gets_the_same_url_callbacks_on_every_start_with_empty_call_logs() -> None:
    assert BRIDGE.installed  # by the plugin, for the whole run
    with FakeSES() as fake:
        first = _url_callbacks()
        bucket = fake.client("s3")
        bucket.create_bucket(Bucket="reuse")
        bucket.put_object(Bucket="reuse", Key="k", Body=b"through requests")
        url = bucket.generate_presigned_url("get_object", Params={"Bucket": "reuse", "Key": "k"})
        assert requests.get(url, timeout=5).content == b"through requests"
        assert sum(len(response.calls) for response in first) == 1  # type: ignore[attr-defined]
    with FakeSES() as fake:
        second = _url_callbacks()
        assert len(second) == len(first) > 1000
        assert all(a is b for a, b in zip(first, second, strict=True))
        assert sum(len(response.calls) for response in second) == 0  # type: ignore[attr-defined]
        # moto's state went with the previous start; requests still reach it.
        bucket = fake.client("s3")
        bucket.create_bucket(Bucket="reuse")
        url = bucket.generate_presigned_url("get_object", Params={"Bucket": "reuse", "Key": "k"})
        assert requests.get(url, timeout=5).status_code == 404


def test_a_plain_mock_aws_start_reuses_them_too_and_still_isolates_state() -> None:
    from moto import mock_aws

    with mock_aws():
        boto3.client("sns", region_name="us-east-1").create_topic(Name="first")
        first = _url_callbacks()
    with mock_aws():
        assert boto3.client("sns", region_name="us-east-1").list_topics()["Topics"] == []
        assert all(a is b for a, b in zip(first, _url_callbacks(), strict=True))


def test_uninstalling_the_bridge_gives_moto_back_its_own_class() -> None:
    from moto.core.custom_responses_mock import CallbackResponse

    from pytest_ses.bridge.speedups import ReusedUrlCallbacks

    def build(*args: object, **kwargs: object) -> object:
        return moto_models.CallbackResponse(*args, **kwargs)

    reuse = ReusedUrlCallbacks()
    saved = moto_models.CallbackResponse
    moto_models.CallbackResponse = CallbackResponse
    try:
        reuse.install()
        reuse.install()  # idempotent
        built = build(method="GET", url="https://a.example/", callback=print)
        assert build(method="GET", url="https://a.example/", callback=print) is built
        assert build("GET", "https://a.example/", print) is not built  # another shape: built as usual
        reuse.uninstall()
        reuse.uninstall()
        assert moto_models.CallbackResponse is CallbackResponse
    finally:
        moto_models.CallbackResponse = saved


def test_sqs_attribute_names_are_converted_once_and_moto_gets_its_function_back() -> None:
    import moto.sqs.models as moto_sqs
    from moto.core.utils import camelcase_to_underscores

    from pytest_ses.bridge.speedups import RememberedQueueAttributeNames

    saved = moto_sqs.camelcase_to_underscores
    moto_sqs.camelcase_to_underscores = camelcase_to_underscores
    remembered = RememberedQueueAttributeNames()
    try:
        remembered.install()
        remembered.install()  # idempotent
        convert: Any = moto_sqs.camelcase_to_underscores
        assert convert("VisibilityTimeout") == convert("VisibilityTimeout") == "visibility_timeout"
        assert convert.cache_info().hits == 1
        remembered.uninstall()
        remembered.uninstall()
        assert moto_sqs.camelcase_to_underscores is camelcase_to_underscores
    finally:
        moto_sqs.camelcase_to_underscores = saved


# --- SendMessage to a standard queue does not build the queue's attributes --------------------------------
@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every time moto walks a queue's messages to count them for its attributes."""
    walks: list[str] = []
    original = Queue.__dict__["approximate_number_of_messages"]

    def counting(queue: Queue) -> int:
        walks.append(queue.name)
        number: int = original.fget(queue)
        return number

    monkeypatch.setattr(Queue, "approximate_number_of_messages", property(counting))
    return walks


@pytest.fixture
def sqs(ses: FakeSES) -> Any:
    return ses.client("sqs")


def test_a_send_to_a_standard_queue_counts_nothing_and_attributes_stay_whole(sqs: Any, counted: list[str]) -> None:
    url = sqs.create_queue(QueueName="standard")["QueueUrl"]
    for n in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{n}")
    assert counted == []

    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "3"
    assert "QueueArn" in attributes
    assert counted == ["standard"]


def test_fifo_queues_keep_moto_s_way_content_based_deduplication_included(sqs: Any, counted: list[str]) -> None:
    url = sqs.create_queue(
        QueueName="ordered.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    for _ in range(2):
        sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="g")

    assert counted  # moto built the attributes to read ContentBasedDeduplication
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in messages] == ["same"]  # the duplicate was dropped


def test_a_send_to_a_missing_queue_is_moto_s_error(sqs: Any) -> None:
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as raised:
        sqs.send_message(QueueUrl="https://sqs.us-east-1.amazonaws.com/123456789012/missing", MessageBody="x")
    assert raised.value.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue"


@pytest.fixture
def paused_send(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """SendMessage stops inside moto (once the message is made) until the test lets it go on."""
    inside, proceed = threading.Event(), threading.Event()
    mark_sent = Message.mark_sent

    def pausing(message: Message, *args: Any, **kwargs: Any) -> None:
        inside.set()
        proceed.wait(timeout=10)
        mark_sent(message, *args, **kwargs)

    monkeypatch.setattr(Message, "mark_sent", pausing)
    yield inside, proceed
    proceed.set()


def test_another_thread_sees_whole_attributes_while_a_send_runs(
    ses: FakeSES, sqs: Any, paused_send: tuple[threading.Event, threading.Event]
) -> None:
    url = sqs.create_queue(QueueName="shared")["QueueUrl"]
    queue = sqs_backends[ses.account_id][ses.region].queues["shared"]
    inside, proceed = paused_send
    sender = threading.Thread(target=lambda: sqs.send_message(QueueUrl=url, MessageBody="x"))
    sender.start()
    assert inside.wait(timeout=10)

    seen_meanwhile = dict(queue.attributes)
    proceed.set()
    sender.join(timeout=10)

    assert seen_meanwhile["QueueArn"].endswith(":shared")
    assert seen_meanwhile["ApproximateNumberOfMessages"] == 0


def test_uninstalling_gives_moto_back_its_property_and_method() -> None:
    from moto.sqs.models import SQSBackend

    (installed,) = [s for s in BRIDGE.speedups if isinstance(s, QueueCountsSkippedWhenSending)]
    installed.uninstall()  # moto's own for the length of this test
    try:
        motos_own = (Queue.__dict__["attributes"], SQSBackend.__dict__["send_message"])
        skipped = QueueCountsSkippedWhenSending()
        skipped.install()
        skipped.install()  # idempotent
        assert Queue.__dict__["attributes"] is not motos_own[0]
        skipped.uninstall()
        skipped.uninstall()
        assert (Queue.__dict__["attributes"], SQSBackend.__dict__["send_message"]) == motos_own
    finally:
        installed.install()


# --- queue walks read the clock once ------------------------------------------------------------------------
@pytest.fixture
def clock_reads(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    import moto.core.utils as moto_utils

    reads: list[float] = []
    read = moto_utils.unix_time_millis

    def counting(*args: Any) -> float:
        reads.append(read(*args))
        return reads[-1]

    monkeypatch.setattr(moto_utils, "unix_time_millis", counting)
    return reads


def counts(sqs: Any, url: str) -> tuple[int, int, int]:
    names = [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
    ]
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return (int(found[names[0]]), int(found[names[1]]), int(found[names[2]]))


def test_visibility_and_delays_follow_the_clock(sqs: Any, time_machine: Any) -> None:
    time_machine.move_to("2026-01-01T00:00:00Z", tick=False)
    url = sqs.create_queue(QueueName="clocked")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="now")
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=60)
    sqs.send_message(QueueUrl=url, MessageBody="also now")
    assert counts(sqs, url) == (2, 0, 1)

    (taken,) = sqs.receive_message(QueueUrl=url, VisibilityTimeout=30)["Messages"]
    assert counts(sqs, url) == (1, 1, 1)

    time_machine.shift(31)  # the received message is visible again; the delayed one is not yet
    assert counts(sqs, url) == (2, 0, 1)

    time_machine.shift(30)
    assert counts(sqs, url) == (3, 0, 0)
    bodies = sorted(m["Body"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"])
    assert bodies == sorted(["now", "later", "also now"])
    assert taken["Body"] in bodies


def test_a_receive_reads_the_clock_a_few_times_not_per_queued_message(sqs: Any, clock_reads: list[float]) -> None:
    url = sqs.create_queue(QueueName="deep")["QueueUrl"]
    for _ in range(20):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(n), "MessageBody": "x"} for n in range(10)])
    clock_reads.clear()

    assert len(sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]) == 10

    assert 0 < len(clock_reads) < 100  # moto read it about ten times per queued message and walk: 4,000+


def test_uninstalling_gives_moto_back_its_walks() -> None:
    from pytest_ses.bridge.speedups import QueueWalksReadTheClockOnce

    names = QueueWalksReadTheClockOnce._WALKS
    (installed,) = [s for s in BRIDGE.speedups if isinstance(s, QueueWalksReadTheClockOnce)]
    installed.uninstall()
    try:
        motos_own = [Queue.__dict__[name] for name in names]
        walks = QueueWalksReadTheClockOnce()
        walks.install()
        walks.install()  # idempotent
        assert [Queue.__dict__[name] for name in names] != motos_own
        walks.uninstall()
        walks.uninstall()
        assert [Queue.__dict__[name] for name in names] == motos_own
    finally:
        installed.install()
