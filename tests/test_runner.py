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
