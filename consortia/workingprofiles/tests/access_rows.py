"""The "how we work" rows for the access table (consortia/core/tests/test_access.py).

Who may do what (consortia/workingprofiles/rules.py): Core Org's profile is seen by
its members and by everyone who shares a partnership with it (observers and
participants too) and by site admins, never by an outsider nor anyone signed out,
since it is not shown in the directory. An organisation listed in the directory that
shows its profile there is seen by everyone; one listed that does not show it, by
nobody outside (only site admins here). Only the organisation's admins edit it and
mark it reviewed (partner_admin for Core Org); the outsider, an admin of another
organisation, gets a 404 like everyone else. The partners page is the partnership's.
"""

from types import SimpleNamespace

from consortia.core.access_table import (
    ALL_200,
    GET,
    LOGIN,
    NOT_ALLOWED,
    OK,
    POST,
    SIGN_IN_THEN_NOT_ALLOWED,
    Row,
)
from consortia.core.factories import OrganisationFactory, SignOffFactory, WorkingProfileFactory

P = "partnership"
ORG = "core_org"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
SHARED = (404, 404, 200, 200, 200, 200, 200, 200)
SITE_ADMIN_ONLY = (404, 404, 404, 404, 404, 404, 404, 200)
ADMIN_PAGE = (LOGIN, 404, 404, 404, 200, 404, 404, 404)
ADMIN_DONE = (LOGIN, 404, 404, 404, OK, 404, 404, 404)
ADMIN_REFUSED = (LOGIN, 404, 404, 404, 400, 404, 404, 404)

ALLOWED_CHANGES: set[tuple[str, str]] = set()


def profile(s: SimpleNamespace, **overrides: str) -> dict[str, str]:
    return {
        "sign_offs": "Spending over £5,000 | Board of trustees | 42\nNew services | Chief executive | 14",
        "board_dates": "2027-03-14\n2027-06-13",
        "board_rhythm": "Quarterly",
        "financial_year_start": "4",
        "reporting_deadlines": "Annual accounts by the end of January.",
        "working_hours": "Monday to Thursday, 9am to 3pm",
        "channel": "phone",
        "contact": "01234 567890",
        "reply_days": "2",
        "languages": "English, Polish",
        "accessibility": "Step-free entrance at the back.",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("workingprofiles:partners", GET,               READ, args=(P,)),
    Row("workingprofiles:partners", POST,              SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    Row("workingprofiles:detail", GET,                 SHARED, args=(ORG,)),
    Row("workingprofiles:detail", POST,                NOT_ALLOWED, args=(ORG,)),
    Row("workingprofiles:detail", GET,                 ALL_200, args=("wp_directory_org",), label="in the directory"),
    Row("workingprofiles:detail", GET,                 SITE_ADMIN_ONLY, args=("wp_listed_org",),
        label="listed, profile not shown"),
    Row("workingprofiles:detail", GET,                 (404, 200, 404, 404, 404, 404, 404, 200),
        args=("outsider_org",), label="the outsider's own"),

    Row("workingprofiles:edit", GET,                   ADMIN_PAGE, args=(ORG,)),
    Row("workingprofiles:edit", POST,                  ADMIN_DONE, args=(ORG,), data=profile,
        done="workingprofile.updated"),
    Row("workingprofiles:edit", GET,                   (LOGIN, 404, 404, 404, 404, 200, 404, 404),
        args=("wp_convener_org",), label="not written yet"),
    Row("workingprofiles:edit", POST,                  (LOGIN, 404, 404, 404, 404, OK, 404, 404),
        args=("wp_convener_org",), data=profile, done="workingprofile.written", label="written"),
    Row("workingprofiles:edit", POST,                  ADMIN_REFUSED, args=(ORG,),
        data=lambda s: profile(s, financial_year_start="13"), label="month 13"),
    Row("workingprofiles:edit", POST,                  ADMIN_REFUSED, args=(ORG,),
        data=lambda s: profile(s, reply_days="-1"), label="negative reply days"),
    Row("workingprofiles:edit", POST,                  ADMIN_REFUSED, args=(ORG,),
        data=lambda s: profile(s, sign_offs="Spending | Board | -5"), label="negative sign-off days"),
    Row("workingprofiles:edit", POST,                  ADMIN_REFUSED, args=(ORG,),
        data=lambda s: profile(s, board_dates="2027-02-30"), label="malformed date"),
    Row("workingprofiles:edit", POST,                  ADMIN_REFUSED, args=(ORG,),
        data=lambda s: profile(s, working_hours="x" * 201), label="overlong text"),

    Row("workingprofiles:review", GET,                 SIGN_IN_THEN_NOT_ALLOWED, args=(ORG,)),
    Row("workingprofiles:review", POST,                ADMIN_DONE, args=(ORG,), done="workingprofile.reviewed"),
    Row("workingprofiles:review", POST,                (LOGIN, 404, 404, 404, 404, 409, 404, 404),
        args=("wp_convener_org",), label="not written yet"),
]
# fmt: on


def scene(world, s) -> None:
    """Core Org and the outsider's organisation keep profiles that are not in the
    directory; a listed organisation shows its profile there, another does not; the
    convener's organisation has written none."""
    SignOffFactory(profile=WorkingProfileFactory(organisation=world.core_org))
    WorkingProfileFactory(organisation=world.outsider_org)
    directory_org = OrganisationFactory(name="Directory Org", listed_in_directory=True)
    WorkingProfileFactory(organisation=directory_org, shown_in_directory=True)
    listed_org = OrganisationFactory(name="Listed Org", listed_in_directory=True)
    WorkingProfileFactory(organisation=listed_org)
    s.wp_directory_org = directory_org.uuid
    s.wp_listed_org = listed_org.uuid
    s.wp_convener_org = world.convener_org.uuid
