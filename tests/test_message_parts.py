"""Long answers split into Telegram-sized messages without breaking markup or losing text."""

from __future__ import annotations

import html
import time
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.message_parts import MESSAGE_LIMIT, excerpt, split_html, text_start, utf16_len, utf16_prefix
from bot.runtime.console import visible_text


class _Styled(HTMLParser):
    """Each visible character with the tags (and their attributes) around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple]] = []
        self.chars: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.chars += [(ch, tuple(self.stack)) for ch in data]


def styled(text: str) -> list[tuple[str, tuple]]:
    parser = _Styled()
    parser.feed(text)
    parser.close()
    return [(ch, style) for ch, style in parser.chars if not ch.isspace()]


def test_short_text_is_one_unchanged_part():
    text = "<b>Главный специалист</b> — D-O-4 &amp; E-G-3"
    assert split_html(text) == [text]


def test_paragraphs_stay_whole_when_they_fit():
    paragraphs = [f"<b>Раздел {i}</b>\n" + ("слово " * 300).strip() for i in range(5)]
    parts = split_html("\n\n".join(paragraphs))
    assert len(parts) == 3
    assert parts[0] == "\n\n".join(paragraphs[:2])
    assert all(part.startswith("<b>Раздел") for part in parts)


def test_one_huge_paragraph_breaks_at_lines_then_at_spaces():
    lines = [f"{i}. " + "ә" * 90 for i in range(100)]
    parts = split_html("\n".join(lines))
    assert all(part.split("\n")[-1] in lines for part in parts)  # every part ends with a whole line
    words = " ".join(["сөз"] * 3000)
    parts = split_html(words)
    assert all(not part.startswith(" ") and not part.endswith(" ") and "сө " not in part for part in parts)


def test_a_tag_open_across_the_break_is_closed_and_reopened():
    text = '<a href="https://adilet.zan.kz/rus/docs/Z1500000416">' + "закон " * 1500 + "</a>"
    parts = split_html(text)
    assert len(parts) == 3
    for part in parts:
        visible_text(part)  # valid markup, or ValueError
        assert part.startswith('<a href="https://adilet.zan.kz/rus/docs/Z1500000416">') and part.endswith("</a>")


def test_an_entity_is_never_cut_and_counts_as_one_character():
    text = "&lt;" * 5000
    parts = split_html(text)
    assert [len(visible_text(p)) for p in parts] == [4096, 904]


def test_emoji_count_twice_as_telegram_counts_them():
    parts = split_html("😀" * 3000)
    assert [utf16_len(visible_text(p)) for p in parts] == [4096, 1904]


_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
_tags = st.sampled_from(["b", "i", "u", "s", "code", "tg-spoiler", "blockquote", 'a href="https://egov.kz"'])
_separators = st.sampled_from([" ", " ", " ", "\n", "\n\n"])


@st.composite
def documents(draw) -> str:
    """Telegram HTML: escaped words and separators, some wrapped in (possibly nested) tags."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 250))):
        chunk = html.escape(draw(_words), quote=False) + draw(_separators)
        for tag in draw(st.lists(_tags, max_size=2)):
            name = tag.split()[0]
            chunk = f"<{tag}>{chunk}</{name}>"
        pieces.append(chunk)
    return "".join(pieces)


@settings(max_examples=80, deadline=None)
@given(documents(), st.sampled_from([64, 300, 1000, MESSAGE_LIMIT]))
def test_every_part_fits_is_valid_and_nothing_is_lost_or_restyled(text, limit):
    parts = split_html(text, limit)
    for part in parts:
        shown = visible_text(part)  # raises on broken markup
        assert shown.strip()
        assert utf16_len(shown) <= limit
    assert [c for p in parts for c in styled(p)] == styled(text)


def test_a_long_paste_is_quoted_back_as_its_start():
    assert excerpt("  главный\n специалист  ") == "главный специалист"
    quoted = excerpt("главный специалист " * 300)
    assert len(quoted) <= 80 and quoted.endswith("специалист…")
    assert excerpt("ә" * 5000) == "ә" * 79 + "…"


def test_a_quote_is_measured_as_telegram_counts_it():
    quoted = excerpt("😀" * 1000)  # each counts two units in Telegram
    assert quoted == "😀" * 39 + "…" and utf16_len(quoted) == 79
    assert excerpt("😀" * 40) == "😀" * 40  # 80 units: fits whole
    assert excerpt("ab" + " " * 5000 + "cd") == "ab…"  # only the start is read


@given(st.text(alphabet=st.sampled_from("aә😀 \n🇰"), max_size=300), st.integers(0, 120))
def test_a_prefix_in_units_never_splits_a_character(text, units):
    prefix = utf16_prefix(text, units)
    assert text.startswith(prefix) and utf16_len(prefix) <= units
    assert utf16_len(text[: len(prefix) + 1]) > units or prefix == text


def test_a_lone_surrogate_counts_one_unit():
    assert utf16_len("\udcc3(") == 2 and utf16_len("😀") == 2


@pytest.mark.parametrize("text", ["<" * 60_000, "<b" * 30_000])
def test_splitting_is_linear(text):
    # CPU budget, best of 3 (a shared machine): a tag pattern that could run past "<" read the rest of the text from
    # every "<": 2.3 s on 60,000 of them; linear, it takes ~0.2 s
    spent = []
    for _ in range(3):
        start = time.process_time()
        split_html(text, 1000)
        spent.append(time.process_time() - start)
    assert min(spent) < 0.6


def test_a_long_question_is_read_from_its_start():
    assert text_start("  главный специалист \n") == ("главный специалист", False)
    assert text_start("слово " * 40) == ("слово " * 32 + "слово", True)  # not "…сл": ends after a word
    assert text_start("главный специалист " * 20, 200) == (("главный специалист " * 10)[:-1] + " главный", True)
    assert text_start("а" * 4096) == ("а" * 200, True)  # one long word is cut inside
    assert text_start("а" * 150 + " " + "б" * 500) == ("а" * 150, True)
    assert text_start("а" * 50 + " " + "б" * 500) == ("а" * 50 + " " + "б" * 149, True)  # not below half
