"""A refused TRACKER_PUBLIC_URL is not quoted back when the page would show it as a link to
the very address just refused (QA 2026-12-03; as errors.not_a_web_address does for evidence
links): the sentence names the setting and says what to do."""

from __future__ import annotations

import pytest

from tracker import snapshots
from tracker.errors import ValidationError


@pytest.mark.parametrize(
    "setting, says",
    [
        ("www.progress.example.org", "add https:// before the www"),
        ("http:/www.progress.example.org", "must start with http:// or https://"),
        ("dora@example.org", "must start with http:// or https://"),
    ],
)
def test_a_refused_public_address_markdown_would_link_is_not_quoted(monkeypatch, setting, says):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", setting)
    with pytest.raises(ValidationError) as refused:
        snapshots.public_url()
    message = refused.value.message
    assert setting not in message
    assert "www.progress" not in message and "dora@" not in message
    assert message.startswith("TRACKER_PUBLIC_URL is not a web address")
    assert says in message
    assert "https://progress.example.org" in message  # what to set it to
    assert refused.value.field == "TRACKER_PUBLIC_URL"


@pytest.mark.parametrize("setting", ["progress.example.org", "ftp://example.org/", "https://"])
def test_a_refused_public_address_no_link_is_still_quoted(monkeypatch, setting):
    monkeypatch.setenv("TRACKER_PUBLIC_URL", setting)
    with pytest.raises(ValidationError, match="Set it to the app.s address") as refused:
        snapshots.public_url()
    assert f"TRACKER_PUBLIC_URL '{setting}' is not a web address" in refused.value.message
