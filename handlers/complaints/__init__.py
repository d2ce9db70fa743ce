"""Complaints to an akimat, one module per job: the guide (``guide``), the deadline calculator
(``calculator``), reminders (``reminders``) and the appeal draft (``draft``).

Facts come from ``data/appeals.yaml`` (each shown with its source and date), dates from ``bot.deadlines``;
reminders are stored by the ``reminders`` service (``bot.reminder_store``) and delivered by the background
loop of ``bot.runtime.tasks``. The appeal draft lives in FSM state only while it is written.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import StateFilter

from handlers.complaints import calculator, draft, guide, reminders
from handlers.filters import claimed_only


def create_router() -> Router:
    router = Router(name="complaints")
    for part in (guide, calculator, reminders, draft):
        part.route(router)
    return claimed_only(router)


def create_flow_router() -> Router:
    """What a waiting calculator or an open draft reads: before any feature reads a text as a question."""
    router = Router(name="complaints-flow")
    router.message.filter(StateFilter(calculator.CalcFlow, draft.DraftFlow))  # one check for anyone in neither
    calculator.route_flow(router)
    draft.route_flow(router)
    return router
