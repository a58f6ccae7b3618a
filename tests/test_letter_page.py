"""A letter's page (QA 2026-12-03, browser): a letter stored without its text showed "No text
stored." at the top of an empty 420 px box; it is said on its own line, and a letter's text
still scrolls in its box."""

from __future__ import annotations

from appkit import open_app
from streamlit.testing.v1.element_tree import Block
from test_letter_links import PEOPLE, second_letter  # noqa: F401 (a fixture)


def parent_of(at, wanted: str):
    """The block holding the markdown ``wanted`` (None if it is not shown)."""

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if not isinstance(child, Block) and getattr(child, "value", None) == wanted:
                return node
            if isinstance(child, Block) and (found := walk(child)) is not None:
                return found
        return None

    return walk(at.main)


def test_a_letter_without_text_says_so_without_an_empty_box(second_letter):  # noqa: F811
    _, letter_id = second_letter
    at = open_app(PEOPLE[0][0], "letters", letter=str(letter_id))
    assert not at.exception
    holder = parent_of(at, "_No text stored._")
    assert holder is not None
    assert "pixel_height" not in str(getattr(holder, "proto", ""))


def test_a_letters_text_scrolls_in_its_box(second_letter):  # noqa: F811
    at = open_app(PEOPLE[0][0], "letters", letter="1")
    boxes = [
        b
        for b in at.main.children.values()
        if isinstance(b, Block) and "pixel_height: 420" in str(b.proto)
    ]
    assert len(boxes) == 1
