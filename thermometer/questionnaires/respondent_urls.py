from django.urls import path

from . import respondent_views as views

app_name = "respond"

urlpatterns = [
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/page/<int:page>/", views.page, name="page"),
    path("<str:token>/page/<int:page>/save/", views.autosave, name="autosave"),
    path("<str:token>/submit/", views.review, name="review"),
    path("<str:token>/language/", views.switch_language, name="language"),
]
