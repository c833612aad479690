import pytest

from home.demo import load_site_demo
from registration import demo
from registration.models import Category, Question, Registration, RegistrationSettings

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_has_the_default_categories():
    context = load_site_demo()

    demo.load_demo(context)
    demo.load_demo(context)

    forum = context["forum"]
    assert list(Category.objects.filter(event=forum).values_list("name", flat=True)) == [
        "Member State delegation",
        "UN system and IGOs",
        "Civil society",
        "Academia",
        "Private sector",
        "Media",
        "Speaker",
        "Staff",
    ]
    assert Category.objects.get(event=forum, slug="media").approval_required is True
    assert Category.objects.get(event=forum, slug="speaker").is_public is False
    assert RegistrationSettings.objects.count() == 2
    assert Question.objects.filter(event=forum).count() == 2
    assert Registration.objects.filter(event=forum).count() == 36
    assert Registration.objects.filter(event=context["dialogue"]).count() == 30
    dialogue_settings = RegistrationSettings.objects.get(event=context["dialogue"])
    confirmed_in_person = Registration.objects.filter(
        event=context["dialogue"], status="confirmed", attendance_mode="in_person"
    ).count()
    assert dialogue_settings.capacity_in_person == confirmed_in_person
