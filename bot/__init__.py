"""The core of the civil-service bot: data, search, rules, texts and storage. Nothing here imports
aiogram; the Telegram glue is ``bot.runtime``."""
