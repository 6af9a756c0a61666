"""Decide whether SES accepts a send, and under which rules: everything that happens before a message id.

Checks run in this order (the order SES documents its errors in, where it documents one): account pause,
sender verification, configuration set, set pause, message tags, template, IP pool.
Each check adds a ``RuleDecision`` so a test can read why a message was treated as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ...errors import AwsError
from ..model import (
    DEFAULT_DEDICATED_POOL,
    RESERVED_POOLS,
    SHARED_POOL,
    SHARED_POOL_IPS,
    ConfigurationSet,
    Template,
)
from ..records import RuleDecision
from ..store import Store
from . import mime, tags
from .request import SendRequest


class Rejected(Exception):
    """A send SES refuses: the AWS error, and the rules applied until then (for the record)."""

    def __init__(self, error: AwsError, rules: list[RuleDecision], set_name: str | None, set_source: str | None):
        super().__init__(error.message)
        self.error = error
        self.rules = rules
        self.set_name = set_name
        self.set_source = set_source


@dataclass
class Plan:
    """The accepted send, fully decided: set, identity, headers, tags, template, pool and IP."""

    identity: str
    headers: list[mime.Header]
    config_set: ConfigurationSet | None = None
    set_source: str | None = None
    tags: list[tuple[str, str]] = field(default_factory=list)
    template: Template | None = None
    pool: str = SHARED_POOL
    pool_ips: tuple[str, ...] = SHARED_POOL_IPS
    rules: list[RuleDecision] = field(default_factory=list)

    def outgoing_ip(self, message_id: str) -> str:
        """A stable choice among the pool's addresses, keyed by the message id."""
        digest = int(hashlib.sha256(message_id.encode()).hexdigest(), 16)
        return sorted(self.pool_ips)[digest % len(self.pool_ips)]


def _paused(api: str, account: bool, name: str = "") -> AwsError:
    if api == "v2":
        what = "your account" if account else f"configuration set {name}"
        status = "AccountSendingPaused" if account else "ConfigurationSetSendingPaused"
        return AwsError("SendingPausedException", f"Email sending is disabled for {what}.", bulk_status=status)
    if account:
        return AwsError(
            "AccountSendingPausedException",
            "Email sending is disabled for your entire Amazon SES account.",
            bulk_status="AccountSendingPaused",
        )
    return AwsError(
        "ConfigurationSetSendingPausedException",
        f"Email sending is disabled for configuration set <{name}>.",
        bulk_status="ConfigurationSetSendingPaused",
    )


def _missing_set(api: str, name: str) -> AwsError:
    message = f"Configuration set <{name}> does not exist."
    if api == "v2":
        return AwsError("NotFoundException", message, 404, bulk_status="ConfigurationSetDoesNotExist")
    return AwsError("ConfigurationSetDoesNotExist", message, bulk_status="ConfigurationSetDoesNotExist")


def plan(
    store: Store, request: SendRequest, verified_identity: str | None, unverified_from: tuple[str, ...] = ()
) -> Plan:
    """Apply the account's and the set's rules; raise ``Rejected`` when SES would refuse the call.

    ``unverified_from``: addresses of a raw message's From header that are not verified identities.
    """
    rules: list[RuleDecision] = []
    set_name: str | None = None
    set_source: str | None = None

    def refuse(error: AwsError) -> Rejected:
        return Rejected(error, rules, set_name, set_source)

    _check_addresses(request)
    if not store.account.sending_enabled:
        rules.append(RuleDecision("account-sending", "paused", "sending is disabled for the account"))
        raise refuse(_paused(request.api, account=True))
    rules.append(RuleDecision("account-sending", "enabled", "sending is enabled for the account"))

    sender = mime.bare_address(request.source)
    failed = [*unverified_from, *([sender] if verified_identity is None else [])]
    if failed:
        listed = ", ".join(failed)
        verb = "is not a verified identity" if len(failed) == 1 else "are not verified identities"
        rules.append(RuleDecision("identity", "not verified", f"{listed} {verb}"))
        raise refuse(
            AwsError(
                "MessageRejected",
                "Email address is not verified. The following identities failed the check in region "
                f"{store.region.upper()}: {listed}",
            )
        )
    assert verified_identity is not None  # refused above otherwise
    rules.append(
        RuleDecision("identity", "verified", f"{sender} is verified through identity {verified_identity}")
    )

    headers = _submitted_headers(request)
    set_name, set_source, how = _resolve_set_name(store, request, headers, verified_identity)
    config_set: ConfigurationSet | None = None
    if set_name is None:
        rules.append(RuleDecision("configuration-set", "none", how))
    else:
        config_set = store.sets.get(set_name)
        if config_set is None:
            rules.append(RuleDecision("configuration-set", set_name, f"{how}, but the set does not exist"))
            if set_source == "identity-default":
                code = "BadRequestException" if request.api == "v2" else "ConfigurationSetDoesNotExist"
                message = f"Configuration set <{set_name}> does not exist."
                raise refuse(AwsError(code, message, bulk_status="ConfigurationSetDoesNotExist"))
            raise refuse(_missing_set(request.api, set_name))
        rules.append(RuleDecision("configuration-set", set_name, how))
        if not config_set.sending_enabled:
            rules.append(
                RuleDecision("sending", "paused", f"sending is disabled for configuration set {set_name}")
            )
            raise refuse(_paused(request.api, account=False, name=set_name))
        rules.append(RuleDecision("sending", "enabled", f"sending is enabled for configuration set {set_name}"))

    try:
        message_tags, tag_reason = _message_tags(request, headers)
    except AwsError as error:
        rules.append(RuleDecision("message-tags", "invalid", error.message))
        # v2 has no InvalidParameterValue: its parameter errors are BadRequestException (same text).
        code = "BadRequestException" if request.api == "v2" else error.code
        raise refuse(AwsError(code, error.message, bulk_status="InvalidParameterValue")) from None
    rules.append(RuleDecision("message-tags", str(len(message_tags)), tag_reason))

    template = _template(store, request)
    if request.templated and template is None:
        name = request.template_name or ""
        rules.append(RuleDecision("template", "missing", f"template {name} does not exist"))
        code, status = ("NotFoundException", 404) if request.api == "v2" else ("TemplateDoesNotExist", 400)
        raise refuse(AwsError(code, f"Template {name} does not exist.", status))

    result = Plan(verified_identity, headers, config_set, set_source if set_name else None, message_tags, template)
    result.rules = rules
    try:
        _choose_pool(store, result, request.api)
    except AwsError as error:
        raise refuse(error) from None
    _record_set_options(result)
    return result


MAX_RECIPIENTS = 50


def _check_addresses(request: SendRequest) -> None:
    """Parameter validation that precedes every rule: recipient count, address syntax, some recipient."""
    recipients = request.recipients
    code = "BadRequestException" if request.api == "v2" else "InvalidParameterValue"
    if len(recipients) > MAX_RECIPIENTS:
        # Text seen from real SES v1 (doubleunion/arooo issue #243; over SMTP "554 Transaction failed: ...").
        error = AwsError(code, f"Recipient count exceeds {MAX_RECIPIENTS}.", bulk_status="InvalidParameterValue")
        raise Rejected(error, [], None, None)
    for address in (request.source, *recipients):
        bare = mime.bare_address(address)
        local, at, domain = bare.rpartition("@")
        problem = "Missing final '@domain'" if not at or not domain or not local else _address_problem(address)
        if problem:
            raise Rejected(AwsError(code, problem, bulk_status="InvalidParameterValue"), [], None, None)
    if not recipients:
        raise Rejected(_no_recipients(request), [], None, None)


def _no_recipients(request: SendRequest) -> AwsError:
    if request.api == "v1" and request.raw is not None:
        # Seen from real SES v1 for raw mail with neither Destinations nor a To header (aristidb/aws #73).
        return AwsError(
            "InvalidParameterValue", "Missing required header 'To'.", bulk_status="InvalidParameterValue"
        )
    # The text is the developer guide's ("Amazon SES email sending errors"); the code is inferred from the API
    # reference, which says a message without a recipient "is rejected".
    return AwsError("MessageRejected", "There are no recipients specified", bulk_status="MessageRejected")


def _address_problem(address: str) -> str | None:
    """What SES says about an address with whitespace, control or non-ASCII characters (``None``: nothing).

    SES has no SMTPUTF8: addresses are 7-bit ASCII, a Unicode domain must be Punycode.  Texts seen from
    real SES v1: whitespace or non-ASCII in the local part (openstax/accounts #253, egulias/EmailValidator
    #414), non-ASCII in the domain (18F/identity-idp #7380), whitespace in the domain (GoodDollar #3730).
    """
    spec = address.strip()
    if spec.endswith(">") and "<" in spec:  # "Name <local@domain>": the display name may be anything
        spec = spec[spec.rindex("<") + 1 : -1]
    local, _, domain = spec.rpartition("@")
    if any(not (32 < ord(c) < 127) for c in local):
        return "Local address contains control or whitespace"
    if any(ord(c) <= 32 or ord(c) == 127 for c in domain):
        return "Domain contains control or whitespace"
    if any(ord(c) > 127 for c in domain):
        return "Domain contains illegal character"
    return None


def _submitted_headers(request: SendRequest) -> list[mime.Header]:
    if request.raw is not None:
        return list(request.raw_headers)
    if request.templated:
        headers: list[mime.Header] = [("From", request.source)]
        if request.to:
            headers.append(("To", ", ".join(request.to)))
        if request.cc:
            headers.append(("CC", ", ".join(request.cc)))
        headers.append(("MIME-Version", "1.0"))
        return headers + list(request.extra_headers)
    built = mime.simple_headers(
        request.source,
        list(request.to),
        list(request.cc),
        list(request.reply_to),
        request.subject,
        request.text,
        request.html,
    )
    return built + list(request.extra_headers)


def _resolve_set_name(
    store: Store, request: SendRequest, headers: list[mime.Header], identity: str
) -> tuple[str | None, str | None, str]:
    """Parameter, then the ``X-SES-CONFIGURATION-SET`` header, then the sending identity's default set.

    The sending identity is the address when it is itself verified, else its domain: so an address
    default beats a domain default, and a verified address without a default does not inherit the
    domain's (DG managing-configuration-sets: the domain default applies "unless you verify specific
    addresses for the domain").
    """
    if request.configuration_set:
        return request.configuration_set, "parameter", "from the ConfigurationSetName parameter"
    header = mime.header_value(headers, mime.CONFIGURATION_SET_HEADER) if request.raw is not None else None
    if header:
        return header.strip(), "header", f"from the {mime.CONFIGURATION_SET_HEADER} header"
    default = store.identity_defaults.get(identity)
    if default:
        return default, "identity-default", f"default configuration set of identity {identity}"
    return None, None, "no configuration set named and no identity default"


def _message_tags(request: SendRequest, headers: list[mime.Header]) -> tuple[list[tuple[str, str]], str]:
    """API tags win over the header; the two are never merged."""
    header = mime.header_value(headers, mime.MESSAGE_TAGS_HEADER) if request.raw is not None else None
    if request.tags is not None:
        ignored = f" ({mime.MESSAGE_TAGS_HEADER} header ignored)" if header else ""
        return tags.validate(request.tags), f"from the tags parameter{ignored}"
    if header:
        return tags.validate(tags.from_header(header)), f"from the {mime.MESSAGE_TAGS_HEADER} header"
    return [], "no message tags"


def _template(store: Store, request: SendRequest) -> Template | None:
    if request.inline_template is not None:
        return request.inline_template
    if request.template_name is None:
        return None
    return store.templates.get(request.template_name)


def _choose_pool(store: Store, result: Plan, api: str) -> None:
    config_set = result.config_set
    named = config_set.sending_pool_name if config_set else None
    if named and named not in RESERVED_POOLS and named not in store.pools:
        result.rules.append(RuleDecision("ip-pool", named, f"sending pool {named} does not exist"))
        code = "BadRequestException" if api == "v2" else "MessageRejected"
        raise AwsError(code, f"Sending pool <{named}> does not exist.", bulk_status="InvalidSendingPoolName")
    dedicated_default = store.ips_in_pool(DEFAULT_DEDICATED_POOL)
    if named == SHARED_POOL or (not named and not dedicated_default):
        why = (
            f"SendingPoolName of set {config_set.name}"
            if named and config_set
            else "the account has no dedicated IPs"
        )
        result.pool, result.pool_ips = SHARED_POOL, SHARED_POOL_IPS
        result.rules.append(RuleDecision("ip-pool", SHARED_POOL, why))
        return
    pool = named or DEFAULT_DEDICATED_POOL
    ips = tuple(ip.ip for ip in store.ips_in_pool(pool))
    if named and config_set is not None:
        why = f"SendingPoolName of set {config_set.name}"
    elif config_set is not None:
        why = "no pool on the configuration set; the account has dedicated IPs"
    else:
        why = "no configuration set; the account has dedicated IPs"
    if not ips:
        result.pool, result.pool_ips = pool, SHARED_POOL_IPS
        result.rules.append(RuleDecision("ip-pool", pool, f"{why}; the pool has no IPs, so shared IPs are used"))
        return
    result.pool, result.pool_ips = pool, ips
    result.rules.append(RuleDecision("ip-pool", pool, why))


def _record_set_options(result: Plan) -> None:
    """Options that change how SES handles the mail but not whether events happen: logged for the test."""
    config_set = result.config_set
    if config_set is None:
        return
    rules = result.rules
    rules.append(RuleDecision("tls", config_set.tls_policy, f"TlsPolicy of configuration set {config_set.name}"))
    if config_set.max_delivery_seconds is not None:
        rules.append(
            RuleDecision("max-delivery", str(config_set.max_delivery_seconds), "MaxDeliverySeconds of the set")
        )
    if config_set.tracking is not None:
        rules.append(
            RuleDecision(
                "tracking",
                config_set.tracking.custom_redirect_domain,
                f"custom redirect domain, HttpsPolicy {config_set.tracking.https_policy or 'OPTIONAL'}",
            )
        )
    else:
        rules.append(RuleDecision("tracking", "default", "open and click links use the SES tracking domain"))
    rules.append(
        RuleDecision(
            "reputation",
            "on" if config_set.reputation_metrics_enabled else "off",
            "reputation metrics of the set "
            + ("are published" if config_set.reputation_metrics_enabled else "are off"),
        )
    )
    if config_set.vdm_options is not None:
        rules.append(RuleDecision("vdm", "set", f"VdmOptions {config_set.vdm_options}"))
    if config_set.archive_arn:
        rules.append(RuleDecision("archiving", config_set.archive_arn, "the message is archived"))
