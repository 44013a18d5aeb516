"""Shared test helpers: the invariants every clean must satisfy."""

from __future__ import annotations

import dataclasses
import itertools

from cleanarticle import CleanConfig, CleanResult, apply_removals, clean_text

HEADER_RULES = {"headline", "standfirst", "headline.page-title"}


def check_invariants(
    text: str,
    result: CleanResult,
    config: CleanConfig | None = None,
    *,
    idempotent: bool = True,
) -> None:
    """Assert the properties that hold for every input (see fixtures/README.md).

    ``idempotent=False`` skips the last check (cleaning the body again), so that the
    property tests can hold the structural invariants and idempotence separately.
    """
    removals = result.removals
    # Spans are sorted, in bounds, non-overlapping, and say what they cover.
    for removal in removals:
        assert 0 <= removal.start < removal.end <= len(text), removal
        assert text[removal.start : removal.end] == removal.text, removal
    for a, b in itertools.pairwise(removals):
        assert a.end <= b.start, (a, b)
    # The trail replays to the body.
    assert apply_removals(text, removals) == result.body
    # Nothing is invented: every line of every paragraph (a hard-wrapped paragraph
    # keeps its line breaks) is a slice of the input, in order.
    pos = 0
    for line in (line for paragraph in result.paragraphs for line in paragraph.split("\n")):
        found = text.find(line, pos)
        assert found >= 0, f"line not in input after offset {pos}: {line[:80]!r}"
        pos = found + len(line)
    # Text headlines are slices of the input; HTML ones may come from metadata.
    if result.source == "text":
        for field in (result.headline, result.standfirst):
            assert field is None or field in text
    if not idempotent:
        return
    # Idempotent: the body has no headline to find, and no boilerplate left.
    again_config = dataclasses.replace(config or CleanConfig(), headline=False)
    if result.source == "html":
        # clean_html runs the text pass without the context step (trafilatura has
        # already cut the article out of the page), so the body is cleaned again the
        # same way; with the context step it would be a different cleaner.
        again_config = dataclasses.replace(again_config, context=False)
    again = clean_text(result.body, config=again_config)
    assert again.body == result.body, [
        (r.rule, r.text[:60]) for r in again.removals if r.rule not in HEADER_RULES
    ]
