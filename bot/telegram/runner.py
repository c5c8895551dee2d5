"""``electionbot run``: start the bot with long polling, or as a webhook server when WEBHOOK_URL is set.

Usage:

    TELEGRAM_BOT_TOKEN=123:abc electionbot run                    # long polling
    WEBHOOK_URL=https://bot.example.org/tg electionbot run       # webhook (listens on WEBHOOK_LISTEN:WEBHOOK_PORT)
    electionbot run                                              # no token: the terminal chat

python-telegram-bot stops cleanly on SIGINT (Ctrl-C) and SIGTERM and the process exits with code 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import sys
from pathlib import Path
from urllib.parse import urlparse

from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)

REDACTED = "[bot-token]"
# The running bot touches this file (next to the database) every HEARTBEAT_SECONDS; the container
# HEALTHCHECK and monitoring call the bot unhealthy when it is older than a few beats.
HEARTBEAT_FILE = "heartbeat"
HEARTBEAT_SECONDS = 30


def heartbeat_path(settings: Settings) -> Path:
    return settings.database_path.parent / HEARTBEAT_FILE


async def beat(path: Path) -> None:
    """Touch ``path`` while the event loop is alive."""
    while True:
        with contextlib.suppress(OSError):  # a read-only folder must not stop the bot
            path.touch()
        await asyncio.sleep(HEARTBEAT_SECONDS)


class TokenRedactingFilter(logging.Filter):
    """Replace the bot token wherever it appears in a log record: message, arguments, traceback."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        # The numeric bot id alone is public; the secret is the part after the colon.
        self.secret = token.partition(":")[2] or token

    def redact(self, value: str) -> str:
        return value.replace(self.token, REDACTED).replace(self.secret, REDACTED)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info and self.secret in record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(settings: Settings) -> None:
    """Log at LOG_LEVEL; never let a log line show the token."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    root.setLevel(settings.log_level.upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # dictionary-loading chatter
    # python-telegram-bot's own start-up chatter would drown the one ready line; its warnings still show.
    logging.getLogger("telegram").setLevel(max(root.level, logging.WARNING))
    if settings.token:
        for handler in root.handlers:
            if not any(isinstance(existing, TokenRedactingFilter) for existing in handler.filters):
                handler.addFilter(TokenRedactingFilter(settings.token))


def run(settings: Settings | None = None) -> int:
    """Run the bot until SIGINT/SIGTERM; without a token, open the terminal chat. Returns the exit code."""
    settings = settings or get_settings()
    configure_logging(settings)
    if not settings.token:
        print(
            "TELEGRAM_BOT_TOKEN is not set, so the bot runs here as a terminal chat instead of on Telegram.\n"
            "Get a token from @BotFather and put it in .env (see .env.example) to run it on Telegram.\n",
            file=sys.stderr,
        )
        from bot.terminal import build_engine, run_chat

        run_chat(build_engine(settings), sys.stdin, sys.stdout)
        return 0

    from telegram import Update
    from telegram.ext import Application

    from bot.telegram.app import build_application
    from bot.telegram.services import services

    app = build_application(settings)
    mode = f"webhook at {settings.webhook_url}" if settings.webhook_url else "long polling"
    open_services = app.post_init

    async def start(application: Application) -> None:
        await open_services(application)
        application.bot_data["heartbeat"] = asyncio.get_running_loop().create_task(beat(heartbeat_path(settings)))
        logger.info(
            "Bot @%s ready: %s, %d facts from %s. Stop with Ctrl-C or SIGTERM.",
            application.bot.username,
            mode,
            len(services(application).engine.knowledge.facts),
            settings.database_path,
        )

    async def stop(application: Application) -> None:
        application.bot_data["heartbeat"].cancel()

    app.post_init, app.post_stop = start, stop
    if settings.webhook_url:
        secret = settings.webhook_secret_token.get_secret_value() if settings.webhook_secret_token else None
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlparse(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            # Telegram sends this secret with every update, so nobody else can post fake updates to us.
            secret_token=secret or secrets.token_urlsafe(32),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    logger.info("Bot stopped.")
    return 0
