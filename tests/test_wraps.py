"""Hard-wrapped text: a paragraph broken over several lines stays one paragraph."""

from __future__ import annotations

import pytest
from conftest import check_invariants

from cleanarticle import Removal, apply_removals, clean_text

HEADLINE = "Storm closes schools"
#: Two paragraphs hard-wrapped the way plain-text exports and <br>-laden pages give
#: them: short first lines, then lines of about 80 characters.
WRAPPED = (
    "The storm\n"
    "closed schools\n"
    "across the county on Monday, and officials said that\n"
    "they would stay shut until the power is back on. Crews worked through the night\n"
    "to clear the roads and to restore the lines to thousands of homes in the valley.",
    "Power\n"
    "was back in most of the valley by Tuesday evening, the utility said in a statement,\n"
    "and the schools would open again on Wednesday morning for all of the pupils.",
)


def test_a_hard_wrapped_paragraph_is_one_paragraph_with_its_line_breaks() -> None:
    text = HEADLINE + "\n\n" + "\n\n".join(WRAPPED) + "\n"
    result = clean_text(text)
    assert result.headline == HEADLINE
    assert result.standfirst is None
    assert result.paragraphs == WRAPPED
    check_invariants(text, result)


@pytest.mark.parametrize("newline", ["\r\n", " \n", "\n\u200b"], ids=["crlf", "space", "zwsp"])
def test_a_wrap_is_given_back_as_one_newline(newline: str) -> None:
    text = HEADLINE + "\n\n" + "\n\n".join(p.replace("\n", newline) for p in WRAPPED)
    result = clean_text(text)
    assert result.paragraphs == WRAPPED
    check_invariants(text, result)


def test_a_removal_between_wrapped_lines_ends_the_paragraph() -> None:
    text = "a line that goes on\nadvertisement\nand ends here."
    removal = Removal(20, 33, "advertisement", "advertising", "en.advertising.label")
    assert apply_removals(text, [removal]) == "a line that goes on\n\nand ends here."
    # Inside a line, a removal splits it, and the pieces are two paragraphs.
    text = "it goes on REMOVED\nand ends here."
    removal = Removal(11, 18, "REMOVED", "other", "x")
    assert apply_removals(text, [removal]) == "it goes on\n\nand ends here."
    assert apply_removals("it goes on\nand ends here.", []) == "it goes on\nand ends here."
