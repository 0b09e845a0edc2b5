"""Activity signals as the radar reads them. The keys and `signal_series` are the
contract; the bodies come with the signals (issue 12)."""

import datetime
from dataclasses import dataclass, field

from consortia.health.network import Network
from consortia.partnerships.models import Partnership

# Every signal, by the key the radar reads it under. Each is a number per period
# (a calendar month by default); `detail` breaks it down where the page shows more
# (per partner organisation, keyed by the organisation's uuid as text).
SIGNAL_KEYS = (
    "action_closure_ratio",  # actions done / actions due or closed in the period
    "action_overdue_rate",  # open actions past their due date / open actions, at period end
    "poll_decision_days",  # median days from a poll's opening to its outcome
    "first_reply_hours",  # median hours from a thread's start to its first reply by someone else
    "actions_linked_share",  # share of actions created that serve an outcome or objective
    "meeting_attendance",  # share of invited partners present; detail: per partner
    "participation_gini",  # Gini of events per partner organisation
    "elephant_factor",  # fewest organisations doing half the activity
    "inactive_partners",  # partners with no activity in the period; detail: which
    "voice_balance",  # Gini of votes cast per partner organisation in polls closed in the period
    "pledged_delivered_ratio",  # delivered / pledged value to date
    "contribution_balance",  # Gini of delivered contributions per partner to date; detail: per partner
    "interaction_density",  # density of the observed cross-organisation network in the period
    "talk_per_done",  # posts, replies and meetings per action done (the "hard grind")
    "actions_done",  # actions done in the period (the "negligible output")
)


@dataclass(frozen=True)
class SignalPoint:
    period_start: datetime.date
    value: float | None
    detail: dict[str, float] = field(default_factory=dict)


def signal_series(*, partnership: Partnership, periods: int = 6) -> dict[str, list[SignalPoint]]:
    """The last `periods` computed periods of each signal in SIGNAL_KEYS, oldest
    first, from the stored computation (never from the event log in the request):
    one query whatever the number of events. {} before the first computation."""
    return {}


def behavioural_network(*, partnership: Partnership, periods: int = 6) -> Network:
    """Who worked with whom over the last `periods` periods, observed from activity."""
    return Network()
