"""The rest of the fake AWS account as the core sees it, read from moto's backends."""

from __future__ import annotations

from moto.ses.models import ses_backends
from moto.sns.models import sns_backends


def _arn_parts(arn: str) -> tuple[str, str] | None:
    parts = arn.split(":")
    if len(parts) < 6 or parts[0] != "arn":
        return None
    return parts[4], parts[3]


class MotoWorld:
    """Answers the core's questions about SNS topics and SES identities for one request."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region

    def sns_topic_exists(self, topic_arn: str) -> bool:
        parts = _arn_parts(topic_arn)
        if parts is None:
            return False
        account, region = parts
        try:
            return topic_arn in sns_backends[account][region].topics
        except (KeyError, ValueError):
            return False

    def identity_exists(self, identity: str) -> bool:
        return identity in ses_backends[self.account_id][self.region].email_identities
