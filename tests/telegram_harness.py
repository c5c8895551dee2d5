"""Drive the real Telegram Application offline: conversation transcripts as data.

``RecordingRequest`` answers every Bot API call locally (a test can never touch the network) and
records it; ``ChatSimulator`` builds updates as objects and feeds them to ``app.process_update``.
``run_transcript`` plays one YAML transcript and checks what the bot sent. The admin (issue 5) and
hardening (issue 6) tests reuse all three.

Transcript format (``tests/conversations/*.yaml``)::

    description: what the transcript shows            # required
    settings: {user_questions_per_minute: 3}          # optional Settings overrides
    defaults:                                         # optional, apply to every turn unless overridden
      user: 1001                                      # Telegram user id (also the private chat id)
      language_code: en                               # the user's Telegram app language
      chat: private                                   # private | group | supergroup
      chat_id: -100123                                # for groups
    turns:
      - say: How many voted in Tajikistan?            # a text message; "/cmd args" is a command
        expect: {contains: ["9,500"]}
      - say: and in Uzbekistan?                       # follow-up in the same chat
      - say: "@ElectionAbroadBot who won?"            # @mentions get their entity automatically
        chat: group
        reply_to_bot: true                            # the message replies to the bot's last message
      - press: Kazakhstan                             # press the button with this label on the latest
                                                      # bot message in the chat that has it
      - press_data: "1:f:no-such-fact"                # press a button with raw (forged) callback data
      - inline: turnout Tajikistan                    # an inline query (@bot ...)
      - send: sticker                                 # a non-text message: sticker | photo | voice |
                                                      # video | document | location | contact
      - document: {file_name: facts.yaml, text: "..."}  # a document with content (caption: "/import")
        caption: /import                              # optional in document: file_size (claimed size);
      - document: {from_bot: true}                    # from_bot: the last document the bot sent here
      - expire: true                                  # time passes: every scheduled job (the /edit flow's
                                                      # timeout) runs now
    Every turn may set: user, first_name, language_code, chat, chat_id, reply_to_bot.

    expect (all optional; text checks are case-insensitive and look at everything the bot sent or
    edited in that turn: message texts, photo captions, callback notices, inline results):
      contains: [...]        must appear         not_contains: [...]   must not appear
      buttons: [...]         button labels that must be shown        no_buttons: [...]
      messages: 2            exact number of new messages (sendMessage + sendPhoto + sendDocument)
      photo: true            a photo was sent (false: none was)
      caption: [...]         must appear in a photo's caption (as sent, HTML)
      document: true         a document was sent
      edited: true           the bot edited a message in place (false: it did not)
      quote: true            every new message replies to the user's message (false: none does)
      alert: "..."           the callback answer shows this text (a notice)
      inline_results: 1      at least this many inline results (0: exactly none)
      silent: true           the bot sent nothing at all (no message, no edit)

Always checked, on every turn: every button press is answered exactly once; every message is at
most 4096 characters of well-formed Telegram HTML; callback data is at most 64 bytes; nothing is
sent with the bot token in it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html.parser
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.settings import Settings

BOT_ID = 777000111
BOT_USERNAME = "ElectionAbroadBot"
TEST_TOKEN = "123456789:TEST-token-never-sent-anywhere_abcdefgh"
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Election Abroad",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
SENDING_METHODS = {"sendMessage", "sendPhoto", "sendDocument"}
TELEGRAM_HTML_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip


@dataclass
class ApiCall:
    """One Bot API call the application made."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def sent_text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")


class RecordingRequest(BaseRequest):
    """A Bot API that lives in memory: records each call and answers it like Telegram would.

    ``fault`` (optional) is called with each ApiCall before it is answered; returning a
    ``(status, body_dict)`` pair replaces the normal answer (429s, 5xx, ... for fault tests).
    """

    def __init__(self, fault: Callable[[ApiCall], tuple[int, dict[str, Any]] | None] | None = None) -> None:
        self.calls: list[ApiCall] = []
        self.fault = fault
        self.pending_file = b""  # what a file download (a document the user sent) returns
        self._message_ids = itertools.count(5000)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.pending_file
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = {}
        if request_data is not None and request_data.contains_files:
            files = {name: value[1] for name, value in request_data.multipart_data.items()}
        call = ApiCall(api_method, params, files)
        self.calls.append(call)
        if self.fault is not None and (faulty := self.fault(call)) is not None:
            status, body = faulty
            return status, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self.result_for(call)}).encode()

    def result_for(self, call: ApiCall) -> Any:
        params = call.params
        if call.method == "getMe":
            return BOT_USER
        if call.method in SENDING_METHODS or call.method == "editMessageText":
            if call.method == "editMessageText" and "inline_message_id" in params:
                return True
            chat_id = int(params.get("chat_id", 0))
            message: dict[str, Any] = {
                "message_id": int(params.get("message_id") or next(self._message_ids)),
                "date": int(dt.datetime.now(dt.UTC).timestamp()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT_USER,
            }
            if call.method == "sendPhoto":
                message["photo"] = [{"file_id": "photo", "file_unique_id": "photo", "width": 770, "height": 462}]
                message["caption"] = params.get("caption", "")
            elif call.method == "sendDocument":
                message["document"] = {"file_id": "doc", "file_unique_id": "doc"}
            else:
                message["text"] = params.get("text", "")
            if "reply_markup" in params:
                markup = params["reply_markup"]
                message["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
            return message
        if call.method == "getUpdates":
            return []
        if call.method == "getFile":
            return {"file_id": params.get("file_id"), "file_unique_id": "f", "file_path": "documents/file"}
        return True

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for an offline bot: a test token, a database in ``tmp_path``."""
    values: dict[str, Any] = {
        "telegram_bot_token": TEST_TOKEN,
        "database_path": tmp_path / "facts.db",
        "telegram_api_base_url": None,
        "webhook_url": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


class _HtmlChecker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in TELEGRAM_HTML_TAGS:
            self.problems.append(f"tag <{tag}> is not allowed by Telegram")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}>")
        else:
            self.stack.pop()


def html_problems(text: str) -> list[str]:
    """Why ``text`` would be rejected by Telegram's HTML parser (empty list: it is fine)."""
    problems = []
    if len(text) > 4096:
        problems.append(f"{len(text)} characters, over Telegram's 4096 limit")
    if re.search(r"<(?![a-zA-Z/])", text) or re.search(r"&(?![#a-zA-Z0-9]+;)", text):
        problems.append("unescaped < or &")
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    problems += checker.problems
    if checker.stack:
        problems.append(f"unclosed tags {checker.stack}")
    return problems


def buttons_of(call: ApiCall) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not isinstance(markup, dict):
        return []
    return [button for row in markup.get("inline_keyboard", []) for button in row]


class ChatSimulator:
    """Builds updates the way Telegram would send them and feeds them to the Application."""

    def __init__(self, app: Application, request: RecordingRequest) -> None:
        self.app = app
        self.request = request
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(100)

    async def process(self, payload: dict[str, Any]) -> list[ApiCall]:
        """Process one update (a dict in Bot API JSON); return the calls the bot made for it."""
        start = len(self.request.calls)
        payload = {"update_id": next(self._ids), **payload}
        await self.app.process_update(Update.de_json(payload, self.app.bot))
        return self.request.calls[start:]

    @staticmethod
    def user(user_id: int, language_code: str | None = "en", first_name: str = "Anna") -> dict[str, Any]:
        data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            data["language_code"] = language_code
        return data

    @staticmethod
    def chat(chat_type: str, chat_id: int) -> dict[str, Any]:
        if chat_type == "private":
            return {"id": chat_id, "type": "private", "first_name": "Anna"}
        return {"id": chat_id, "type": chat_type, "title": "Test group"}

    def message(
        self, text: str | None, *, user: dict[str, Any], chat: dict[str, Any], reply_to: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:  # fmt: skip
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(dt.datetime.now(dt.UTC).timestamp()),
            "chat": chat,
            "from": user,
            **extra,
        }
        if text is not None:
            message["text"] = text
            entities = []
            if text.startswith("/"):
                command = text.split()[0]
                entities.append({"type": "bot_command", "offset": 0, "length": len(command)})
            for mention in re.finditer(r"@\w+", text):
                if not text.startswith("/"):
                    entities.append({"type": "mention", "offset": mention.start(), "length": len(mention.group())})
            if entities:
                message["entities"] = _utf16_entities(text, entities)
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return message


def _utf16_entities(text: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Telegram counts entity offsets in UTF-16 code units."""

    def units(part: str) -> int:
        return len(part.encode("utf-16-le")) // 2

    return [
        {
            **entity,
            "offset": units(text[: entity["offset"]]),
            "length": units(text[entity["offset"] :][: entity["length"]]),
        }
        for entity in entities
    ]


NON_TEXT_CONTENT: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": {"file_id": "s", "file_unique_id": "s", "width": 512, "height": 512, "is_animated": False,
                            "is_video": False, "type": "regular"}},
    "photo": {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 100, "height": 100}]},
    "voice": {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
    "video": {"video": {"file_id": "vd", "file_unique_id": "vd", "width": 1, "height": 1, "duration": 1}},
    "document": {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "a.pdf"}},
    "location": {"location": {"latitude": 43.24, "longitude": 76.89}},
    "contact": {"contact": {"phone_number": "+70000000000", "first_name": "A"}},
}  # fmt: skip


class TranscriptError(AssertionError):
    pass


@dataclass
class TranscriptPlayer:
    """Plays turns of a transcript against one Application, remembering the bot's messages per chat."""

    simulator: ChatSimulator
    defaults: dict[str, Any] = field(default_factory=dict)
    # chat id -> messages the bot sent there (as the dicts RecordingRequest returned), newest last
    bot_messages: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    # chat id -> (file name, text) of the last document the bot sent there
    last_bot_document: dict[int, tuple[str, str]] = field(default_factory=dict)

    def _turn_setting(self, turn: dict[str, Any], key: str, default: Any) -> Any:
        return turn.get(key, self.defaults.get(key, default))

    async def play(self, turn: dict[str, Any]) -> list[ApiCall]:
        sim = self.simulator
        user_id = self._turn_setting(turn, "user", 1001)
        chat_type = self._turn_setting(turn, "chat", "private")
        chat_id = user_id if chat_type == "private" else self._turn_setting(turn, "chat_id", -100123)
        user = sim.user(
            user_id, self._turn_setting(turn, "language_code", "en"), self._turn_setting(turn, "first_name", "Anna")
        )
        chat = sim.chat(chat_type, chat_id)
        user_message_id = None
        if "say" in turn or "send" in turn or "document" in turn:
            reply_to = None
            if turn.get("reply_to_bot"):
                reply_to = self._latest_bot_message(chat_id)
                reply_to = {**reply_to, "chat": chat}
            if "say" in turn:
                message = sim.message(str(turn["say"]), user=user, chat=chat, reply_to=reply_to)
            elif "send" in turn:
                message = sim.message(None, user=user, chat=chat, reply_to=reply_to, **NON_TEXT_CONTENT[turn["send"]])
            else:
                document = dict(turn["document"])
                if document.get("from_bot"):  # send back the last document the bot sent (export -> import)
                    document.setdefault("file_name", self.last_bot_document[chat_id][0])
                    document["text"] = self.last_bot_document[chat_id][1]
                message = sim.message(
                    None, user=user, chat=chat,
                    document={"file_id": "upload", "file_unique_id": "upload", "file_name": document["file_name"],
                              "file_size": document.get("file_size", len(document["text"].encode()))},
                    caption=turn.get("caption"),
                    caption_entities=(
                        [{"type": "bot_command", "offset": 0, "length": len(turn["caption"].split()[0])}]
                        if str(turn.get("caption", "")).startswith("/") else []
                    ),
                )  # fmt: skip
                sim.request.pending_file = document["text"].encode()
            user_message_id = message["message_id"]
            calls = await sim.process({"message": message})
        elif "press" in turn or "press_data" in turn:
            if "press" in turn:
                bot_message, data = self._find_button(chat_id, str(turn["press"]))
            else:
                bot_message, data = self._latest_bot_message(chat_id), str(turn["press_data"])
            query = {
                "id": str(next(sim._ids)),
                "from": user,
                "chat_instance": str(chat_id),
                "message": {**bot_message, "chat": chat},
                "data": data,
            }
            calls = await sim.process({"callback_query": query})
            answers = [call for call in calls if call.method == "answerCallbackQuery"]
            if len(answers) != 1:
                raise TranscriptError(f"the button press was answered {len(answers)} times, expected exactly once")
        elif "inline" in turn:
            query = {"id": str(next(sim._ids)), "from": user, "query": str(turn["inline"]), "offset": ""}
            calls = await sim.process({"inline_query": query})
        elif "expire" in turn:
            start = len(sim.request.calls)
            for job in sim.app.job_queue.jobs():
                await job.run(sim.app)
                job.schedule_removal()
            calls = sim.request.calls[start:]
        else:
            raise TranscriptError(f"unknown turn {turn!r}")
        self._remember(calls)
        check_always(calls)
        if "expect" in turn:
            check_expectations(turn["expect"], calls, user_message_id)
        return calls

    def _remember(self, calls: list[ApiCall]) -> None:
        for call in calls:
            if call.method == "sendDocument" and "document" in call.files:
                chat_id = int(call.params.get("chat_id", 0))
                name = str(call.params.get("document", {}).get("filename", "") or "document.yaml")
                self.last_bot_document[chat_id] = (name, call.files["document"].decode("utf-8", "replace"))
            if call.method in SENDING_METHODS or call.method == "editMessageText":
                result = self.simulator.request.result_for(call)
                if not isinstance(result, dict):
                    continue
                messages = self.bot_messages.setdefault(result["chat"]["id"], [])
                messages[:] = [m for m in messages if m["message_id"] != result["message_id"]]
                messages.append(result)

    def _latest_bot_message(self, chat_id: int) -> dict[str, Any]:
        messages = self.bot_messages.get(chat_id)
        if not messages:
            raise TranscriptError(f"the bot has sent nothing in chat {chat_id} yet")
        return messages[-1]

    def _find_button(self, chat_id: int, label: str) -> tuple[dict[str, Any], str]:
        for message in reversed(self.bot_messages.get(chat_id, [])):
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if button.get("text", "").casefold() == label.casefold() and "callback_data" in button:
                        return message, button["callback_data"]
        shown = [
            button.get("text")
            for message in self.bot_messages.get(chat_id, [])
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]
        raise TranscriptError(f"no button labelled {label!r} in chat {chat_id}; buttons shown: {shown}")


def visible_text(calls: list[ApiCall]) -> str:
    """Everything a user could read from these calls, one item per line."""
    pieces = []
    for call in calls:
        if call.method in SENDING_METHODS or call.method == "editMessageText":
            pieces.append(call.sent_text)
        elif call.method == "answerCallbackQuery":
            pieces.append(str(call.params.get("text", "")))
        elif call.method == "answerInlineQuery":
            for result in inline_results(call):
                pieces.append(result.get("title", ""))
                pieces.append(result.get("description", "") or "")
                pieces.append(result.get("input_message_content", {}).get("message_text", ""))
    return "\n".join(pieces)


def inline_results(call: ApiCall) -> list[dict[str, Any]]:
    results = call.params.get("results", [])
    return json.loads(results) if isinstance(results, str) else results


def check_always(calls: list[ApiCall]) -> None:
    for call in calls:
        if TEST_TOKEN in json.dumps(call.params, default=str):
            raise TranscriptError(f"the bot token was sent in {call.method}")
        if call.method in {"sendMessage", "editMessageText"} or (call.method == "sendPhoto" and call.sent_text):
            if call.params.get("parse_mode") != "HTML":
                raise TranscriptError(f"{call.method} without HTML parse mode: {call.sent_text[:80]!r}")
            problems = html_problems(call.sent_text)
            if call.method == "sendPhoto" and len(call.sent_text) > 1024:
                problems.append("caption over 1024 characters")
            if problems:
                raise TranscriptError(f"{call.method} sent bad HTML ({'; '.join(problems)}): {call.sent_text[:300]!r}")
        for button in buttons_of(call):
            if len(button.get("callback_data", "").encode()) > 64:
                raise TranscriptError(f"callback data over 64 bytes: {button['callback_data']!r}")
        if call.method == "answerInlineQuery":
            for result in inline_results(call):
                content = result.get("input_message_content", {})
                if problems := html_problems(content.get("message_text", "")):
                    raise TranscriptError(f"inline result with bad HTML: {'; '.join(problems)}")


def check_expectations(expect: dict[str, Any], calls: list[ApiCall], user_message_id: int | None) -> None:
    """Check one turn's ``expect`` block against the calls the bot made."""
    seen = visible_text(calls)
    folded = seen.casefold()
    labels = [button.get("text", "") for call in calls for button in buttons_of(call)]
    sent = [call for call in calls if call.method in SENDING_METHODS]
    edits = [call for call in calls if call.method == "editMessageText"]
    answers = [call for call in calls if call.method == "answerInlineQuery"]
    failures = []
    for needle in expect.get("contains", []):
        if str(needle).casefold() not in folded:
            failures.append(f"expected {needle!r} in the reply")
    for needle in expect.get("not_contains", []):
        if str(needle).casefold() in folded:
            failures.append(f"did not expect {needle!r} in the reply")
    for label in expect.get("buttons", []):
        if not any(str(label).casefold() == shown.casefold() for shown in labels):
            failures.append(f"expected a button {label!r}")
    for label in expect.get("no_buttons", []):
        if any(str(label).casefold() == shown.casefold() for shown in labels):
            failures.append(f"did not expect a button {label!r}")
    if "messages" in expect and len(sent) != expect["messages"]:
        failures.append(f"expected {expect['messages']} new message(s), got {len(sent)}")
    if "photo" in expect and bool([c for c in sent if c.method == "sendPhoto"]) != expect["photo"]:
        failures.append(f"expected photo={expect['photo']}")
    captions = "\n".join(call.sent_text for call in sent if call.method == "sendPhoto").casefold()
    for needle in expect.get("caption", []):
        if str(needle).casefold() not in captions:
            failures.append(f"expected {needle!r} in a photo caption")
    if "document" in expect and bool([c for c in sent if c.method == "sendDocument"]) != expect["document"]:
        failures.append(f"expected document={expect['document']}")
    if "edited" in expect and bool(edits) != expect["edited"]:
        failures.append(f"expected edited={expect['edited']}, got {len(edits)} edit(s)")
    if "quote" in expect:
        for call in sent:
            params = call.params.get("reply_parameters")
            params = json.loads(params) if isinstance(params, str) else params
            quoted = bool(params) and params.get("message_id") == user_message_id
            if quoted != expect["quote"]:
                failures.append(f"expected quote={expect['quote']} on {call.method} {call.sent_text[:40]!r}")
    if "alert" in expect:
        notices = [str(c.params.get("text", "")) for c in calls if c.method == "answerCallbackQuery"]
        if not any(str(expect["alert"]).casefold() in notice.casefold() for notice in notices):
            failures.append(f"expected the button notice {expect['alert']!r}, got {notices}")
    if "inline_results" in expect:
        count = sum(len(inline_results(call)) for call in answers)
        wanted = expect["inline_results"]
        if not answers or (count < wanted if wanted else count != 0):
            failures.append(f"expected {'at least ' if wanted else ''}{wanted} inline result(s), got {count}")
    if expect.get("silent") and (sent or edits):
        failures.append(f"expected silence, got {[c.method for c in sent + edits]}")
    if failures:
        raise TranscriptError("; ".join(failures) + f"\n--- the bot sent ---\n{seen}\n--- buttons: {labels}")


def load_transcript(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list) or "description" not in data:
        raise ValueError(f"{path}: a transcript needs 'description' and a list of 'turns'")
    return data


async def run_transcript(
    path: Path,
    tmp_path: Path,
    *,
    store: Any = None,
    engine: Any = None,
    build: Callable[..., Application] | None = None,
) -> RecordingRequest:
    """Play the transcript at ``path`` through the real Application; raise TranscriptError on a mismatch."""
    from bot.telegram.app import build_application

    transcript = load_transcript(path)
    settings = make_settings(tmp_path, **transcript.get("settings", {}))
    request = RecordingRequest()
    app = (build or build_application)(settings, store, engine, request=request)
    player = TranscriptPlayer(ChatSimulator(app, request), transcript.get("defaults", {}))
    async with app:
        await app.post_init(app)
        # app.start() is never called (updates go straight to process_update), so start the JobQueue here:
        # the /edit flow's timeout is scheduled on it.
        await app.job_queue.start()
        try:
            for number, turn in enumerate(transcript["turns"], start=1):
                try:
                    await player.play(turn)
                except TranscriptError as error:
                    raise TranscriptError(f"{path.name}, turn {number} ({_describe_turn(turn)}): {error}") from None
        finally:
            await app.job_queue.stop(wait=False)
            await app.post_shutdown(app)
    return request


def _describe_turn(turn: dict[str, Any]) -> str:
    for key in ("say", "press", "press_data", "inline", "send", "document", "expire"):
        if key in turn:
            return f"{key}: {turn[key]!r}"[:120]
    return repr(turn)[:120]


# --- shared building blocks for fixtures ---------------------------------------------------------


@functools.cache
def project_knowledge() -> Any:
    """The real fact base from knowledge/, loaded once per test session."""
    from bot.knowledge import load_folder

    result = load_folder(Settings(_env_file=None).knowledge_dir)
    assert not result.errors, result.errors
    return result.knowledge


@functools.cache
def shared_engine() -> Any:
    """One engine over the real fact base, for tests that do not change facts."""
    from bot.engine import Engine

    return Engine.from_knowledge(project_knowledge())


def fresh_engine() -> Any:
    """An engine of its own over the real fact base, for tests that change facts (admin commands)."""
    return type(shared_engine()).from_knowledge(project_knowledge())


@contextlib.contextmanager
def project_store(path: Path) -> Iterator[Any]:
    """A fresh store at ``path`` holding the real fact base."""
    from bot.store import FactStore

    with FactStore(path) as store:
        store.load_knowledge(project_knowledge())
        yield store
