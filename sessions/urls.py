from django.urls import path, re_path

from sessions import views
from sessions.models import UUID_PATTERN

app_name = "agenda"

urlpatterns = [
    path("agenda/mine/", views.my_agenda_view, name="my_agenda"),
    path("agenda/mine/reset-link/", views.reset_feed_token_view, name="reset_feed_token"),
    path("agenda/mine/change-emails/", views.change_notices_view, name="change_notices"),
    path("agenda/star/<uuid:uid>/", views.star_view, name="star"),
    path("calendar/agenda/<str:token>.ics", views.personal_feed_view, name="personal_feed"),
    path("calendar/speakers/<slug:slug>.ics", views.speaker_feed_view, name="speaker_feed"),
]

# Calendar files under an event page's URL, e.g. /en/events/forum-2026/calendar.ics,
# handed to the event page's routes (the agenda and the other event pages
# are Wagtail's alone). Under the language prefix, with the pages
# (forum_site/urls.py).
page_file_urlpatterns = [
    re_path(r"^(?P<event_path>(?:[\w-]+/)+)(?P<file>calendar\.ics)$", views.event_file_view, name="event_feed"),
    re_path(
        rf"^(?P<event_path>(?:[\w-]+/)+)(?P<file>sessions/{UUID_PATTERN}\.ics)$",
        views.event_file_view,
        name="session_feed",
    ),
]
