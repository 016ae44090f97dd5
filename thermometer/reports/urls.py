from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("report.<str:fmt>", views.report_file, name="file"),
    path("reports/<uuid:report_uuid>/", views.status, name="status"),
    path("reports/<uuid:report_uuid>/download/", views.download, name="download"),
    path("shares/", views.shares, name="shares"),
    path("shares/<uuid:share_uuid>/revoke/", views.share_revoke, name="share_revoke"),
]
