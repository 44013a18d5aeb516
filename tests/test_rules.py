"""Rule files: every built-in file loads, and malformed files fail loudly."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from cleanarticle import CleanConfig, PatternTimeoutError, RuleError, clean_text, load_rules
from cleanarticle.rules import builtin_languages, builtin_rules, parse_rule_file

GOOD = """
language = "en"
category = "promo"

[[rule]]
id = "x.promo.widget"
category = "promo"
pattern = '^hear\\s+the\\s+widget\\s+weekly'
example = "Hear the Widget Weekly"
comment = "test"
"""


@pytest.mark.parametrize("language", ["any", *builtin_languages()])
def test_builtin_rules_load_and_match_their_examples(language: str) -> None:
    rules = builtin_rules(language)
    for rule in rules:
        assert rule.pattern.search(rule.example), rule.id
        assert rule.id.startswith((f"{language}.",)), rule.id


def test_load_rules_merges_english() -> None:
    assert len(load_rules("de")) >= len(load_rules("en"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace('category = "promo"', 'category = "nope"', 1), "file category"),
        (
            lambda s: s.replace('example = "Hear the Widget Weekly"', 'example = "Hello"'),
            "does not match",
        ),
        (lambda s: s.replace('comment = "test"', ""), "needs a non-empty comment"),
        (lambda s: s.replace("pattern = '^hear", "pattern = '^(hear"), "not a valid pattern"),
        (lambda s: s + "\nbogus = 1\n", "unknown keys"),
        (
            lambda s: s.replace('id = "x.promo.widget"', 'id = "x.promo.widget"\nmax_words = 0'),
            "positive",
        ),
        (lambda s: s.replace("[[rule]]", '[[rule]]\nkind = "weird"'), "kind"),
        (lambda s: s + s[s.index("[[rule]]") :], "duplicate rule id"),
    ],
    ids=["category", "example", "comment", "pattern", "unknown-key", "max-words", "kind", "dup"],
)
def test_malformed_rules_fail_loudly(change, message: str) -> None:  # type: ignore[no-untyped-def]
    text = change(GOOD)
    with pytest.raises(RuleError, match=message) as info:
        parse_rule_file(text, "my/file.toml")
    assert "my/file.toml" in str(info.value)


def test_user_rule_file_and_disable(tmp_path: Path) -> None:
    path = tmp_path / "widget.toml"
    path.write_text(GOOD, encoding="utf-8")
    text = "Headline of the day\nThe minister resigned on Tuesday evening.\nHear the Widget Weekly"
    assert "Widget Weekly" in clean_text(text).body
    result = clean_text(text, config=CleanConfig(rules=(path,)))
    assert "Widget Weekly" not in result.body
    assert result.removals[-1].rule == "x.promo.widget"
    again = clean_text(
        text, config=CleanConfig(rules=(path,), disable=frozenset({"x.promo.widget"}))
    )
    assert "Widget Weekly" in again.body


def test_disable_unknown_rule_is_an_error() -> None:
    with pytest.raises(RuleError, match="unknown rule"):
        clean_text("x", config=CleanConfig(disable=frozenset({"no.such.rule"})))


def test_missing_user_rule_file(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read"):
        clean_text("x", config=CleanConfig(rules=(tmp_path / "none.toml",)))


def test_user_rule_file_is_read_again_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache keys on the file, not the name: an edited file, or another file under
    the same relative name in another folder, is not served from the cache."""
    text = "Headline of the day\nThe minister resigned on Tuesday evening.\nHear the Widget Weekly"
    config = CleanConfig(rules=(Path("widget.toml"),))
    for folder, rules in (("a", GOOD), ("b", GOOD.replace("^hear", "^listen"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "widget.toml").write_text(rules, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    assert "Widget Weekly" not in clean_text(text, config=config).body
    monkeypatch.chdir(tmp_path / "b")
    with pytest.raises(RuleError, match="does not match its own example"):
        clean_text(text, config=config)
    edited = GOOD.replace("Hear the Widget", "Listen to the Widget").replace(
        "^hear\\s+the", "^listen\\s+to\\s+the"
    )
    (tmp_path / "b" / "widget.toml").write_text(edited, encoding="utf-8")
    # The edited rule wants "Listen to the ...": the text's "Hear the ..." stays.
    assert "Widget Weekly" in clean_text(text, config=config).body
    monkeypatch.chdir(tmp_path / "a")
    assert "Widget Weekly" not in clean_text(text, config=config).body


#: Lines a rule must or must not match: (rule id, line, matched).
RULE_CASES = [
    # Consent and follow prompts that stood in for a standfirst on the dev corpus.
    (
        "de.consent.cookie-banner",
        "Wenn Sie auf FINANZCHECK.de weitersurfen, stimmen Sie der Cookie-Nutzung zu. OK",
        True,
    ),
    ("de.consent.cookie-banner", "Wer weitersurft, sieht mehr von der Stadt.", False),
    ("en.social.follow-us", "Do you already like us on Facebook?", True),
    (
        "en.legal.not-responsible",
        "The BBC is not responsible for the content of external sites.",
        True,
    ),
    (
        "en.legal.not-responsible",
        "The ministry is not responsible for the content of the report, officials said.",
        False,
    ),
    (
        "en.legal.reuters-trust-principles",
        "Our Standards: The Thomson Reuters Trust Principles.",
        True,
    ),
    ("en.comments.discussion-heading", "There are 13 comments", True),
    # The Hill's hover card: the name again, in full, then teasers, then "MORE".
    (
        "en.related.name-hover-card",
        "South Dakota Gov. Kristi Noem Kristi Lynn Noem South Dakota governor doubles down"
        " on 'meth, we're on it' anti-drug campaign MORE (R) is defending the campaign.",
        True,
    ),
    # A name said twice, or a "MORE" in capitals, alone is no card.
    (
        "en.related.name-hover-card",
        "Ask John Smith John told reporters on Tuesday that more was to come.",
        False,
    ),
    (
        "en.related.name-hover-card",
        "Ilhan Omar said Ilhan Omar had been threatened, and asked for compassion. MORE",
        False,
    ),
    # The reviewer lines of an expert-review author box; a sentence that says who
    # reviewed something is reporting.
    ("en.byline.author-label", "Verified by Marisa Figat", True),
    ("en.byline.author-label", "Medically reviewed by Jane Doe, MD", True),
    ("en.byline.author-label", "Full Bio", True),
    ("en.byline.author-label", "Reviewed by the committee on Monday.", False),
    ("en.other.editorial-policy-link", "Learn about our Financial Review Board", True),
    ("en.other.editorial-policy-link", "Learn about our review of the budget.", False),
    ("en.comments.discussion-heading", "There is one reply", True),
    ("en.comments.discussion-heading", "There are 13 comments on the bill in Congress.", False),
    # A blog's note that its comments are closed or empty (tfe krimiblog, anglerboard).
    ("de.comments.form", "Leider sind keine Kommentare möglich.", True),
    ("de.comments.form", "Derzeit sind keine Kommentare vorhanden.", True),
    ("de.comments.form", "Es sind keine Kommentare zum Artikel vorhanden.", True),
    ("de.comments.form", "Bisher keine Kommentare", True),
    ("de.comments.form", "Dazu sind keine Kommentare der Regierung bekannt.", False),
    ("en.social.follow-us", "Do you like the new design on our site?", False),
    (
        "en.byline.piped-updated",
        "New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM",
        True,
    ),
    ("en.byline.piped-updated", "Home | Updated rules for the 2019 season", False),
    ("en.credit.slashed-agency", "Nadal celebrates in Madrid. (Manu Fernandez/AP)", True),
    ("en.credit.slashed-agency", "Titan in false colour. (NASA/JPL/Space Science Institute)", True),
    ("en.credit.slashed-agency", "Greater STL Metro (IL/MO)", False),
    ("en.credit.slashed-agency", "He loved the band (AC/DC)", False),
    (
        "en.credit.caption-toggle",
        "Nelson puts the winning goal behind Murray. The Islanders won 5-4. (AP Photo/Gene J."
        " Puskar) less",
        True,
    ),
    (
        "en.credit.caption-toggle",
        "Nelson puts the winning goal behind Murray. The Islanders... more",
        True,
    ),
    ("en.credit.caption-toggle", "The mayor said she wanted to spend less", False),
    ("en.newsletter.jetpack-subscribe", "Subscribe to Blog via Email", True),
    ("en.newsletter.jetpack-subscribe", "Follow WP Tavern via Email", True),
    ("en.newsletter.jetpack-subscribe", "Join 1,234 other subscribers", True),
    ("en.newsletter.jetpack-subscribe", "She told them to follow the news via email", False),
    ("en.newsletter.jetpack-subscribe", "Join 200 other runners on Sunday", False),
    ("en.credit.caption-toggle", "Prices rose again... and then some more", False),
    ("en.byline.qa-asked-answered", "Asked 8 years, 2 months ago", True),
    ("de.social.share-bar-glued", "teilen tweeten mailen kommentieren pdf download", True),
    ("de.social.share-bar-glued", "Facebook und Twitter teilen sich den Markt", False),
    # Wikipedia's skip links, scraped onto one line.
    ("en.navigation.skip-link", "Jump to navigation Jump to search", True),
    ("en.navigation.skip-link", "Jump to the conclusion", False),
    # The labels of menu toggles (WIRED, forstpraxis.de, alpin.de on the dev corpus).
    ("en.navigation.menu-words", "Open Navigation Menu", True),
    ("en.navigation.menu-words", "Open main menu", True),
    ("en.navigation.menu-words", "Open Menu Menü", True),
    ("en.navigation.menu-words", "Hide sidebar", True),
    # A sentence that starts the same way is not a toggle.
    ("en.navigation.menu-words", "Open the door to the garden", False),
    # Several toggles scraped into one line (amnesty.de).
    (
        "en.navigation.menu-toggles-glued",
        "Open main navigation Open search form Jetzt spenden! Open account navigation",
        True,
    ),
    ("en.navigation.menu-toggles-glued", "Toggle menu Toggle search", True),
    (
        "en.navigation.menu-toggles-glued",
        "Open the menu and close the door before you leave the house",
        False,
    ),
    ("de.social.liked-share", "Dir hat der Artikel gefallen? Jetzt teilen...", True),
    # management-circle.de, over its article on the dev corpus.
    ("de.social.liked-share", "Gefällt Ihnen, was Sie lesen? Teilen Sie diesen Beitrag!", True),
    ("de.social.liked-share", "Gefällt dir, was du liest? Teile diesen Artikel!", True),
    # A question of the article is no share prompt.
    (
        "de.social.liked-share",
        "Gefällt Ihnen, was Sie lesen, wenn Sie die Zeitung aufschlagen?",
        False,
    ),
    (
        "any.credit.caption-trailing-parenthesis",
        "Scooter Braun and Scott Borchetta pose for a photo at a private residence on June 28, "
        "2019 in Montecito, California. (Photo by Kevin Mazur/Getty Images for Ithaca Holdings)",
        True,
    ),
    (
        "any.credit.caption-trailing-parenthesis",
        "Minister of Sports Charles Griffith has called for more regional sporting "
        "competitions. (Picture by Kenmore Bynoe.)",
        True,
    ),
    ("any.related.all-caps-line", "BREAKING: BENUE GUBER APPEAL MOVED TO ABUJA", True),
    # Lower case anywhere, or fewer than six words of capitals, is no shouted line.
    ("any.related.all-caps-line", "TAYLOR SWIFT CLEARED TO PERFORM HITS AT AMAs AMID FEUD", False),
    ("any.related.all-caps-line", "NASA AND ESA PLAN A MISSION", False),
    ("any.promo.click-here", "Click here to receive live updates on the US election", True),
    ("any.promo.click-here", "Klicken Sie hier, um den Newsletter zu bestellen.", True),
    # A how-to's instruction is article text.
    ("any.promo.click-here", "Click the Settings icon, then choose Privacy.", False),
    ("any.promo.click-here", "Klicken Sie auf Start und dann auf Einstellungen.", False),
    (
        "any.comments.recent-comment",
        "Danny Brown: Ah, yes, now I see it. Very easy to miss »",
        True,
    ),
    ("any.comments.recent-comment", "Martin: Hab nicht behauptet dass Logitech herstel..", True),
    # A quote or an interview's line ends like a sentence.
    ("any.comments.recent-comment", "Fischer: Und die Pferdekutschen fahren weiter.", False),
    ("any.comments.recent-comment", "Update: The council has since reopened the bridge...", False),
]


@pytest.mark.parametrize(("rule_id", "line", "matched"), RULE_CASES)
def test_rule_matches_what_it_is_for(rule_id: str, line: str, matched: bool) -> None:
    rules = load_rules("de")
    rule = next(r for r in (*rules.line, *rules.section, *rules.inline) if r.id == rule_id)
    assert (rule.pattern.search(line) is not None) is matched


INLINE = """
language = "en"
category = "promo"

[[rule]]
id = "x.promo.inline-plug"
category = "promo"
kind = "inline"
pattern = '\\(Listen\\s+to\\s+the\\s+Widget\\s+Weekly\\)'
example = "The minister (Listen to the Widget Weekly) resigned on Tuesday."
comment = "test"
"""


def test_an_inline_rule_cuts_its_match_out_of_the_line(tmp_path: Path) -> None:
    path = tmp_path / "inline.toml"
    path.write_text(INLINE, encoding="utf-8")
    text = (
        "Headline of the day\n"
        "The minister of transport (Listen to the Widget Weekly) resigned on Tuesday "
        "evening after the bridge closure, his office said in a short statement.\n"
        "He had been in office for three years and will be replaced next week."
    )
    result = clean_text(text, config=CleanConfig(rules=(path,)))
    plug = [r for r in result.removals if r.rule == "x.promo.inline-plug"]
    assert [r.text for r in plug] == ["(Listen to the Widget Weekly)"]
    assert "Widget" not in result.body
    # The text on either side stays, each side a paragraph of its own.
    assert "The minister of transport" in result.paragraphs
    assert result.paragraphs[1].startswith("resigned on Tuesday evening")
    # A line without the plug is left alone, and the rule set counts the rule.
    assert clean_text(text.replace(" (Listen to the Widget Weekly)", "")).removals[0].rule == (
        "headline"
    )
    assert len(load_rules("en", (path,))) == len(load_rules("en")) + 1


def test_an_inline_rule_takes_no_short_line_guard() -> None:
    text = INLINE.replace('kind = "inline"', 'kind = "inline"\nmax_words = 5')
    with pytest.raises(RuleError, match="unknown keys"):
        parse_rule_file(text, "my/file.toml")


def test_an_inline_rule_that_runs_too_long_raises(tmp_path: Path) -> None:
    # "(a|aa)+" backtracks exponentially on a run of "a" with no "(" after it: the
    # timeout stops the scan of the whole text with an error that names the rule.
    slow = INLINE.replace(
        INLINE[INLINE.index("pattern") : INLINE.index("example")],
        "pattern = '(a|aa)+\\(Listen'\n",
    ).replace('example = "The minister', 'example = "aa(Listen to the Widget Weekly) The minister')
    path = tmp_path / "slow.toml"
    path.write_text(slow, encoding="utf-8")
    config = CleanConfig(rules=(path,), regex_timeout=0.05)
    with pytest.raises(PatternTimeoutError, match=r"x\.promo\.inline-plug"):
        clean_text("Headline\n" + "a" * 60 + "!", config=config)


def test_inline_rules_scan_the_text_in_chunks_cut_at_line_breaks() -> None:
    from cleanarticle.matcher import _chunks

    text = "ab\n" * 10 + "x" * 30 + " y" * 5
    chunks = list(_chunks(text, 7))
    # The chunks tile the text, in order, each about 7 characters or up to a break.
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    # Each cut is at a line break, or in the long line without one at a space, or
    # (a run without either) where the chunk is full.
    assert all(text[end] in "\n " or end - start == 7 for start, end in chunks[:-1])
    assert text[chunks[0][1]] == "\n"
    assert list(_chunks("", 7)) == []
