"""Operating it (issue 13 part 7), without a server: /ready when the database cannot be read, the
JSON log line, and the deploy/ examples naming only real settings and commands."""

import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace

from typer.testing import CliRunner

from api.observability import JsonFormatter, ready_state, route_of
from infra.cli import app as cli
from infra.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


class _DownStore:
    def query(self, sql, params=None):
        raise ConnectionError("connection refused")


class _Recorder:
    def max_notification_id(self):
        raise ConnectionError("connection refused")


def test_ready_says_unavailable_when_the_database_cannot_be_read():
    app = SimpleNamespace(profile=SimpleNamespace(id="kota-serang-2023"), recorder=_Recorder())
    ok, body = ready_state(app, _DownStore(), max_lag=100)
    assert not ok
    assert body == {
        "status": "unavailable",
        "tenant": "kota-serang-2023",
        "database": "unreachable",
        "error": "ConnectionError",
    }


def test_a_log_record_is_one_json_line_with_its_extra_fields():
    record = logging.LogRecord("sistemkerja.http", logging.INFO, __file__, 1, "request", None, None)
    record.request_id, record.tenant, record.status = "abc", "banyumas-2024", 200
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "request" and entry["level"] == "info"
    assert (entry["request_id"], entry["tenant"], entry["status"]) == ("abc", "banyumas-2024", 200)


def test_metrics_label_routes_by_a_fixed_set_not_by_the_raw_path():
    assert route_of("/graphql") == "/graphql"
    assert route_of("/verify/ABC123") == "/verify"
    assert route_of("/anything/the/caller/sends") == "other"


def test_the_deploy_examples_name_real_settings_and_commands():
    fields = {f"SISTEMKERJA_{name.upper()}" for name in Settings.model_fields} | {"SISTEMKERJA_SCHEMA"}
    example = (DEPLOY / "sistemkerja.env.example").read_text()
    named = set(re.findall(r"^#? ?(SISTEMKERJA_\w+)=", example, re.M)) - {"SISTEMKERJA_JOB_ACTOR_NIP"}
    assert named and named <= fields, named - fields
    runner = CliRunner()
    for unit, command in (
        ("sistemkerja.service", ["serve", "--help"]),
        ("sistemkerja-end-expired.service", ["assignments", "end-expired", "--help"]),
        ("sistemkerja-crossing-relay.service", ["crossing", "relay", "--help"]),
    ):
        text = (DEPLOY / unit).read_text()
        assert " ".join(command[:-1]) in text
        result = runner.invoke(cli, command)
        assert result.exit_code == 0, result.output
    assert "--workers" in (DEPLOY / "sistemkerja.service").read_text()
    assert "--actor-nip" in (DEPLOY / "sistemkerja-end-expired.service").read_text()
    timer = (DEPLOY / "sistemkerja-end-expired.timer").read_text()
    assert "OnCalendar=*-*-* 00:15:00" in timer and "Persistent=true" in timer
    assert "--once" in (DEPLOY / "sistemkerja-crossing-relay.service").read_text()
    assert "OnUnitActiveSec=" in (DEPLOY / "sistemkerja-crossing-relay.timer").read_text()


def test_a_log_line_written_while_serving_a_request_carries_its_id_and_tenant():
    from api.observability import CURRENT_REQUEST

    record = logging.LogRecord("application", logging.ERROR, __file__, 1, "refused", None, None)
    token = CURRENT_REQUEST.set({"request_id": "r-42", "tenant": "pemalang-2023"})
    try:
        entry = json.loads(JsonFormatter().format(record))
    finally:
        CURRENT_REQUEST.reset(token)
    assert (entry["request_id"], entry["tenant"], entry["level"]) == ("r-42", "pemalang-2023", "error")
    assert "request_id" not in json.loads(JsonFormatter().format(record))
