"""A fork server for restart-heavy tests: import ztai once, fork a fresh process per start.

Requests are JSON lines on standard input, each answered by one JSON line on standard output:
  {"start": [argv...], "stdout": PATH, "stderr": PATH} -> {"pid": N}
  {"wait": N, "timeout": SECONDS}                       -> {"exit": CODE or null}
A started child runs `ztai.cli.main.main(argv)`, exactly what the `ztai` console script
runs, in its own process; only the seconds of imports are paid once, here.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback

from ztai.cli.main import build_parser, main


def _child(argv: list[str], stdout: str, stderr: str) -> None:
    """In the forked child: own output files, no stdin, then the real entry point."""
    code: object = 1
    try:
        for fd, path in ((1, stdout), (2, stderr)):
            target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # report anything, then exit like Python would
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else (0 if code is None else 1))


def _wait(pid: int, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.01)


def serve() -> None:
    build_parser()  # import every command group now, once
    exited: dict[int, int] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if "start" in request:
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                _child(request["start"], request["stdout"], request["stderr"])
            reply: dict[str, object] = {"pid": pid}
        else:
            pid = request["wait"]
            if pid not in exited:
                code = _wait(pid, request["timeout"])
                if code is not None:
                    exited[pid] = code
            reply = {"exit": exited.get(pid)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
