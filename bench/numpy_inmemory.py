#!/usr/bin/env python3
"""In memory: the median time of each tutorial function (and MSE) on the loaded .npy arrays.

    python3 bench/numpy_inmemory.py DIR [--warmup 1] [--repeats 5]

One JSON object per line, as benchmarks' InMemoryHarness prints them: name, elements, ms (median), value.
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_losses  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    data = numpy_losses.load_npy(args.directory)
    for name, kind, call in numpy_losses.TUTORIAL + numpy_losses.EXTRA:
        p, y = data[kind]
        for _ in range(args.warmup):
            call(p, y)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            value = call(p, y)
            times.append((time.perf_counter() - start) * 1e3)
        print(json.dumps({"name": name, "elements": int(p.size), "ms": statistics.median(times),
                          "value": float(value)}), flush=True)


if __name__ == "__main__":
    main()
