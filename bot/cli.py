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


def main() -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    cli(prog_name="electionbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
