"""AWS's error codes and texts for the control plane, in one place.

Texts marked *recorded* were captured from real SES; the others follow AWS's documented wording as
closely as the sources allow and are listed in docs/aws-fidelity.md.
"""

from __future__ import annotations

from ...errors import AwsError


# --- v1 (query protocol, HTTP 400, Type Sender) -------------------------------------------------
def v1_set_not_found(name: str) -> AwsError:
    """Recorded."""
    return AwsError("ConfigurationSetDoesNotExist", f"Configuration set <{name}> does not exist.")


def v1_set_exists(name: str) -> AwsError:
    return AwsError("ConfigurationSetAlreadyExists", f"Configuration set <{name}> already exists.")


def v1_invalid_set(message: str) -> AwsError:
    return AwsError("InvalidConfigurationSet", message)


def v1_destination_not_found(set_name: str) -> AwsError:
    """Recorded: AWS names the configuration set, not the destination."""
    return AwsError("EventDestinationDoesNotExist", f"No EventDestination found for {set_name}")


def v1_destination_exists(destination: str, set_name: str) -> AwsError:
    return AwsError(
        "EventDestinationAlreadyExists",
        f"Event destination {destination} already exists in configuration set {set_name}.",
    )


def invalid_sns_destination(topic_arn: str) -> AwsError:
    """Recorded."""
    return AwsError("InvalidSNSDestination", f"SNS topic <{topic_arn}> not found.")


def v1_limit(message: str) -> AwsError:
    return AwsError("LimitExceeded", message)


def invalid_parameter(message: str) -> AwsError:
    return AwsError("InvalidParameterValue", message)


def validation(message: str) -> AwsError:
    return AwsError("ValidationError", message)


# --- v2 (rest-json) ------------------------------------------------------------------------------
def v2_not_found(message: str) -> AwsError:
    return AwsError("NotFoundException", message, 404)


def v2_set_not_found(name: str) -> AwsError:
    return v2_not_found(f"Configuration set <{name}> does not exist.")


def v2_exists(message: str) -> AwsError:
    return AwsError("AlreadyExistsException", message)


def v2_bad_request(message: str) -> AwsError:
    return AwsError("BadRequestException", message)


def v2_limit(message: str) -> AwsError:
    return AwsError("LimitExceededException", message)
