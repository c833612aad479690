"""The demo's delegations: three Member State focal points at the Forum,
part-filled delegations, one with its head and its note verbale."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from home.demo import DEMO_PASSWORD, GLOBAL_FORUM_SLUG, load_site_demo
from registration import demo as registration_demo
from registration.delegations import demo
from registration.delegations.models import Delegation
from registration.delegations.selectors import delegation_seats
from sessions.models import EventPage
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_load_demo_adds_three_part_filled_delegations_once(settings):
    settings.DEBUG = True  # the demo accounts that sign in are made under DEBUG only
    # The group comes from a migration; an earlier transactional test may have flushed it.
    Group.objects.get_or_create(name="Organisers")

    call_command("load_demo")
    call_command("load_demo")

    forum = EventPage.objects.originals().get(slug=GLOBAL_FORUM_SLUG)
    delegations = {delegation.name: delegation for delegation in Delegation.objects.filter(event=forum)}
    seats = {
        name: [(row.category.name, row.used, row.seats) for row in delegation_seats(d)]
        for name, d in delegations.items()
    }
    assert seats == {
        "Senegal": [("Member State delegation", 3, 5)],
        "Mexico": [("Member State delegation", 2, 5)],
        "Norway": [("Member State delegation", 1, 5)],
    }
    heads = {
        name: [n.registration.full_name for n in d.nominations.filter(is_head=True)] for name, d in delegations.items()
    }
    assert heads == {"Senegal": ["H.E. Moussa Sarr"], "Mexico": [], "Norway": []}
    notes = {name: bool(d.note_verbale) for name, d in delegations.items()}
    assert notes == {"Senegal": True, "Mexico": False, "Norway": False}
    with delegations["Senegal"].note_verbale.open("rb") as stored:
        text = pdf_text(stored.read())
    assert "NOTE VERBALE" in text
    assert "Permanent Delegation of Senegal" in text
    for delegation in delegations.values():
        focal_point = delegation.focal_point
        assert focal_point.check_password(DEMO_PASSWORD) is True
        assert EmailAddress.objects.filter(user=focal_point, email=delegation.focal_point_email, verified=True).exists()
        assert {n.registration.status for n in delegation.nominations.all()} == {"pending"}


def test_without_debug_the_focal_points_cannot_sign_in_with_the_demo_password(settings):
    settings.DEBUG = False
    context = load_site_demo()
    registration_demo.load_demo(context)

    demo.load_demo(context)

    focal_points = [delegation.focal_point for delegation in Delegation.objects.all()]
    assert [user.has_usable_password() for user in focal_points] == [False, False, False]
    assert [email for _description, email in context["accounts"]] == [
        "focal.senegal@example.org",
        "focal.mexico@example.org",
        "focal.norway@example.org",
    ]
