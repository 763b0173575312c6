"""The API against its own description: schemathesis (PyPI) reads /api/v1/openapi.json from a running instance and
calls every operation with generated and edge-case input, signed in as Ban Dân tộc, on a database of its own.
Zero server errors, and every response matches the document (status, content type, schema)."""
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from conftest import BINARY, OUTPUT, PASSWORD, free_port

SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")


def test_every_operation_keeps_to_the_document():
    folder = tempfile.mkdtemp(prefix="tiendo-schema-")
    env = dict(os.environ, DATABASE_URL=f"sqlite:{folder}/tiendo.sqlite", TIENDO_TODAY="2024-12-31", NOTIFY_INTERVAL="0")
    subprocess.run([BINARY, "user", "create", "--username", "bdt", "--role", "coordinator", "--password-stdin"],
                   input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    made = subprocess.run([BINARY, "token", "create", "--username", "bdt"], env=env, check=True, capture_output=True, text=True)
    token = re.search(r"tdo_\S+", made.stdout + made.stderr).group(0)
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        run = subprocess.run([SCHEMATHESIS, "run", base + "/api/v1/openapi.json", "-H", f"Authorization: Bearer {token}",
                              "-c", "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
                              "-n", "10", "--phases", "examples,fuzzing", "--request-timeout", "30"],
                             capture_output=True, text=True, timeout=900)
        OUTPUT.mkdir(exist_ok=True)
        (OUTPUT / "schemathesis.txt").write_text(run.stdout + run.stderr)
        assert run.returncode == 0, run.stdout[-4000:]
        assert re.search(r"\d+ generated, \d+ passed", run.stdout), run.stdout[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=10)
