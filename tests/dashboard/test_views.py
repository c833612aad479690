"""The dashboard page: only organisers of the event see it (another event's
is a 404), each figure as a chart (SVG with a title) and a table, its CSV
the same figures, and a fixed number of queries per page."""

import csv
import datetime
import io

import pytest

from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, ScanFactory, make_event
from tests.helpers import bulk_registrations, make_event_organiser

pytestmark = pytest.mark.django_db

URL = "/admin/event-dashboard/"


@pytest.fixture
def forum_event():
    event = make_event(title="Global Forum on the Ethics of AI")
    RegistrationSettingsFactory(event=event, capacity_in_person=50)
    delegates = CategoryFactory(event=event, name="Delegates", capacity=10)
    for country in ("SN", "SN", "FR"):
        RegistrationFactory(event=event, category=delegates, country=country, gender="woman")
    RegistrationFactory(event=event, category=delegates, status="pending", country="KE")
    RegistrationFactory(event=event, category=delegates, status="waitlisted", country="KE")
    return event


def test_the_organiser_sees_every_figure_as_a_chart_and_a_table(client, forum_event):
    client.force_login(make_event_organiser(forum_event))
    page = client.get(f"{URL}{forum_event.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    for key in ("over-time", "categories", "regions", "countries", "gender"):
        assert f'data-chart="{key}"' in html and f'data-table="{key}"' in html
        assert f'<title id="{key}-title">' in html
    assert 'data-figure="pending">1<' in html and 'data-figure="waitlisted">1<' in html
    assert f"?event={forum_event.pk}&amp;status=pending" in html  # the count links to the filtered listing
    assert "Nobody has been checked in on this day." in html
    assert page.context["summary"].confirmed == 3


def test_the_first_event_is_shown_without_an_id_and_the_chooser_moves_to_another(client, forum_event):
    other = make_event(title="Expert workshop")
    organiser = make_event_organiser(forum_event, other)
    client.force_login(organiser)
    assert client.get(URL).context["event"] in (forum_event, other)
    moved = client.get(URL, {"event": other.pk})
    assert moved.status_code == 302 and moved["Location"] == f"{URL}{other.pk}/"


def test_another_events_organiser_gets_404_for_the_page_and_its_csv(client, forum_event):
    client.force_login(make_event_organiser(make_event()))
    assert client.get(f"{URL}{forum_event.pk}/").status_code == 404
    assert client.get(f"{URL}{forum_event.pk}/countries.csv").status_code == 404
    assert client.get(f"{URL}{'9' * 30}/").status_code == 404


def test_someone_without_the_registration_permission_is_refused(client, forum_event):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    client.force_login(user)
    assert client.get(f"{URL}{forum_event.pk}/").status_code in (302, 403)


def test_the_csv_holds_the_table_s_figures(client, forum_event):
    client.force_login(make_event_organiser(forum_event))
    response = client.get(f"{URL}{forum_event.pk}/countries.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["Country", "Confirmed"],
        ["Senegal", "2"],
        ["France", "1"],
    ]
    categories = list(csv.reader(io.StringIO(client.get(f"{URL}{forum_event.pk}/categories.csv").content.decode())))
    assert categories[1] == ["Delegates", "3", "10", "7", "1", "1"]
    assert client.get(f"{URL}{forum_event.pk}/nothing.csv").status_code == 404


def test_the_check_in_day_is_chosen_and_its_csv_follows(client, forum_event):
    registration = forum_event.registrations.filter(status="confirmed").first()
    when = datetime.datetime(2026, 6, 25, 7, 20, tzinfo=datetime.UTC)  # 09:20 in Paris
    ScanFactory(registration=registration, event=forum_event, gate="Main", scanned_at=when)
    client.force_login(make_event_organiser(forum_event))
    page = client.get(f"{URL}{forum_event.pk}/", {"day": "2026-06-25"})
    assert 'data-chart="checkin"' in page.content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"{URL}{forum_event.pk}/checkin.csv", {"day": "2026-06-25"}).content.decode())
        )
    )
    assert rows == [["Time", "Main", "All gates", "Checked in so far"], ["09:15", "1", "1", "1"]]
    assert client.get(f"{URL}{forum_event.pk}/", {"day": "not-a-day"}).status_code == 200
    for impossible in ("2026-02-30", "2026-13-01"):  # shaped like dates: the default day, not a 500
        assert client.get(f"{URL}{forum_event.pk}/", {"day": impossible}).status_code == 200
        assert client.get(f"{URL}{forum_event.pk}/checkin.csv", {"day": impossible}).status_code == 200


def test_the_event_page_s_header_links_to_its_dashboard(client, forum_event):
    client.force_login(make_event_organiser(forum_event))
    page = client.get(f"/admin/pages/{forum_event.pk}/edit/")
    assert f'href="{URL}{forum_event.pk}/"' in page.content.decode()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_page_costs_the_same_queries_for_10_and_1000_registrations(client, count, django_assert_max_num_queries):
    event = make_event()
    bulk_registrations(event, CategoryFactory(event=event), count)
    client.force_login(make_event_organiser(event))
    client.get(f"{URL}{event.pk}/")  # warm the per-process caches
    with django_assert_max_num_queries(22):
        page = client.get(f"{URL}{event.pk}/")
    assert page.context["summary"].confirmed == count


def test_names_in_the_charts_are_escaped(client, forum_event):
    CategoryFactory(event=forum_event, name='<script>alert("x")</script>')
    client.force_login(make_event_organiser(forum_event))
    html = client.get(f"{URL}{forum_event.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
