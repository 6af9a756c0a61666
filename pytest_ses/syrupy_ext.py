"""A syrupy extension for SES activity: ``assert ses == snapshot(extension_class=SESActivityExtension)``.

It writes the same normalised JSON as the ``ses_snapshot`` fixture, under syrupy's own ``__snapshots__``
directory and update flag.  Importing this module needs syrupy (``pip install pytest-ses[syrupy]``).
"""

from __future__ import annotations

from typing import Any

from syrupy.extensions.json import JSONSnapshotExtension

from .core.recorder import Recorder
from .fake import FakeSES
from .snapshot import ses_activity


class SESActivityExtension(JSONSnapshotExtension):
    """Serialises a ``FakeSES`` (or its recorder) as its normalised activity; other data as plain JSON.

    Pass ``ses_activity(ses, include=...)`` instead of ``ses`` to keep only some parts of each message.
    """

    def serialize(self, data: Any, **options: Any) -> Any:
        if isinstance(data, FakeSES | Recorder):
            data = ses_activity(data)
        return super().serialize(data, **options)
