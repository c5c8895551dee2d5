"""Build the Telegram ``Application``: the ONE place that registers every handler.

Usage:

    app = build_application(get_settings())
    app.run_polling()            # what ``electionbot run`` does (see bot.telegram.runner)

Tests pass a recording ``request`` (never the network), and may pass their own store and engine.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.catalogue import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.settings import Settings
from bot.telegram import admin, handlers
from bot.telegram.retry import RetryingRequest
from bot.telegram.services import SERVICES_KEY, BotServices, services

logger = logging.getLogger(__name__)

# Updates worked on at once. Different chats run concurrently; one chat's updates run in order (see below).
MAX_CONCURRENT_UPDATES = 64
# Updates accepted at once, most of them waiting for their chat's turn (a flooded group queues here).
MAX_PENDING_UPDATES = 4096
# Retries after a 429 RetryAfter before a send gives up (the rate limiter sleeps the advised time in between).
MAX_RETRIES_ON_FLOOD = 3


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates concurrently across chats, but one at a time within a chat.

    A follow-up ("and in Tajikistan?") must see the context its previous question left, and two
    button presses in one chat must not edit the same message at once. An update waiting for its
    chat's turn does not take a working slot: a group flooding the bot (its replies held back by
    Telegram's 20 messages/min per group) cannot stall private chats.
    """

    def __init__(self, max_concurrent_updates: int, max_pending_updates: int = MAX_PENDING_UPDATES) -> None:
        super().__init__(max(max_pending_updates, max_concurrent_updates))
        self._working = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = getattr(update, "effective_chat", None) or getattr(update, "effective_user", None)
        if chat is None:
            async with self._working:
                await coroutine
            return
        key = chat.id
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._working:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle chats so the dict does not grow forever
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def register_handlers(app: Application) -> None:
    """Register every handler. Within one group the FIRST matching handler wins, hence the order."""
    # 1. Admin commands and admin buttons (issue 5) go here, BEFORE the generic handlers below: an admin's
    #    "/add" message or an "a1:..." button must not fall through to the question or stale-button handler.
    admin.register_admin_handlers(app)
    # 2. Commands before text: "/help" is text too, and must not be answered as a question.
    app.add_handler(CommandHandler("start", handlers.start))
    app.add_handler(CommandHandler("help", handlers.help_command))
    app.add_handler(CommandHandler("countries", handlers.countries))
    app.add_handler(CommandHandler("sources", handlers.sources))
    app.add_handler(CommandHandler("language", handlers.language))
    app.add_handler(CommandHandler("chart", handlers.chart))
    app.add_handler(CommandHandler("map", handlers.world_map))
    app.add_handler(CommandHandler("ask", handlers.ask))
    # 3. One catch-all button router, LAST among callback handlers: any data it does not recognise (forged,
    #    stale, another version) gets the polite notice. Handlers for other prefixes must come before it.
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    # 4. Plain text. New messages only: answering an edited message would send a second reply.
    text_message = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & text_message, handlers.private_question))
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & text_message, handlers.group_message))
    # 5. Leftovers in private chats only (in groups the bot stays quiet): unknown commands, then non-text.
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.COMMAND, handlers.unknown_command
        )
    )
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            handlers.non_text,
        )
    )
    app.add_error_handler(handlers.error)


async def set_command_menus(bot: Bot, admin_ids: Iterable[int] = ()) -> None:
    """Set the command menus for private chats and groups, in English (the default) and Russian.

    Each admin's private chat also gets the admin commands.
    """
    for scope, commands in (
        (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
        (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
    ):
        await set_menu(bot, scope, commands)
    admin_menu = {language: PRIVATE_COMMANDS[language] + ADMIN_COMMANDS[language] for language in PRIVATE_COMMANDS}
    for admin_id in sorted(admin_ids):
        try:
            await set_menu(bot, BotCommandScopeChat(admin_id), admin_menu)
        except TelegramError as error:  # e.g. an admin who never opened a chat with the bot: not fatal
            logger.warning("Could not set the admin command menu for user %s: %s", admin_id, error)


async def set_menu(bot: Bot, scope: Any, commands: dict[str, list[tuple[str, str]]]) -> None:
    for language_code in (None, "en", "ru"):
        menu = commands["ru" if language_code == "ru" else "en"]
        await bot.set_my_commands(
            [BotCommand(name, description) for name, description in menu], scope=scope, language_code=language_code
        )


async def open_services(app: Application) -> None:
    """post_init: open the store (building it from YAML on first run), build the engine, set the menus."""
    svc = services(app)
    if svc.store is None:
        from bot.store import FactStore

        svc.store = FactStore(svc.settings.database_path)
        svc.owns_store = True
        svc.store.ensure_loaded(svc.settings.knowledge_dir)
    if svc.engine is None:
        from bot import word_cache

        word_cache.preload(svc.settings.cache_dir)  # before the engine's modules, which read some words on import
        from bot.engine import Engine  # heavy (morphology dictionaries): only when the bot starts

        svc.engine = Engine.from_knowledge(svc.store.knowledge(), cache_dir=svc.settings.cache_dir)
    await set_command_menus(app.bot, svc.settings.admin_ids)


async def close_services(app: Application) -> None:
    """post_shutdown: close the store if this application opened it."""
    svc = services(app)
    if svc.owns_store and svc.store is not None and hasattr(svc.store, "close"):
        svc.store.close()


def api_base_url(base_url: str) -> str:
    """A Bot API server address as python-telegram-bot wants it: ending in "/bot" (the token follows)."""
    stem = base_url.rstrip("/")
    return stem if stem.endswith("/bot") or "{token}" in stem else stem + "/bot"


def file_base_url(base_url: str) -> str:
    """The file download URL matching a Bot API base URL (".../bot" -> ".../file/bot")."""
    stem = api_base_url(base_url)
    return (
        stem[: -len("bot")] + "file/bot" if stem.endswith("/bot") else stem.replace("/bot{token}", "/file/bot{token}")
    )


def build_application(
    settings: Settings, store: Any = None, engine: Any = None, *, request: BaseRequest | None = None
) -> Application:
    """The bot's Application with every handler registered; store and engine open in post_init."""
    if not settings.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        # Bursts wait (30 messages/s overall, 20/min per group) instead of failing; 429s are retried.
        .rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES_ON_FLOOD))
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .post_init(open_services)
        .post_shutdown(close_services)
    )
    # 5xx answers, timeouts and dropped connections are retried (AIORateLimiter retries only 429s).
    builder = builder.request(RetryingRequest(request if request is not None else HTTPXRequest(256)))
    if request is not None:
        builder = builder.get_updates_request(request)
    if settings.telegram_api_base_url:
        builder = builder.base_url(api_base_url(settings.telegram_api_base_url)).base_file_url(
            file_base_url(settings.telegram_api_base_url)
        )
    app = builder.build()
    app.bot_data[SERVICES_KEY] = BotServices(settings=settings, store=store, engine=engine)
    register_handlers(app)
    return app
