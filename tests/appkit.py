"""Running the app in Streamlit's AppTest the way a person reaches a page: signed in (a
built-in account), with the link's query parameters, switched to the page. Shared by the page
tests (as clikit is by the CLI tests)."""

from __future__ import annotations

import re
from pathlib import Path

from dbkit import EMAIL
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(email: str | None, page: str | None = None, **params: str) -> AppTest:
    """The app run as ``email`` (nobody when None), then ``page`` (a ``webapp/pages`` name
    such as ``"asks"``, or None to stay on the landing page), with ``params`` in the link."""
    at = AppTest.from_file(APP, default_timeout=90)
    if email:
        at.session_state["user_email"] = email
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"webapp/pages/{page}.py")
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
    return at


def button(at: AppTest, label: str):
    """The page's button labelled ``label``."""
    return next(b for b in at.button if b.label == label)


def unescaped(markdown: str) -> str:
    """Text as a person reads it: the page escapes user text for markdown (common.plain)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def run_as(role: str | None, page: str | None = None, **params: str) -> AppTest:
    """``open_app`` signed in as the built-in account of ``role`` (``<role>@example.org``, as
    the page tests make them), or as nobody."""
    return open_app(EMAIL[role] if role else None, page, **params)


# the elements whose text Streamlit renders as markdown, and all a person can read
MARKDOWN = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "success",
    "warning",
    "error",
    "toast",
)
READABLE = (*MARKDOWN, "metric", "text")


def rendered_text(at: AppTest) -> str:
    """Everything a person could read or download from the page (sidebar included): text,
    labels, tables, charts, choices in lists, download labels. What leak tests scan."""
    parts = []
    for kind in READABLE:
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
    parts += [frame.value.to_csv(index=False) for frame in at.dataframe]
    parts += [str(chart.proto) for chart in at.get("plotly_chart")]
    for widget in at.get("selectbox") + at.get("multiselect"):
        parts.extend(str(option) for option in widget.options)
    parts += [str(button.label) for button in at.get("download_button")]
    return "\n".join(parts)
