"""What a hostile client does to the connection itself (issue 12, items 3 and 9), on a real socket: a large post is
answered on its headers, silent and half-sent connections are closed, and many idle connections do not stop others."""
import resource
import socket
import time
import urllib.request

from conftest import IDLE_SECONDS


def connect(server):
    host, port = server.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=IDLE_SECONDS * 3)


def test_an_anonymous_large_upload_is_answered_before_its_body(server):
    with connect(server) as s:
        s.sendall(b"POST /ho-gia-dinh HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 314572800\r\n\r\n" + b"x" * 4096)
        start = time.monotonic()
        s.settimeout(5)
        answer = s.recv(4096)
        assert answer.startswith(b"HTTP/1.1 303"), answer[:200]
        assert b"\r\nlocation: /dang-nhap?next=%2Fho-gia-dinh\r\n" in answer
        assert time.monotonic() - start < 5


def test_silent_and_half_sent_connections_are_closed(server):
    silent, half = connect(server), connect(server)
    half.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n")
    start = time.monotonic()
    for s in (silent, half):
        assert s.recv(1) == b"", "the server closes the connection"
        s.close()
    assert IDLE_SECONDS - 1 <= time.monotonic() - start < IDLE_SECONDS * 3


def test_many_idle_connections_do_not_stop_other_requests(server):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    idle = []
    try:
        for _ in range(1100):
            idle.append(connect(server))
        start = time.monotonic()
        with urllib.request.urlopen(server + "/api/v1/plans", timeout=5) as response:
            assert response.status == 200
        assert time.monotonic() - start < 5
    finally:
        for s in idle:
            s.close()
