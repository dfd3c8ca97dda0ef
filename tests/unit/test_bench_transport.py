"""bench.transport: the benchmarks reach a PostgreSQL on the same machine over its Unix socket."""

import pytest

from bench import transport


@pytest.fixture
def socket_dir(tmp_path, monkeypatch):
    (tmp_path / ".s.PGSQL.5433").touch()
    monkeypatch.setattr(transport, "SOCKET_DIRS", (str(tmp_path / "none"), str(tmp_path)))
    return tmp_path


def test_a_local_server_with_a_socket_is_reached_through_it(socket_dir):
    url = "postgresql://bench:rahasia@127.0.0.1:5433/test"
    assert transport.local(url) == (
        f"postgresql://bench:rahasia@/test?host={socket_dir}&port=5433",
        "the Unix socket",
    )


def test_another_host_a_missing_socket_or_given_options_stay_on_tcp(socket_dir):
    for url in (
        "postgresql://bench@db.example:5433/test",
        "postgresql://bench@127.0.0.1:5432/test",  # no socket for that port
        "postgresql://bench@localhost:5433/test?sslmode=require",
    ):
        assert transport.local(url) == (url, "TCP")


def test_tcp_is_kept_when_asked_for(socket_dir, monkeypatch):
    monkeypatch.setenv("BENCH_TRANSPORT", "tcp")
    url = "postgresql://bench@127.0.0.1:5433/test"
    assert transport.local(url) == (url, "TCP")
