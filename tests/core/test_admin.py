import pytest

from tests.events.factories import EventFactory, SessionFactory
from tests.factories import UserFactory


@pytest.mark.django_db
def test_admin_pages_open_for_a_superuser(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    session = SessionFactory(event=EventFactory())
    client.force_login(admin)
    for path in (
        "/en/admin/",
        "/en/admin/accounts/user/",
        f"/en/admin/accounts/user/{admin.pk}/change/",
        "/en/admin/accounts/user/add/",
        "/en/admin/events/event/",
        f"/en/admin/events/event/{session.event_id}/change/",
        f"/en/admin/events/session/{session.pk}/change/",
        "/en/admin/events/registration/",
        "/en/admin/core/outgoingemail/",
        "/en/admin/qanda/question/",
        "/en/admin/qanda/vote/",
        "/en/admin/qanda/hostaction/",
        "/en/admin/discussion/comment/",
        "/en/admin/discussion/moderationaction/",
    ):
        assert client.get(path).status_code == 200, path
    # Logs and votes change only through the site.
    for path in ("/en/admin/qanda/hostaction/add/", "/en/admin/discussion/moderationaction/add/"):
        assert client.get(path).status_code == 403, path


@pytest.mark.django_db
def test_admin_is_closed_to_participants(client):
    client.force_login(UserFactory())
    assert client.get("/en/admin/").status_code == 302
