"""Thin Telegram callbacks over the engine: read the update, ask the core, render the reply.

Registration (and its order) lives in ``bot.telegram.app``; user-facing texts in ``bot.catalogue``.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.catalogue import html_text, normalize_language, text, topic_title
from bot.country_names import alphabetical_key, place, region_name
from bot.map_data import putin_shares
from bot.models import TOPICS, Country, KnowledgeBase
from bot.replies import ChatContext, Reply
from bot.store import StoreError
from bot.telegram import keyboards
from bot.telegram.formatting import MAX_CAPTION_LENGTH, split_html
from bot.telegram.services import services

logger = logging.getLogger(__name__)

START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
STATION_NUMBER = re.compile(r"^(?:station[-_ ]?)?([0-9]{4})$", re.IGNORECASE)  # "8133", "station-8133"
PLACES_PER_PAGE = 24  # a region's places per message: 12 rows of two, under Telegram's comfortable keyboard size
MAX_STASHED_QUESTIONS = 50
MAX_INLINE_RESULTS = 10
MAX_QUESTION_LENGTH = 1000  # longer text is cut before matching; nobody asks a 10,000-character question


# --- helpers ---------------------------------------------------------------------------------------


def user_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The user's language: their /language choice, else their Telegram app language."""
    user = update.effective_user
    if user is None:
        return normalize_language(None)
    user_data = context.user_data if context.user_data is not None else {}
    if "language" in user_data:
        return user_data["language"]
    store = services(context).store
    if not user_data.get("language_checked") and store is not None:
        stored = store.get_user_language(user.id)
        user_data["language_checked"] = True
        if stored:
            user_data["language"] = stored
            return stored
    return normalize_language(user.language_code)


def chat_context(context: ContextTypes.DEFAULT_TYPE) -> ChatContext | None:
    return context.chat_data.get("context") if context.chat_data is not None else None


def remember_context(context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    if context.chat_data is not None:
        context.chat_data["context"] = reply.context


def stash_question(context: ContextTypes.DEFAULT_TYPE, question: str) -> str:
    """Keep a suggested question in chat_data; the button carries only its number."""
    stash: dict[str, str] = context.chat_data.setdefault("asked", {})
    number = context.chat_data.get("asked_seq", 0) + 1
    context.chat_data["asked_seq"] = number
    stash[str(number)] = question
    for old in list(stash)[:-MAX_STASHED_QUESTIONS]:
        del stash[old]
    return str(number)


def reply_markup_for(reply: Reply, context: ContextTypes.DEFAULT_TYPE) -> InlineKeyboardMarkup | None:
    # choices and examples as buttons; an answer carries them only when it offers more (a place's other topics)
    if not reply.suggestions or reply.kind == "comparison":
        return None
    return keyboards.suggestions_keyboard(
        reply.suggestions, reply.language, lambda question: stash_question(context, question)
    )


async def send_html(
    message: Message, content: str, reply_markup: InlineKeyboardMarkup | None = None, *, quote: bool | None = None
) -> None:
    """Reply with HTML, split over several messages if needed; buttons go under the last part."""
    parts = split_html(content)
    for index, part in enumerate(parts):
        await message.reply_html(
            part,
            reply_markup=reply_markup if index == len(parts) - 1 else None,
            do_quote=quote if index == 0 else False,
            disable_web_page_preview=True,
        )


async def send_chart(message: Message, reply: Reply, *, quote: bool | None = None) -> None:
    """Send the reply's bar chart as a photo, the source in the caption."""
    from bot.telegram.charts import render_chart  # matplotlib loads only when a chart is drawn

    if reply.chart is None or not reply.chart.bars:
        return
    png = await asyncio.to_thread(render_chart, reply.chart)
    # Formatted like an answer (bold heading, source in italics): a forwarded chart still says what it shows.
    caption = f"<b>{html.escape(reply.chart.title)}</b>\n<i>{html.escape(reply.chart.caption)}</i>"
    if len(caption) > MAX_CAPTION_LENGTH:
        caption = f"<i>{html.escape(reply.chart.caption[: MAX_CAPTION_LENGTH - 20])}</i>"
    await message.reply_photo(png, caption=caption, parse_mode=ParseMode.HTML, do_quote=quote)


async def send_world_map(
    message: Message, context: ContextTypes.DEFAULT_TYPE, language: str, *, quote: bool | None = None
) -> None:
    """Send the world map of Putin's official share abroad as a photo: title, source and places not drawn below."""
    from bot.telegram.worldmap import render_world_map  # matplotlib and the map's shapes load only when drawn

    data = putin_shares(services(context).engine.knowledge)
    if not data.places:
        await message.reply_html(html_text("map_no_data", language), do_quote=quote)
        return
    drawn = await asyncio.to_thread(render_world_map, data, language)
    caption = f"<b>{html.escape(drawn.title)}</b>\n<i>{html.escape(drawn.caption)}</i>"
    if len(caption) > MAX_CAPTION_LENGTH:
        caption = f"<i>{html.escape(drawn.caption[: MAX_CAPTION_LENGTH - 20])}</i>"
    await message.reply_photo(drawn.png, caption=caption, parse_mode=ParseMode.HTML, do_quote=quote)


async def send_reply(message: Message, reply: Reply, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Render one engine reply: text (split), suggestion buttons, and a chart when there is one."""
    quote = message.chat.type != ChatType.PRIVATE
    await send_html(message, reply.html, reply_markup_for(reply, context), quote=quote)
    if reply.chart is not None:
        await send_chart(message, reply, quote=quote)


def log_question(context: ContextTypes.DEFAULT_TYPE, update: Update, question: str, reply: Reply) -> None:
    """Record the question for /unanswered and /stats; a logging failure never blocks the answer."""
    store = services(context).store
    if store is None:
        return
    try:
        store.log_question(
            text=question,
            language=reply.language,
            answered=reply.answered,
            confidence=reply.confidence,
            topic=reply.context.topic,
            fact_id=reply.fact_ids[0] if reply.fact_ids else None,
            asker=update.effective_user.id if update.effective_user else None,
            rule=reply.rule or None,
        )
    except Exception:
        logger.exception("Could not log a question")


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    """Ask the engine, remember the chat's context, log the question and send the reply."""
    message = update.effective_message
    svc = services(context)
    language = user_language(update, context)
    user_id = update.effective_user.id if update.effective_user else 0
    verdict = svc.question_limiter.check(user_id)
    if verdict != "ok":
        if verdict == "notify":
            await message.reply_html(html_text("rate_limited", language))
        return
    question = question[:MAX_QUESTION_LENGTH]
    reply = svc.engine.answer(question, chat_context(context), language_hint=language)
    remember_context(context, reply)
    log_question(context, update, question, reply)
    await send_reply(message, reply, context)


async def edit_or_send(update: Update, content: str, reply_markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the pressed button's message in place (or send anew if it cannot be edited)."""
    query = update.callback_query
    parts = split_html(content)
    try:
        await query.edit_message_text(
            parts[0],
            parse_mode=ParseMode.HTML,
            reply_markup=reply_markup if len(parts) == 1 else None,
            disable_web_page_preview=True,
        )
    except BadRequest as error:
        if "not modified" in str(error).lower():  # the same button pressed twice
            return
        if query.message is None:
            raise
        await send_html(query.message, content, reply_markup)
        return
    if len(parts) > 1 and query.message is not None:
        await send_html(query.message, "\n".join(parts[1:]), reply_markup)


def country_name(context: ContextTypes.DEFAULT_TYPE, country_id: str | None, language: str) -> str | None:
    if country_id is None:
        return text("national", language)
    country = services(context).engine.knowledge.country(country_id)
    return country.name.get(language) if country else None


def place_region(country: Country) -> str | None:
    """The menu region of a place; None for "every foreign station together", which has a button of its own."""
    if country.kind == "abroad":
        return None
    names = place(country.id)
    return names.region if names is not None else keyboards.OTHER_REGION


def menu_region_name(region: str, language: str) -> str:
    return text("other_places", language) if region == keyboards.OTHER_REGION else region_name(region, language)


def region_places(context: ContextTypes.DEFAULT_TYPE, region: str, language: str) -> list[tuple[str, str]]:
    """A region's places as (id, name), alphabetical in the user's language."""
    kb = services(context).engine.knowledge
    places = [(country.id, country.name.get(language)) for country in kb.countries if place_region(country) == region]
    return sorted(places, key=lambda item: alphabetical_key(item[1]))


def page_count(places: int) -> int:
    return max(1, -(-places // PLACES_PER_PAGE))


def regions_view(context: ContextTypes.DEFAULT_TYPE, language: str) -> tuple[str, InlineKeyboardMarkup]:
    """The /countries menu: the regions with how many places each, then abroad overall and Russia overall."""
    kb = services(context).engine.knowledge
    counts: dict[str | None, int] = {}
    for country in kb.countries:
        region = place_region(country)
        counts[region] = counts.get(region, 0) + 1
    regions = [
        (region, f"{menu_region_name(region, language)} ({counts[region]})")
        for region in keyboards.MENU_REGIONS
        if counts.get(region)
    ]
    abroad = next((country.id for country in kb.countries if country.kind == "abroad"), None)
    return html_text("countries_prompt", language), keyboards.regions_keyboard(regions, abroad, language)


def region_view(
    context: ContextTypes.DEFAULT_TYPE, region: str, page: int, language: str
) -> tuple[str, InlineKeyboardMarkup] | None:
    """One page of a region's places; None when the region has no places or no such page."""
    places = region_places(context, region, language)
    pages = page_count(len(places))
    if not places or page >= pages:
        return None
    shown = places[page * PLACES_PER_PAGE : (page + 1) * PLACES_PER_PAGE]
    name = menu_region_name(region, language)
    if pages > 1:
        prompt = html_text("region_prompt_paged", language, region=name, page=page + 1, pages=pages)
    else:
        prompt = html_text("region_prompt", language, region=name)
    return prompt, keyboards.places_keyboard(region, shown, page, pages, language)


def back_to_region(
    context: ContextTypes.DEFAULT_TYPE, country_id: str | None, language: str
) -> tuple[str, int, str] | None:
    """(region, page, region name) of the page that lists the place, for its back button."""
    country = services(context).engine.knowledge.country(country_id) if country_id else None
    region = place_region(country) if country is not None else None
    if region is None:
        return None
    ids = [place_id for place_id, _ in region_places(context, region, language)]
    page = ids.index(country_id) // PLACES_PER_PAGE if country_id in ids else 0
    return region, page, menu_region_name(region, language)


def topics_view(
    context: ContextTypes.DEFAULT_TYPE, country_id: str | None, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    name = country_name(context, country_id, language) or ""
    topics = services(context).engine.topics_for_country(country_id)
    key = "topics_prompt" if topics else "no_topics"
    prompt = html_text(key, language, country=name)
    back = back_to_region(context, country_id, language)
    return prompt, keyboards.topics_keyboard(country_id, topics, language, back)


def topic_replies(context: ContextTypes.DEFAULT_TYPE, country_id: str | None, topic: str, language: str) -> list[Reply]:
    """The engine's answers for every fact of one topic in one country."""
    engine = services(context).engine
    facts = [fact for fact in engine.knowledge.facts if fact.country == country_id and fact.topic == topic]
    replies = []
    current = chat_context(context)
    for fact in facts:
        reply = engine.answer_fact(fact.id, language, current)
        current = reply.context
        replies.append(reply)
    return replies


def topic_html(where: str | None, topic: str, replies: list[Reply], language: str) -> str:
    """A browsed topic's answers under a bold heading saying where the user is ("Kazakhstan: Exit poll")."""
    label = topic_title(topic, language)
    heading = f"{where}: {label}" if where else label
    return "\n\n".join([f"<b>{html.escape(heading)}</b>", *(reply.html for reply in replies)])


def sources_html(context: ContextTypes.DEFAULT_TYPE, language: str) -> str:
    """Each source as answers cite it (with its date), its full name, and the countries and topics it covers."""
    kb = services(context).engine.knowledge
    blocks = [html_text("sources_header", language)]
    for source in kb.sources:
        cited = source.cited_as.get(language) if source.cited_as else f"{source.publisher}, {source.date}"
        title = html.escape(f"{source.publisher}: {source.title}")
        if source.url:
            title = f'<a href="{html.escape(source.url, quote=True)}">{title}</a>'
        lines = [f"<b>{html.escape(cited)}</b>", f"<i>{title}</i>"]
        facts = [fact for fact in kb.facts if fact.source == source.id]
        if facts:
            covered = {fact.country for fact in facts}
            places = [country.name.get(language) for country in kb.countries if country.id in covered]
            if None in covered:
                places.append(text("national", language))
            topics = [topic_title(topic, language) for topic in TOPICS if any(fact.topic == topic for fact in facts)]
            lines.append(html_text("source_covers", language, places=", ".join(places), topics=", ".join(topics)))
            lines.append(html_text("source_facts", language, count=len(facts)))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def strip_mention(message: Message, username: str) -> str:
    """The message text without the bot's @mention."""
    return re.sub(rf"@{re.escape(username)}\b", " ", message.text or "", flags=re.IGNORECASE).strip(" ,:\n")


def is_addressed_to_bot(message: Message, bot_id: int, username: str) -> bool:
    """Whether a group message mentions the bot or replies to one of its messages."""
    reply_to = message.reply_to_message
    if reply_to is not None and reply_to.from_user is not None and reply_to.from_user.id == bot_id:
        return True
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
        if entity.type == MessageEntity.MENTION and value.lower() == f"@{username.lower()}":
            return True
    return False


# --- commands ------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user in their language with example questions, or open a deep link's country/topic."""
    language = user_language(update, context)
    if context.args:
        await open_start_payload(update, context, context.args[0], language)
        return
    engine = services(context).engine
    name = update.effective_user.first_name if update.effective_user else ""
    markup = keyboards.suggestions_keyboard(
        engine.example_questions(language), language, lambda question: stash_question(context, question)
    )
    greeting = html_text("greeting", language, name=name)
    if update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE:
        # Plain text is not a question in a group: say how to ask, before the line that leads to the buttons.
        body, _, invitation = greeting.rpartition("\n\n")
        greeting = f"{body}\n\n{html_text('group_start_hint', language)}\n\n{invitation}"
    await update.effective_message.reply_html(greeting, reply_markup=markup)


async def open_start_payload(update: Update, context: ContextTypes.DEFAULT_TYPE, payload: str, language: str) -> None:
    """Open what a t.me/<bot>?start=<payload> link names: a region, a country, a topic, country__topic, a fact,
    or a station by its number ("8133", "station-8133")."""
    message = update.effective_message
    engine = services(context).engine
    kb = engine.knowledge
    if START_PAYLOAD.match(payload) and (station := STATION_NUMBER.match(payload)):
        payload = f"station-{station.group(1)}"
    if payload.lower() in keyboards.MENU_REGIONS and (view := region_view(context, payload.lower(), 0, language)):
        await message.reply_html(view[0], reply_markup=view[1])
        return
    country_id, _, topic = payload.lower().partition("__") if START_PAYLOAD.match(payload) else ("", "", "")
    if not topic and country_id in TOPICS:
        country_id, topic = "", country_id
    country_known = bool(country_id) and kb.country(country_id) is not None
    if country_known and not topic:
        prompt, markup = topics_view(context, country_id, language)
        await message.reply_html(prompt, reply_markup=markup)
        return
    if topic in TOPICS and (country_known or not country_id):
        replies = topic_replies(context, country_id or None, topic, language)
        where = country_name(context, country_id or None, language)
        if not replies and not country_id:  # a topic alone: national facts, else every country's
            where = None
            for country in kb.countries:
                replies += topic_replies(context, country.id, topic, language)
        if replies:
            remember_context(context, replies[-1])
            answer = topic_html(where, topic, replies, language)
            await send_html(message, answer, keyboards.answer_keyboard(country_id or None, language))
            return
    if country_id and not topic and kb.fact(country_id) is not None:
        reply = engine.answer_fact(country_id, language, chat_context(context))
        remember_context(context, reply)
        await send_reply(message, reply, context)
        return
    _, markup = regions_view(context, language)
    await message.reply_html(html_text("bad_start_payload", language), reply_markup=markup)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain what the bot does and list its commands."""
    await update.effective_message.reply_html(
        html_text("help", user_language(update, context), bot=context.bot.username or "bot"),
        disable_web_page_preview=True,
    )


async def countries(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the region menu (regions, then abroad overall and Russia overall)."""
    prompt, markup = regions_view(context, user_language(update, context))
    await update.effective_message.reply_html(prompt, reply_markup=markup)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the sources every answer comes from."""
    await send_html(update.effective_message, sources_html(context, user_language(update, context)))


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer English or Russian."""
    current = user_language(update, context)
    await update.effective_message.reply_html(
        html_text("language_prompt", current), reply_markup=keyboards.language_keyboard(current)
    )


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer the standard charts."""
    language = user_language(update, context)
    await update.effective_message.reply_html(
        html_text("chart_prompt", language), reply_markup=keyboards.charts_keyboard(language)
    )


async def world_map(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the world map of Putin's official share abroad."""
    message = update.effective_message
    await send_world_map(message, context, user_language(update, context), quote=message.chat.type != ChatType.PRIVATE)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question after /ask (the way to address the bot in groups)."""
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_html(html_text("ask_usage", user_language(update, context)))
        return
    await answer_question(update, context, question)


# --- messages ------------------------------------------------------------------------------------


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer any text in a private chat as a question."""
    await answer_question(update, context, update.effective_message.text or "")


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a group message only when it mentions the bot or replies to it."""
    message = update.effective_message
    username = context.bot.username or ""
    if not is_addressed_to_bot(message, context.bot.id, username):
        return
    question = strip_mention(message, username)
    if not question:
        await message.reply_html(html_text("ask_usage", user_language(update, context)))
        return
    await answer_question(update, context, question)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the sender of a sticker, photo, voice... what the bot can do."""
    await update.effective_message.reply_html(html_text("non_text_hint", user_language(update, context)))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an unknown /command with the help text."""
    await help_command(update, context)


# --- buttons -------------------------------------------------------------------------------------


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a button press; forged or stale data gets a polite notice."""
    query = update.callback_query
    language = user_language(update, context)
    action = keyboards.parse_callback(query.data)
    # Answered once, after the work: a failure in between is answered by the error handler instead.
    if action is not None and await run_button(update, context, action, language):
        await query.answer()
    else:
        await query.answer(text("stale_button", language), show_alert=True)


async def run_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: keyboards.CallbackAction, language: str
) -> bool:
    """Carry out a parsed button press; False when what it refers to no longer exists. The caller answers it.""" ""
    query = update.callback_query
    svc = services(context)
    kb = svc.engine.knowledge
    kind, args = action.kind, action.args
    if kind == "c" and not args:
        await edit_or_send(update, *regions_view(context, language))
        return True
    if kind == "r":
        view = region_view(context, args[0], int(args[1]), language)
        if view is None:
            return False
        await edit_or_send(update, *view)
        return True
    if kind == "c":
        country_id = None if args[0] == keyboards.NATIONAL else args[0]
        if country_id is not None and kb.country(country_id) is None:
            return False
        await edit_or_send(update, *topics_view(context, country_id, language))
        return True
    if kind == "t":
        country_id = None if args[0] == keyboards.NATIONAL else args[0]
        replies = topic_replies(context, country_id, args[1], language)
        if not replies:
            return False
        remember_context(context, replies[-1])
        answer = topic_html(country_name(context, country_id, language), args[1], replies, language)
        await edit_or_send(update, answer, keyboards.answer_keyboard(country_id, language))
        return True
    if kind == "f":
        if kb.fact(args[0]) is None or query.message is None:
            return False
        # The language the suggestion was offered in: a Russian question's buttons answer in Russian.
        reply = svc.engine.answer_fact(args[0], args[1], chat_context(context))
        remember_context(context, reply)
        await send_reply(query.message, reply, context)
        return True
    if kind == "q":
        question = (context.chat_data or {}).get("asked", {}).get(args[0])
        if question is None or query.message is None:
            return False
        await answer_question(update, context, question)
        return True
    if kind == "l":
        context.user_data["language"] = args[0]
        if svc.store is not None and update.effective_user is not None:
            try:
                svc.store.set_user_language(update.effective_user.id, args[0])
            except StoreError:  # e.g. a read-only database: the choice still holds until a restart
                logger.warning("Could not save a language choice", exc_info=True)
        await edit_or_send(update, html_text("language_set", args[0]))
        return True
    if kind == "g":
        if query.message is None:
            return False
        metric, candidate, _ = keyboards.STANDARD_CHARTS[args[0]]
        reply = svc.engine.ranking(metric, language, candidate)
        await send_reply(query.message, reply, context)
        return True
    if kind == "m":
        if query.message is None:
            return False
        await send_world_map(query.message, context, language, quote=query.message.chat.type != ChatType.PRIVATE)
        return True
    return False


# --- inline mode ---------------------------------------------------------------------------------


def shorten(value: str, limit: int) -> str:
    """Cut ``value`` at a word boundary to at most ``limit`` characters, marking the cut."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    return value[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def inline_title(reply: Reply, kb: KnowledgeBase) -> str:
    """A title such as "Kazakhstan: Exit poll" for an answer about one fact, else the reply's first line."""
    fact = kb.fact(reply.fact_ids[0]) if reply.kind == "answer" and reply.fact_ids else None
    if fact is not None:
        country = kb.country(fact.country) if fact.country else None
        where = country.name.get(reply.language) if country else text("national", reply.language)
        return f"{where}: {topic_title(fact.topic, reply.language)}"
    lines = [line for line in reply.text.splitlines() if line.strip()]
    return shorten(lines[0] if lines else reply.text, 100)


def inline_article(reply: Reply, result_id: str, kb: KnowledgeBase) -> InlineQueryResultArticle:
    """One inline result: a short title and preview; choosing it sends the whole answer."""
    return InlineQueryResultArticle(
        id=hashlib.sha1(result_id.encode()).hexdigest()[:32],
        title=inline_title(reply, kb),
        description=shorten(reply.text, 200),
        input_message_content=InputTextMessageContent(split_html(reply.html)[0], parse_mode=ParseMode.HTML),
    )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Return the answers matching an inline query (@bot question) as articles."""
    query = update.inline_query
    engine = services(context).engine
    language = user_language(update, context)
    question = query.query.strip()[:MAX_QUESTION_LENGTH]
    replies: list[Reply] = []
    if not question:
        for suggestion in engine.example_questions(language, limit=MAX_INLINE_RESULTS):
            if suggestion.fact_id:
                replies.append(engine.answer_fact(suggestion.fact_id, language))
            else:
                replies.append(engine.answer(suggestion.question, language_hint=language))
    elif (station := STATION_NUMBER.match(question)) and engine.knowledge.fact(f"station-{station.group(1)}"):
        # A bare station number: its protocol, and the exit poll there when there was one.
        number = station.group(1)
        ids = [f"station-{number}", f"exit-poll-{number}"]
        replies = [engine.answer_fact(fact_id, language) for fact_id in ids if engine.knowledge.fact(fact_id)]
    else:
        reply = engine.answer(question, language_hint=language)
        if reply.suggestions and reply.kind in ("did_you_mean", "answer"):
            # the choices, or after a place's summary each of its topics: one result each
            replies = [reply] if reply.kind == "answer" else []
            replies += [
                engine.answer_fact(suggestion.fact_id, reply.language)
                for suggestion in reply.suggestions
                if suggestion.fact_id
            ]
        replies = replies or [reply]
    results, seen = [], set()
    for reply in replies[:MAX_INLINE_RESULTS]:
        key = ",".join(reply.fact_ids) or reply.text
        if key not in seen:
            seen.add(key)
            results.append(inline_article(reply, key, engine.knowledge))
    # Answers depend on the user's language, so results are personal; facts change rarely, so a short cache.
    await query.answer(results, cache_time=30, is_personal=True)


# --- errors --------------------------------------------------------------------------------------


def describe_update(update: object) -> str:
    """A one-line summary of an update for the error log (no secrets, text cut short)."""
    if not isinstance(update, Update):
        return repr(update)[:200]
    parts = [f"update_id={update.update_id}"]
    if update.effective_chat:
        parts.append(f"chat={update.effective_chat.id} ({update.effective_chat.type})")
    if update.effective_user:
        parts.append(f"user={update.effective_user.id}")
    if update.callback_query:
        parts.append(f"button={update.callback_query.data!r}")
    elif update.inline_query:
        parts.append(f"inline={update.inline_query.query[:80]!r}")
    elif update.effective_message and update.effective_message.text:
        parts.append(f"text={update.effective_message.text[:80]!r}")
    return " ".join(parts)


async def error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log a failed update with its context and tell the user something went wrong."""
    logger.error("Update failed: %s", describe_update(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:  # the user's /language choice; the failure may be the store itself, then their app language
        language = user_language(update, context)
    except Exception:
        language = normalize_language(update.effective_user.language_code if update.effective_user else None)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text("error", language), show_alert=True)
        elif update.inline_query is not None:
            await update.inline_query.answer([], cache_time=0)
        elif update.effective_message is not None:
            await update.effective_message.reply_html(html_text("error", language))
    except TelegramError:
        logger.warning("Could not tell the user about the failure of update %s", update.update_id)
