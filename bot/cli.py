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

    \b
        electionbot check && electionbot load && electionbot ask "How many voted in Tajikistan?"
    """


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False))
def check(path: str | None) -> None:
    """Validate the knowledge folder (default: KNOWLEDGE_DIR); exit 1 on any error, one line per error.

    Example:

    \b
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


@cli.command()
@click.argument("path", required=False, type=click.Path(file_okay=False))
@click.option("--overwrite", is_flag=True, help="Replace facts an admin edited since the last load (conflicts).")
@click.option("--dry-run", is_flag=True, help="Show what would change without writing.")
def load(path: str | None, overwrite: bool, dry_run: bool) -> None:
    """Load the knowledge folder (default: KNOWLEDGE_DIR) into the database (DATABASE_PATH).

    Refuses to load if the folder has validation errors. Facts edited by an admin since the last load
    are reported as conflicts and kept unless --overwrite; every change is recorded as a new version.

    Example:

    \b
        electionbot load
        electionbot load knowledge/ --overwrite
    """
    from pathlib import Path

    from bot.knowledge import load_folder
    from bot.settings import get_settings
    from bot.store import FactStore, StoreError

    settings = get_settings()
    folder = Path(path) if path else settings.knowledge_dir
    result = load_folder(folder)
    for error in result.errors:
        click.echo(str(error))
    if result.errors:
        click.echo(f"Not loaded: {len(result.errors)} error(s) in {folder}.", err=True)
        sys.exit(1)
    try:
        with FactStore(settings.database_path) as store:
            report = store.load_knowledge(result.knowledge, overwrite=overwrite, dry_run=dry_run, abroad=result.abroad)
    except StoreError as error:
        click.echo(f"Not loaded: {error}", err=True)
        sys.exit(1)
    click.echo(str(report))


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
def export(out_dir: str) -> None:
    """Write the live fact base from the database as YAML in the knowledge/ layout.

    Example:

    \b
        electionbot export /tmp/knowledge-export && electionbot check /tmp/knowledge-export
    """
    from pathlib import Path

    from bot.settings import get_settings
    from bot.store import FactStore, StoreError

    try:
        with FactStore(get_settings().database_path) as store:
            files = store.export(Path(out_dir))
    except StoreError as error:
        click.echo(f"Not exported: {error}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {len(files)} file(s) to {out_dir}")


@cli.command()
def run() -> None:
    """Run the Telegram bot: long polling, or a webhook server when WEBHOOK_URL is set.

    Without TELEGRAM_BOT_TOKEN it opens the terminal chat instead. Stop with Ctrl-C or SIGTERM.

    Example:

    \b
        TELEGRAM_BOT_TOKEN=123456:ABC-your-token electionbot run
    """
    from bot.telegram.runner import run as run_bot

    sys.exit(run_bot())


@cli.command()
@click.argument("question")
@click.option("--why", is_flag=True, help="Also print what was recognised, the facts considered and their scores.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default=None, help="Language when the text does not tell.")
def ask(question: str, why: bool, lang: str | None) -> None:
    """Answer one question in the terminal, exactly as the bot would.

    Example:

    \b
        electionbot ask "How many people voted in Tajikistan?" --why
    """
    from bot.settings import get_settings
    from bot.terminal import build_engine, explain

    reply = build_engine(get_settings()).answer(question, language_hint=lang)
    click.echo(reply.text)
    if why:
        click.echo("\n" + explain(reply))


@cli.command()
@click.option("--jsonl", is_flag=True, help="Machine interface: JSON lines in on stdin, JSON lines out on stdout.")
@click.option("--why", is_flag=True, help="Print the reasoning after each reply (interactive chat only).")
@click.option("--lang", type=click.Choice(["en", "ru"]), default=None, help="Language when the text does not tell.")
def chat(jsonl: bool, why: bool, lang: str | None) -> None:
    """Chat with the engine in the terminal, with follow-up context like in Telegram.

    With --jsonl, read {"chat_id": 1, "text": "..."} per line and write {"chat_id": 1, "replies": [...]} per line.

    Example:

    \b
        echo '{"chat_id": 1, "text": "How many voted in Tajikistan?"}' | electionbot chat --jsonl
    """
    from bot.settings import get_settings
    from bot.terminal import build_engine, run_chat, run_jsonl

    engine = build_engine(get_settings())
    if jsonl:
        run_jsonl(engine, sys.stdin, sys.stdout)
    else:
        run_chat(engine, sys.stdin, sys.stdout, why=why, language=lang)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON document.")
@click.option(
    "--system",
    "systems",
    multiple=True,
    type=click.Choice(["engine", "bm25", "embedding"]),
    help="Measure only these (repeatable). Default: all three.",
)
@click.option("--repeat", default=3, show_default=True, help="Passes over the question set for latency.")
@click.option("--synthetic-size", default=10_000, show_default=True, help="Facts in the synthetic base (0: skip).")
@click.option("--synthetic-embedding", is_flag=True, help="Also time the embedding baseline on the synthetic base.")
@click.option("--no-startup", is_flag=True, help="Skip the cold start-up measurement.")
@click.option("--questions", type=click.Path(dir_okay=False, exists=True), help="Question set YAML (default: ours).")
def bench(
    as_json: bool,
    systems: tuple[str, ...],
    repeat: int,
    synthetic_size: int,
    synthetic_embedding: bool,
    no_startup: bool,
    questions: str | None,
) -> None:
    """Benchmark the engine against BM25 and sentence-embedding baselines: accuracy per category and latency.

    Baselines need the bench extra (pip install -e ".[bench]"); without it they are reported as skipped.

    Example:

    \b
        electionbot bench
        electionbot bench --system engine --synthetic-size 0 --json
    """
    import json
    from pathlib import Path

    from bot.bench import format_report, run_benchmark
    from bot.knowledge import load_folder
    from bot.question_set import QUESTION_SET_PATH, load_question_set
    from bot.settings import get_settings

    loaded = load_folder(get_settings().knowledge_dir)
    cases = load_question_set(Path(questions) if questions else QUESTION_SET_PATH)
    report = run_benchmark(
        loaded.knowledge,
        cases,
        systems=systems or ("engine", "bm25", "embedding"),
        repeat=repeat,
        synthetic_size=synthetic_size,
        synthetic_systems=("engine", "bm25", "embedding") if synthetic_embedding else ("engine", "bm25"),
        startup=not no_startup,
        progress=lambda message: click.echo(f"... {message}", err=True),
    )
    click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if as_json else format_report(report))


def main() -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.WARNING)
    cli(prog_name="electionbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
