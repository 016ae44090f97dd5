from django.urls import path

from . import views

app_name = "coding"

urlpatterns = [
    path("codebook/", views.codebook, name="codebook"),
    path("codebook/add/", views.code_add, name="code_add"),
    path("codebook/import/", views.codebook_import, name="codebook_import"),
    path("export.qdpx", views.export, name="export"),
    path("passages/<int:passage_id>/", views.passage, name="passage"),
    path("passages/<int:passage_id>/code/", views.code_passage, name="code_passage"),
    path("passages/<int:passage_id>/suggestion/", views.suggestion_decide, name="suggestion"),
    path("codings/<uuid:coding_uuid>/remove/", views.coding_remove, name="coding_remove"),
    path("retrieve/", views.retrieve, name="retrieve"),
    path("agreement/", views.agreement, name="agreement"),
]
