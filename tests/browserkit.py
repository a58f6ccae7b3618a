"""Shared parts of the real-browser tests: free ports, a Streamlit server on one, Debian's
Chromium through Playwright, and waiting for Streamlit to settle."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbkit import demo_database
from playwright.sync_api import expect, sync_playwright

from tracker.report import CHROMIUM_QUIET, chromium_path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = chromium_path()  # the one the PDF export uses: $CHROMIUM, chromium, ...
CHROMIUM_ARGS = CHROMIUM_QUIET
OFFICER = "olga@example.org"  # the officer most browser tests sign in as, with PASSWORD
PASSWORD = "a long browser password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_url(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited early: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail(f"server did not answer at {url}: {log.read_text()}")


@contextlib.contextmanager
def running(command: list[str], url: str, log: Path, env: dict | None = None) -> Iterator[None]:
    """Run a server process until the block ends; wait until ``url`` answers first."""
    with log.open("w") as out:
        proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_url(url, proc, log)
            yield
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def streamlit_server(
    db_file: Path, folder: Path, *extra: str, port: int | None = None
) -> Iterator[str]:
    """``streamlit run app.py`` on a (free) localhost port against ``db_file``."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra,
    ]
    with running(
        command, url + "/_stcore/health", folder / "streamlit.log", {"TRACKER_DB": str(db_file)}
    ):
        yield url


@contextlib.contextmanager
def officer_server(folder: Path) -> Iterator[tuple[str, Path]]:
    """``streamlit_server`` over the demo data in ``folder`` with one account, Olga Officer
    (OFFICER, PASSWORD): (url, database file)."""
    db_file = demo_database(folder / "demo.db", [(OFFICER, "officer", "Olga Officer")], PASSWORD)
    with streamlit_server(db_file, folder) as url:
        yield url, db_file


@contextlib.contextmanager
def chromium() -> Iterator:
    if CHROMIUM is None:
        pytest.fail("Chromium is missing: install Debian's 'chromium' package (.ci/run does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Streamlit is done when nothing is running and no placeholder skeleton is left, twice in
    a row (a rerun can start right after the first script run)."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=timeout)
    idle = """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 && !document.querySelector('[data-testid="stSkeleton"]')"""
    for _ in range(2):
        page.wait_for_function(idle, timeout=timeout)
        page.wait_for_timeout(400)


def download(page, button, saved: Path, timeout: float = 90_000) -> Path:
    """Click ``button`` (a locator) as a person does, once it shows, the page has finished
    running and the button is enabled (a click while a rerun is still drawing the page can
    land on a button that rerun replaces, and no file comes), then wait for the browser's
    download event, as long as a loaded machine needs, and save the file to ``saved``; a
    download the browser reports failed fails the test."""
    button.wait_for(state="visible", timeout=timeout)
    wait_for_app(page, timeout=timeout)
    expect(button).to_be_enabled(timeout=timeout)
    with page.expect_download(timeout=timeout) as started:
        button.click()
    got = started.value
    assert got.failure() is None, got.failure()
    got.save_as(saved)
    return saved


def draft_pasted(page, text: str) -> None:
    """Paste ``text`` into Add a letter's text box and draft it, as a person does; back once
    the review table is drawn (nothing is stored yet)."""
    page.get_by_label("The letter's text").fill(text)
    page.get_by_role("button", name="Draft the asks").click()
    page.get_by_role("heading", name="Its asks").wait_for()
    wait_for_app(page)


def sign_in(page, email: str, password: str, url: str | None = None) -> None:
    """Sign in through the built-in sign-in form as a person would (at ``url``, or on whatever
    page a link opened, whose address is kept), then wait until the browser holds the session
    cookie: the next page load stays signed in only then, and the run that sets it is slow on a
    busy machine."""
    if url is not None:
        page.goto(url)
    page.get_by_role("heading", name="Sign in to Advocacy Tracker").wait_for()
    page.get_by_label("Email").fill(email)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_function("() => document.cookie.includes('tracker_session=')", timeout=90_000)


def signed_in(
    browser, url: str, email: str, password: str, *, width=1400, height=1000, wait=30_000
):
    """A new browser context (its own cookies: another person) at ``width`` x ``height``,
    signed in as ``email``: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(wait)
    sign_in(page, email, password, url)
    page.get_by_text("Signed in as").wait_for()
    return context, page


@contextlib.contextmanager
def signed_in_page(url: str, path: str, heading: str, email: str, password: str, **size):
    """A new Chromium with one person signed in (``signed_in``, at ``size``: width, height),
    on the app's page ``path`` once its ``heading`` shows; closed when the block ends."""
    with chromium() as browser:
        context, page = signed_in(browser, url, email, password, **size)
        try:
            page.goto(f"{url}/{path}")
            page.get_by_role("heading", name=heading).wait_for()
            yield page
        finally:
            context.close()
