"""Who works with whom: one shape for both networks the radar shows.

The health check's network is *reported*: each partner organisation says which
partners it worked with and rates them (health/). The activity network is
*observed*: ties taken from what partners did together, co-attendance, replies,
shared actions, bookings (activity/). Both are a `Network`, so one picture and one
table alternative draw either, and one pair of formulas (measures.py) measures them.
"""

import math
from dataclasses import dataclass, field

from .measures import degree_centralisation, density


@dataclass(frozen=True)
class Node:
    """A partner organisation: `key` is its organisation's uuid as text, `label` its
    name. `trust` and `value` are the means of the ratings it received (1-4), or None
    where none may be shown (too few raters, or an observed network)."""

    key: str
    label: str
    trust: float | None = None
    value: float | None = None


@dataclass(frozen=True)
class Tie:
    """An undirected tie between two nodes' keys; `weight` counts what joined them
    (ratings given either way, or interactions observed)."""

    a: str
    b: str
    weight: float = 1.0


@dataclass(frozen=True)
class Network:
    nodes: tuple[Node, ...] = ()
    ties: tuple[Tie, ...] = ()
    # What the network is drawn from, for the page ("Reported in the health check of
    # March 2027", "Observed in activity, January to June 2027").
    caption: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def density(self) -> float:
        return density(len(self.nodes), [(t.a, t.b) for t in self.ties])

    @property
    def centralisation(self) -> float:
        return degree_centralisation(len(self.nodes), [(t.a, t.b) for t in self.ties])

    def degree(self, key: str) -> int:
        """How many distinct partners the node `key` is tied to."""
        return len({t.b if t.a == key else t.a for t in self.ties if key in (t.a, t.b) and t.a != t.b})


def circle_layout(
    network: Network, *, size: float = 320.0, margin: float = 48.0
) -> dict[str, tuple[float, float]]:
    """Where to draw each node in a square picture of side `size`: evenly round a
    circle, in the order of `network.nodes` (so the same partnership always looks the
    same), the first at the top."""
    count = len(network.nodes)
    centre = size / 2
    radius = centre - margin
    if count == 1:
        return {network.nodes[0].key: (centre, centre)}
    return {
        node.key: (
            round(centre + radius * math.sin(2 * math.pi * i / count), 1),
            round(centre - radius * math.cos(2 * math.pi * i / count), 1),
        )
        for i, node in enumerate(network.nodes)
    }
