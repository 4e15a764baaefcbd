#!/usr/bin/env python3
"""Times a whole process: wall time and peak resident memory of each run, median of k.

    python3 bench/timing.py --label NAME [--runs 3] [--warmup 1] [--log FILE] --out RESULTS.jsonl -- CMD ARGS...

Each run is started with subprocess and reaped with os.wait4, whose rusage gives that process's own peak RSS
(ru_maxrss, what /usr/bin/time -v prints as "Maximum resident set size") together with the wall time from
time.perf_counter around the run. Warm-up runs (default 1, which also brings the data into the page cache) are not
counted. Appends one JSON object to --out: label, wall_s (each run), median_s, peak_rss_mb (the largest of the
counted runs), command; or, when a run exits with an error, label, error and command. The command's output goes
to --log (default /dev/null).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


class Failed(Exception):
    pass


def run_once(command, log):
    with open(log, "ab") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024  # Linux reports KiB
    if process.returncode != 0:
        raise Failed(f"exited with {process.returncode} after {wall:.1f} s (peak RSS {peak:.0f} MB); see {log}")
    return wall, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--log", default=os.devnull)
    parser.add_argument("--out", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")
    walls, rss = [], []
    try:
        for _ in range(args.warmup):
            run_once(command, args.log)
        for _ in range(args.runs):
            wall, peak = run_once(command, args.log)
            walls.append(wall)
            rss.append(peak)
            print(f"  {args.label}: {wall:.2f} s, peak RSS {peak:.0f} MB", file=sys.stderr)
        result = {"label": args.label, "wall_s": walls, "median_s": statistics.median(walls),
                  "peak_rss_mb": max(rss), "command": command}
    except Failed as failure:
        # Recorded, not fatal: the report says which command failed (an OutOfMemoryError at 1e8 rows, say).
        print(f"  {args.label}: {failure}", file=sys.stderr)
        result = {"label": args.label, "error": str(failure), "command": command}
    with open(args.out, "a") as out:
        out.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
