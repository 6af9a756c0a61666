"""``ses.messages`` and ``ses.events``: immutable snapshots of the record, queried with the matching vocabulary."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from . import render
from .core.records import EventRecord, MessageRecord
from .matching import Check, event_checks, matches, message_checks

T = TypeVar("T")


class _Records(Sequence[T], Generic[T]):
    """A tuple-like view with ``filter``, ``one`` and ``last``, in the style of pytest's ``caplog``."""

    _noun = "record"

    def __init__(self, items: tuple[T, ...]) -> None:
        self._items: tuple[T, ...] = items

    def _checks(self, item: T, criteria: dict[str, Any]) -> list[Check]:
        raise NotImplementedError

    def _describe(self, item: T) -> str:
        raise NotImplementedError

    def _new(self, items: tuple[T, ...]) -> _Records[T]:
        return type(self)(items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> _Records[T]: ...

    def __getitem__(self, index: int | slice) -> T | _Records[T]:
        if isinstance(index, slice):
            return self._new(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Records):
            return self._items == other._items
        if isinstance(other, list | tuple):
            return list(self._items) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        noun = self._noun if len(self) == 1 else f"{self._noun}s"
        if not self._items:
            return f"<0 {noun}>"
        lines = "\n".join(f"  {self._describe(item)}" for item in self._items)
        return f"<{len(self)} {noun}:\n{lines}>"

    def filter(self, predicate: Callable[[T], bool] | None = None, **criteria: Any) -> _Records[T]:
        """The records matching every criterion (and ``predicate`` if given)."""
        return self._new(
            tuple(
                item
                for item in self._items
                if matches(self._checks(item, criteria)) and (predicate is None or predicate(item))
            )
        )

    def one(self, **criteria: Any) -> T:
        """The single matching record; fails, listing what there is, on none or several."""
        __tracebackhide__ = True
        found = self.filter(**criteria)
        if len(found) == 1:
            return found[0]
        noun = self._noun
        if not found:
            if not self._items:
                raise AssertionError(f"No {noun}s were recorded")
            scored = [(item, self._checks(item, criteria)) for item in self._items]
            raise AssertionError(
                f"No {noun} matches {render.criteria(criteria)}.\n"
                + render.near_misses(f"{noun}s", scored, self._describe)
            )
        wanted = (
            f"{len(found)} {noun}s match {render.criteria(criteria)}"
            if criteria
            else f"{len(found)} {noun}s were recorded"
        )
        raise AssertionError(
            f"{wanted}; expected exactly one. Refine the criteria or use .filter()"
            + render.listing(self._describe(item) for item in found)
        )

    @property
    def last(self) -> T:
        """The most recent record."""
        __tracebackhide__ = True
        if not self._items:
            raise AssertionError(f"No {self._noun}s were recorded")
        return self._items[-1]


class Messages(_Records[MessageRecord]):
    """Every send attempt, accepted or rejected, oldest first."""

    _noun = "message"

    def _checks(self, item: MessageRecord, criteria: dict[str, Any]) -> list[Check]:
        return message_checks(item, criteria)

    def _describe(self, item: MessageRecord) -> str:
        return render.message_line(item)


class Events(_Records[EventRecord]):
    """Every event SES generated, oldest first, with where each one went."""

    _noun = "event"

    def _checks(self, item: EventRecord, criteria: dict[str, Any]) -> list[Check]:
        return event_checks(item, criteria)

    def _describe(self, item: EventRecord) -> str:
        return render.event_line(item)
