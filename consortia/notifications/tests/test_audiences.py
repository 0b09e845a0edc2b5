"""The common audiences (notifications/audiences.py), in the conftest world."""

from consortia.core.models import Event
from consortia.notifications.audiences import convener_admins, everyone, from_payload, representatives
from consortia.partnerships.models import Partner


def ids(world, *personas):
    return {world.users[p].pk for p in personas}


def event(world, **payload):
    return Event(verb="partner.joined", partnership=world.partnership, payload=payload)


def test_it_finds_everyone_in_the_partnership_and_nobody_else(world):
    assert set(everyone(event(world))) == ids(
        world, "convener_admin", "partner_admin", "partner_member", "observer", "participant"
    )


def test_it_leaves_out_a_partner_that_left(world):
    Partner.objects.filter(pk=world.core_partner.pk).update(left_at=world.core_partner.joined_at)

    assert set(everyone(event(world))) == ids(world, "convener_admin", "observer", "participant")


def test_it_finds_representatives_or_else_admins(world):
    # The observer has no representatives and no admin: nobody speaks for it.
    assert set(representatives()(event(world))) == ids(world, "convener_admin", "partner_admin")
    assert set(representatives("core")(event(world))) == ids(world, "partner_admin")


def test_it_finds_admins_when_a_partner_names_no_representative(world):
    world.core_partner.representatives.all().delete()

    assert set(representatives("core")(event(world))) == ids(world, "partner_admin")


def test_it_finds_the_conveners_admins(world):
    assert set(convener_admins(event(world))) == ids(world, "convener_admin")


def test_it_reads_users_from_the_payload_and_ignores_junk(world):
    audience = from_payload("mentioned_users")

    assert audience(event(world, mentioned_users=[world.users["observer"].pk, "x", None])) == [
        world.users["observer"].pk
    ]
    assert audience(event(world)) == []
