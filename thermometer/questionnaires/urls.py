from django.urls import path

from . import document_views, spss_views, views

app_name = "questionnaires"

Q = "<uuid:questionnaire_uuid>/"

urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("generate/", views.questionnaire_generate, name="generate"),
    path("limesurvey/", views.limesurvey_import, name="limesurvey"),
    path("document/", document_views.document_import, name="document_import"),
    path("standard/", document_views.optional_questionnaire_add, name="optional_add"),
    path("spss/", spss_views.responses_import, name="spss_import"),
    path(Q, views.questionnaire_detail, name="detail"),
    path(Q + "preview/", views.questionnaire_preview, name="preview"),
    path(Q + "monitor/", views.questionnaire_monitor, name="monitor"),
    path(Q + "export/", views.responses_export, name="export"),
    path(Q + "status/", views.questionnaire_status, name="status"),
    path(Q + "invitations/", views.invitations_create, name="invite"),
    path(Q + "invitations/email/", views.invitations_email, name="email"),
    path(Q + "letters/", views.letters, name="letters"),
    path(Q + "open-links/", views.open_link_add, name="open_link_add"),
    path(Q + "items/add/", views.item_add, name="item_add"),
    path(Q + "items/<uuid:item_uuid>/", views.item_edit, name="item_edit"),
    path(Q + "items/<uuid:item_uuid>/change/", views.item_change, name="item_change"),
]
