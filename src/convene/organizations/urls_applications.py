"""Applying and reviewing: the application form, the applications and their pages, the
committee's forms and overview, and an organization's record and changes of status
(`<slug>/edit/` and the like: the registry's `<slug>/` page itself comes later)."""

from django.urls import URLPattern, URLResolver, path

from .views import applications, committee, status

urlpatterns: list[URLPattern | URLResolver] = [
    path("apply/", applications.apply, name="apply"),
    path("applications/", applications.applications, name="applications"),
    path("applications/<int:pk>/", applications.application, name="application"),
    path(
        "applications/<int:pk>/comment/",
        applications.application_comment,
        name="application_comment",
    ),
    path(
        "applications/<int:pk>/comments/<int:comment_pk>/hide/",
        applications.comment_hide,
        name="comment_hide",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path("applications/<int:pk>/move/", committee.application_move, name="application_move"),
    path(
        "applications/<int:pk>/interview/",
        committee.application_interview,
        name="application_interview",
    ),
    path("applications/<int:pk>/vote/", committee.application_vote, name="application_vote"),
    path("applications/<int:pk>/recuse/", committee.application_recuse, name="application_recuse"),
    path("applications/<int:pk>/decide/", committee.application_decide, name="application_decide"),
    path("committee/", committee.committee, name="committee"),
    path("<slug:slug>/edit/", status.edit, name="edit"),
    path("<slug:slug>/status/<str:change>/", status.status_change, name="status_change"),
    path("<slug:slug>/proposal/dismiss/", status.proposal_dismiss, name="proposal_dismiss"),
    path("<slug:slug>/apply/", applications.apply_again, name="apply_again"),
]
