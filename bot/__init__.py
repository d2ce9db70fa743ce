"""Core of the civil-service bot: data, search, rules and transports, free of Telegram updates."""

from bot.lazy_schemas import defer_aiogram_schemas

# Before anything imports aiogram: its types' validators are then built on first use, not all at start-up.
defer_aiogram_schemas()
