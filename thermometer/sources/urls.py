from django.urls import path

from . import views

app_name = "sources"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("upload/", views.source_upload, name="upload"),
    path("search/", views.source_search, name="search"),
    path("conversations/add/", views.conversation_add, name="conversation_add"),
    path("<uuid:source_uuid>/", views.source_detail, name="detail"),
    path("<uuid:source_uuid>/retry/", views.source_retry, name="retry"),
    path("<uuid:source_uuid>/delete/", views.source_delete, name="delete"),
]
