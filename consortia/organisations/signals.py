"""What the organisations app announces, for the apps above it to act on.

Organisations sits below partnerships (pyproject.toml, [tool.importlinter]), so it
cannot clean up what partnerships keeps about a member; it says what happened and
partnerships listens (partnerships/receivers.py).
"""

from django.dispatch import Signal

# Sent by member_remove and member_leave after the membership row is deleted, inside
# their transaction, with `organisation` and `user`: a receiver's writes commit or
# roll back with the service's.
membership_ended = Signal()
