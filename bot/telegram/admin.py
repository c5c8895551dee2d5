"""Admin commands on Telegram: thin handlers over ``bot.curation.Curator``.

Only the Telegram user ids in ``settings.admin_ids`` may use them, and only in a private chat with the
bot. Anyone else gets "not allowed" in their language; the attempt changes nothing and is logged with
the user id and the command (never the token). Every reply and button label is in the admin's language
(their /language choice, else their Telegram app language, else English); the texts are in
``bot.catalogue.admin``. Admin buttons carry ``a1:`` callback data, validated by
``bot.curation.parse_callback``; a forged or stale one gets a polite notice.

Usage (the one wiring file calls this before the generic text and button handlers):

    register_admin_handlers(application)
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.catalogue import html_text
from bot.curation import (
    Button,
    Curator,
    Outcome,
    callback_data,
    import_too_large,
    parse_callback,
    refused,
    refused_usage,
    show_value,
)
from bot.telegram.handlers import answer_question, chat_context, edit_or_send, send_html, user_language
from bot.telegram.services import services

logger = logging.getLogger(__name__)

CURATOR_KEY = "curator"
# The /edit conversation: pick fact -> pick field -> type the new value -> confirm.
PICK_FACT, PICK_FIELD, TYPE_VALUE, CONFIRM = range(4)
MAX_ALERT_CHARS = 200  # Telegram's limit for a callback notice
# An /edit left waiting this long ends by itself, so a later message is not taken as the awaited value.
# (ConversationHandler's timeout runs on the JobQueue: python-telegram-bot's job-queue extra.)
EDIT_TIMEOUT = dt.timedelta(minutes=10)

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[Any]]


def curator(context: ContextTypes.DEFAULT_TYPE) -> Curator:
    """One Curator per application, over the shared store and engine (opened in post_init)."""
    existing = context.bot_data.get(CURATOR_KEY)
    svc = services(context)
    if existing is None or existing.store is not svc.store or existing.engine is not svc.engine:
        existing = context.bot_data[CURATOR_KEY] = Curator(svc.store, svc.engine)
    return existing


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and user.id in services(context).settings.admin_ids


def actor(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


def command_argument(message: Message) -> str:
    """Everything after the command word, new lines kept (the YAML of /add, the value of /set)."""
    raw = message.text or message.caption or ""
    parts = raw.split(maxsplit=1)
    if not parts:
        return ""
    rest = raw[raw.index(parts[0]) + len(parts[0]) :]
    return rest.lstrip(" \t").removeprefix("\n") if rest.strip() else ""


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE, what: str) -> None:
    """Tell a non-admin "not allowed" in their language and log the attempt (user id and command only)."""
    user_id = update.effective_user.id if update.effective_user else None
    logger.warning("Refused admin %s from user %s", what, user_id)
    notice = html_text("not_allowed", user_language(update, context))
    if update.callback_query is not None:
        await update.callback_query.answer(notice, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_html(notice)


async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE, what: str) -> bool:
    """Whether an admin action may run here; otherwise reply why (and log refusals)."""
    if not is_admin(update, context):
        await refuse(update, context, what)
        return False
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        notice = html_text("private_only", user_language(update, context))
        if update.callback_query is not None:
            await update.callback_query.answer(notice, show_alert=True)
        else:
            await update.effective_message.reply_html(notice)
        return False
    return True


def admin_only(command: str) -> Callable[[Handler], Handler]:
    """Run the handler only for admins in a private chat."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def gated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Any:
            if not await allowed(update, context, f"/{command}"):
                return ConversationHandler.END
            return await handler(update, context)

        return gated

    return decorate


def markup(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(button.label, callback_data=button.data) for button in row] for row in rows]
    )


async def send_outcome(message: Message, outcome: Outcome) -> None:
    """Send a curator outcome: its HTML (split if long), its buttons, and its document if any."""
    if outcome.document is not None:
        name, content = outcome.document
        await message.reply_document(content, filename=name, caption=outcome.html, parse_mode=ParseMode.HTML)
        return
    await send_html(message, outcome.html, markup(outcome.buttons))


# --- commands ------------------------------------------------------------------------------------------


@admin_only("facts")
async def facts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List fact ids with a one-line summary, optionally of one country."""
    message = update.effective_message
    await send_outcome(
        message, curator(context).facts(command_argument(message), language=user_language(update, context))
    )


@admin_only("fact")
async def fact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show one fact in full."""
    message = update.effective_message
    await send_outcome(
        message, curator(context).fact(command_argument(message), language=user_language(update, context))
    )


@admin_only("add")
async def add(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Add the fact written as YAML after the command."""
    message = update.effective_message
    outcome = curator(context).add(command_argument(message), actor(update), language=user_language(update, context))
    await send_outcome(message, outcome)


@admin_only("set")
async def set_field(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Change one field: /set <id> <field> <value>."""
    message = update.effective_message
    outcome = curator(context).set_command(
        command_argument(message), actor(update), language=user_language(update, context)
    )
    await send_outcome(message, outcome)


@admin_only("delete")
async def delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Remove a fact from answers (kept in history)."""
    message = update.effective_message
    outcome = curator(context).delete(command_argument(message), actor(update), language=user_language(update, context))
    await send_outcome(message, outcome)


@admin_only("undo")
async def undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Revert the calling admin's last change."""
    await send_outcome(
        update.effective_message, curator(context).undo(actor(update), language=user_language(update, context))
    )


@admin_only("history")
async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List a fact's versions."""
    message = update.effective_message
    await send_outcome(
        message, curator(context).history(command_argument(message), language=user_language(update, context))
    )


@admin_only("restore")
async def restore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Make an earlier version live again: /restore <id> <version>."""
    message = update.effective_message
    language = user_language(update, context)
    await send_outcome(
        message, curator(context).restore_command(command_argument(message), actor(update), language=language)
    )


@admin_only("export")
async def export(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the live fact base as one YAML document."""
    await send_outcome(update.effective_message, curator(context).export(language=user_language(update, context)))


@admin_only("import")
async def import_usage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain that /import needs an attached document."""
    await send_outcome(update.effective_message, refused_usage("import", user_language(update, context)))


@admin_only("import")
async def import_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Validate an uploaded YAML document and show what it would change, with Apply / Cancel buttons."""
    message = update.effective_message
    document = message.document
    name = document.file_name or "upload.yaml"
    language = user_language(update, context)
    # Refused before downloading: a large upload never reaches memory.
    if (too_big := import_too_large(name, document.file_size or 0, language)) is not None:
        await send_outcome(message, too_big)
        return
    telegram_file = await document.get_file()
    content = bytes(await telegram_file.download_as_bytearray())
    await send_outcome(message, curator(context).preview_import(name, content, actor(update), language=language))


@admin_only("unanswered")
async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List unanswered questions with buttons to attach or dismiss each."""
    await send_outcome(update.effective_message, curator(context).unanswered(language=user_language(update, context)))


@admin_only("stats")
async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show question statistics."""
    await send_outcome(update.effective_message, curator(context).stats(language=user_language(update, context)))


@admin_only("why")
async def why(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show how the engine decides on a question, in this chat's context."""
    message = update.effective_message
    outcome = curator(context).why(
        command_argument(message), chat_context(context), language=user_language(update, context)
    )
    await send_outcome(message, outcome)


# --- buttons -------------------------------------------------------------------------------------------


async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route an admin button (a1:...) outside the /edit flow; forged or stale data gets a polite notice."""
    query = update.callback_query
    if not await allowed(update, context, f"button {query.data!r}"):
        return
    action = parse_callback(query.data)
    cur = curator(context)
    who = actor(update)
    language = user_language(update, context)
    outcome: Outcome | None = None
    if action is not None:
        verb, args = action.verb, action.args
        if verb == "ua":
            outcome = cur.attach_choices(args[0], language=language)
        elif verb == "ut":
            outcome = cur.attach(args[0], args[1], who, language=language)
        elif verb == "ud":
            outcome = cur.dismiss(args[0], language=language)
        elif verb in {"ia", "io"}:
            outcome = cur.apply_import(args[0], who, overwrite=verb == "io", language=language)
        elif verb == "ic":
            outcome = cur.cancel_import(args[0], who, language=language)
    if outcome is None:  # forged, or an /edit button whose conversation has ended
        await query.answer(html_text("stale", language), show_alert=True)
        return
    if not outcome.ok:  # stale or refused: a notice, and the message with its buttons stays as it was
        await query.answer(outcome.text[:MAX_ALERT_CHARS], show_alert=True)
        return
    await query.answer()
    if verb in {"ia", "io", "ic"}:  # replace the import preview in place: its buttons are spent
        await edit_or_send(update, outcome.html, markup(outcome.buttons))
    else:
        await send_outcome(query.message, outcome)


# --- the guided /edit flow ---------------------------------------------------------------------------------


@admin_only("edit")
async def edit_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Start the guided edit: /edit <id> goes straight to the fields; /edit <country> or /edit alone offers facts."""
    argument = command_argument(update.effective_message).strip()
    if argument:
        return await offer_fact_or_place(update, context, argument)
    outcome = curator(context).edit_choices(language=user_language(update, context))
    await send_outcome(update.effective_message, outcome)
    return PICK_FACT


async def offer_fact_or_place(update: Update, context: ContextTypes.DEFAULT_TYPE, typed: str) -> int:
    """A fact id goes to its fields; a place's id or name lists that place's facts as buttons."""
    cur = curator(context)
    if cur.store.get_fact(typed) is None and cur.find_country(typed) is not False:
        await send_outcome(update.effective_message, cur.edit_choices(typed, language=user_language(update, context)))
        return PICK_FACT
    return await offer_fields(update, context, typed)


async def offer_fields(update: Update, context: ContextTypes.DEFAULT_TYPE, fact_id: str) -> int:
    cur = curator(context)
    language = user_language(update, context)
    fields = cur.editable_fields(fact_id, language=language)
    message = update.effective_message
    if not fields:  # names the problem (unknown or deleted id)
        await send_outcome(message, cur.fact(fact_id, language=language))
        return PICK_FACT
    context.user_data["edit"] = {"fact_id": fact_id}
    rows = [[Button(label, callback_data("ei", path))] for label, path in fields]
    rows.append([Button(html_text("button_cancel", language), callback_data("en"))])
    await message.reply_html(html_text("edit_which_field", language, id=fact_id), reply_markup=markup(rows))
    return PICK_FIELD


@admin_only("edit")
async def edit_pick_fact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A fact button pressed (or its id typed)."""
    query = update.callback_query
    if query is not None:
        await query.answer()
        action = parse_callback(query.data)
        if action is not None and action.verb == "ec":  # a place: its facts, in place of the place buttons
            outcome = curator(context).edit_choices(action.args[0], language=user_language(update, context))
            await edit_or_send(update, outcome.html, markup(outcome.buttons))
            return PICK_FACT
        return await offer_fields(update, context, action.args[0] if action else "")
    typed = (update.effective_message.text or "").strip()
    # A sentence is never a fact id nor a place's name: the admin has moved on, so answer the question.
    if len(typed.split()) > 1 and curator(context).find_country(typed) is False:
        context.user_data.pop("edit", None)
        await answer_question(update, context, typed)
        return ConversationHandler.END
    return await offer_fact_or_place(update, context, typed)


@admin_only("edit")
async def edit_pick_field(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A field button pressed: show its current value and ask for the new one."""
    query = update.callback_query
    await query.answer()
    action = parse_callback(query.data)
    state = context.user_data.get("edit") or {}
    fact_id = state.get("fact_id")
    path = action.args[0] if action else ""
    language = user_language(update, context)
    if fact_id is None or path not in {p for _, p in curator(context).editable_fields(fact_id)}:
        await edit_or_send(update, html_text("edit_field_gone", language))
        return ConversationHandler.END
    state["path"] = path
    current = show_value(curator(context).field_value(fact_id, path), language)
    await edit_or_send(update, html_text("edit_current", language, id=fact_id, path=path, value=current))
    return TYPE_VALUE


@admin_only("edit")
async def edit_value(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The new value typed: ask to confirm."""
    state = context.user_data.get("edit") or {}
    value = update.effective_message.text or ""
    language = user_language(update, context)
    if "path" not in state:
        await update.effective_message.reply_html(html_text("edit_restart", language))
        return ConversationHandler.END
    state["value"] = value
    rows = [
        [
            Button(html_text("button_save", language), callback_data("ey")),
            Button(html_text("button_cancel", language), callback_data("en")),
        ]
    ]
    current = show_value(curator(context).field_value(state["fact_id"], state["path"]), language)
    confirm = html_text("edit_confirm", language, id=state["fact_id"], path=state["path"], old=current, new=value)
    await update.effective_message.reply_html(confirm, reply_markup=markup(rows))
    return CONFIRM


@admin_only("edit")
async def edit_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Save: the store validates; an invalid value is reported and the admin can send another."""
    query = update.callback_query
    await query.answer()
    state = context.user_data.get("edit") or {}
    language = user_language(update, context)
    if "value" not in state:
        await edit_or_send(update, html_text("edit_nothing", language))
        return ConversationHandler.END
    outcome = curator(context).set_field(
        state["fact_id"], state["path"], state["value"], actor(update), language=language
    )
    if not outcome.ok:
        await edit_or_send(update, outcome.html + "\n" + html_text("edit_retry", language))
        return TYPE_VALUE
    context.user_data.pop("edit", None)
    await edit_or_send(update, outcome.html)
    return ConversationHandler.END


async def edit_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """Leave the /edit flow without changing anything."""
    context.user_data.pop("edit", None)
    language = user_language(update, context)
    outcome = refused(html_text("edit_cancelled", language), language)
    if update.callback_query is not None:
        await update.callback_query.answer()
        await edit_or_send(update, outcome.html)
    else:
        await update.effective_message.reply_html(outcome.html)
    return ConversationHandler.END


async def edit_timed_out(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The /edit flow waited EDIT_TIMEOUT without an answer: end it and say so (``update`` is the flow's last one)."""
    context.user_data.pop("edit", None)
    if update.effective_chat is None:
        return
    language = user_language(update, context)
    minutes = round(EDIT_TIMEOUT.total_seconds() / 60)
    outcome = refused(html_text("edit_timed_out", language, minutes=minutes), language)
    await context.bot.send_message(update.effective_chat.id, outcome.html, parse_mode=ParseMode.HTML)


def edit_conversation() -> ConversationHandler:
    """The /edit flow. Per user and chat; text typed in TYPE_VALUE is the value, not a question."""
    text = filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # PTB warns that with per_message=False a CallbackQueryHandler is tracked per chat, not per message:
        # that is what this flow wants (one edit at a time per admin chat).
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("edit", edit_start)],
            states={
                PICK_FACT: [
                    CallbackQueryHandler(edit_pick_fact, pattern=r"^a1:e[fc]:"),
                    MessageHandler(text, edit_pick_fact),
                ],
                PICK_FIELD: [CallbackQueryHandler(edit_pick_field, pattern=r"^a1:ei:")],
                TYPE_VALUE: [MessageHandler(text, edit_value)],
                CONFIRM: [CallbackQueryHandler(edit_confirm, pattern=r"^a1:ey$")],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, edit_timed_out)],
            },
            fallbacks=[CommandHandler("cancel", edit_cancel), CallbackQueryHandler(edit_cancel, pattern=r"^a1:en$")],
            conversation_timeout=EDIT_TIMEOUT,
            name="admin_edit",
        )


# --- wiring -------------------------------------------------------------------------------------------------

COMMANDS: dict[str, Handler] = {
    "facts": facts,
    "fact": fact,
    "add": add,
    "set": set_field,
    "delete": delete,
    "undo": undo,
    "history": history,
    "restore": restore,
    "export": export,
    "import": import_usage,
    "unanswered": unanswered,
    "stats": stats,
    "why": why,
}


def register_admin_handlers(app: Application) -> None:
    """Register the admin commands, the /edit flow and the admin buttons; call BEFORE the generic handlers."""
    # The /edit conversation first: while it waits for a value, that text must not be taken as a question.
    app.add_handler(edit_conversation())
    for name, handler in COMMANDS.items():
        app.add_handler(CommandHandler(name, handler))
    # /import is a document whose caption is the command (a CommandHandler only looks at message text).
    app.add_handler(
        MessageHandler(filters.Document.ALL & filters.CaptionRegex(r"^/import(?:@\w+)?(?:\s|$)"), import_document)
    )
    # Every a1: button, valid or forged, is ours: the generic router must not see admin data.
    app.add_handler(CallbackQueryHandler(admin_button, pattern=r"^a1(?::|$)"))
