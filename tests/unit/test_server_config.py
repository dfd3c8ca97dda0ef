"""The one uvicorn configuration carries the limits from the settings (infra/server.py)."""

from infra.server import HeaderTimeoutProtocol, server_config
from infra.settings import Settings


def test_the_server_configuration_carries_the_limits_from_the_settings():
    settings = Settings(header_timeout_seconds=3, keep_alive_seconds=7, max_connections=42)
    config = server_config("infra.web:create", settings, host="127.0.0.1", port=1, factory=True, workers=2)
    assert config.http is HeaderTimeoutProtocol
    assert config.header_timeout == 3
    assert config.timeout_keep_alive == 7
    assert config.limit_concurrency == 42
    assert config.workers == 2 and config.factory
