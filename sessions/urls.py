from django.urls import path, re_path

from sessions import views

app_name = "agenda"

urlpatterns = [
    path("agenda/mine/", views.my_agenda_view, name="my_agenda"),
    path("agenda/mine/reset-link/", views.reset_feed_token_view, name="reset_feed_token"),
    path("agenda/star/<uuid:uid>/", views.star_view, name="star"),
    path("calendar/agenda/<str:token>.ics", views.personal_feed_view, name="personal_feed"),
    path("calendar/speakers/<slug:slug>.ics", views.speaker_feed_view, name="speaker_feed"),
    re_path(r"^(?P<event_path>(?:[\w-]+/)+)agenda/$", views.event_agenda_view, name="event_agenda"),
    # Calendar files under an event page's URL, e.g. /events/forum-2026/calendar.ics
    re_path(r"^(?P<event_path>(?:[\w-]+/)+)calendar\.ics$", views.event_feed_view, name="event_feed"),
    re_path(
        r"^(?P<event_path>(?:[\w-]+/)+)sessions/(?P<uid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics$",
        views.session_feed_view,
        name="session_feed",
    ),
]
