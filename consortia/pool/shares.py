"""Fair shares, as pure functions: each partner's share of what the partnership is
given, of what it hands out, and of its say, and the elephant factor.

Unequal contributions feed the feeling that roles are not equal, one of the named
causes of collaborative inertia, so the page puts the three shares side by side and
says so in a plain sentence when one partner carries most of the load.

Worked example: contributions of £600, £300 and £100 give shares of 60%, 30% and
10%. The elephant factor is 1, because the first partner alone provides half of the
total; with £400, £350 and £250 it is 2 (£400 is short of £500, £750 is not).
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from consortia.health import measures

K = TypeVar("K", bound=Hashable)

ZERO = Decimal(0)
# "Most of the load": one partner provides at least this share of every contribution.
MOST = Decimal("0.5")


def shares(values: Mapping[K, Decimal]) -> dict[K, Decimal]:
    """Each key's share of the total (0 to 1). Negative values (a partner whose
    entries were reversed past zero) count as nothing; with nothing in total every
    share is 0, not a division by zero."""
    kept = {key: max(value, ZERO) for key, value in values.items()}
    total = sum(kept.values(), ZERO)
    if total <= 0:
        return dict.fromkeys(kept, ZERO)
    return {key: value / total for key, value in kept.items()}


def elephant_factor(values: Mapping[K, Decimal]) -> int | None:
    """The fewest keys that together provide at least half of the total (the
    largest first: `health.measures.elephant_factor`), counting negative values (a
    partner whose entries were reversed past zero) as nothing. None when there is
    nothing to share."""
    return measures.elephant_factor(max(value, ZERO) for value in values.values()) or None


@dataclass(frozen=True)
class ShareRow:
    """One partner's line on the fair-shares page. Shares are 0 to 1."""

    name: str
    contributed: Decimal
    contribution_share: Decimal
    benefited: Decimal
    benefit_share: Decimal
    voice: int
    voice_share: Decimal

    @property
    def gap(self) -> Decimal:
        """What it gives less what it receives, in shares: positive carries more
        than it takes."""
        return self.contribution_share - self.benefit_share


def share_rows(
    names: Mapping[K, str],
    contributed: Mapping[K, Decimal],
    benefited: Mapping[K, Decimal],
    voice: Mapping[K, int],
) -> list[ShareRow]:
    """One row per key of `names` (a partner with nothing in a column has 0 there),
    the largest contributor first, then by name."""
    given = {key: contributed.get(key, ZERO) for key in names}
    taken = {key: benefited.get(key, ZERO) for key in names}
    said = {key: Decimal(voice.get(key, 0)) for key in names}
    given_share, taken_share, said_share = shares(given), shares(taken), shares(said)
    rows = [
        ShareRow(
            name=names[key],
            contributed=given[key],
            contribution_share=given_share[key],
            benefited=taken[key],
            benefit_share=taken_share[key],
            voice=voice.get(key, 0),
            voice_share=said_share[key],
        )
        for key in names
    ]
    return sorted(rows, key=lambda row: (-row.contributed, row.name))


def load_sentence(rows: list[ShareRow]) -> str:
    """A plain sentence when one partner carries most of the load (at least half of
    every contribution), naming its share of benefits and of voice beside it; else ""."""
    if len(rows) < 2:
        return ""
    top = max(rows, key=lambda row: row.contribution_share)
    if top.contribution_share < MOST:
        return ""
    others = len(rows) - 1
    return (
        f"{top.name} provides {percent(top.contribution_share)} of everything contributed, "
        f"{'as much as' if top.contribution_share == MOST else 'more than'} the other "
        f"{others} partner{'s' if others != 1 else ''} together, and receives "
        f"{percent(top.benefit_share)} of the benefits and has {percent(top.voice_share)} of the say in decisions."
    )


def percent(share: Decimal) -> str:
    """A share as a whole percentage: 0.625 → "63%" (half up, as people round)."""
    return f"{(share * 100).quantize(Decimal(1), rounding='ROUND_HALF_UP')}%"
