from django.urls import path

from . import feedback_views

app_name = "feedback"

urlpatterns = [
    path("<str:token>/", feedback_views.start, name="start"),
    path("<str:token>/advice/", feedback_views.form, name="form"),
    path("<str:token>/advice/<uuid:rec_uuid>/", feedback_views.autosave, name="autosave"),
]
