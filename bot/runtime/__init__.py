"""The aiogram glue: app factory, polling and webhook, the offline console, FSM storage, flood control,
pacing and 429 retry, middlewares. The core (the rest of ``bot``) never imports this package."""

from bot.runtime.lazy_schemas import defer_aiogram_schemas

# Before anything here imports aiogram: its types' validators are then built on first use, not at start-up.
defer_aiogram_schemas()
