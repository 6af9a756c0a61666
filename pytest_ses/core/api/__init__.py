"""The SES control-plane operations, as functions from request parameters to response dicts.

Parameters arrive as boto3 would pass them (``ConfigurationSetName=...``); responses are AWS-shaped
dicts (datetimes left as ``datetime``; the bridge serialises per protocol).  Failures are ``AwsError``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .context import Handler
from .send_v1 import OPERATIONS as _SEND_V1
from .send_v2 import OPERATIONS as _SEND_V2
from .templates import V1_OPERATIONS as _TEMPLATES_V1
from .templates import V2_OPERATIONS as _TEMPLATES_V2
from .v1 import OPERATIONS as _V1
from .v1_identities import OPERATIONS as _V1_IDENTITIES
from .v2_account import OPERATIONS as _V2_ACCOUNT
from .v2_destinations import OPERATIONS as _V2_DESTINATIONS
from .v2_identities import OPERATIONS as _V2_IDENTITIES
from .v2_pools import OPERATIONS as _V2_POOLS
from .v2_set_options import OPERATIONS as _V2_SET_OPTIONS
from .v2_sets import OPERATIONS as _V2_SETS
from .v2_tags import OPERATIONS as _V2_TAGS


def operations(service: str) -> Mapping[str, Handler]:
    """Handlers by operation name (``CreateConfigurationSet``) for ``ses`` or ``sesv2``."""
    if service == "ses":
        return {**_V1, **_SEND_V1, **_V1_IDENTITIES, **_TEMPLATES_V1}
    return {
        **_SEND_V2,
        **_V2_SETS,
        **_V2_SET_OPTIONS,
        **_V2_DESTINATIONS,
        **_V2_TAGS,
        **_V2_POOLS,
        **_V2_ACCOUNT,
        **_V2_IDENTITIES,
        **_TEMPLATES_V2,
    }
