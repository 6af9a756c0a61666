"""Many threads sending through one fake: every message recorded once, every event delivered exactly once.

Each thread has its own boto3 client, from a private session, as boto3 recommends for threads.  A consumer
thread drains the SQS queue behind the SNS destination while the senders run.  moto's SQS does work
proportional to the queue's depth for every message sent and received, so the senders are held back
(``IN_FLIGHT`` credits, one returned per Send record read) whenever the consumer falls behind: that keeps
the queue shallow and the test around half a minute.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from support import metric_sum

from pytest_ses import EventType, FakeSES
from pytest_ses.core.model import EventDestination

THREADS = 8
SENDS_PER_THREAD = 500
TOTAL = THREADS * SENDS_PER_THREAD
EVENT_TYPES = ("Send", "Delivery")
IN_FLIGHT = THREADS
"""Sends whose Send record the consumer has not read yet, at most: every thread can be mid-send at once."""
STALL_SECONDS = 30.0
LOAD_SET = [{"Name": "ses:configuration-set", "Value": "load"}]
"""A sender that waits this long for the consumer concludes that records went missing."""


def thread_client(fake: FakeSES, service: str) -> Any:
    """A client of its own for one thread, from a private session with the fake's credentials."""
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing")
    return session.client(service, region_name=fake.region)  # type: ignore[call-overload]


class Consumer(threading.Thread):
    """Receives and deletes the queue's messages as they arrive, as an application's worker would."""

    def __init__(self, fake: FakeSES, queue_url: str, credits: threading.Semaphore) -> None:
        super().__init__(name="sqs-consumer", daemon=True)
        self.sqs = thread_client(fake, "sqs")
        self.queue_url = queue_url
        self.credits = credits
        self.records: list[tuple[str, str]] = []
        """(SES message id, event type) of every event record read from the queue."""
        self.other_messages: list[str] = []
        self.senders_done = threading.Event()
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            self._drain_until_complete()
        except BaseException as error:  # reported by the test rather than lost with the thread
            self.failure = error

    def _drain_until_complete(self) -> None:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            batch = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get("Messages", [])
            if not batch:
                if self.senders_done.is_set() and len(self.records) >= TOTAL * len(EVENT_TYPES):
                    return
                time.sleep(0.002)
                continue
            for message in batch:
                self._read(message["Body"])
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)],
            )
        raise AssertionError(f"the consumer gave up after reading {len(self.records)} event records")

    def _read(self, body: str) -> None:
        message = json.loads(body)["Message"]
        if not message.startswith("{"):
            self.other_messages.append(message)
            return
        record = json.loads(message)
        self.records.append((record["mail"]["messageId"], record["eventType"]))
        if record["eventType"] == "Send":
            self.credits.release()


def send_from_threads(fake: FakeSES, credits: threading.Semaphore) -> tuple[list[str], list[BaseException]]:
    """``THREADS`` threads, each sending ``SENDS_PER_THREAD`` messages; half through v1, half through v2."""
    message_ids: list[list[str]] = [[] for _ in range(THREADS)]
    failures: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def send(number: int, index: int, client: Any) -> str:
        to, subject = f"thread{number}-{index}@example.net", f"{number}/{index}"
        if number % 2:
            return str(
                client.send_email(
                    Source="load@example.com",
                    Destination={"ToAddresses": [to]},
                    Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}},
                    ConfigurationSetName="load",
                )["MessageId"]
            )
        return str(
            client.send_email(
                FromEmailAddress="load@example.com",
                Destination={"ToAddresses": [to]},
                Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}}},
                ConfigurationSetName="load",
            )["MessageId"]
        )

    def sender(number: int) -> None:
        try:
            client = thread_client(fake, "ses" if number % 2 else "sesv2")
            start.wait()
            for index in range(SENDS_PER_THREAD):
                if not credits.acquire(timeout=STALL_SECONDS):
                    raise AssertionError(f"no Send record came back within {STALL_SECONDS}s: records went missing")
                message_ids[number].append(send(number, index, client))
        except BaseException as error:
            failures.append(error)
            start.abort()

    threads = [threading.Thread(target=sender, args=(n,), name=f"sender-{n}") for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [message_id for ids in message_ids for message_id in ids], failures


def not_exactly_once(pairs: list[tuple[str, str]], message_ids: list[str]) -> list[str]:
    """What is wrong with ``pairs`` against exactly one (message id, event type) per message and type."""
    counted = Counter(pairs)
    expected = {(message_id, kind) for message_id in message_ids for kind in EVENT_TYPES}
    missing = sorted(expected - counted.keys())
    repeated = sorted(pair for pair, count in counted.items() if count > 1)
    unexpected = sorted(counted.keys() - expected)
    return (
        [f"missing {pair}" for pair in missing[:5]]
        + [f"repeated {pair}" for pair in repeated[:5]]
        + [f"unexpected {pair}" for pair in unexpected[:5]]
    )


def test_eight_threads_send_four_thousand_messages_through_one_fake(ses: FakeSES) -> None:
    ses.verify("example.com")
    handle = ses.configuration_set("load", destinations=("sns", "cloudwatch"), events=list(EVENT_TYPES))
    credits = threading.Semaphore(IN_FLIGHT)
    consumer = Consumer(ses, handle.queue_url, credits)
    consumer.start()

    message_ids, failures = send_from_threads(ses, credits)
    consumer.senders_done.set()
    consumer.join(timeout=180)

    assert failures == []
    assert consumer.failure is None
    # Every send answered with its own id; the recorder holds exactly those messages, moto counted each once.
    assert len(message_ids) == len(set(message_ids)) == TOTAL
    recorded = ses.messages
    assert sorted(m.message_id or "" for m in recorded) == sorted(message_ids)
    assert all(m.accepted for m in recorded)
    assert ses.client("ses").get_send_quota()["SentLast24Hours"] == TOTAL
    # Every event recorded once, and published once to each destination.
    events = ses.events
    assert not_exactly_once([(e.message_id, e.event_type) for e in events], message_ids) == []
    publications = [p for e in events for p in e.publications]
    assert Counter((p.destination, p.delivered) for p in publications) == {
        ("sns", True): 2 * TOTAL,
        ("cloudwatch", True): 2 * TOTAL,
    }
    sns_message_ids = {p.detail.split()[2] for p in publications if p.destination == "sns"}
    assert len(sns_message_ids) == 2 * TOTAL
    # What arrived behind the destinations: each event once in SQS, each counted once in CloudWatch.
    assert not_exactly_once(consumer.records, message_ids) == []
    assert consumer.other_messages == ["Successfully validated SNS topic for Amazon SES event publishing."]
    left = ses.client("sqs").get_queue_attributes(QueueUrl=handle.queue_url, AttributeNames=["All"])["Attributes"]
    assert (left["ApproximateNumberOfMessages"], left["ApproximateNumberOfMessagesNotVisible"]) == ("0", "0")
    assert metric_sum(ses, "Send", LOAD_SET) == TOTAL
    assert metric_sum(ses, "Delivery", LOAD_SET) == TOTAL


# --- races found while writing the test above, each pinned on its own ----------------------------------
@pytest.fixture
def frequent_thread_switches() -> Iterator[None]:
    """Switch threads every microsecond instead of every 5 ms, so that races show up within a few hundred calls."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def churn_destinations(fake: FakeSES, set_name: str, rounds: int = 150) -> None:
    """Add and delete a destination ``rounds`` times, as a test's main thread might while workers send."""
    sesv2 = fake.client("sesv2")
    dimensions = [{"DimensionName": "d", "DimensionValueSource": "MESSAGE_TAG", "DefaultDimensionValue": "x"}]
    for number in range(rounds):
        sesv2.create_configuration_set_event_destination(
            ConfigurationSetName=set_name,
            EventDestinationName=f"extra{number}",
            EventDestination={
                "Enabled": True,
                "MatchingEventTypes": ["SEND", "DELIVERY"],
                "CloudWatchDestination": {"DimensionConfigurations": dimensions},
            },
        )
        sesv2.delete_configuration_set_event_destination(
            ConfigurationSetName=set_name, EventDestinationName=f"extra{number}"
        )


def run_alongside(work: Any, threads: int, churn: Any) -> list[BaseException]:
    """Repeat ``work`` in ``threads`` threads until ``churn`` returns; what the threads raised."""
    failures: list[BaseException] = []
    stop = threading.Event()

    def repeat() -> None:
        try:
            while not stop.is_set():
                work()
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=repeat) for _ in range(threads)]
    for worker in workers:
        worker.start()
    try:
        churn()
    finally:
        stop.set()
        for worker in workers:
            worker.join()
    return failures


@pytest.mark.usefixtures("frequent_thread_switches")
def test_sends_survive_destinations_being_added_and_deleted_meanwhile(ses: FakeSES) -> None:
    """Publishing used to iterate the set's live destination dict: 'dictionary changed size during iteration'."""
    ses.verify("example.com")
    ses.configuration_set("busy", destinations=("cloudwatch",))
    clients = threading.local()

    def send() -> None:
        if not hasattr(clients, "sesv2"):
            clients.sesv2 = thread_client(ses, "sesv2")
        clients.sesv2.send_email(
            FromEmailAddress="me@example.com",
            Destination={"ToAddresses": ["a@example.net"]},
            Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "b"}}}},
            ConfigurationSetName="busy",
        )

    failures = run_alongside(send, 3, lambda: churn_destinations(ses, "busy"))

    assert failures == []
    events = ses.events
    assert len(events) == 2 * len(ses.messages) > 0
    assert all([p.destination for p in e.publications][:1] == ["cloudwatch"] for e in events)


def test_an_open_survives_a_destination_deleted_while_it_checks_the_set(
    ses: FakeSES, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Engagement looked for an open destination by iterating the live dict: the same race, made to happen
    every time by letting another thread delete a destination in the middle of that loop."""
    ses.verify("example.com")
    ses.configuration_set(
        "busy",
        destinations=[
            {"kind": "cloudwatch", "name": "deliveries", "events": ["delivery"]},
            {"kind": "cloudwatch", "name": "doomed", "events": ["send"]},
            {"kind": "cloudwatch", "name": "opens", "events": ["open"]},
        ],
    )
    message_id = ses.client("sesv2").send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["a@example.net"]},
        Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Html": {"Data": "<p>b</p>"}}}},
        ConfigurationSetName="busy",
    )["MessageId"]
    original = EventDestination.matches

    def delete_doomed() -> None:
        ses.client("sesv2").delete_configuration_set_event_destination(
            ConfigurationSetName="busy", EventDestinationName="doomed"
        )

    def matches_while_another_thread_deletes(destination: EventDestination, event_type: EventType) -> bool:
        monkeypatch.setattr(EventDestination, "matches", original)  # only the first look is interrupted
        other = threading.Thread(target=delete_doomed)
        other.start()
        other.join()
        return original(destination, event_type)

    monkeypatch.setattr(EventDestination, "matches", matches_while_another_thread_deletes)

    event = ses.open(message_id)

    assert [p.destination for p in event.publications] == ["opens"]
    assert [s.destination for s in event.skipped] == ["deliveries"]
