"""Registering a user sends the welcome email through the transactional configuration set."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .infrastructure import CONFIGURATION_SET
from .users import User, UserStore

WELCOME_SUBJECT = "Welcome aboard"


class SignupService:
    def __init__(self, users: UserStore, sesv2: Any, sender: str) -> None:
        self.users = users
        self.sesv2 = sesv2
        self.sender = sender

    def signup(self, email: str) -> User:
        user = self.users.add(email)
        try:
            self.sesv2.send_email(
                FromEmailAddress=self.sender,
                Destination={"ToAddresses": [user.email]},
                Content={
                    "Simple": {
                        "Subject": {"Data": WELCOME_SUBJECT},
                        "Body": {
                            "Text": {"Data": f"Hello {user.email}, thanks for signing up."},
                            "Html": {"Data": f"<p>Hello {user.email}, thanks for signing up.</p>"},
                        },
                    }
                },
                ConfigurationSetName=CONFIGURATION_SET,
                EmailTags=[{"Name": "flow", "Value": "signup"}],
            )
        except ClientError as error:
            # Paused sending is temporary: keep the user, retry the welcome later.
            if error.response["Error"]["Code"] != "SendingPausedException":
                raise
            return user
        user.welcome_sent = True
        return user
