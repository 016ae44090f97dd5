from django.urls import include, path

from thermometer.core import views as core_views
from thermometer.frameworks import urls as framework_urls
from thermometer.journeys import urls as journey_urls
from thermometer.questionnaires import respondent_views
from thermometer.reports import views as report_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    # Links for people without an account, first: most requests under load are theirs.
    path("v/", include("thermometer.questionnaires.respondent_urls")),
    path("o/<str:token>/", respondent_views.open_link, name="open_link"),
    path("t/", include("thermometer.advice.feedback_urls")),
    path("r/<str:token>/", report_views.shared, name="shared_overview"),
    path("s/", include("thermometer.live.urls")),
    path("d/", include((journey_urls.device_urlpatterns, "journeys"), namespace="journey_device")),
    path(
        "f/",
        include((framework_urls.device_urlpatterns, "frameworks"), namespace="framework_device"),
    ),
    # The advisers' application.
    path("account/", include("thermometer.accounts.urls")),
    path("scans/", include("thermometer.scans.urls")),
    path("scans/<slug:slug>/participants/", include("thermometer.participants.urls")),
    path("scans/<slug:slug>/questionnaires/", include("thermometer.questionnaires.urls")),
    path("scans/<slug:slug>/sources/", include("thermometer.sources.urls")),
    path("scans/<slug:slug>/coding/", include("thermometer.coding.urls")),
    path("scans/<slug:slug>/analysis/", include("thermometer.analysis.urls")),
    path("scans/<slug:slug>/goals/", include("thermometer.goals.urls")),
    path("scans/<slug:slug>/findings/", include("thermometer.findings.urls")),
    path("scans/<slug:slug>/advice/", include("thermometer.advice.urls")),
    path("scans/<slug:slug>/overview/", include("thermometer.reports.urls")),
    path("scans/<slug:slug>/journey/", include("thermometer.journeys.urls")),
    path("scans/<slug:slug>/framework/", include("thermometer.frameworks.urls")),
    path("scans/<slug:slug>/finances/", include("thermometer.finances.urls")),
    path("", include("thermometer.privacy.urls")),
]
