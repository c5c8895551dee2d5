"""Terminal front ends of the engine: an interactive chat and the JSONL protocol for scripted conversations.

JSONL: one object per input line, ``{"chat_id": int, "text": str, "user_id": int?, "language_code": str?}``;
exactly one output line per input line, ``{"chat_id": ..., "replies": ["..."]}`` (plain text), flushed at once.
A malformed line gets ``{"error": "..."}`` and the stream goes on. Context is kept per chat_id.
"""

from __future__ import annotations

import json
import logging
from typing import IO, TYPE_CHECKING

from bot.replies import ChatContext, Reply

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.models import KnowledgeBase
    from bot.settings import Settings

logger = logging.getLogger(__name__)


def load_knowledge(settings: Settings) -> KnowledgeBase:
    """The live fact base: the store (built from YAML on first use), as the bot sees it."""
    from bot.store import FactStore

    with FactStore(settings.database_path) as store:
        store.ensure_loaded(settings.knowledge_dir)
        return store.knowledge()


def build_engine(settings: Settings) -> Engine:
    from bot import word_cache

    word_cache.preload(settings.cache_dir)  # before the engine's modules, which read some words on import
    from bot.engine import Engine

    return Engine.from_knowledge(load_knowledge(settings), cache_dir=settings.cache_dir)


def explain(reply: Reply) -> str:
    """The --why text: the decision, what was recognised, and the facts considered with their scores."""
    from bot.engine.rules import RULES

    lines = [f"kind: {reply.kind}  confidence: {reply.confidence:.2f}  facts: {', '.join(reply.fact_ids) or '-'}"]
    rule = RULES.get(reply.rule)
    lines.append(f"rule: {reply.rule} ({rule.stage}: {rule.says})" if rule else f"rule: {reply.rule or '-'}")
    lines.append(f"reason: {reply.reason}")
    for candidate in reply.considered:
        lines.append(f"  {candidate.score:6.3f}  {candidate.fact_id}  {candidate.detail}")
    context = reply.context
    lines.append(f"context after: country={context.country} topic={context.topic} candidate={context.candidate}")
    return "\n".join(lines)


def _jsonl_reply(engine: Engine, line: str, contexts: dict[object, ChatContext]) -> dict[str, object]:
    try:
        message = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"not JSON: {error.msg} at column {error.colno}"}
    if not isinstance(message, dict):
        return {"error": "expected a JSON object with chat_id and text"}
    chat_id, text = message.get("chat_id"), message.get("text")
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        return {"error": "chat_id must be an integer"}
    if not isinstance(text, str):
        return {"error": "text must be a string", "chat_id": chat_id}
    language_code = message.get("language_code")
    hint = language_code if isinstance(language_code, str) else None
    reply = engine.answer(text, contexts.get(chat_id), language_hint=hint)
    contexts[chat_id] = reply.context
    return {"chat_id": chat_id, "replies": [reply.text]}


def run_jsonl(engine: Engine, stdin: IO[str], stdout: IO[str]) -> int:
    """Answer every JSON line of ``stdin`` on ``stdout``; returns the number of lines handled."""
    contexts: dict[object, ChatContext] = {}
    handled = 0
    for line in stdin:
        if not line.strip():
            continue
        try:
            output = _jsonl_reply(engine, line, contexts)
        except Exception as error:  # one bad message must not end a scripted conversation
            logger.exception("failed to answer a JSONL line")
            output = {"error": f"internal error: {type(error).__name__}"}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
        handled += 1
    return handled


def run_chat(
    engine: Engine, stdin: IO[str], stdout: IO[str], *, why: bool = False, language: str | None = None
) -> None:
    """Interactive chat: one question per line, context kept between them; empty line or EOF ends it."""
    context = ChatContext()
    interactive = stdin.isatty()
    if interactive:
        stdout.write("Ask about the 2024 Russian election in Central Asia (empty line to quit).\n")
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line or (interactive and not line.strip()):
            break
        if not line.strip():
            continue
        reply = engine.answer(line.strip(), context, language_hint=language)
        context = reply.context
        stdout.write(reply.text + "\n")
        if why:
            stdout.write(explain(reply) + "\n")
        stdout.write("\n")
        stdout.flush()
