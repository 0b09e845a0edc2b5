"""The notifications table's rows for the apps below this one (partnerships, working
groups), which cannot import it: everyone hears who joined and who left; the groups'
rows are in groups.py."""

from . import groups
from .audiences import everyone, representatives
from .table import Rule, rules_add

rules_add(
    Rule("partner.joined", everyone, "activity"),
    Rule("partner.left", everyone, "activity"),
    Rule("participant.joined", everyone, "activity"),
    Rule("participant.left", everyone, "activity"),
    Rule("participant.removed", everyone, "activity"),
    Rule("partnership.status_changed", everyone, "activity"),
    Rule("partnership.convening_handed_over", representatives(), "activity"),
)
rules_add(*groups.ROWS)
