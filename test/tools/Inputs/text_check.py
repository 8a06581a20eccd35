"""Checks that files tmreport wrote are text every reader takes: UTF-8
(strictly: no stray byte, overlong form, surrogate or code point past
U+10FFFF) without a control character but for the newline, tab and
carriage return, nor a noncharacter (XML forbids or HTML reports all of
them).  Reads standard input for "-".  Exits 1 with the first fault of a
file on stderr.

usage: text_check.py FILE...
"""
import sys


def fault(text):
    for i, c in enumerate(text):
        o = ord(c)
        if ((o < 0x20 and c not in "\t\n\r") or 0x7f <= o < 0xa0
                or 0xfdd0 <= o <= 0xfdef or o & 0xfffe == 0xfffe):
            return f"character U+{o:04X} at {i}"
    return None


def main():
    failed = False
    for path in sys.argv[1:]:
        data = (sys.stdin.buffer.read() if path == "-"
                else open(path, "rb").read())
        try:
            reason = fault(data.decode("utf-8"))
        except UnicodeDecodeError as e:
            reason = str(e)
        if reason:
            print(f"text_check: {path}: {reason}", file=sys.stderr)
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
