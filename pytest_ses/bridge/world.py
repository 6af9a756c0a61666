"""The rest of the fake AWS account as the core sees it, read from and written to moto's backends."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from email.utils import formataddr, getaddresses, parseaddr
from typing import Any

from moto.ses.models import Message, RawMessage, TemplateMessage, ses_backends
from moto.sns.models import sns_backends

from ..core.sending.mime import bare_address, header_value
from ..core.sending.outcomes import is_simulator
from . import delivery

_SENT_LOCK = threading.Lock()


class MotoWorld:
    """Answers the core's questions about topics and identities, and carries out deliveries, for one request."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region

    @property
    def _ses(self) -> Any:
        return ses_backends[self.account_id][self.region]

    def sns_topic_exists(self, topic_arn: str) -> bool:
        parts = delivery.arn_parts(topic_arn)
        if parts is None:
            return False
        try:
            return topic_arn in sns_backends[parts[0]][parts[1]].topics
        except (KeyError, ValueError):
            return False

    def identity_exists(self, identity: str) -> bool:
        return identity in self._ses.email_identities

    def verified_identity(self, address: str) -> str | None:
        identities = self._ses.email_identities
        bare = bare_address(address)
        if bare in identities:
            return bare
        # Domain names are case-insensitive: v1 stores them lowered, v2 as created.
        domain = bare.rpartition("@")[2].lower()
        return next((name for name in identities if "@" not in name and name.lower() == domain), None)

    def deliver(self, kind: str, target: str, payload: str, headline: str) -> tuple[bool, str]:
        return delivery.deliver(kind, target, payload, headline, self.account_id, self.region)

    def notification_topic(self, identity: str, notification_type: str) -> str | None:
        topics = self._ses.sns_topics.get(identity, {})
        topic = topics.get(notification_type)
        return str(topic) if topic else None

    def contact_preferences(self, contact_list: str, address: str) -> tuple[bool, dict[str, str]] | None:
        found = self._ses.contacts_lists.get(contact_list)
        if found is None:
            return None
        statuses = {
            str(topic.get("TopicName")): str(topic.get("DefaultSubscriptionStatus", "OPT_IN"))
            for topic in found.topics
            if isinstance(topic, Mapping)
        }
        contact = found.contacts.get(address)
        if contact is None:
            return False, statuses
        for preference in contact.topic_preferences or []:
            if isinstance(preference, Mapping) and preference.get("TopicName") in statuses:
                statuses[str(preference["TopicName"])] = str(preference.get("SubscriptionStatus", "OPT_IN"))
        return bool(contact.unsubscribe_all), statuses

    def set_contact_preferences(
        self, contact_list: str, address: str, unsubscribe_all: bool, topics: Mapping[str, str]
    ) -> None:
        found = self._ses.contacts_lists.get(contact_list)
        contact = found.contacts.get(address) if found is not None else None
        if contact is None:
            return
        kept = [
            p
            for p in contact.topic_preferences or []
            if isinstance(p, Mapping) and p.get("TopicName") not in topics
        ]
        changed = [{"TopicName": name, "SubscriptionStatus": status} for name, status in topics.items()]
        found.update_contact(address, {"UnsubscribeAll": unsubscribe_all, "TopicPreferences": kept + changed})

    def store_sent(self, sent: Mapping[str, Any]) -> None:
        """Keep the message in moto's ``sent_messages`` (and its counters), as moto's own sends would."""
        backend = self._ses
        message_id = str(sent["message_id"])
        if sent.get("raw") is not None:
            source, recipients = _moto_raw_addresses(
                sent["raw_headers"], sent["source"], list(sent["destinations"])
            )
            stored: Any = RawMessage(message_id, source, recipients, sent["raw"])
        elif sent.get("template") is not None:
            destinations = {"ToAddresses": sent["to"], "CcAddresses": sent["cc"], "BccAddresses": sent["bcc"]}
            stored = TemplateMessage(
                message_id, sent["source"], sent["template"], sent["template_data"], destinations
            )
        else:
            destinations = {"ToAddresses": sent["to"], "CcAddresses": sent["cc"], "BccAddresses": sent["bcc"]}
            stored = Message(message_id, sent["source"], sent["subject"], sent["body"], destinations)
        # The mailbox simulator does not count against the sending quota (DG send-an-email-from-console).
        counted = [d for d in sent["destinations"] if not is_simulator(bare_address(d))]
        with _SENT_LOCK:  # concurrent sends must not lose a count (``+=`` is a read and a write)
            backend.sent_messages.append(stored)
            backend.sent_message_count += len(counted)


def _moto_raw_addresses(
    headers: Sequence[tuple[str, str]], source: str, recipients: list[str]
) -> tuple[str, list[str]]:
    """Source and recipients in the shape moto keeps for raw mail taken from the headers.

    moto stores a From-header sender as the bare address and header recipients with their display
    names; tests reading ``sent_messages`` expect that.  Explicit parameters are kept as given.
    """
    if source == header_value(headers, "From"):
        source = parseaddr(source)[1] or source
    values = [value for name in ("To", "CC", "BCC") if (value := header_value(headers, name)) is not None]
    formatted = [formataddr(pair) for pair in getaddresses(values) if pair[1]]
    if [parseaddr(address)[1] for address in formatted] == recipients:
        recipients = formatted
    return source, recipients
