import re
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, Settings, get_settings


def test_admin_ids_parse_from_comma_separated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", " 11, 22 ,,33")
    assert get_settings().admin_ids == frozenset({11, 22, 33})


def test_token_is_secret_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN")
    settings = get_settings()
    assert settings.token == "123456:SECRET-TOKEN"
    assert "SECRET-TOKEN" not in repr(settings)
    assert "SECRET-TOKEN" not in str(settings.model_dump())


@pytest.mark.parametrize("document", [".env.example", "README.md"])
def test_every_setting_is_documented(document: str) -> None:
    text = (PROJECT_ROOT / document).read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert re.search(rf"\b{name.upper()}\b", text), f"{name.upper()} is missing from {document}"


def test_env_example_lists_only_real_settings() -> None:
    text = Path(PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    names = re.findall(r"^([A-Z_]+)=", text, flags=re.MULTILINE)
    assert set(names) == {name.upper() for name in Settings.model_fields}
