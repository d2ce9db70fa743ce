"""The bench: the bot as shipped, measured against aiogram's own floor (``python -m bench.run``)."""

# First, as in ``python -m bot``: aiogram's validators are then built on first use, not all at import.
import bot.runtime  # noqa: F401
