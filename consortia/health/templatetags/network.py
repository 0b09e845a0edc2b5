"""`{% network_figure network heading_id %}`: a picture of who works with whom, with
its table alternative, for either network (the reported one of the health check and
the observed one of the activity signals)."""

from typing import Any

from django import template

from consortia.health.network import Network, circle_layout

register = template.Library()

SIZE = 320.0


def _label_place(x: float, y: float) -> dict[str, Any]:
    """Where a node's name goes: beside it, away from the circle's centre (left of
    the nodes on the left, right of those on the right, above or below those at the
    top and bottom), so neighbouring names do not run into each other."""
    centre = SIZE / 2
    if abs(x - centre) < SIZE / 10:
        return {"lx": x, "ly": y - 16 if y < centre else y + 26, "anchor": "middle"}
    return {"lx": x - 14 if x < centre else x + 14, "ly": y + 5, "anchor": "end" if x < centre else "start"}


@register.inclusion_tag("health/partials/network.html")
def network_figure(network: Network, figure_id: str) -> dict[str, Any]:
    positions = circle_layout(network, size=SIZE)
    labels = {node.key: node.label for node in network.nodes}
    top = max((t.weight for t in network.ties), default=1.0) or 1.0
    lines = [
        {
            "x1": positions[t.a][0],
            "y1": positions[t.a][1],
            "x2": positions[t.b][0],
            "y2": positions[t.b][1],
            "width": round(1 + 4 * t.weight / top, 1),
        }
        for t in network.ties
        if t.a in positions and t.b in positions
    ]
    nodes = [
        {"node": node, "x": x, "y": y, "degree": network.degree(node.key), **_label_place(x, y)}
        for node in network.nodes
        for x, y in [positions[node.key]]
    ]
    ties = sorted(
        ({"a": labels.get(t.a, "?"), "b": labels.get(t.b, "?"), "weight": t.weight} for t in network.ties),
        key=lambda tie: (tie["a"], tie["b"]),
    )
    return {
        "network": network,
        "figure_id": figure_id,
        "size": int(SIZE),
        "lines": lines,
        "nodes": nodes,
        "ties": ties,
        "rated": any(node.trust is not None or node.value is not None for node in network.nodes),
    }
