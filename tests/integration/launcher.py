"""Run `ztai` with its imports done ahead: one JSON argv line on standard input, then main()."""

from __future__ import annotations

import json
import sys

from ztai.cli.main import build_parser, main

if __name__ == "__main__":
    build_parser()  # imports every command group now, before the argv arrives
    print("launcher: imported, waiting for argv", file=sys.stderr, flush=True)
    argv = json.loads(sys.stdin.readline())
    print(f"launcher: running ztai {' '.join(argv)}", file=sys.stderr, flush=True)
    sys.exit(main(argv))
