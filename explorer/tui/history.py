"""The way taken: places visited by following links, so Backspace can return exactly."""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.tui.listview import ListState


@dataclass(frozen=True)
class Place:
    """Where the person was: the tab, its list's state, the item in the detail and the line."""

    tab: str
    state: ListState
    item: str | None
    line: int | None = None


@dataclass
class History:
    """A stack of places; the breadcrumb reads it bottom to top."""

    places: list[Place] = field(default_factory=list)
    limit: int = 200

    def push(self, place: Place) -> None:
        self.places.append(place)
        del self.places[: -self.limit]

    def pop(self) -> Place | None:
        return self.places.pop() if self.places else None

    def clear(self) -> None:
        self.places.clear()

    def __len__(self) -> int:
        return len(self.places)

    def items(self) -> list[str | None]:
        return [place.item for place in self.places]
