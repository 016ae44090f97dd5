from django.urls import path

from . import views

app_name = "goals"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<slug:goal>/interpretation/", views.interpretation, name="interpretation"),
    path("effects/add/", views.effect_add, name="effect_add"),
    path("effects/<uuid:effect_uuid>/", views.effect_edit, name="effect_edit"),
    path("effects/<uuid:effect_uuid>/remove/", views.effect_remove, name="effect_remove"),
    path("effects/<uuid:effect_uuid>/merge/", views.effect_merge, name="effect_merge"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/answer/", views.proposal_answer, name="proposal_answer"),
    path("trail/", views.trail_view, name="trail"),
    path("trail/<uuid:effect_uuid>/<slug:layer>/", views.trail_cell, name="trail_cell"),
    path("trail/<uuid:effect_uuid>/<slug:layer>/verdict/", views.verdict, name="verdict"),
]
