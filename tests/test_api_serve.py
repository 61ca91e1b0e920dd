"""``khabar serve``: the one command that starts the API and the web page over an embedded SQLite store."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from khabar.cli import build_parser

TOKEN = "serve-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_help_names_every_option():
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command")
    serve = sub.choices["serve"]
    options = {o for a in serve._actions for o in a.option_strings}
    assert {"--db", "--host", "--port", "--closed", "--max-body", "--timeout", "--no-web"} <= options
    assert all(a.help for a in serve._actions)


def test_serve_starts_with_one_command(tmp_path):
    port = _free_port()
    db = tmp_path / "served.db"
    env = {**os.environ, "KHABAR_API_TOKEN": TOKEN}
    env.pop("KHABAR_DB", None)
    proc = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port),
                             "--log-level", "warning"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"khabar serve exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
            try:
                health = httpx.get(base + "/health", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("khabar serve did not answer within 90 s")
                time.sleep(0.2)
        assert health.json()["store"] is True and health.json()["ingest"] is True
        assert 'dir="rtl"' in httpx.get(base + "/").text
        added = httpx.post(base + "/ingest", json={"text": "وزیر امور خارجه در تهران گفت که گفت‌وگوها ادامه دارد."},
                           headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        assert added.status_code == 200 and added.json()["added"] == 1
        assert httpx.get(base + "/documents").json()["total"] == 1
        assert db.exists()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0


def test_serve_closed_without_token_is_a_usage_error(tmp_path, capsys, monkeypatch):
    from khabar.cli import main

    monkeypatch.delenv("KHABAR_API_TOKEN", raising=False)
    assert main(["serve", "--closed", "--db", str(tmp_path / "x.db")]) == 2
    assert "KHABAR_API_TOKEN" in capsys.readouterr().err
