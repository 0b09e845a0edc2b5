"""What the fair-shares page reads: for each partner taking part, the £ value it has
contributed (the contributions ledger, money and in kind), the £ value of what it
has received (bookings of other partners' assets, training places attended, and the
fund's spending paid to it for its services) and its say in decisions (the decisions
page's voice balance: polls proposed plus polls taken part in)."""

from dataclasses import dataclass
from decimal import Decimal

from consortia.assets.selectors import bookings_used_by_partner
from consortia.contributions.selectors import totals_by_partner
from consortia.decisions.selectors import voice_balance
from consortia.fund.selectors import spending_by_payee_partner
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import active_partners
from consortia.training.selectors import training_places_used

from .shares import ShareRow, elephant_factor, load_sentence, share_rows


@dataclass(frozen=True)
class FairShares:
    rows: list[ShareRow]
    contributed: Decimal  # £, every partner's entries, money and in kind
    benefited: Decimal  # £, bookings used, places attended, spending paid to partners
    voices: int  # polls proposed plus polls taken part in, every partner
    elephant: int | None  # the fewest partners providing half of all contributions
    sentence: str  # "" unless one partner carries most of the load

    @property
    def partners(self) -> int:
        return len(self.rows)


def fair_shares(partnership: Partnership) -> FairShares:
    """Every active partner (observers included: they may contribute and benefit, and
    have no vote) side by side. The sources' own query counts, none per partner."""
    partners = active_partners(partnership)
    names = {p.pk: p.organisation.name for p in partners}
    contributed = {pk: value for pk, value in totals_by_partner(partnership).items() if pk in names}
    benefited: dict[int, Decimal] = {}
    for source in (bookings_used_by_partner, training_places_used, spending_by_payee_partner):
        for pk, value in source(partnership).items():
            if pk in names:
                benefited[pk] = benefited.get(pk, Decimal(0)) + value
    lines, _, _ = voice_balance(partnership)
    voice = {line.partner_id: line.proposed + line.took_part for line in lines if line.partner_id in names}
    rows = share_rows(names, contributed, benefited, voice)
    return FairShares(
        rows=rows,
        contributed=sum((row.contributed for row in rows), Decimal(0)),
        benefited=sum((row.benefited for row in rows), Decimal(0)),
        voices=sum(row.voice for row in rows),
        elephant=elephant_factor(contributed),
        sentence=load_sentence(rows),
    )
