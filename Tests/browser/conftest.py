"""A Tiendo server on a free port with a fresh SQLite database, and headless Chromium pointed at it."""
import os
import re
import resource
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TIENDO_BINARY", str(ROOT / ".build" / "debug" / "tiendo"))
OUTPUT = ROOT / "test-output"
PASSWORD = "mat-khau-du-dai-123"
USERS = [("halong", "district-officer", "193"), ("nguoixem", "viewer", None), ("taichinh", "finance-officer", None)]
IDLE_SECONDS = 4
# API tokens of the users above, made once the server's database exists.
TOKENS = {}


def usual_file_limit():
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="tiendo-browser-")
    # A short idle timeout so that test_network can watch silent connections being closed.
    # The seed plan's year (TIENDO_TODAY): its district officer still writes, as in 2024.
    env = dict(os.environ, DATABASE_URL=f"sqlite:{folder}/tiendo.sqlite", IDLE_TIMEOUT_SECONDS=str(IDLE_SECONDS),
               TIENDO_TODAY="2024-12-31")
    for name, role, scope in USERS:
        args = [BINARY, "user", "create", "--username", name, "--role", role, "--password-stdin"]
        if scope:
            args += ["--scope", scope]
        subprocess.run(args, input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
        made = subprocess.run([BINARY, "token", "create", "--username", name], env=env, check=True, capture_output=True, text=True)
        TOKENS[name] = re.search(r"tdo_\S+", made.stdout + made.stderr).group(0)
    port = free_port()
    # Started with the usual default of 1.024 open files, which the server must raise itself (test_network).
    process = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, preexec_fn=usual_file_limit,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/v1/plans", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("tiendo serve did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


def make_driver(javascript=True, width=1366):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=vi",
                     f"--window-size={width},900", "--force-device-scale-factor=1"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(width, 900)
    return driver


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()
