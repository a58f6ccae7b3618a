"""A real OpenID Connect sign-in: the PyPI package oidc-provider-mock on a free localhost port,
the app's ``[auth]`` pointed at it, Chromium signing in through the provider's page."""

from __future__ import annotations

import secrets
import sys

import pytest
from browserkit import free_port, running, streamlit_server, wait_for_app
from dbkit import demo_database

pytestmark = pytest.mark.browser
LEADER = "lena.leader@example.org"


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory):
    """The identity provider, and the app configured for it (users table: one leadership)."""
    folder = tmp_path_factory.mktemp("oidc")
    provider_port = free_port()
    issuer = f"http://127.0.0.1:{provider_port}"
    db_file = demo_database(folder / "tracker.db", [(LEADER, "leadership", "Lena Leader")])
    provider = [sys.executable, "-m", "oidc_provider_mock", "--port", str(provider_port)]
    with running(provider, issuer + "/.well-known/openid-configuration", folder / "provider.log"):
        app_port = free_port()
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(16)}"\n'
            'client_id = "advocacy-tracker-test"\n'
            'client_secret = "not-a-real-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        with streamlit_server(
            db_file, folder, "--secrets.files", str(secrets_file), port=app_port
        ) as url:
            yield url


def sign_in_through_provider(browser, url: str, email: str):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Authorize Client").wait_for()  # the provider's page
    page.get_by_placeholder("sub").fill(email)
    page.get_by_role("button", name="Authorize").click()
    wait_for_app(page)
    return context, page


def test_oidc_sign_in_lands_on_the_page_for_the_users_role(oidc_app, browser):
    context, page = sign_in_through_provider(browser, oidc_app, LEADER)
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.get_by_text("Signed in as").wait_for()
    assert "Leadership" in page.locator("[data-testid='stSidebar']").inner_text()
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Audit log" in nav and "Record an update" not in nav and "Users" not in nav
    context.close()


def test_oidc_unknown_email_lands_on_the_no_access_page(oidc_app, browser):
    context, page = sign_in_through_provider(browser, oidc_app, "stranger@example.org")
    page.get_by_role("heading", name="Ask an administrator for access").wait_for()
    assert "stranger@example.org" in page.content()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    context.close()
