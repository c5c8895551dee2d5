"""electionbot run's logging: the token never appears, whatever carries it."""

from __future__ import annotations

import io
import logging

import pytest
from telegram_harness import TEST_TOKEN, make_settings

from bot.telegram.runner import REDACTED, TokenRedactingFilter, configure_logging

SECRET = TEST_TOKEN.partition(":")[2]


@pytest.fixture
def log_output() -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(TokenRedactingFilter(TEST_TOKEN))
    logger = logging.getLogger("test_runner.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_token_in_message_arguments_and_traceback_is_redacted(log_output) -> None:
    logger, stream = log_output
    logger.warning("POST https://api.telegram.org/bot%s/getMe failed", TEST_TOKEN)
    logger.warning(f"secret part alone: {SECRET}")
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TEST_TOKEN}/getUpdates")
    except ConnectionError:
        logger.exception("network down")
    output = stream.getvalue()
    assert SECRET not in output
    assert output.count(REDACTED) == 3
    assert "network down" in output and "getUpdates" in output


def test_configure_logging_quietens_httpx_and_filters_root_handlers(tmp_path) -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler(io.StringIO())
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore", "telegram")}
    try:
        configure_logging(make_settings(tmp_path))
        assert logging.getLogger("httpx").level == logging.WARNING
        assert any(isinstance(f, TokenRedactingFilter) for f in handler.filters)
    finally:
        root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("secret", [None, "configured-secret"])
def test_webhook_mode_listens_where_configured_with_a_secret_token(tmp_path, monkeypatch, secret) -> None:
    from telegram.ext import Application

    from bot.telegram import runner

    calls = {}
    monkeypatch.setattr(Application, "run_webhook", lambda self, **kwargs: calls.update(kwargs))
    monkeypatch.setattr(Application, "run_polling", lambda self, **kwargs: calls.update(polling=True))
    monkeypatch.setattr(runner, "configure_logging", lambda settings: None)
    settings = make_settings(
        tmp_path,
        webhook_url="https://bot.example.org/tg/hook",
        webhook_listen="127.0.0.1",
        webhook_port=8088,
        webhook_secret_token=secret,
    )
    assert runner.run(settings) == 0
    assert "polling" not in calls
    assert (calls["listen"], calls["port"], calls["url_path"]) == ("127.0.0.1", 8088, "tg/hook")
    assert calls["webhook_url"] == "https://bot.example.org/tg/hook"
    assert calls["secret_token"] == secret if secret else len(calls["secret_token"]) >= 32


def test_without_a_token_run_opens_the_terminal_chat_and_says_why(tmp_path, monkeypatch, capsys) -> None:
    import io

    from bot.telegram import runner

    monkeypatch.setattr(runner, "configure_logging", lambda settings: None)
    monkeypatch.setattr("sys.stdin", io.StringIO("How many people voted in Tajikistan?\n"))
    assert runner.run(make_settings(tmp_path, telegram_bot_token=None)) == 0
    captured = capsys.readouterr()
    assert "TELEGRAM_BOT_TOKEN is not set" in captured.err
    assert "9,500" in captured.out
