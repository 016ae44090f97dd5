from django.urls import path

from . import views

app_name = "journeys"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("edit/", views.edit, name="edit"),
    path("sessions/open/", views.session_open, name="session_open"),
    path("sessions/<uuid:session_uuid>/", views.room, name="room"),
    path("sessions/<uuid:session_uuid>/close/", views.session_close, name="session_close"),
    path("observations/<uuid:observation_uuid>/hide/", views.hide, name="hide"),
    path("checklist/", views.checklist, name="checklist"),
    path("checklist/<slug:theme>/<slug:item>/", views.checklist_answer, name="checklist_answer"),
]

# The device view of a session: public, reached by joining with the session code.
device_urlpatterns = [
    path("<uuid:session_uuid>/", views.device, name="device"),
    path("<uuid:session_uuid>/add/", views.device_add, name="device_add"),
    path("<uuid:session_uuid>/lists/", views.device_board, name="device_board"),
    path(
        "<uuid:session_uuid>/vote/<uuid:observation_uuid>/", views.device_vote, name="device_vote"
    ),
]
