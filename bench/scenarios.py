"""What the bench feeds the bot: varied texts that never repeat, and presses of buttons the bot just sent.

Texts come from the labelled sets (``tests/data/search_queries.yaml``, and ``tests/data/questions.yaml`` when
it is there) and from variants made of them the way people type: typos, Kazakh letters dropped, words
around the question, capitals. A stream never yields two texts that fold (case, spaces, punctuation) to the
same thing, so no timed update is a repeat that a memo could answer. Presses are of buttons taken from the
bot's own newest message with buttons to that user; a scenario sets that message up untimed.

Each ``Scenario`` makes one block of updates at a time through a ``Driver`` (``bench/run.py``): it may send
untimed set-up updates first, then returns the updates to time, each from a different user.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

if TYPE_CHECKING:
    from bench.run import Driver
    from bench.updates import Person

ROOT = Path(__file__).resolve().parent.parent
SEARCH_QUERIES = ROOT / "tests" / "data" / "search_queries.yaml"
QUESTIONS = ROOT / "tests" / "data" / "questions.yaml"  # the question router's labelled set, when present
SEED = 14
FIRST_CONTACT_EVERY = 4  # in the text scenarios, every 4th update comes from a user the bot has never seen
MAX_PAGES = 5  # a keyboard's pages a user turns looking for a button
WALK_PRESSES = 8  # a walk through a feature starts again from the main menu after this many presses

KAZAKH_PLAIN = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
CYRILLIC_LOOKALIKES = str.maketrans("ABCDEGORabcdegor", "АВСДЕГОРавсдегор")
PARTICLES = {
    "ru": (("подскажите ", ""), ("", " пожалуйста"), ("", "?"), ("скажите ", ""), ("а ", ""), ("", " кто это"),
           ("вопрос: ", ""), ("", "??"), ("здравствуйте ", ""), ("", " спасибо")),
    "kk": (("", " ма"), ("", " деген не"), ("", "?"), ("айтыңызшы ", ""), ("", " туралы"), ("сәлем ", ""),
           ("", " керек"), ("", " бар ма"), ("сұрақ: ", ""), ("", " рахмет")),
}
CODE_FORMS = {
    "ru": ("{c}", "категория {c}", "что за категория {c}", "{c} что это", "{c}?", "должности {c}",
           "кто такой {c}", "код {c}", "что значит {c}", "{c} какие должности", "расшифруйте {c}",
           "категория {c} это что", "{c} это кто"),
    "kk": ("{c} санаты", "{c} деген не", "{c} қандай лауазым", "санат {c}", "{c} дегеніміз не",
           "{c} ма", "{c} санаты қандай", "{c} кім", "{c} қандай санат"),
}
SALARY_FORMS = {
    "ru": ("зарплата {p}", "какая зарплата у {p}", "сколько получает {p}", "оклад {p}", "{p} зарплата",
           "сколько платят {p}", "зп {p}", "заработная плата {p}"),
    "kk": ("{p} жалақысы", "{p} жалақысы қанша", "{p} қанша алады", "{p} айлығы", "жалақы {p}",
           "{p} қанша жалақы алады"),
}
WORD = re.compile(r"\w+")
LONG_WORD = re.compile(r"[^\W\d_]{4,}")  # codes (D-O-4, DO4) and short words are left as typed


@dataclass(frozen=True)
class Text:
    """One input: what the user types and the language it is written in."""

    text: str
    lang: str


def labelled_texts() -> list[Text]:
    """Every labelled search query, then every labelled question that needs no earlier context."""
    texts = [Text(r["q"], r.get("lang", "ru")) for r in _records(SEARCH_QUERIES) if str(r.get("q", "")).strip()]
    for record in _records(QUESTIONS):
        text = record.get("text", record.get("q"))
        if isinstance(text, str) and text.strip() and not record.get("context"):
            texts.append(Text(text, "kk" if str(record.get("lang", "ru")).startswith("kk") else "ru"))
    return texts


def found_queries() -> list[Text]:
    """Labelled search queries the register answers (a rated answer to press 👍 under)."""
    return [Text(r["q"], r.get("lang", "ru")) for r in _records(SEARCH_QUERIES) if r.get("expect")]


def position_names() -> list[Text]:
    """Names of posts as the labelled set spells them (exact names, roles, Kazakh forms)."""
    tags = {"exact", "kazakh", "role", "alias", "abbreviation", "kazakh-inflection", "kazakh-no-letters"}
    return [Text(r["q"], r.get("lang", "ru")) for r in _records(SEARCH_QUERIES)
            if r.get("tag") in tags and r.get("expect")]


def category_codes() -> list[str]:
    """Every category code the labelled set names."""
    codes: set[str] = set()
    for record in _records(SEARCH_QUERIES):
        codes.update(record.get("expect") or ())
        if record.get("code"):
            codes.add(record["code"])
    return sorted(codes)


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = next((data[key] for key in ("items", "queries", "cases") if isinstance(data.get(key), list)), [])
    return [record for record in data or () if isinstance(record, dict)]


# ---------------------------------------------------------------- varied texts


def folded(text: str) -> str:
    """What makes two inputs the same one: letters and digits, in lower case, in order."""
    return " ".join(WORD.findall(text.casefold()))


def typo(text: str, rng: random.Random) -> str:
    """One slip of a finger inside a word of four letters or more: a letter dropped, doubled or swapped."""
    spots = [i for word in LONG_WORD.finditer(text) for i in range(word.start() + 1, word.end() - 2)]
    if not spots:
        return text
    i = rng.choice(spots)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def variant(base: Text, rng: random.Random) -> str:
    """``base`` as another person might type it: one or two of typo, particles, Kazakh letters dropped."""
    text = base.text
    changes = rng.sample(("typo", "particle", "plain", "typo2"), k=rng.choice((1, 2, 2, 3)))
    for change in changes:
        if change.startswith("typo"):
            text = typo(text, rng)
        elif change == "particle":
            before, after = rng.choice(PARTICLES["kk" if base.lang == "kk" else "ru"])
            text = f"{before}{text.rstrip('?')}{after}"
        elif change == "plain":
            text = text.translate(KAZAKH_PLAIN)
    return recase(text, rng)


def recase(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return text.lower()
    if roll < 0.8:
        return text[:1].upper() + text[1:]
    return text if roll < 0.97 else text.upper()


class Varied:
    """An endless stream of distinct texts: every base once in shuffled order, then ever new variants."""

    def __init__(self, bases: Sequence[Text], seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.bases = list(bases) or [Text("главный специалист", "ru")]
        self.seen: set[str] = set()
        self.first = list(self.bases)
        self.rng.shuffle(self.first)

    def __iter__(self) -> Iterator[Text]:
        return self

    def __next__(self) -> Text:
        while self.first:
            text = self.first.pop()
            if self.fresh(text.text):
                return text
        for _ in range(1000):
            base = self.rng.choice(self.bases)
            text = variant(base, self.rng)
            if self.fresh(text):
                return Text(text, base.lang)
        raise RuntimeError("the variants ran out")

    def fresh(self, text: str) -> bool:
        key = folded(text)
        if not key or key in self.seen:
            return False
        self.seen.add(key)
        return True


def free_texts(seed: int = SEED) -> Varied:
    return Varied(labelled_texts(), seed)


def code_texts(seed: int = SEED) -> Varied:
    """Category codes as typed: Latin or Cyrillic letters, with or without dashes, inside a question."""
    rng = random.Random(seed)
    forms = []
    for code in category_codes():
        parts = code.split("-")
        spellings = {code, " ".join(parts), "".join(parts), "-".join(parts[:-1]) + parts[-1],
                     code.translate(CYRILLIC_LOOKALIKES)}
        for lang, templates in CODE_FORMS.items():
            for spelling in spellings:
                for template in templates:
                    forms.append(Text(recase(template.format(c=spelling), rng), lang))
    return Varied(forms, seed)


def salary_texts(seed: int = SEED) -> Varied:
    """"How much does X earn" for posts and codes, in Russian and Kazakh."""
    rng = random.Random(seed)
    subjects = [*position_names(), *(Text(c, lang) for c in category_codes() for lang in ("ru", "kk"))]
    forms = [Text(recase(template.format(p=s.text), rng), s.lang)
             for s in subjects for template in SALARY_FORMS["kk" if s.lang == "kk" else "ru"]]
    return Varied(forms, seed)


# ---------------------------------------------------------------- scenarios


@dataclass
class Scenario:
    """One kind of update; ``block`` makes the next ``size`` updates to time (after any untimed set-up)."""

    name: str
    kind: Literal["text", "press"]

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        raise NotImplementedError


@dataclass
class Questions(Scenario):
    """Typed texts from a stream; every ``FIRST_CONTACT_EVERY``-th from a user the bot has never seen."""

    texts: Varied = field(default_factory=free_texts)

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        returning = iter(await driver.returning(self.name, size - size // FIRST_CONTACT_EVERY))
        updates = []
        for i in range(size):
            first = i % FIRST_CONTACT_EVERY == FIRST_CONTACT_EVERY - 1
            person = driver.newcomer() if first else next(returning)
            updates.append((person, driver.text_update(person, next(self.texts).text)))
        return updates


@dataclass
class NewUserStart(Scenario):
    """/start from someone who has never written to the bot: the first contact, the costliest path."""

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        people = [driver.newcomer() for _ in range(size)]
        return [(person, driver.text_update(person, "/start")) for person in people]


@dataclass
class Walk(Scenario):
    """Presses through one feature: its main-menu button, then any of its buttons the bot just sent.

    Buttons that leave the feature (main menu, language) or rate the answer are not pressed; after
    ``WALK_PRESSES`` presses, or where the feature has nothing more to press, the user sends /start
    (untimed) and presses the feature's menu button again.
    """

    entry: str = ""  # the locale key of the feature's main-menu button
    leave: tuple[str, ...] = ()  # locale keys of its buttons that open another feature
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        skip = driver.labels("menu-back", "menu-language", "feedback-up", "feedback-down",
                             "feedback-up-chosen", "feedback-down-chosen", *self.leave)
        entry = driver.labels(self.entry)
        updates = []
        for person in await driver.returning(self.name, size):
            choices = [b for b in driver.buttons(person) if b["text"] not in skip]
            if person.presses == 0 or person.presses >= WALK_PRESSES or not choices:
                choices = [b for b in driver.buttons(person) if b["text"] in entry]
                if not choices:
                    await driver.untimed(person, driver.text_update(person, "/start"))
                    choices = [b for b in driver.buttons(person) if b["text"] in entry]
                person.presses = 0
            button = self.rng.choice(choices)
            person.presses += 1
            updates.append((person, driver.press_update(person, button)))
        return updates


@dataclass
class RatingPress(Scenario):
    """👍 under a rated answer: the user asks (untimed, a varied question the register answers), then rates."""

    texts: Varied = field(default_factory=lambda: Varied(found_queries(), SEED + 1))

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        up, more = driver.labels("feedback-up"), driver.labels("keyboard-more")
        updates = []
        for person in await driver.returning(self.name, size):
            for _ in range(20):
                await driver.untimed(person, driver.text_update(person, next(self.texts).text))
                button = await self.rating(driver, person, up, more)
                if button is not None:
                    break
            else:
                raise RuntimeError("twenty answers in a row had no 👍 button")
            updates.append((person, driver.press_update(person, button)))
        return updates

    @staticmethod
    async def rating(driver: Driver, person: Person, up: set[str], more: set[str]) -> dict[str, Any] | None:
        """The 👍 under the answer, turning its keyboard's pages ("Ещё…", untimed) as a user would look for it."""
        for _ in range(MAX_PAGES):
            buttons = driver.buttons(person)
            button = next((b for b in buttons if b["text"] in up), None)
            turn = next((b for b in buttons if b["text"] in more), None)
            if button is not None or turn is None:
                return button
            await driver.untimed(person, driver.press_update(person, turn))
        return None


@dataclass
class LanguageSwitch(Scenario):
    """The main menu's language button; the menu it answers with switches back the next time."""

    async def block(self, driver: Driver, size: int) -> list[tuple[Person, bytes]]:
        switch = driver.labels("menu-language")
        updates = []
        for person in await driver.returning(self.name, size):
            button = next((b for b in driver.buttons(person) if b["text"] in switch), None)
            if button is None:
                await driver.untimed(person, driver.text_update(person, "/start"))
                button = next(b for b in driver.buttons(person) if b["text"] in switch)
            updates.append((person, driver.press_update(person, button)))
        return updates


def scenarios() -> list[Scenario]:
    """The scenarios of issue 14, in the order they are reported."""
    return [
        Questions("free-text question", "text", free_texts()),
        Questions("category code", "text", code_texts()),
        Questions("salary question", "text", salary_texts()),
        Walk("admission button", "press", entry="menu-admission"),
        Walk("complaint button", "press", entry="menu-complaint", leave=("complaint-btn-akimat",)),
        RatingPress("rating button", "press"),
        LanguageSwitch("language switch", "press"),
        NewUserStart("/start of a new user", "text"),
    ]


def console_inputs(count: int, seed: int = SEED) -> list[str]:
    """``count`` varied console lines: questions, codes, salary questions, /start, and presses ([N])."""
    streams = [free_texts(seed), code_texts(seed), salary_texts(seed)]
    lines: list[str] = ["/start"]
    for i in itertools.count():
        if len(lines) >= count:
            break
        if i % 5 == 4:
            lines.append(f"[{1 + i % 3}]")
        elif i % 50 == 49:
            lines.append("/start")
        else:
            lines.append(next(streams[i % 3]).text)
    return lines[:count]
