"""``python -m bot``: run the bot offline in a console, on Telegram by polling, or by webhook."""

from __future__ import annotations

import argparse
import contextlib
import sys

from bot.config import ConfigError, load_settings

MODES = """modes:
  (none)     console when BOT_TOKEN is unset; webhook when WEBHOOK_URL is set; otherwise polling
  console    offline chat in this terminal, no network (--lang ru|kk, --jsonl for one JSON line per input)
  polling    Telegram by long polling (needs BOT_TOKEN)
  webhook    Telegram by webhook: an aiohttp server on WEBHOOK_HOST:WEBHOOK_PORT (needs BOT_TOKEN, WEBHOOK_URL)
"""


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Civil-service and akimat helper bot (Kazakh and Russian).",
        epilog=MODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="mode", metavar="{console,polling,webhook}")
    console = sub.add_parser("console", help="offline chat in the terminal")
    console.add_argument("--lang", choices=("ru", "kk"), default="ru", help="the user's Telegram language (ru)")
    console.add_argument("--jsonl", action="store_true", help="print one JSON object per input line")
    sub.add_parser("polling", help="run on Telegram by long polling")
    sub.add_parser("webhook", help="run on Telegram by webhook")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    mode = args.mode or ("console" if settings.bot_token is None else "webhook" if settings.webhook_url else "polling")
    if mode in ("polling", "webhook") and settings.bot_token is None:
        print("configuration error: BOT_TOKEN: required to run on Telegram (or use: python -m bot console)",
              file=sys.stderr)
        return 2
    if mode == "webhook" and not settings.webhook_url:
        print("configuration error: WEBHOOK_URL: required in webhook mode", file=sys.stderr)
        return 2

    from bot.runtime.logs import setup_logging

    if mode == "console":
        # Logs go to stderr and stay quiet, so stdout carries only the chat.
        setup_logging(settings.model_copy(update={"log_level": "WARNING"}), sys.stderr)
        from bot.runtime.console import console_main

        with contextlib.suppress(KeyboardInterrupt):
            console_main(settings, getattr(args, "lang", "ru"), getattr(args, "jsonl", False))
        return 0
    from bot.runtime.serve import serve

    setup_logging(settings, sys.stderr)
    return serve(settings, mode)


if __name__ == "__main__":
    sys.exit(main())
