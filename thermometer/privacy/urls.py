from django.urls import path

from . import statement_views, views

app_name = "privacy"

urlpatterns = [
    # The statement behind the links of people without an account, beside their pages.
    path("v/<str:token>/privacy/", statement_views.respondent, name="respondent_statement"),
    path("t/<str:token>/privacy/", statement_views.feedback_giver, name="feedback_statement"),
    path("s/<str:code>/privacy/", statement_views.live_participant, name="live_statement"),
    path("scans/<slug:slug>/privacy/", views.overview, name="overview"),
    path("scans/<slug:slug>/privacy/purge/", views.purge_now, name="purge"),
    path("scans/<slug:slug>/privacy/requests/", views.requests, name="requests"),
    path("scans/<slug:slug>/privacy/requests/export/", views.request_export, name="export"),
    path("scans/<slug:slug>/privacy/requests/erase/", views.request_erase, name="erase"),
    path("scans/<slug:slug>/privacy/register/", views.register, name="register"),
    path("scans/<slug:slug>/privacy/delete/", views.delete, name="delete"),
    path(
        "organisations/<uuid:organisation_uuid>/privacy/",
        views.organisation_settings,
        name="organisation_settings",
    ),
    path(
        "organisations/<uuid:organisation_uuid>/security-log/",
        views.security_log,
        name="security_log",
    ),
]
