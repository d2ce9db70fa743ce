"""The bot's features, one router each, and the order the dispatcher offers them an update.

Each feature module (or package) exposes ``create_router()`` (and a flow's ``create_flow_router()``), which
registers its handler functions: the routing table at the bottom of the module. Routers are made anew for
each dispatcher, so one process can build as many as it needs (the tests build one per test).

Order matters for text: ``common`` first (its commands work in any state), then the multi-step flows
(a typed answer reaches the open flow before anything reads it as a question), then the features, each claiming
the topics of the questions it answers (``handlers.filters.TopicIs``), the deep links no feature opened, and
``fallback`` last: it answers what was not understood, and whatever nobody else took.

Each flow and each feature router lets in, with one check of its own, only what it may answer: a flow the texts of
users in its state, a feature the commands, the questions of its topics and the presses of its buttons
(``handlers.filters.claimed_only``). The features claim distinct topics, commands and buttons, so their order
decides nothing but how many routers an update passes: the commonest questions first (a post named, then pay,
complaints, admission), the small talk after them. Only ``complaints`` and ``fallback`` both take a text not
understood (the calculator's date typed outside its question, ``NotADay``), so ``complaints`` stays before it.
"""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admission,
    akimat,
    common,
    complaints,
    deeplinks,
    fallback,
    feedback,
    inline,
    offtopic,
    positions,
    salary,
)


def create_routers() -> list[Router]:
    """The routers in dispatch order, new for one dispatcher."""
    return [
        common.create_router(),
        admission.create_flow_router(),
        complaints.create_flow_router(),
        positions.create_router(),
        salary.create_router(),
        complaints.create_router(),
        admission.create_router(),
        akimat.create_router(),
        common.create_talk_router(),
        offtopic.create_router(),
        feedback.create_router(),
        inline.create_router(),
        deeplinks.create_router(),
        fallback.create_router(),
    ]
