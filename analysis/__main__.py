"""Command line: ``python -m analysis check-data [DIR]``.

Validates every dataset in DIR (default: the shipped ``analysis/data``) and
prints each problem with its file, row and column. Exit status 1 if any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.data.datasets import DATA_DIR, check_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check-data", help="validate every dataset in DIR")
    check.add_argument("dir", nargs="?", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"check-data: {args.dir} is not a directory", file=sys.stderr)
        return 2
    problems = check_all(args.dir)
    for p in problems:
        print(p)
    if problems:
        print(f"check-data: {len(problems)} problem(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"check-data: every dataset in {args.dir} is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
