"""The over-removal guard: inference never empties an article."""

from __future__ import annotations

from conftest import check_invariants

from cleanarticle import clean_text

PARAGRAPH = (
    "The council said on Monday that the new bridge over the river would open next "
    "spring, after two years of delays and a budget that grew by a third ({})."
)
MENU = "\n".join(["Home", "World", "Sport", "Weather", "Video", "Audio", "Live", "Shop"])


def test_article_split_by_menus_is_kept_and_the_guard_says_why() -> None:
    text = "Bridge opening delayed again\n" + "\n".join(
        f"{PARAGRAPH.format(i)}\n{MENU}" for i in range(8)
    )
    result = clean_text(text)
    # Menus this long between paragraphs make the window pick one paragraph;
    # the guard gives the other seven back and records it.
    kept = [result.standfirst or "", *result.paragraphs]
    assert sum(p.startswith("The council said") for p in kept) == 8
    assert len(result.notes) == 1 and "over-removal guard" in result.notes[0]
    assert "over-removal guard" in result.to_dict()["notes"][0]
    assert "Home" not in result.body
    check_invariants(text, result)


def test_guard_stays_quiet_on_an_ordinary_article() -> None:
    text = "Bridge opening delayed again\n" + "\n".join(PARAGRAPH.format(i) for i in range(5))
    assert clean_text(text).notes == ()


def test_guard_does_not_undo_phrase_rules() -> None:
    # A page of boilerplate only: rules removed it, so the body stays empty.
    text = "Share on Facebook\nAdvertisement\nSign up for our newsletter\nAll rights reserved."
    result = clean_text(text, config=None)
    assert result.body == ""
    assert result.notes == ()
    assert {r.category for r in result.removals} >= {"social", "advertising", "newsletter"}
