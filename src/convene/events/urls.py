from django.urls import path

from . import messaging_views, views
from .translating import (
    event_translate,
    event_translate_machine,
    event_translate_save,
    event_translations,
)

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("mine/", views.my_registrations, name="mine"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/translations/", event_translations, name="translations"),
    path("<slug:slug>/translations/<slug:language>/", event_translate, name="translate"),
    path(
        "<slug:slug>/translations/<slug:language>/<str:kind>/<int:pk>/<str:field>/",
        event_translate_save,
        name="translate_save",
    ),
    path(
        "<slug:slug>/translations/<slug:language>/<str:kind>/<int:pk>/<str:field>/machine/",
        event_translate_machine,
        name="translate_machine",
    ),
    path("<slug:slug>/questions/", views.event_questions, name="questions"),
    path("<slug:slug>/questions/<int:question_id>/", views.question_edit, name="question_edit"),
    path("<slug:slug>/sessions/new/", views.session_create, name="session_create"),
    path("<slug:slug>/sessions/<int:session_id>/", views.session_detail, name="session"),
    path("<slug:slug>/sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path(
        "<slug:slug>/sessions/<int:session_id>/register/", views.session_register, name="register"
    ),
    path("<slug:slug>/sessions/<int:session_id>/cancel/", views.session_cancel, name="cancel"),
    path("<slug:slug>/sessions/<int:session_id>/needs/", views.registration_needs, name="needs"),
    path("<slug:slug>/needs/", views.event_needs, name="event_needs"),
    path("<slug:slug>/needs.csv", views.event_needs_csv, name="event_needs_csv"),
    path(
        "<slug:slug>/sessions/<int:session_id>/calendar.ics",
        views.session_calendar,
        name="session_ics",
    ),
    path(
        "<slug:slug>/sessions/<int:session_id>/talks/new/", views.talk_propose, name="talk_propose"
    ),
    path(
        "<slug:slug>/sessions/<int:session_id>/talks/<int:talk_id>/",
        views.talk_decide,
        name="talk_decide",
    ),
    path(
        "<slug:slug>/sessions/<int:session_id>/talks/<int:talk_id>/withdraw/",
        views.talk_withdraw,
        name="talk_withdraw",
    ),
    path("<slug:slug>/sessions/<int:session_id>/manage/", views.session_manage, name="manage"),
    path(
        "<slug:slug>/sessions/<int:session_id>/registrations.csv",
        views.session_registrations_csv,
        name="registrations_csv",
    ),
    path("<slug:slug>/messages/", messaging_views.message_list, name="messages"),
    path("<slug:slug>/messages/new/", messaging_views.message_new, name="message_new"),
    path("<slug:slug>/messages/<int:message_id>/", messaging_views.message_detail, name="message"),
]
