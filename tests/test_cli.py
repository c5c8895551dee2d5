"""The command line: every command documents itself with an example a user can copy as it is printed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_each_example_on_its_own_line(command: str) -> None:
    group_or_command = cli.commands[command] if command else cli
    result = CliRunner().invoke(cli, [*([command] if command else []), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    docstring = group_or_command.help or ""
    examples = [line.strip() for line in docstring.split("Example:", 1)[1].splitlines() if line.strip() != "\b"]
    printed = {line.strip() for line in result.output.splitlines()}
    for example in filter(None, examples):
        assert example in printed, f"{example!r} is not printed on a line of its own:\n{result.output}"


def test_every_command_is_there() -> None:
    assert {"check", "load", "export", "ask", "chat", "bench", "run"} <= set(COMMANDS)
