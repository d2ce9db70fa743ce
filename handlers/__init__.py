"""The bot's features, one router each, and the order the dispatcher offers them an update.

Each feature module (or package) exposes ``create_router()`` (and a flow's ``create_flow_router()``), which
registers its handler functions: the routing table at the bottom of the module. Routers are made anew for
each dispatcher, so one process can build as many as it needs (the tests build one per test).

Order matters for text: ``common`` first (its commands work in any state), then the multi-step flows
(a typed answer reaches the open flow before anything reads it as a question), then the features, each claiming
the topics of the questions it answers (``handlers.filters.TopicIs``): positions early (a post named is the
commonest question), the deep links no feature opened, and ``fallback`` last: it answers what was not understood,
and whatever nobody else took.
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
        common.create_talk_router(),
        admission.create_router(),
        akimat.create_router(),
        complaints.create_router(),
        feedback.create_router(),
        inline.create_router(),
        offtopic.create_router(),
        salary.create_router(),
        deeplinks.create_router(),
        fallback.create_router(),
    ]
