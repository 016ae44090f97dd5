from django.urls import path

from . import views

app_name = "advice"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("add/", views.add, name="add"),
    path("recommendations/<uuid:rec_uuid>/", views.edit, name="edit"),
    path("recommendations/<uuid:rec_uuid>/remove/", views.remove, name="remove"),
    path("recommendations/<uuid:rec_uuid>/move/", views.move, name="move"),
    path("freeze/", views.freeze, name="freeze"),
    path("reopen/", views.reopen, name="reopen"),
    path("versions/<int:number>/", views.version, name="version"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/open/", views.feedback_open, name="feedback_open"),
    path("feedback/<uuid:round_uuid>/close/", views.feedback_close, name="feedback_close"),
    path("feedback/<uuid:round_uuid>/links.csv", views.feedback_links, name="feedback_links"),
    path("feedback/<uuid:round_uuid>/email/", views.feedback_email, name="feedback_email"),
    path("feedback/<uuid:round_uuid>/consolidation/", views.consolidation, name="consolidation"),
    path("feedback/<uuid:round_uuid>/minority/", views.minority, name="minority"),
    path("discussion/", views.discussion, name="discussion"),
    path("discussion/add/", views.discussion_add, name="discussion_add"),
    path("presentation/", views.presentation_add, name="presentation_add"),
]
