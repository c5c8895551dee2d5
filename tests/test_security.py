"""Security review (issue 6), one test per finding: admin checks on every admin path, forged buttons, oversize
imports, the token in logs and error messages, escaping of fact and user text."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening import OfflineBot, check_sent, dump_store
from telegram_harness import TEST_TOKEN, fresh_engine, make_settings, project_store

from bot.curation import CALLBACK_ARGS, MAX_IMPORT_BYTES, import_limit_megabytes
from bot.telegram.admin import COMMANDS
from bot.telegram.runner import configure_logging

ADMIN, STRANGER = 4711, 666
SECRET = TEST_TOKEN.partition(":")[2]
EXAMPLE_ARGS = {"ua": ["0123456789ab"], "ut": ["0123456789ab", "tajikistan-turnout"], "ud": ["0123456789ab"],
                "ia": ["0123abcd"], "io": ["0123abcd"], "ic": ["0123abcd"], "ef": ["tajikistan-turnout"],
                "ec": ["tajikistan"], "ei": ["answer.en"], "ey": [], "en": []}  # fmt: skip


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[OfflineBot]:
    with project_store(tmp_path / "bot.db") as store:
        offline = OfflineBot(make_settings(tmp_path, admin_ids=str(ADMIN)), store, fresh_engine())
        yield offline
        offline.close()


def store_of(bot: OfflineBot):
    return bot.app.bot_data["services"].store


def document_update(bot: OfflineBot, user_id: int, size: int, content: bytes = b"facts: []\n") -> dict:
    sim = bot.simulator
    bot.request.pending_file = content
    message = sim.message(
        None, user=sim.user(user_id), chat=sim.chat("private", user_id), caption="/import",
        caption_entities=[{"type": "bot_command", "offset": 0, "length": 7}],
        document={"file_id": "up", "file_unique_id": "up", "file_name": "facts.yaml", "file_size": size},
    )  # fmt: skip
    return {"message": message}


@pytest.mark.parametrize("command", [*COMMANDS, "edit"])
def test_every_admin_command_refuses_a_non_admin(bot: OfflineBot, command: str, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.admin")
    before = dump_store(store_of(bot))
    calls = bot.private_text(f"/{command} tajikistan-turnout answer.en Hacked", user_id=STRANGER)
    check_sent(calls)
    assert any("Not allowed" in call.sent_text for call in calls), [call.sent_text for call in calls]
    assert dump_store(store_of(bot)) == before
    assert f"Refused admin /{command} from user {STRANGER}" in caplog.text


@pytest.mark.parametrize("verb", sorted(CALLBACK_ARGS))
def test_every_admin_button_refuses_a_non_admin(bot: OfflineBot, verb: str) -> None:
    before = dump_store(store_of(bot))
    data = ":".join(["a1", verb, *EXAMPLE_ARGS[verb]])
    calls = bot.press(data, user_id=STRANGER)
    (answer,) = [call for call in calls if call.method == "answerCallbackQuery"]
    assert "Not allowed" in answer.params["text"]
    assert not [call for call in calls if call.method in {"sendMessage", "editMessageText"}]
    assert dump_store(store_of(bot)) == before


def test_import_document_from_a_non_admin_is_refused_and_never_downloaded(bot: OfflineBot) -> None:
    calls = bot.process(document_update(bot, STRANGER, 20))
    assert any("Not allowed" in call.sent_text for call in calls)
    assert not [call for call in calls if call.method == "getFile"]


def test_oversize_import_is_refused_before_download(bot: OfflineBot) -> None:
    before = dump_store(store_of(bot))
    calls = bot.process(document_update(bot, ADMIN, MAX_IMPORT_BYTES + 1))
    assert any(f"at most {import_limit_megabytes()} MB" in call.sent_text for call in calls)
    assert not [call for call in calls if call.method == "getFile"]
    assert dump_store(store_of(bot)) == before


def test_an_import_that_lies_about_its_size_is_still_refused(bot: OfflineBot) -> None:
    """The claimed file_size is small, the download is large: the content itself is measured too."""
    calls = bot.process(document_update(bot, ADMIN, 10, content=b"#" * (MAX_IMPORT_BYTES + 1)))
    assert any(f"at most {import_limit_megabytes()} MB" in call.sent_text for call in calls)


def test_another_admins_pending_import_cannot_be_applied(tmp_path: Path) -> None:
    other_admin = 4712
    with project_store(tmp_path / "bot.db") as store:
        bot = OfflineBot(make_settings(tmp_path, admin_ids=f"{ADMIN},{other_admin}"), store, fresh_engine())
        try:
            exported = bot.private_text("/export", user_id=ADMIN)
            content = next(call.files["document"] for call in exported if call.method == "sendDocument")
            changed = content.replace(b"more than 9,500", b"more than 9,600", 1)
            preview = bot.process(document_update(bot, ADMIN, len(changed), changed))
            data = next(
                button["callback_data"]
                for call in preview
                for button in __import__("telegram_harness").buttons_of(call)
                if button["callback_data"].startswith("a1:ia:")
            )
            before = dump_store(store)
            calls = bot.press(data, user_id=other_admin)
            assert "no longer pending" in next(c.params["text"] for c in calls if c.method == "answerCallbackQuery")
            assert dump_store(store) == before
        finally:
            bot.close()


@pytest.mark.parametrize(
    "data",
    ["x" * 65, "1:" + "f" * 100, "a1:ia:" + "0" * 60, "\x00\xff", "1:f:tajikistan-turnout:en:extra", "a1:ut:../../",
     "1:l:de", "1:g:../../etc", "2:c", ""],
)  # fmt: skip
def test_forged_button_data_gets_a_notice_and_changes_nothing(bot: OfflineBot, data: str) -> None:
    before = dump_store(store_of(bot))
    calls = bot.press(data, user_id=ADMIN)
    (answer,) = [call for call in calls if call.method == "answerCallbackQuery"]
    assert answer.params.get("text"), "a forged button must get a visible notice"
    assert dump_store(store_of(bot)) == before


def test_token_never_logged_at_any_level_nor_sent_in_an_error_message(tmp_path: Path) -> None:
    """LOG_LEVEL=DEBUG, the Application built and used, a handler failing with the token in its exception."""
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    saved = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore", "telegram", "pymorphy3")}
    try:
        settings = make_settings(tmp_path, log_level="DEBUG", admin_ids=str(ADMIN))
        configure_logging(settings)
        logging.getLogger("telegram").setLevel(logging.DEBUG)  # even if someone turns telegram's chatter on
        with project_store(tmp_path / "bot.db") as store:
            bot = OfflineBot(settings, store, fresh_engine())
            try:
                bot.private_text("How many voted in Tajikistan?")

                def leak(*args, **kwargs):
                    raise RuntimeError(f"cannot reach https://api.telegram.org/bot{TEST_TOKEN}/sendMessage")

                bot.app.bot_data["services"].engine.answer = leak
                calls = bot.private_text("this fails")
            finally:
                bot.close()
        assert calls and all(SECRET not in str(call.params) for call in calls)
        assert any("wrong" in call.sent_text.lower() for call in calls)  # the user is told, without details
        output = stream.getvalue()
        assert "DEBUG" in output and "Update failed" in output
        assert SECRET not in output
    finally:
        root.removeHandler(handler)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


def test_fact_text_and_user_text_are_escaped(bot: OfflineBot) -> None:
    hostile = "<b>bold</b> & <script>alert(1)</script> </i>"
    calls = bot.private_text(f"/set tajikistan-turnout answer.en In Tajikistan {hostile}", user_id=ADMIN)
    check_sent(calls)
    calls = bot.private_text("How many people voted in Tajikistan?")
    check_sent(calls)
    sent = " ".join(call.sent_text for call in calls)
    assert "&lt;script&gt;" in sent and "<script>" not in sent and "&amp;" in sent
    calls = bot.private_text(f"What about {hostile} Germany?")
    check_sent(calls)
    assert "<script>" not in " ".join(call.sent_text for call in calls)
