"""Consume SES events from the feedback queue: stop mailing addresses that bounce for good or complain."""

from __future__ import annotations

import json
from typing import Any

from .users import UserStore


class FeedbackConsumer:
    def __init__(self, sqs: Any, queue_url: str, users: UserStore) -> None:
        self.sqs = sqs
        self.queue_url = queue_url
        self.users = users

    def poll(self) -> int:
        """Handle every waiting event; returns how many events were read.

        SES's one-off "Successfully validated SNS topic" text (sent when the destination was created) is not
        an event: it is consumed and skipped."""
        handled = 0
        while True:
            messages = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10).get(
                "Messages", []
            )
            if not messages:
                return handled
            for message in messages:
                envelope = json.loads(message["Body"])
                payload = envelope.get("Message", "")
                if payload.startswith("{"):
                    self.handle(json.loads(payload))
                    handled += 1
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])

    def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("eventType")
        if kind == "Bounce" and event["bounce"]["bounceType"] == "Permanent":
            for recipient in event["bounce"]["bouncedRecipients"]:
                self.users.disable_mail(recipient["emailAddress"], f"bounce: {event['bounce']['bounceSubType']}")
        elif kind == "Complaint":
            for recipient in event["complaint"]["complainedRecipients"]:
                self.users.disable_mail(recipient["emailAddress"], "complaint")
