"""Command line: a thin click layer over the library. Every command has -h and an example.

Each command imports its module lazily so that ``electionbot check`` does not pay for loading
the Telegram stack or the morphology dictionaries.
"""

from __future__ import annotations

import logging
import sys

import click

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="election-abroad-bot")
def cli() -> None:
    """Answer questions about how Russians in Central Asia voted in March 2024.

    Example:

        electionbot check && electionbot load && electionbot ask "How many voted in Tajikistan?"
    """


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False))
def check(path: str | None) -> None:
    """Validate the knowledge folder (default: KNOWLEDGE_DIR); exit 1 on any error, one line per error.

    Example:

        electionbot check
        electionbot check knowledge/
    """
    from pathlib import Path

    from bot.knowledge import load_folder
    from bot.settings import get_settings

    folder = Path(path) if path else get_settings().knowledge_dir
    result = load_folder(folder)
    for error in result.errors:
        click.echo(str(error))
    if result.errors:
        click.echo(f"{len(result.errors)} error(s) in {folder}; valid: {result.summary()}", err=True)
        sys.exit(1)
    click.echo(f"OK: {result.summary()} in {folder}")


def main() -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    cli(prog_name="electionbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
