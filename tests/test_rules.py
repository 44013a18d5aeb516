"""Rule files: every built-in file loads, and malformed files fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanarticle import CleanConfig, RuleError, clean_text, load_rules
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


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        # The labels of menu toggles (WIRED, forstpraxis.de, alpin.de on the dev corpus).
        ("Open Navigation Menu", True),
        ("Open main menu", True),
        ("Open Menu Menü", True),
        ("Hide sidebar", True),
        # A sentence that starts the same way is not a toggle.
        ("Open the door to the garden", False),
    ],
)
def test_menu_toggle_labels_are_navigation(line: str, removed: bool) -> None:
    rule = next(r for r in load_rules("de").line if r.id == "en.navigation.menu-words")
    assert (rule.pattern.search(line) is not None) is removed


@pytest.mark.parametrize(
    ("line", "removed"),
    [
        ("Dir hat der Artikel gefallen? Jetzt teilen...", True),
        # management-circle.de, over its article on the dev corpus.
        ("Gefällt Ihnen, was Sie lesen? Teilen Sie diesen Beitrag!", True),
        ("Gefällt dir, was du liest? Teile diesen Artikel!", True),
        # A question of the article is no share prompt.
        ("Gefällt Ihnen, was Sie lesen, wenn Sie die Zeitung aufschlagen?", False),
    ],
)
def test_german_share_prompts(line: str, removed: bool) -> None:
    rule = next(r for r in load_rules("de").line if r.id == "de.social.liked-share")
    assert (rule.pattern.search(line) is not None) is removed
