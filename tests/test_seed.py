"""The seed document, exactly as issue 2 specifies it."""

from __future__ import annotations

from pathlib import Path

from cleanarticle import apply_removals, clean_text

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5ce8a6d2438927ba.txt"


def test_seed_exactly() -> None:
    text = SEED.read_text(encoding="utf-8")
    result = clean_text(text)
    assert result.headline == "Russian soldiers quit over forced Ukraine fighting, report claims"
    assert result.standfirst == (
        "News agency Reuters spoke to Russian soldiers who say they were made to serve in Ukraine"
    )
    assert len(result.paragraphs) == 13
    assert result.paragraphs[0].startswith(
        "Russian soldiers are reportedly quitting the army because they've been sent fight"
    )
    assert result.paragraphs[-1].endswith("with many now coming from central and eastern regions.")
    # Every paragraph is a verbatim line (or the article half of the glued line).
    lines = text.splitlines()
    for paragraph in result.paragraphs:
        assert paragraph in lines or lines[6].endswith(paragraph)
    boilerplate = [r for r in result.removals if r.rule not in ("headline", "standfirst")]
    assert [(r.category, r.text) for r in boilerplate[1:]] == [
        ("comments", "Join our commenting forum"),
        (
            "comments",
            "Join thought-provoking conversations, follow other Independent readers "
            "and see their replies",
        ),
        ("comments", "Comments"),
    ]
    donation = boilerplate[0]
    assert donation.category == "donation"
    assert donation.text.startswith("Your support helps us to tell the story\n")
    assert donation.text.endswith("Your support makes all the difference.")
    assert donation.text.count("\n") == 4  # the five-line appeal, as one removal
    assert apply_removals(text, result.removals) == result.body
