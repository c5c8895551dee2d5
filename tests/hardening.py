"""Shared building blocks of the hardening tests (issue 6): a strict Telegram HTML validator, hypothesis
strategies for hostile text, a dump of the stored facts for before/after comparisons, and a Bot API
request layer that injects faults.

Used by tests/test_fuzz_*.py, tests/test_telegram_faults.py, tests/test_storage_faults.py,
tests/test_security.py and tests/load_harness.py.
"""

from __future__ import annotations

import html.parser
import re
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from telegram_harness import ApiCall, RecordingRequest

TELEGRAM_MAX_MESSAGE = 4096

# Telegram's HTML parse mode: these tags and no others (https://core.telegram.org/bots/api#html-style).
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote",
}  # fmt: skip
# Attributes Telegram accepts, per tag; anything else is rejected by its parser.
ALLOWED_ATTRIBUTES = {"a": {"href"}, "code": {"class"}, "blockquote": {"expandable"}}
# Named entities Telegram knows; numeric ones (&#123; &#x7B;) are all accepted.
NAMED_ENTITIES = {"lt", "gt", "amp", "quot"}


class _TelegramHtmlValidator(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # see every entity, to check it is one Telegram knows
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed by Telegram")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name!r} not allowed on <{tag}>")
            if tag == "code" and name == "class" and not str(value).startswith("language-"):
                self.problems.append(f"<code class={value!r}> is not a language class")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append("<a> without href")
        if self.stack and self.stack[-1] in {"code", "pre"} and not (self.stack[-1] == "pre" and tag == "code"):
            self.problems.append(f"<{tag}> inside <{self.stack[-1]}>: Telegram allows no markup there")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/> is not Telegram HTML")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for char in "<>&":
            if char in data:
                self.problems.append(f"unescaped {char!r} in text {data[:40]!r}")

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            self.problems.append(f"entity &{name}; is not one Telegram knows")

    def handle_comment(self, data: str) -> None:
        self.problems.append("HTML comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration <!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"processing instruction <?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"unknown declaration {data!r}")


def telegram_html_problems(text: str, limit: int = TELEGRAM_MAX_MESSAGE) -> list[str]:
    """Why Telegram's HTML parser (or its length limit) would reject ``text``; empty when it is fine.

    Stricter than tests/telegram_harness.html_problems: no <span>/<tg-emoji>, no unknown attributes or
    named entities, no markup inside <code>/<pre>. The limit is checked on the HTML itself, so the visible
    text (what Telegram counts, in code points, after parsing entities) is within it too.
    """
    problems = []
    if not text.strip():
        problems.append("empty message")
    if len(text) > limit:
        problems.append(f"{len(text)} characters of HTML, over the {limit} limit")
    if re.search(r"&(?!(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)", text):
        problems.append("a bare & (not one of the entities Telegram knows)")
    if re.search(r"<(?![a-zA-Z/])|<(?=/?[^>]*<)", text):
        problems.append("a bare <")
    validator = _TelegramHtmlValidator()
    validator.feed(text)
    validator.close()
    problems += validator.problems
    if validator.stack:
        problems.append(f"unclosed tags {validator.stack}")
    return problems


# --- hostile text --------------------------------------------------------------------------------------

INJECTIONS = [
    "<b>bold</b>", "<script>alert(1)</script>", "</i>", "<a href='javascript:alert(1)'>x</a>", "&amp;", "&lt;",
    "&nbsp;", "&#0;", "<<>>", "<!-- c -->", "<![CDATA[x]]>", "'; DROP TABLE facts; --", "\" OR 1=1 --",
    "Robert'); DELETE FROM fact_versions;--", "{0}", "{}", "{text}", "%s", "%d", "%(name)s", "%n%n%n", "${jndi:x}",
    "{{7*7}}", "\\x00", "\x00", "\u202e", "\u200b", "\ufeff", "\u0301\u0301\u0301", "👨‍👩‍👧‍👦", "🇷🇺", "\U0001f600",
    "מה התוצאה", "ما هي النتيجة", "\r\n", "\t", "null", "None", "NaN", "-1e309", "/start", "@ElectionAbroadBot",
]  # fmt: skip

# Any code point but surrogates (Telegram delivers valid UTF-8 only).
any_character = st.characters(exclude_categories=["Cs"])
hostile_text = st.one_of(
    st.text(any_character, max_size=200),
    st.lists(st.sampled_from(INJECTIONS) | st.text(any_character, max_size=12), max_size=12).map(" ".join),
    st.sampled_from(["", " ", "\n\n\t ", "?", "...", "\u200b\u200b", "\x00\x01\x02"]),
    st.tuples(st.sampled_from(["a", "я", "🙂", "é", "<", "&"]), st.integers(5_000, 10_000)).map(lambda p: p[0] * p[1]),
    st.text(any_character, min_size=1, max_size=40).map(lambda chunk: (chunk * (10_000 // len(chunk) + 1))[:10_000]),
)

# Nonsense that cannot spell an election word: consonants no topic, country, candidate or Russian word is made of,
# plus emoji, symbols, combining marks and right-to-left letters. Words are at least two characters long.
NONSENSE_ALPHABET = "qxzjwkQXZJWK" + "🙂🚀🐍✨" + "#*~^|" + "\u0301\u0308" + "אבגדש"
# (a run of two Latin letters may be a country's code, "KZ", "ZW": a name, not nonsense)
_TWO_LETTERS = re.compile(r"(?<![A-Za-z])[A-Za-z]{2}(?![A-Za-z])")
nonsense_text = st.lists(
    st.text(st.sampled_from(NONSENSE_ALPHABET), min_size=2, max_size=9).filter(
        lambda word: not _TWO_LETTERS.search(word)
    ),
    min_size=1,
    max_size=8,
).map(" ".join)


# --- stored data ---------------------------------------------------------------------------------------

DUMPED_TABLES = ("sources", "countries", "country_aliases", "candidates", "facts", "fact_versions", "changes")


def dump_store(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the fact tables (facts, their versions, the undo log and references), for before/after."""
    return {table: sorted(store.db.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in DUMPED_TABLES}


# --- a Bot API that fails now and then -----------------------------------------------------------------


class FaultyRequest(RecordingRequest):
    """RecordingRequest that fails some calls the way Telegram and networks do.

    ``plan(call, attempt)`` returns None (answer normally) or a fault: ``("retry_after", seconds)`` (HTTP 429),
    ``("server_error", status)`` (5xx), ``"timeout"`` (the read times out) or ``"disconnect"`` (the connection
    drops). ``attempt`` counts the calls with the same method and parameters, so a plan can fail only the first
    try. ``faults`` records what was injected; ``calls`` only what got through (the calls Telegram answered).
    """

    def __init__(self, plan: Callable[[ApiCall, int], Any]) -> None:
        super().__init__()
        self.plan = plan
        self.faults: list[tuple[str, ApiCall]] = []
        self._attempts: dict[str, int] = {}

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any):
        from telegram.error import NetworkError, TimedOut

        if "/file/bot" not in url:
            api_method = url.rsplit("/", 1)[-1]
            params = dict(request_data.parameters) if request_data else {}
            call = ApiCall(api_method, params)
            key = api_method + repr(sorted(params.items(), key=lambda item: item[0]))
            attempt = self._attempts[key] = self._attempts.get(key, 0) + 1
            fault = self.plan(call, attempt)
            if fault is not None:
                self.faults.append((fault if isinstance(fault, str) else fault[0], call))
                if fault == "timeout":
                    raise TimedOut("Timed out")
                if fault == "disconnect":
                    raise NetworkError("httpx.RemoteProtocolError: Server disconnected without sending a response.")
                kind, value = fault
                if kind == "retry_after":
                    body = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                            "parameters": {"retry_after": value}}  # fmt: skip
                    return 429, _json(body)
                return value, _json({"ok": False, "error_code": value, "description": "Internal Server Error"})
        return await super().do_request(url, method, request_data, *args, **kwargs)


def _json(body: dict[str, Any]) -> bytes:
    import json

    return json.dumps(body).encode()


def sent_messages(calls: list[ApiCall]) -> list[ApiCall]:
    return [call for call in calls if call.method in {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}]


def check_sent(calls: list[ApiCall]) -> None:
    """Every message, caption, edit and inline result the bot sent is valid Telegram HTML under the limits."""
    import json

    for call in calls:
        if call.method in {"sendMessage", "editMessageText"}:
            assert call.params.get("parse_mode") == "HTML", call
            problems = telegram_html_problems(call.sent_text)
            assert not problems, (problems, call.sent_text[:300])
        elif call.method in {"sendPhoto", "sendDocument"} and call.params.get("caption"):
            problems = telegram_html_problems(str(call.params["caption"]), limit=1024)
            assert not problems, (problems, call.params["caption"][:300])
        elif call.method == "answerInlineQuery":
            results = call.params.get("results", [])
            for result in json.loads(results) if isinstance(results, str) else results:
                text = result.get("input_message_content", {}).get("message_text", "")
                problems = telegram_html_problems(text)
                assert not problems, (problems, text[:300])
        elif call.method == "answerCallbackQuery":
            assert len(str(call.params.get("text", ""))) <= 200, call.params


# --- the real Application on its own event loop, for hypothesis tests (which are synchronous) ---------------


class OfflineBot:
    """The bot's real Application over an offline request, on a private event loop that outlives examples.

    ``bot.process(payload)`` feeds one update (Bot API JSON) and returns the calls the bot made for it.
    """

    def __init__(self, settings: Any, store: Any, engine: Any, request: RecordingRequest | None = None) -> None:
        import asyncio

        from telegram_harness import ChatSimulator

        from bot.telegram.app import build_application

        self.loop = asyncio.new_event_loop()
        self.request = request or RecordingRequest()
        self.app = build_application(settings, store, engine, request=self.request)
        self.simulator = ChatSimulator(self.app, self.request)
        self.loop.run_until_complete(self._start())

    async def _start(self) -> None:
        await self.app.initialize()
        await self.app.post_init(self.app)
        await self.app.job_queue.start()  # the /edit flow's timeout is scheduled on it (app.start() is not called)

    def process(self, payload: dict[str, Any]) -> list[ApiCall]:
        return self.loop.run_until_complete(self.simulator.process(payload))

    def close(self) -> None:
        self.loop.run_until_complete(self.app.job_queue.stop(wait=False))
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()

    # builders for the usual updates
    def private_text(self, text: str, user_id: int = 4242, language_code: str | None = "en") -> list[ApiCall]:
        sim = self.simulator
        return self.process(
            {"message": sim.message(text, user=sim.user(user_id, language_code), chat=sim.chat("private", user_id))}
        )

    def press(self, data: str, user_id: int = 4242, chat_id: int | None = None) -> list[ApiCall]:
        sim = self.simulator
        chat = sim.chat("private" if (chat_id or user_id) > 0 else "supergroup", chat_id or user_id)
        bot_message = {"message_id": 1, "date": 0, "chat": chat, "from": {"id": 1, "is_bot": True, "first_name": "B"},
                       "text": "earlier reply"}  # fmt: skip
        query = {"id": "q1", "from": sim.user(user_id), "chat_instance": "1", "message": bot_message, "data": data}
        return self.process({"callback_query": query})
