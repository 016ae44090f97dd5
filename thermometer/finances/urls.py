from django.urls import path

from . import views

app_name = "finances"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.import_preview, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("cbs/", views.fetch_references, name="cbs"),
    path("remove/", views.remove, name="remove"),
]
