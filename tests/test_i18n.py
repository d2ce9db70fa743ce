import re
from pathlib import Path

from fluent.syntax import FluentParser, ast

from bot.datafiles import LOCALES_DIR
from bot.i18n import FORMATTED_KEPT, Html, I18n, lang_from_telegram


def _messages(lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(Path(LOCALES_DIR, lang).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            assert not isinstance(entry, ast.Junk), f"{path}: {entry.content[:60]}"
            if isinstance(entry, ast.Message):
                text = path.read_text(encoding="utf-8")
                found[entry.id.name] = set(re.findall(r"\{\s*\$([a-z_][a-z0-9_-]*)", _slice(text, entry)))
    return found


def _slice(text: str, entry: ast.Message) -> str:
    start = text.index(f"\n{entry.id.name} =") if f"\n{entry.id.name} =" in text else text.index(entry.id.name)
    following = re.search(r"\n[a-z][a-z0-9_-]*\s*=", text[start + 1:])
    return text[start: start + 1 + following.start()] if following else text[start:]


def test_both_locales_have_the_same_keys_and_placeholders():
    ru, kk = _messages("ru"), _messages("kk")
    assert set(ru) == set(kk), set(ru) ^ set(kk)
    for key in ru:
        assert ru[key] == kk[key], key


def test_kazakh_texts_are_not_copies_of_russian():
    i18n = I18n()
    # layout-* texts are punctuation around arguments, the same in both languages by design
    same = [k for k in i18n.keys if i18n("ru")(k) == i18n("kk")(k) and not k.startswith(("language-name", "layout-"))]
    assert same == []


def test_user_text_is_escaped_but_prepared_html_is_not():
    t = I18n()("ru")
    assert "&lt;b&gt;Асем&lt;/b&gt;" in t("start-greeting", name="<b>Асем</b>")
    assert "<b>Асем</b>" in t("start-greeting", name=Html("<b>Асем</b>"))


def test_language_comes_from_telegram_until_chosen():
    assert lang_from_telegram("kk") == "kk"
    assert lang_from_telegram("kk-KZ") == "kk"
    assert lang_from_telegram("ru") == "ru"
    assert lang_from_telegram("en") == "ru"
    assert lang_from_telegram(None) == "ru"


def test_a_very_long_argument_is_shown_whole_and_escaped():
    t = I18n()("kk")
    name = "<Ә>" * 6000
    text = t("start-greeting", name=name)
    assert "{???}" not in text
    assert "&lt;Ә&gt;" * 6000 in text


def test_plain_texts_keep_arguments_as_typed_and_use_the_one_separator():
    for lang in ("ru", "kk"):
        t = I18n()(lang)
        assert t.plain("layout-code-and-title", code="A", title="R&D <x>") == "A — R&D <x>"
        assert t("layout-code-and-title", code="A", title="R&D") == "A — R&amp;D"


def test_every_data_file_reads_the_same_with_libyaml_as_with_pure_python_yaml():
    import yaml

    from bot.datafiles import DATA_DIR, load_data

    for path in DATA_DIR.rglob("*.yaml"):
        pure = yaml.load(path.read_text("utf-8"), Loader=yaml.SafeLoader)
        assert load_data(path.name, path.parent) == pure, path


def test_a_text_kept_formatted_is_the_text_fluent_makes_again():
    """The translator keeps the last texts it formatted with arguments (FORMATTED_KEPT): every message of both
    languages, with text, ready HTML and numbers as arguments, comes out of it as a fresh translator makes it."""
    kept, fresh = I18n(), I18n()
    values = ["D-O-4", "<b>x</b> & y", Html("<i>ready</i>"), 1, 2, 5, 21]
    for lang in ("ru", "kk"):
        placeholders = _messages(lang)
        for key, names in placeholders.items():
            for value in values:
                args = dict.fromkeys(names, value)
                first = kept(lang)(key, **args)
                assert kept(lang)(key, **args) == first == fresh(lang)(key, **args), (lang, key, value)
    t = kept("ru")  # the same characters as text and as ready HTML are two different texts
    assert t("layout-code-and-title", code="<b>", title="x") != t("layout-code-and-title", code=Html("<b>"), title="x")


def test_the_texts_kept_are_bounded():
    t = I18n()("ru")
    for n in range(FORMATTED_KEPT + 500):
        assert f"X-{n}" in t("share-category-text", code=f"X-{n}")
    assert t.formatted_kept() == FORMATTED_KEPT
