"""Wire the application to the fake SES: the app's own provisioning code, real boto3 clients."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from signup_app.feedback import FeedbackConsumer
from signup_app.infrastructure import Infrastructure, provision
from signup_app.signup import SignupService
from signup_app.users import UserStore

from pytest_ses import FakeSES

SENDER = "hello@shop.example"


@dataclass
class App:
    infrastructure: Infrastructure
    users: UserStore
    signups: SignupService
    feedback: FeedbackConsumer


@pytest.fixture
def app(ses: FakeSES) -> App:
    sqs = ses.client("sqs")
    infrastructure = provision(ses.client("sesv2"), ses.client("sns"), sqs, sender_domain="shop.example")
    users = UserStore()
    return App(
        infrastructure,
        users,
        SignupService(users, ses.client("sesv2"), sender=SENDER),
        FeedbackConsumer(sqs, infrastructure.queue_url, users),
    )
