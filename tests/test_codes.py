"""The one category-code pattern: the canonical form data files write, and codes as people type them."""

from __future__ import annotations

import pytest

from bot.codes import is_category_code, read_code


@pytest.mark.parametrize("code", ["A-1", "B-6", "C-O-5", "C-R-1", "D-O-4", "E-G-3", "E-R-5"])
def test_the_canonical_form_is_latin_capitals_with_dashes(code: str) -> None:
    assert is_category_code(code)


@pytest.mark.parametrize("code", ["d-o-4", "Д-О-4", "DO4", "D-O-0", "D-O-10", "F-1", "D-X-1", "D-O-4 ", ""])
def test_anything_else_is_not_canonical(code: str) -> None:
    assert not is_category_code(code)


@pytest.mark.parametrize(("text", "code"), [
    ("D-O-4", "D-O-4"), ("д-о-4", "D-O-4"), ("DO4", "D-O-4"), ("D O 4", "D-O-4"), ("д04", "D-O-4"),
    ("С-0-3", "C-O-3"), ("Е–Ғ—2", "E-G-2"), ("в 3", "B-3"), ("E-G-0", "E-G-0"), ("A-12", "A-12"),
    ("D-R-1", "D-R-1"), ("D-O-123", None), ("главный специалист", None), ("12345", None), ("", None),
])
def test_a_typed_code_is_read_in_either_alphabet_whether_or_not_it_exists(text: str, code: str | None) -> None:
    assert read_code(text) == code


def test_filler_words_are_left_out_of_a_typed_code() -> None:
    assert read_code("категория Е-Г-2") is None
    assert read_code("категория Е-Г-2", filler={"категория"}) == "E-G-2"


PARTICLES = {"а", "a", "ал", "ше"}


@pytest.mark.parametrize(("text", "code"), [
    ("а E-G-3?", "E-G-3"), ("а Е-Г-3?", "E-G-3"), ("Е-Г-3 ше", "E-G-3"), ("ал Е-Ғ-3 ше?", "E-G-3"),
    ("а 4", "A-4"), ("а а-4", "A-4"), ("а 4 ше", "A-4"), ("а Е-Г-7?", "E-G-7"),
    ("ше", None), ("а", None), ("ше 4", None), ("а главный 4", None), ("Е-Г ше 3", None),
])
def test_a_particle_at_either_end_is_left_out_when_the_rest_is_a_code(text: str, code: str | None) -> None:
    assert read_code(text, particles=PARTICLES) == code


def test_a_code_is_read_whole_before_a_particle_is_left_out() -> None:
    # "а" is also the letter A: "а 4" is A-4, not the particle before a bare number
    assert read_code("а 4", particles=PARTICLES) == read_code("а 4") == "A-4"
