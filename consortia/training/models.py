"""Training places: a partner offers places on its courses to the partnership.

A course belongs to one partnership and is offered by one of its partners. It has a
number of places, says who may attend (every partner, or the partners it names), and
may set a quota for some partner organisations: until `release_at` each such partner
holds its quota of places for its own people (no more, no fewer), and the other
partners share what is left. After `release_at` every free place is open to all. A
course starts and ends at moments (stored in UTC, shown in Europe/London); booking
closes when it starts.

A place is one person's, for one of their organisation's partners: booked, waiting
(first come, first served, by when they asked and then by id), cancelled, attended or
absent. The database holds the invariants the services keep: one active place per
person and course, a waiting place has no attendance, places are positive, a course
ends after it starts and releases its quota places before it starts.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from consortia.core.models import BaseModel
from consortia.partnerships.models import Partner, Partnership

TITLE_MAX = 200
DESCRIPTION_MAX = 5_000
LOCATION_MAX = 300
PLACES_MAX = 10_000


class Course(BaseModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="courses")
    # The offering partner: its admins and representatives run the course. RESTRICT, not
    # PROTECT: a partner row is never deleted on its own (leaving sets left_at), but
    # deleting the whole partnership takes its partners and courses together.
    partner = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="courses_offered")
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(max_length=DESCRIPTION_MAX, blank=True)  # Markdown
    location = models.CharField(max_length=LOCATION_MAX, blank=True)
    online = models.BooleanField(default=False)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    places = models.PositiveIntegerField()
    # True: every active partner's members may book; False: only the partners named.
    open_to_all = models.BooleanField(default=True)
    allowed_partners = models.ManyToManyField(Partner, blank=True, related_name="+")
    # The quota deadline: after it, unused quota places are open to everyone.
    release_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["partnership", "starts_at"], name="course_partnership_start")]
        constraints = [
            models.CheckConstraint(condition=Q(places__gt=0), name="course_places_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="course_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(release_at__isnull=True) | Q(release_at__lt=models.F("starts_at")),
                name="course_release_before_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "cancelled"]), name="course_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Quota(BaseModel):
    """Places a course keeps for one partner organisation until the course's release_at."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quotas")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    places = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "partner"], name="quota_one_per_partner"),
            models.CheckConstraint(condition=Q(places__gt=0), name="quota_places_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.places} places for {self.partner.organisation} on {self.course}"


ACTIVE = ("booked", "waiting")


class Place(BaseModel):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        ABSENT = "absent", "Absent"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="places_taken")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_places"
    )
    # The attendee's organisation in the partnership: whose quota the place counts in
    # and whose benefit it is (training_places_used).
    partner = models.ForeignKey(Partner, on_delete=models.RESTRICT, related_name="training_places")
    status = models.CharField(max_length=16, choices=Status.choices)
    # When the person joined the waiting list (the order), or was given a place.
    booked_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # The waiting list's order: first come, first served; the id breaks ties.
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["course", "status"], name="place_course_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"], condition=Q(status__in=ACTIVE), name="place_one_active_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["booked", "waiting", "cancelled", "attended", "absent"]),
                name="place_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["attended", "absent"]) | Q(attendance_recorded_at__isnull=False),
                name="place_attendance_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | Q(cancelled_at__isnull=False),
                name="place_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.course}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE
