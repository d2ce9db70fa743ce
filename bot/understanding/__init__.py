"""Understanding a free-text question before answering it (issue 15).

``understand(text, today, context)`` returns the topic of a message (``complaint.due_date``, ``pay.post``,
``register.search`` … or ``unknown`` with the closest guess), the things it names (a day, a category code, a
post and its level, an age, education, citizenship, a criminal record, the language asked about, a political
post), the language it is written in and how sure the topic is. A follow-up without a topic word
("а в районе?", "ал ауылда ше", "а E-G-3?") continues the topic of the ``Context`` kept from the previous
message, for the new thing.

How: the message's first 300 characters are folded (bot/folding.py, Latin read as Cyrillic); the things
named are read with bot/dates (days in any form), the register's own search (codes and posts) and the word
lists and patterns of ``data/understanding/entities.yaml``; each topic then scores the weighted cues of
``data/understanding/topics.yaml`` it finds, things named included (``#date``, ``#position`` …). Everything is
linear in the message and bounded by its cap. Core: imports nothing from aiogram.
"""

from bot.understanding.entities import Entities, post_query
from bot.understanding.router import UNKNOWN, Context, Understanding, family_of, post_search, understand

__all__ = ["UNKNOWN", "Context", "Entities", "Understanding", "family_of", "post_query", "post_search", "understand"]
