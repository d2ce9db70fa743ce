"""Logging for the Telegram transports: one format, and the bot token redacted from every line."""

from __future__ import annotations

import logging
import warnings

from bot.config import Settings

# aiogram warns of an update of a type it does not know with the whole update in the text, user text included;
# the transports log such an update's id instead (bot.runtime.serve.UpdatesInFlight).
UNKNOWN_UPDATE_WARNING = "Detected unknown update type"


class RedactingFilter(logging.Filter):
    """Removes the bot token from every log line and traceback, whatever logged it.

    The secret half of the token is redacted on its own too: it survives URL-encoding of the colon.
    """

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret
        self.secrets = tuple(s for s in (secret, secret.partition(":")[2]) if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<BOT_TOKEN>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            record.msg = self.redact(message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The token can hide in a chained exception or a frame's text, not only in str(exception).
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def setup_logging(settings: Settings, stream=None) -> None:
    """One handler on the root logger, at ``LOG_LEVEL``, with the token redacted; no warning that quotes users."""
    warnings.filterwarnings("ignore", message=UNKNOWN_UPDATE_WARNING, category=RuntimeWarning)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if settings.bot_token is not None:
        handler.addFilter(RedactingFilter(settings.bot_token.get_secret_value()))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
