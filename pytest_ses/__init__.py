"""pytest-ses: Amazon SES configuration sets, event publishing and dedicated IP pools, faked in-process."""

from ._version import __version__
from .errors import AwsError, UsageError
from .fake import FakeSES

__all__ = ["AwsError", "FakeSES", "UsageError", "__version__"]
