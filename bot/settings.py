"""One settings object, read from the environment and an optional ``.env`` file.

Every setting is declared once here with its default and help text; ``.env.example`` and the
README list each of them (a test keeps them in sync).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Runtime configuration. Environment variables win over ``.env``."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(
        default=None, description="Bot token from @BotFather. Without it the bot runs as a terminal chat."
    )
    telegram_api_base_url: str | None = Field(
        default=None,
        description="Base URL of a self-hosted Bot API server, e.g. http://127.0.0.1:8081/bot "
        "(default: api.telegram.org).",
    )
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL for webhook mode. Unset: long polling.")
    webhook_listen: str = Field(default="0.0.0.0", description="Address the webhook server listens on.")
    webhook_port: int = Field(default=8443, description="Port the webhook server listens on.")
    webhook_secret_token: SecretStr | None = Field(
        default=None, description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (webhook mode)."
    )
    database_path: Path = Field(
        default=PROJECT_ROOT / "data" / "facts.db",
        description="SQLite database file; created with its folder on first use.",
    )
    cache_dir: Path | None = Field(
        default=PROJECT_ROOT / "data" / "cache",
        description="Folder where the word analysis of the fact base is kept between runs (a faster start); "
        "empty: none.",
    )
    knowledge_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge", description="Folder of curated YAML the database is built from."
    )
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), description="Comma-separated Telegram user ids allowed to edit facts."
    )
    user_questions_per_minute: int = Field(
        default=20, description="Questions one user may ask per minute before getting a slow-down notice."
    )
    log_level: str = Field(default="INFO", description="Logging level: DEBUG, INFO, WARNING or ERROR.")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            return frozenset(int(part) for part in parts if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _no_cache_when_empty(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @cached_property
    def token(self) -> str | None:
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment; keyword overrides win (tests, CLI options)."""
    return Settings(**overrides)
