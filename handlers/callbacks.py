"""Every button's callback data: one ``CallbackData`` class per kind of keyboard, its actions as enums.

Data carries small ids (a category code, a position id, an ISO date), never names: Telegram allows 64 bytes.
The prefixes in use: ``m`` (main menu), ``lang``, ``forget``, ``pos`` (register), ``sal`` (salary), ``adm``
(admission), ``cmp`` (complaint guide), ``rmd`` (reminders), ``ak`` (about the akimat), ``fb`` (ratings) and
``more`` (a further page of a keyboard of more than six buttons). A button no handler claims gets the
fallback's polite "this button is outdated".

Values are kept as they were sent before these enums existed, so buttons of older messages still work.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from aiogram import F
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter

from bot.feedback import AnswerKind


class MenuItem(StrEnum):
    """A main-menu button; each is handled by the feature it names (``home`` and ``language`` by common)."""

    POSITIONS = "positions"
    SALARY = "salary"
    ADMISSION = "admission"
    COMPLAINT = "complaint"
    AKIMAT = "akimat"
    LANGUAGE = "language"
    HOME = "home"


class MenuCb(CallbackData, prefix="m"):
    item: MenuItem


class LangCb(CallbackData, prefix="lang"):
    """Switch to the language ``code`` ("ru" or "kk")."""

    code: str


class ForgetCb(CallbackData, prefix="forget"):
    """/forget's confirmation: delete the user's data, or keep it."""

    confirm: bool


class PosView(StrEnum):
    """A view of the register. The first six are opened by buttons, in place; the rest only name a card sent
    as an answer, so that its keyboard can be built again for a "more" press (``MoreCb``)."""

    ROOT = "root"
    FAMILY = "fam"  # key: the family's letter
    GROUP = "grp"  # key: the group's code
    CATEGORY = "cat"  # key: the category's code
    NAME = "name"  # key: a position id; every category with that name
    AKIMAT = "akimat"  # positions at every akimat level
    RATED_CATEGORY = "rcat"  # a category's card as an answer (rated, shared); key: the code
    RATED_NAME = "rname"  # a name's card as an answer; key: a position id
    MATCH = "match"  # a search's card, or a kind of post's; key: ``views.positions.match_key``
    AKIMAT_LEVELS = "aklv"  # the akimat overview as an answer; key: the levels, comma-separated
    UNKNOWN_CODE = "unk"  # a code of no category; key: the group it would belong to
    SUGGESTED = "sug"  # names close to what was asked; key: packed position ids
    SCOPE = "scope"  # nothing found in the bodies named; key: their group codes, comma-separated
    EXCEPTED = "exc"  # the register excepts what was asked; key: packed position ids


BROWSE_VIEWS = frozenset({PosView.ROOT, PosView.FAMILY, PosView.GROUP, PosView.CATEGORY, PosView.NAME,
                          PosView.AKIMAT})


class PosCb(CallbackData, prefix="pos"):
    view: PosView
    key: str = ""


class SalaryAct(StrEnum):
    PICKER = "picker"  # the picker as a new message
    GROUPS = "groups"  # the picker's first screen, in place
    GROUP = "group"  # a group's categories, in place; ref: the group code
    CARD_GROUP = "cgroup"  # the same as a new message, from a category's card
    CATEGORY = "cat"  # a category's pay; ref: the code
    CARD_PAY = "cpay"  # the same in short, as a typed question gets it, from the category's card; ref: the code
    POSITION = "pos"  # a position's pay; ref: a position id
    HOW = "how"  # what pay depends on
    SUGGESTED = "sug"  # names a question did not quite find (names a keyboard only); ref: packed position ids
    EXCEPTED = "exc"  # the groups of a post the register excepts (names a keyboard only); ref: group codes


class SalaryCb(CallbackData, prefix="sal"):
    act: SalaryAct
    ref: str = ""


class AdmissionAct(StrEnum):
    """The walkthrough's controls; an answer is sent as its option's index on the step (``option_act``)."""

    BACK = "b"
    RESTART = "r"
    ROUTE = "w"  # show the route after a verdict (a second view of the same message)
    VERDICT = "v"  # from the route back to the verdict
    QUESTION = "q"  # names the open question's keyboard (for a "more" press), never sent as a button
    ROUTE_PAGE = "p"  # the whole selection route on its own, as a new message (answers unused)


OPTION_INDEX = "0123456789abcdefghijklmnopqrstuvwxyz"  # an option's position on its step, as one character


def option_act(index: int) -> str:
    return OPTION_INDEX[index]


def option_index(act: str) -> int:
    """The option an act names, or -1 when it names none."""
    return OPTION_INDEX.find(act) if len(act) == 1 else -1


class AdmissionCb(CallbackData, prefix="adm"):
    """A walkthrough button: rules version, the answers so far (compact) and an ``AdmissionAct`` or an option."""

    v: int
    a: str
    act: str


class ComplaintAct(StrEnum):
    MENU = "menu"  # the guide's menu as a new message
    CHANNELS = "channels"
    CHANNEL = "ch"  # arg: a channel id
    CONTENTS = "contents"
    DEADLINES = "deadlines"
    NO_ANSWER = "noans"
    CALCULATOR = "calc"
    REGISTERED = "reg"  # arg: the registration day, ISO
    REMIND = "remind"  # arg: the registration day, ISO
    DUE = "due"  # the full count (extension, forwarding); arg: the day handed in, ISO
    REMINDERS = "rlist"
    DRAFT = "draft"
    DRAFT_CANCEL = "dcancel"


class CmpCb(CallbackData, prefix="cmp"):
    """A button of the complaints guide; ``arg`` is a channel id or an ISO date, never a name."""

    action: ComplaintAct
    arg: str = ""


class ReminderCb(CallbackData, prefix="rmd"):
    """Cancel the reminder with this id (checked against the pressing user)."""

    id: int


class AkimatCb(CallbackData, prefix="ak"):
    """Show the answer of topic ``topic`` (an id from data/akimat.yaml)."""

    topic: str


class FeedbackCb(CallbackData, prefix="fb"):
    """A rating button: the kind of answer it rates and whether it is 👍."""

    kind: AnswerKind
    up: bool


class MoreCb(CallbackData, prefix="more", sep="~"):
    """"Ещё…" / "◀️ К началу": show ``page`` (from 1) of the keyboard that ``of`` names, in the same message.

    ``of`` is the packed callback data naming the view (``PosCb(view=PosView.GROUP, key="D-O").pack()``); the
    feature owning that prefix builds the keyboard again (``MoreCb.of_kind(PosCb)`` filters its presses).
    """

    page: int
    of: str

    @classmethod
    def of_kind(cls, data: type[CallbackData]) -> CallbackQueryFilter:
        """The filter of the presses that page a keyboard named by ``data``'s kind of callback data."""
        return cls.filter(F.of.startswith(f"{data.__prefix__}{data.__separator__}"))


D = TypeVar("D", bound=CallbackData)


def unpacked(kind: type[D], data: str | None) -> D | None:
    """``data`` read as ``kind``, or None when it is another kind's, or stale, or forged."""
    if not data:
        return None
    try:
        return kind.unpack(data)
    except (TypeError, ValueError):
        return None
