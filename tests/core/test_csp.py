"""Every response carries the site's Content-Security-Policy, built once per process."""

import pytest

POLICY = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/events/", "/ar/processes/", "/en/no-such-page/", "/api/v1/events/", "/healthz"]
)
def test_every_response_carries_the_policy(client, url):
    response = client.get(url)

    assert {part.strip() for part in response["Content-Security-Policy"].split(";")} == POLICY
    assert "Content-Security-Policy-Report-Only" not in response
