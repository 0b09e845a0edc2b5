"""Who may take a free place on a course: pure functions, without Django.

A course has `places`. Until its quotas are released, each partner with a quota keeps
its quota of places for its own people and may hold no more (booking beyond it is
refused, not waitlisted); the partners without a quota share what the quotas leave.
Once released, every free place is open to all.

Worked example: 10 places, the pharmacy's quota 4, the council's quota 2, before the
release. The pharmacy has 1 booked, the council 2, others 3. Taken 6, left 4. The
pharmacy may take 3 more (its quota), the council none (at its quota: refused), and
the others 4 - 3 (the pharmacy's unused quota) = 1. After the release anyone may take
the 4 left.

`fill` is the waiting list moving up: in order (first come, first served), each
waiting person whose partner may take a free place gets one; someone whose partner
may not is passed over, keeping their position, for the next person whose partner
may.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class Standing:
    """A course's places as they stand: how many each partner holds (booked,
    attended or absent), the quotas (partner id -> places) and whether they are
    released."""

    places: int
    held: dict[int, int] = field(default_factory=dict)
    quotas: dict[int, int] = field(default_factory=dict)
    released: bool = False

    @property
    def taken(self) -> int:
        return sum(self.held.values())

    @property
    def left(self) -> int:
        return max(0, self.places - self.taken)

    def reserved_unused(self) -> int:
        """Places kept for partners with a quota that they have not taken yet."""
        if self.released:
            return 0
        return sum(max(0, quota - self.held.get(partner, 0)) for partner, quota in self.quotas.items())

    def at_quota(self, partner: int) -> bool:
        """The partner holds all its quota and may not book more until the release."""
        return (
            not self.released and partner in self.quotas and self.held.get(partner, 0) >= self.quotas[partner]
        )

    def free_for(self, partner: int) -> int:
        """How many places a person of `partner` could take now."""
        if self.released:
            return self.left
        if partner in self.quotas:
            return max(0, min(self.left, self.quotas[partner] - self.held.get(partner, 0)))
        return max(0, self.left - self.reserved_unused())

    def take(self, partner: int) -> None:
        self.held[partner] = self.held.get(partner, 0) + 1

    def give_back(self, partner: int) -> None:
        self.held[partner] = self.held.get(partner, 0) - 1


def fill(standing: Standing, waiting: Sequence[tuple[int, int]]) -> list[int]:
    """Move the waiting list up: `waiting` is (place id, partner id) in order; returns
    the ids given a place, in that order, and takes them in `standing`."""
    promoted = []
    for place, partner in waiting:
        if standing.left == 0:
            break
        if standing.free_for(partner) > 0:
            standing.take(partner)
            promoted.append(place)
    return promoted


def quotas_fit(places: int, quotas: Iterable[int]) -> bool:
    """The quotas together keep no more places than the course has."""
    return sum(quotas) <= places
