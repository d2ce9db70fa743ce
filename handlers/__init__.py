"""The bot's features, one router each, in the order the dispatcher offers them an update.

Order matters for text: ``common`` first (its commands work in any state), then the multi-step flows
(a typed answer reaches the open flow before anything reads it as a question), deep links before the
free-text features (they would read "/start cat_…" as a search), the position search early (most texts
are searches), the rest, and ``fallback`` last: it answers whatever nobody else took.
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


def feature_routers() -> list[Router]:
    """The routers in dispatch order."""
    routers = [
        common.router,
        admission.flow_router,
        complaints.flow_router,
        deeplinks.router,
        positions.router,
        admission.router,
        akimat.router,
        complaints.router,
        feedback.router,
        inline.router,
        offtopic.router,
        salary.router,
        fallback.router,
    ]
    for router in routers:  # FIXME(#14): a second dispatcher in one process (tests) re-attaches them
        if router.parent_router is not None:
            router.parent_router.sub_routers.remove(router)
            router._parent_router = None
    return routers
