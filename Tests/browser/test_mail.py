"""E-mail as an official receives it: `tiendo serve` runs the notice job on start, hands the day's digest to msmtp,
which delivers it to a local SMTP sink (aiosmtpd) started here; the message is read back with Python's e-mail parser.
A restart of the server sends nothing twice."""
import email
import email.policy
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

from aiosmtpd.controller import Controller

from conftest import BINARY, OUTPUT, PASSWORD, free_port


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def serve(env, port):
    process = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/plans", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("tiendo serve did not start: " + process.stderr.read().decode())


def wait_for(predicate, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


def test_the_days_digest_reaches_the_mailbox_once():
    sink = Sink()
    smtp_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    folder = tempfile.mkdtemp(prefix="tiendo-mail-")
    try:
        command = (f"msmtp --host=127.0.0.1 --port={smtp_port} --auth=off --tls=off "
                   f"--from=tiendo@quangninh.gov.vn --syslog=off --logfile={folder}/msmtp.log -t")
        env = dict(os.environ, DATABASE_URL=f"sqlite:{folder}/tiendo.sqlite", TIENDO_TODAY="2024-05-13", MAIL_COMMAND=command,
                   MAIL_FROM="tiendo@quangninh.gov.vn", SITE_URL="https://tiendo.quangninh.gov.vn", NOTIFY_INTERVAL="3600")
        subprocess.run([BINARY, "user", "create", "--username", "bache", "--role", "district-officer", "--scope", "202",
                        "--map", "2024-05-01", "--password-stdin"], input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
        made = subprocess.run([BINARY, "user", "notices", "--username", "bache", "--email", "vanphong@bache.quangninh.gov.vn",
                               "--digest", "ngay", "--no-urgent"], env=env, check=True, capture_output=True, text=True)
        assert "vanphong@bache.quangninh.gov.vn" in made.stdout

        port = free_port()
        server = serve(env, port)
        try:
            assert wait_for(lambda: len(sink.messages) == 1), "no mail reached the sink"
        finally:
            server.terminate()
            server.wait(timeout=10)
        recipients, raw = sink.messages[0]
        assert recipients == ["vanphong@bache.quangninh.gov.vn"]
        OUTPUT.mkdir(exist_ok=True)
        (OUTPUT / "mail-digest.eml").write_bytes(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["Subject"] == "[Tiến độ] 1 việc cần theo dõi, ngày 13/05/2024"
        assert message["To"] == "vanphong@bache.quangninh.gov.vn" and message["From"] == "tiendo@quangninh.gov.vn"
        body = message.get_content()
        assert "Báo cáo 6 tháng đầu năm 2024: còn 2 ngày, hạn 15/05/2024." in body
        assert "https://tiendo.quangninh.gov.vn/so-lieu/bao-cao-6-thang-2024/202?ky=2024-H1" in body
        assert "https://tiendo.quangninh.gov.vn/tai-khoan" in body

        # Restarted the same day: the inbox and the mail are already recorded, nothing goes twice.
        server = serve(env, port)
        try:
            time.sleep(3)
        finally:
            server.terminate()
            server.wait(timeout=10)
        assert len(sink.messages) == 1
        runs = subprocess.run([BINARY, "notify", "run", "--as-of", "2024-05-13"], env=env, check=True, capture_output=True, text=True)
        assert "0 tin mới" in runs.stdout and "0 thư mới soạn, 0 đã gửi, 0 lỗi" in runs.stdout, runs.stdout
        assert len(sink.messages) == 1
    finally:
        controller.stop()
        shutil.rmtree(folder, ignore_errors=True)
