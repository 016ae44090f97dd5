from django.urls import path

from . import views

app_name = "participants"

urlpatterns = [
    path("", views.participant_list, name="list"),
    path("add/", views.participant_add, name="add"),
    path("import/", views.participant_import, name="import"),
    path("<uuid:participant_uuid>/", views.participant_edit, name="edit"),
    path("<uuid:participant_uuid>/remove/", views.participant_remove, name="remove"),
]
