"""Every answer of the position search, recorded: the labelled queries in both languages and ~1,900 generated ones.

The search reads names in both languages whatever the user's language, so today every Kazakh answer is
recorded as "same"; the column is there to catch the day it is not. A change meant to make the search faster
must not change one answer; tests/test_search_snapshot.py compares
against ``tests/data/search_snapshot.json``. A change meant to change answers rewrites it (and says why):

    PYTHONPATH=. python -m tests.search_snapshot --write
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.register import Register, load_register
from bot.search.results import PositionMatch, SearchResult

HERE = Path(__file__).resolve().parent
QUERIES_FILE = HERE / "data" / "search_queries.yaml"
SNAPSHOT_FILE = HERE / "data" / "search_snapshot.json"
LANGS = ("ru", "kk")
PER_BASE = 3  # generated queries per labelled query and per name: about 1,900 in all

# Latin letters that look like Cyrillic ones, as a phone's keyboard or a copied text mixes them
_LOOK_ALIKES = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k", "м": "m",
                "т": "t", "н": "h", "в": "b", "і": "i", "ә": "a", "ө": "o", "ұ": "u", "ү": "y", "қ": "k"}
_KAZAKH_PLAIN = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
                               "і": "и"})
_EXTRA_WORDS = ("пожалуйста", "какая категория", "скажите", "маған айтыңызшы", "санаты қандай", "в акимате",
                "ауданның", "области", "района", "города", "государственный", "мемлекеттік", "зарплата", "?",
                "!!!", "срочно", "подскажите какая категория у", "кто такой", "бұл қандай лауазым")
_NOISE = ("asdf", "qwerty", "йцукен", "ыыыы", "123", "0", "ааааааааааа", "😀", "👍🏻", "🇰🇿", "...", "—", "<b>",
          "&amp;", "\u200b", "хз", "лол", "ok", "test", "D-O", "E-G-", "категория", "санат")
_EMOJI = ("😀", "🙏", "👍", "🤔", "🇰🇿", "❤️", "🔥", "✅")


def labelled() -> list[str]:
    """The texts of the labelled queries (tests/data/search_queries.yaml), in file order."""
    return [item["q"] for item in yaml.safe_load(QUERIES_FILE.read_text("utf-8"))]


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 3:
        return text + text
    i = rng.randrange(len(text) - 1)
    kind = rng.randrange(5)
    if kind == 0:  # a letter dropped
        return text[:i] + text[i + 1:]
    if kind == 1:  # two letters swapped
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == 2:  # a letter doubled
        return text[:i] + text[i] + text[i:]
    if kind == 3:  # a neighbour's letter instead
        return text[:i] + rng.choice("аеиоуыкнгшзхфвпрлджэячсмтьбю") + text[i + 1:]
    return text[:i] + " " + text[i:]  # a space too many


def _mutate(text: str, rng: random.Random, names: list[str]) -> str:
    kind = rng.randrange(14)
    if kind <= 2:
        return _typo(text, rng)
    if kind == 3:
        return _typo(_typo(text, rng), rng)
    if kind == 4:  # some letters as their Latin look-alikes
        return "".join(_LOOK_ALIKES.get(c, c) if rng.random() < 0.4 else c for c in text)
    if kind == 5:
        return rng.choice((str.upper, str.lower, str.title, str.swapcase))(text)
    if kind == 6:  # extra words around
        extra = rng.choice(_EXTRA_WORDS)
        return f"{extra} {text}" if rng.random() < 0.5 else f"{text} {extra}"
    if kind == 7:  # Kazakh typed without Kazakh letters
        return text.translate(_KAZAKH_PLAIN)
    if kind == 8:  # half of one name, half of another (often one Russian, one Kazakh)
        other = rng.choice(names).split()
        words = text.split()
        return " ".join(words[:max(1, len(words) // 2)] + other[len(other) // 2:])
    if kind == 9:  # pure noise
        return " ".join(rng.choice(_NOISE) for _ in range(rng.randint(1, 4)))
    if kind == 10:  # emoji
        return f"{rng.choice(_EMOJI)} {text} {rng.choice(_EMOJI)}"
    if kind == 11:  # a pasted wall of text
        return " ".join(rng.choice(names) for _ in range(rng.randint(4, 12)))
    if kind == 12:  # words shuffled
        words = text.split()
        rng.shuffle(words)
        return " ".join(words)
    return text.replace(" ", "")  # glued


def generated(register: Register, per_base: int = PER_BASE, seed: int = 8) -> list[str]:
    """``per_base`` queries made from each labelled query and each of the register's names: typos, look-alikes,
    case, extra words, Kazakh/Russian mixes, noise, emoji and long pastes. The same on every run: each base has
    its own seeded generator, so adding a labelled query adds its own rows and leaves every other row as it was
    (a diff of the snapshot then shows only what changed)."""
    names = sorted({text for entry in register.search_index.names for text in (entry.name_ru, entry.name_kk)})
    queries: list[str] = []
    for base in dict.fromkeys(labelled() + names):
        rng = random.Random(f"{seed}|{base}")
        queries += [_mutate(base, rng, names) for _ in range(per_base)]
    return queries


def _match(match: PositionMatch, register: Register) -> list[Any]:
    # [position ids, score]; the names and codes only when they are not those of the positions (a role's name)
    found: list[Any] = [list(match.position_ids), match.score]
    first = register.position(match.position_ids[0]).name
    if (match.name_ru, match.name_kk) != (first.ru, first.kk):
        found.append({"name": [match.name_ru, match.name_kk]})
    if match.category_codes != tuple(register.position(i).category_code for i in match.position_ids):
        found.append({"codes": list(match.category_codes)})
    if match.role_ids:
        found.append({"role_ids": [list(ids) for ids in match.role_ids]})
    return found


def describe(result: SearchResult, register: Register) -> dict[str, Any]:
    """Everything a view reads of ``result``, as JSON (defaults left out; a match's names and codes when they are
    not its positions')."""
    found: dict[str, Any] = {"kind": result.kind}
    if result.category_code is not None:
        found["code"] = result.category_code
    if result.unknown_code is not None:
        found["unknown_code"] = result.unknown_code
    if result.matches:
        found["matches"] = [_match(m, register) for m in result.matches]
    if result.suggestions:
        found["suggestions"] = [_match(m, register) for m in result.suggestions]
    if result.scope:
        found["scope"] = list(result.scope)
    if result.scope_missed:
        found["scope_missed"] = True
    if result.excluded:
        found["excluded"] = list(result.excluded)
    if result.truncated:
        found["truncated"] = True
    return found


def record(register: Register | None = None) -> dict[str, list[list[Any]]]:
    """The search's answer to every snapshot query in both languages: {set: [[query, answer ru, answer kk], …]},
    the Kazakh answer given as "same" when it is the Russian one."""
    register = register or load_register()
    sets = {"labelled": labelled(), "generated": generated(register)}
    snapshot = {}
    for name, queries in sets.items():
        rows = []
        for query in queries:
            ru, kk = (_answer(register, query, lang) for lang in LANGS)
            rows.append([query, ru, "same" if kk == ru else kk])
        snapshot[name] = rows
    return snapshot


def _answer(register: Register, query: str, lang: str) -> dict[str, Any]:
    result = register.search(query, lang=lang)
    found = describe(result, register)
    if result.query != query:  # the views quote it back
        found["query"] = result.query
    return found


def dump(snapshot: dict[str, list[list[Any]]]) -> str:
    """One line per answer, so that a changed answer is a one-line diff."""
    parts = []
    for name, rows in snapshot.items():
        lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
        parts.append(f"{json.dumps(name)}: [\n{lines}\n]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.search_snapshot --write")
    SNAPSHOT_FILE.write_text(dump(record()), encoding="utf-8")
    print(f"wrote {SNAPSHOT_FILE}")
