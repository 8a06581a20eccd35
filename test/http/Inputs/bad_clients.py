"""bad_clients.py PORT: clients that misbehave, against the endpoint at
127.0.0.1:PORT.  Each gets an answer (its status is printed) or a closed
connection, within a bound well above the server's own limits (5 s to
send a request, 30 s to take an answer); one line per client, "ok" or
what went wrong.  Then a plain scrape must still be answered."""
import socket
import sys
import time

PORT = int(sys.argv[1])
failures = 0


def connect(timeout=30):
    return socket.create_connection(("127.0.0.1", PORT), timeout=timeout)


def status_of(data):
    """The status of an answer, or 'closed' for none."""
    if not data:
        return "closed"
    line = data.split(b"\r\n", 1)[0].decode(errors="replace")
    return line.split(" ")[1] if line.startswith("HTTP/1.1 ") else line


def read_all(s):
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
    except (ConnectionResetError, socket.timeout) as e:
        data += f"<{type(e).__name__}>".encode() if not data else b""
    return data


def case(name, send, expect, bound=20, shut=False, trickle=None):
    """Sends `send`, then (trickle) one byte of it every 0.5 s, reads
    until the server closes; the status must be one of `expect`."""
    global failures
    start = time.monotonic()
    with connect(timeout=bound + 10) as s:
        try:
            s.sendall(send)
            if shut:
                s.shutdown(socket.SHUT_WR)
            if trickle:
                for byte in trickle:
                    s.send(bytes([byte]))
                    time.sleep(0.5)
                    if time.monotonic() - start > bound:
                        break
        except (BrokenPipeError, ConnectionResetError):
            pass
        status = status_of(read_all(s))
    took = time.monotonic() - start
    if status in expect and took < bound:
        print(f"{name}: {status}, ok")
    else:
        failures += 1
        print(f"{name}: {status} after {took:.1f} s, expected {expect} "
              f"within {bound} s")


REQUEST = b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
case("request line too long",
     b"GET /" + b"a" * 10000 + b" HTTP/1.1\r\n\r\n", ["414"])
case("headers too long",
     b"GET /metrics HTTP/1.1\r\n" + b"X-Filler: " + b"b" * 9000 + b"\r\n\r\n",
     ["431"])
case("too many headers",
     b"GET /metrics HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n", ["431"])
case("not HTTP", b"hello there\r\n\r\n", ["400"])
case("a header without a colon",
     b"GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n", ["400"])
case("a folded header",
     b"GET /metrics HTTP/1.1\r\nX: y\r\n  folded\r\n\r\n", ["400"])
case("HTTP/2.0", b"GET /metrics HTTP/2.0\r\n\r\n", ["505"])
case("POST", b"POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
     ["405"])
case("a path that does not exist", b"GET /nothing HTTP/1.1\r\n\r\n", ["404"])
case("binary", bytes(range(256)) * 4 + b"\r\n\r\n", ["400"])
case("half-closed before the request ends", b"GET /metr", ["400"],
     shut=True)
case("half-closed after the request", REQUEST, ["200"], shut=True)
case("silent", b"", ["closed", "408"], bound=20)
case("slow (a byte every 0.5 s)", b"GET /metrics HTTP/1.1\r\n", ["408"],
     bound=20, trickle=b"X-Slow: " + b"z" * 100)

# 1000 connections at once, none sending a byte: every one is answered
# (503 past the endpoint's 32 at once) or closed, and a scrape after them
# is served.
start = time.monotonic()
many = []
for _ in range(1000):
    many.append(connect())
statuses = {}
for s in many:
    status = status_of(read_all(s))
    statuses[status] = statuses.get(status, 0) + 1
    s.close()
took = time.monotonic() - start
if set(statuses) <= {"503", "408", "closed"} and took < 60:
    print("1000 connections at once: answered or closed, ok")
else:
    failures += 1
    print(f"1000 connections at once: {statuses} after {took:.1f} s")

case("a scrape after them all", REQUEST, ["200"])
print(f"{failures} failed")
