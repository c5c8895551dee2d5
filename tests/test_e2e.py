"""End to end: `electionbot run` as a real process against a minimal Bot API stub on 127.0.0.1.

The stub serves getMe, one getUpdates batch with a question, and records sendMessage. The test then
stops the bot with SIGTERM and checks a clean exit (code 0) with the token nowhere in its output.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

TOKEN = "424242:E2E-secret-token-value-xyz"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
BOT = {"id": 424242, "is_bot": True, "first_name": "E2E", "username": "E2EBot", "can_join_groups": True,
       "can_read_all_group_messages": False, "supports_inline_queries": True}  # fmt: skip
QUESTION = {
    "update_id": 1,
    "message": {
        "message_id": 1, "date": int(time.time()), "text": "How many people voted in Tajikistan?",
        "chat": {"id": 99, "type": "private", "first_name": "E"},
        "from": {"id": 99, "is_bot": False, "first_name": "E", "language_code": "en"},
    },
}  # fmt: skip


class BotApiStub(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), StubHandler)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.sent = threading.Event()
        self.delivered = False


class StubHandler(BaseHTTPRequestHandler):
    server: BotApiStub

    def log_message(self, *args: Any) -> None:
        """Keep the test output quiet."""

    def do_POST(self) -> None:
        prefix, _, method = self.path.rpartition("/")
        if prefix != f"/bot{TOKEN}":
            self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        params = {key: values[0] for key, values in parse_qs(body).items()}
        self.server.calls.append((method, params))
        result: Any = True
        if method == "getMe":
            result = BOT
        elif method == "getUpdates":
            if not self.server.delivered:
                self.server.delivered = True
                result = [QUESTION]
            else:
                time.sleep(0.1)  # a short long-poll, so shutdown is quick
                result = []
        elif method == "sendMessage":
            result = {"message_id": 2, "date": int(time.time()), "chat": QUESTION["message"]["chat"], "from": BOT,
                      "text": params.get("text", "")}  # fmt: skip
            self.server.sent.set()
        self._reply(200, {"ok": True, "result": result})

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the bot hung up mid long-poll
            self.wfile.write(data)


@pytest.mark.slow
def test_run_answers_over_http_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    stub = BotApiStub()
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{stub.server_address[1]}/bot",
        "DATABASE_PATH": str(tmp_path / "db" / "facts.db"),
        "LOG_LEVEL": "INFO",
        "WEBHOOK_URL": "",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        assert stub.sent.wait(timeout=20), "the bot never answered"
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=10)[0].decode()
    finally:
        if process.poll() is None:
            process.kill()
        stub.shutdown()
        stub.server_close()
    [answer] = [params for method, params in stub.calls if method == "sendMessage"]
    assert "9,500" in answer["text"] and answer["parse_mode"] == "HTML"
    assert process.returncode == 0, output
    assert len([line for line in output.splitlines() if " ready: long polling" in line]) == 1, output
    assert TOKEN.partition(":")[2] not in output
    assert (tmp_path / "db" / "facts.db").exists()  # built on first run
    assert (tmp_path / "db" / "heartbeat").exists()  # what the container HEALTHCHECK looks at
    assert {"getMe", "setMyCommands", "getUpdates", "sendMessage"} <= {method for method, _ in stub.calls}
