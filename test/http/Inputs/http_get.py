"""http_get.py PORT PATH [METHOD]: one request to 127.0.0.1:PORT, as a
scraper makes it; prints the status line, then the body (for HEAD, the
headers instead).  Written on sockets, so that nothing but Python is
needed."""
import socket
import sys

port, path = int(sys.argv[1]), sys.argv[2]
method = sys.argv[3] if len(sys.argv) > 3 else "GET"
with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
    s.sendall(f"{method} {path} HTTP/1.1\r\nHost: localhost\r\n"
              "User-Agent: test\r\n\r\n".encode())
    data = b""
    while chunk := s.recv(65536):
        data += chunk
head, _, body = data.partition(b"\r\n\r\n")
lines = head.decode().split("\r\n")
print(lines[0])
if method == "HEAD":
    print("\n".join(lines[1:]))
sys.stdout.flush()
sys.stdout.buffer.write(body)
