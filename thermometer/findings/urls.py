from django.urls import path

from . import views

app_name = "findings"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("cells/<slug:goal>/<slug:actor>/", views.cell, name="cell"),
    path("cells/<slug:goal>/<slug:actor>/actions/", views.actions, name="actions"),
    path("themes/<slug:theme>/", views.theme, name="theme"),
    path("add/", views.finding_add, name="finding_add"),
    path("candidates/<uuid:effect_uuid>/accept/", views.candidate_accept, name="candidate_accept"),
    path("<uuid:finding_uuid>/", views.finding, name="finding"),
    path("<uuid:finding_uuid>/edit/", views.finding_edit, name="finding_edit"),
    path("<uuid:finding_uuid>/remove/", views.finding_remove, name="finding_remove"),
    path("<uuid:finding_uuid>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
]
