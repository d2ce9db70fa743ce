"""What the bot says to a message it did not understand: what it did read in it, the closest topic (a button that
answers it), what it can answer, and a button per section."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from bot.akimat import load_akimat_topics
from bot.datafiles import pick
from bot.dates import format_date
from bot.i18n import Html, Translator
from bot.register import Register
from bot.search.results import SearchResult
from bot.understanding import Entities, Understanding
from handlers.callbacks import AkimatCb, CmpCb, ComplaintAct, MenuCb, MenuItem, PosCb, PosView, SalaryAct, SalaryCb
from handlers.views.akimat import ANSWERED_BY
from handlers.views.keyboard import MAX_BUTTONS, Key, Keyboard, View, button
from handlers.views.positions import group_label, name_and_codes

# The button that answers a topic guessed, by the locale key of its label (the label of the same button elsewhere).
GUESSES: dict[str, tuple[str, CallbackData]] = {
    "complaint.channels": ("complaint-btn-channels", CmpCb(action=ComplaintAct.CHANNELS)),
    "complaint.contents": ("complaint-btn-contents", CmpCb(action=ComplaintAct.CONTENTS)),
    "complaint.deadline": ("complaint-btn-deadlines", CmpCb(action=ComplaintAct.DEADLINES)),
    "complaint.due_date": ("complaint-btn-calc", CmpCb(action=ComplaintAct.CALCULATOR)),
    "complaint.no_answer": ("complaint-btn-no-answer", CmpCb(action=ComplaintAct.NO_ANSWER)),
    "pay.post": ("menu-salary", MenuCb(item=MenuItem.SALARY)),
    "pay.general": ("salary-how-button", SalaryCb(act=SalaryAct.HOW)),
    "pay.political": ("salary-political-who", AkimatCb(topic="akims")),
    "admission.eligibility": ("menu-admission", MenuCb(item=MenuItem.ADMISSION)),
    "admission.test": ("menu-admission", MenuCb(item=MenuItem.ADMISSION)),
    "admission.route": ("menu-admission", MenuCb(item=MenuItem.ADMISSION)),
    "admission.probation": ("menu-admission", MenuCb(item=MenuItem.ADMISSION)),
    "register.positions": ("positions-akimat-button", PosCb(view=PosView.AKIMAT)),
    "register.search": ("menu-positions", MenuCb(item=MenuItem.POSITIONS)),
    "register.code": ("menu-positions", MenuCb(item=MenuItem.POSITIONS)),
    "register.duties": ("menu-positions", MenuCb(item=MenuItem.POSITIONS)),
    "akimat.contacts": ("complaint-btn-channels", CmpCb(action=ComplaintAct.CHANNELS)),
}
SECTIONS = (MenuItem.POSITIONS, MenuItem.SALARY, MenuItem.ADMISSION, MenuItem.COMPLAINT, MenuItem.AKIMAT)
NEAR_SHOWN = 3  # the register's closest names or bodies offered


def guess_button(t: Translator, topic: str | None) -> Key | None:
    """The button that answers ``topic``, or None when there is none (thanks, venting, off-topic)."""
    if topic in ANSWERED_BY:  # a topic of data/akimat.yaml: its button
        found = load_akimat_topics().get(ANSWERED_BY[topic])
        return button(pick(found.button, t.lang), AkimatCb(topic=found.id)) if found else None
    if topic in GUESSES:
        key, data = GUESSES[topic]
        return button(t(key), data)
    return None


def things_read(t: Translator, entities: Entities) -> list[str]:
    """What the message named, as the bot read it ("дата 10 ноября 2026", "код E-G-3", "уровень: район")."""
    things = []
    if entities.date is not None:
        things.append(t("unknown-thing-date", date=format_date(t, entities.date)))
    if entities.code:
        things.append(t("unknown-thing-code", code=entities.code))
    if entities.position:
        things.append(t("unknown-thing-position", position=entities.position))
    if entities.level:
        things.append(t("unknown-thing-level", level=t(f"unknown-level-{entities.level}")))
    if entities.age is not None:
        things.append(t("unknown-thing-age", age=entities.age))
    return things


def near_buttons(t: Translator, register: Register, near: SearchResult | None) -> tuple[str, list[Key]]:
    """What the register's search came close to (names it suggests, else the bodies the message named), as a line
    and a button each; nothing when it came nowhere near."""
    if near is None or near.kind != "none":
        return "", []
    if near.suggestions:
        keys = [button(name_and_codes(m.name(t.lang), m.category_codes, t), PosCb(view=PosView.NAME,
                                                                                    key=m.position_ids[0]))
                for m in near.suggestions[:NEAR_SHOWN]]
        return t("unknown-near-names"), keys
    if near.scope:
        keys = [button(group_label(register, t, code), PosCb(view=PosView.GROUP, key=code))
                for code in near.scope[:NEAR_SHOWN]]
        return t("unknown-near-groups"), keys
    return "", []


def not_understood(t: Translator, understanding: Understanding, register: Register) -> View:
    """The answer to a message the bot did not understand: what it read, the closest topic and the register's
    closest names or bodies, what it can answer; a button for each guess, then the sections, six in all."""
    lines = [t("unknown-head")]
    things = things_read(t, understanding.entities)
    if things:
        lines.append(t("unknown-read", things=Html(", ".join(things))))
    guess = guess_button(t, understanding.guess)
    if guess is not None:
        lines.append(t("unknown-guess", topic=guess.text))
    near_line, near = near_buttons(t, register, understanding.post)
    if near_line:
        lines.append(near_line)
    lines.append(t("unknown-can"))
    keys = [*([guess] if guess is not None else []), *near]
    sections = [button(t(f"menu-{item}"), MenuCb(item=item)) for item in SECTIONS]
    keys += sections[:max(0, MAX_BUTTONS - len(keys))]
    return View("\n".join(lines), Keyboard.of(t, [(key,) for key in keys], home=False))
