"""The event dashboard in a real browser: an organiser opens it from the
admin menu, sees each chart drawn (an SVG with its title, its bars as many
as the table's rows), the tables' figures as counted, chooses the check-in
day and downloads a figure's CSV."""

import csv
import datetime
import io

import pytest

from tests.factories import CategoryFactory, RegistrationFactory, RegistrationSettingsFactory, ScanFactory, make_event
from tests.helpers import browser_sign_in, make_event_organiser, web_expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("page_root")
def test_an_organiser_reads_the_dashboard_its_charts_match_the_tables(page, live_server, tmp_path):
    event = make_event(title="Global Forum on the Ethics of AI")
    RegistrationSettingsFactory(event=event, capacity_in_person=100)
    ministers = CategoryFactory(event=event, name="Ministers", capacity=4, sort_order=1)
    press = CategoryFactory(event=event, name="Press", sort_order=2)
    people = [
        RegistrationFactory(event=event, category=ministers, country=c, gender="woman") for c in ("SN", "FR", "BR")
    ]
    RegistrationFactory(event=event, category=press, country="JP", gender="man")
    RegistrationFactory(event=event, category=press, status="pending", country="KE")
    for minute, gate in ((5, "North"), (12, "South"), (31, "North")):  # 24 June, 08:xx in Paris
        ScanFactory(
            registration=people[0],
            event=event,
            gate=gate,
            scanned_at=datetime.datetime(2026, 6, 24, 6, minute, tzinfo=datetime.UTC),
        )

    browser_sign_in(page, make_event_organiser(event).email, "/admin/")
    page.get_by_role("link", name="Event dashboard").click()
    page.wait_for_url("**/admin/event-dashboard/")
    web_expect(page.locator("#dashboard-event")).to_contain_text("Global Forum on the Ethics of AI")
    web_expect(page.locator('[data-figure="confirmed"]')).to_contain_text("4")
    web_expect(page.locator('[data-figure="pending"]')).to_have_text("1")

    categories = page.locator('svg[data-chart="categories"]')
    web_expect(categories).to_be_visible()
    web_expect(categories.locator("title").first).to_have_text("By category")
    assert categories.get_attribute("role") == "img"
    assert [
        int(v) for v in categories.locator("rect[data-value]").evaluate_all("rs => rs.map(r => r.dataset.value)")
    ] == [3, 1]
    rows = page.locator('table[data-table="categories"] tbody tr')
    web_expect(rows).to_have_count(2)
    assert [cell.strip() for cell in rows.nth(0).locator("th, td").all_inner_texts()] == [
        "Ministers",
        "3",
        "4",
        "1",
        "0",
        "0",
    ]
    assert [cell.strip() for cell in rows.nth(1).locator("th, td").all_inner_texts()] == [
        "Press",
        "1",
        "–",
        "–",
        "1",
        "0",
    ]

    countries = page.locator('svg[data-chart="countries"] rect[data-value]')
    web_expect(countries).to_have_count(4)
    country_rows = page.locator('table[data-table="countries"] tbody tr')
    assert country_rows.count() == 4

    page.get_by_label("Check-in day").select_option("2026-06-24")
    page.locator(".dashboard-day").get_by_role("button", name="Show").click()
    page.wait_for_url("**day=2026-06-24")
    checkin = page.locator('svg[data-chart="checkin"]')
    web_expect(checkin).to_be_visible()
    checkin_rows = page.locator('table[data-table="checkin"] tbody tr')
    assert [row.split("\t") for row in checkin_rows.all_inner_texts()] == [
        ["08:00", "1", "1", "2", "2"],
        ["08:15", "0", "0", "0", "2"],
        ["08:30", "1", "0", "1", "3"],
    ]
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download “Check-ins per 15 minutes” as CSV").click()
    download_info.value.save_as(tmp_path / "checkin.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "checkin.csv").read_text())))
    assert rows[0] == ["Time", "North", "South", "All gates", "Checked in so far"]
    assert rows[-1] == ["08:30", "1", "0", "1", "3"]
