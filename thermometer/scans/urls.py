from django.urls import path

from .views import scan, steps, team

app_name = "scans"

urlpatterns = [
    path("", scan.scan_list, name="list"),
    path("new/", scan.scan_create, name="create"),
    path("<slug:slug>/", scan.scan_detail, name="detail"),
    path("<slug:slug>/edit/", scan.scan_edit, name="edit"),
    path("<slug:slug>/history/", scan.scan_history, name="history"),
    path("<slug:slug>/planning/", steps.planning, name="planning"),
    path("<slug:slug>/steps/<slug:step_key>/", steps.step_detail, name="step"),
    path(
        "<slug:slug>/steps/<slug:step_key>/transition/",
        steps.step_transition,
        name="step_transition",
    ),
    path(
        "<slug:slug>/steps/<slug:step_key>/checklist/",
        steps.checklist_toggle,
        name="checklist_toggle",
    ),
    path("<slug:slug>/steps/<slug:step_key>/comments/", steps.comment_add, name="comment_add"),
    path("<slug:slug>/team/", team.team, name="team"),
    path("<slug:slug>/team/add/", team.member_add, name="member_add"),
    path("<slug:slug>/team/<int:member_id>/", team.member_update, name="member_update"),
]
