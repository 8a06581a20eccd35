"""Runs the commands of the console blocks of the docs, as written, so that
what a reader copies works: each `$ ` line (with its `\\` continuations)
of every ```console block of the files given, in a scratch directory that
holds the dumps, sources and programs the commands name.

    console.py BINDIR SRCROOT SCRATCH FILE.md...

tmreport, tmcc, tmctl and tmtop run from BINDIR (`build/bin/tmreport` and
a bare `tmreport` alike), `go tool pprof` when Go is there; the dumps a command
reads are copies of one made by a traced run of examples/word-index.c.  `<prefix>`
is the build tree.  A command that runs a program of the reader's own
(`./prog`, unless an earlier command built it) or acts on one (`$!`, the
live file of a pid), a tool that is not installed (flamegraph.pl) or `cd`
is listed as skipped, with why.
Prints one line per command and then the counts; exits 1 if one failed.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

bindir, srcroot, scratch, *docs = sys.argv[1:]
bindir, srcroot = os.path.abspath(bindir), os.path.abspath(srcroot)


def commands(path):
    """(line number, command) of each `$ ` line of the console blocks."""
    out, block, pending, start = [], False, None, 0
    for number, line in enumerate(open(path), 1):
        line = line.rstrip("\n")
        if line.startswith("```"):
            block = line == "```console"
            continue
        if not block:
            continue
        if pending is not None:
            pending += " " + line.strip()
        elif line.startswith("$ "):
            pending, start = line[2:], number
        else:
            continue
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip()
            continue
        out.append((start, pending))
        pending = None
    return out


def without_comment(command):
    """The command without its trailing `# ...` remark."""
    return re.sub(r"\s+#\s.*$", "", command)


DUMP = re.compile(r"\S+\.(?:dump|tmd)$")
LIVE_FILE = re.compile(r"tracemalloc-\d+\.live$")
LOCAL_URL = re.compile(r"https?://(?:127\.0\.0\.1|localhost)[:/]")


def prepare():
    """The scratch directory: the examples' sources and a dump to copy."""
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for name in os.listdir(os.path.join(srcroot, "examples")):
        if name.endswith((".c", ".h")):
            shutil.copy(os.path.join(srcroot, "examples", name), scratch)
    subprocess.run([os.path.join(bindir, "tmcc"), "-O2", "word-index.c", "-o",
                    "word-index"], cwd=scratch, check=True)
    env = dict(os.environ, TRACEMALLOC="8", TRACEMALLOC_DUMP="sample.dump")
    subprocess.run(["./word-index", "100"], cwd=scratch, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def skip_reason(words):
    """Why a command is not run, or None."""
    program = words[0]
    if program == "cd":
        return "changes directory"
    if program.startswith("./") and not os.path.exists(
            os.path.join(scratch, program)):
        return "runs a program of the reader's own"
    if "$!" in words or "$(pidof" in words:
        return ("acts on a process of the reader's own (test/control/"
                "tmctl.test and test/live/tmtop.test run the same sessions)")
    if any(LOCAL_URL.match(word) for word in words):
        return ("talks to the endpoint of a process of the reader's own "
                "(test/http/metrics.test runs the same session)")
    if any(LIVE_FILE.search(word) for word in words):
        return ("reads the live file of a process of the reader's own "
                "(test/live/tmtop.test runs the same session)")
    if program == "go" and not shutil.which("go"):
        return "Go is not installed"
    return None


def run(command):
    """Runs one command; returns (status, why skipped or None)."""
    command = without_comment(command)
    for part in command.split("|")[1:]:
        tool = shlex.split(part)[0]
        if not shutil.which(tool):
            return None, f"pipes into {tool}, which is not installed"
    words = shlex.split(command.split("|")[0].replace("<prefix>", "PREFIX"))
    while words and re.match(r"^[A-Z_]+=", words[0]):
        words = words[1:]
    reason = skip_reason(words)
    if reason:
        return None, reason
    if words[0] == "go" and "-http" in command:
        return None, "starts a web server"
    for word in words:
        word = word.split("=", 1)[-1]
        if DUMP.match(word) and not os.path.exists(os.path.join(scratch, word)):
            shutil.copy(os.path.join(scratch, "sample.dump"),
                        os.path.join(scratch, word))
    shell = re.sub(r"(?:^|(?<=\s))(?:build/bin/)?(tmreport|tmcc|tmctl|tmtop)\b",
                   lambda m: os.path.join(bindir, m.group(1)), command)
    # An install prefix, as the docs write it: the build tree is one.
    shell = shell.replace("<prefix>", os.path.dirname(bindir))
    env = dict(os.environ, HOME=scratch, GOCACHE=os.path.join(scratch, "go"),
               GOFLAGS="-mod=mod", PPROF_TMPDIR=scratch)
    done = subprocess.run(["sh", "-c", shell], cwd=scratch, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=120)
    return done.returncode, done.stderr.decode(errors="replace").strip()


prepare()
ran = skipped = failed = 0
for doc in docs:
    name = os.path.relpath(doc, srcroot)
    for number, command in commands(doc):
        status, note = run(command)
        if status is None:
            skipped += 1
            print(f"skipped {name}:{number}: {command}  ({note})")
        elif status == 0:
            ran += 1
            print(f"ran {name}:{number}: {command}")
        else:
            failed += 1
            print(f"FAILED {name}:{number}: {command}  (exit {status}: {note})")
print(f"{ran} ran, {skipped} skipped, {failed} failed")
sys.exit(1 if failed else 0)
