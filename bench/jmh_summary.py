#!/usr/bin/env python3
"""Medians from a JMH JSON result (java -jar benchmarks/target/benchmarks.jar ... -rf json -rff FILE).

    python3 bench/jmh_summary.py FILE [--markdown]

JMH prints the mean of the iterations; this prints their median (JMH's 50th percentile over every iteration of
every fork): ms per call, and GB/s (2 arrays read) for the two-array sum and the bandwidth-bound losses.
"""
import argparse
import json

BYTES = {"float32": 4, "float64": 8}
BANDWIDTH_BOUND = ("mse", "l1", "mbe", "huber", "hinge")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with open(args.file) as f:
        results = json.load(f)
    rows = []
    for r in results:
        params = r.get("params", {})
        size, precision, threads = int(params["size"]), params["precision"], params["threads"]
        elements_bytes = size * BYTES[precision] * 2
        metric = r["primaryMetric"]
        median = metric["scorePercentiles"]["50.0"]
        if r["benchmark"].endswith("twoArraySum"):
            bytes_per_s = r["secondaryMetrics"]["bytes"]["scorePercentiles"]["50.0"]
            rows.append(("two-array sum", precision, size, threads, 1e3 / median, bytes_per_s / 1e9))
        else:
            ms = median if metric["scoreUnit"] == "ms/op" else float("nan")
            gbs = elements_bytes / ms / 1e6 if params["loss"] in BANDWIDTH_BOUND else None
            rows.append((params["loss"], precision, size, threads, ms, gbs))
    headers = ("benchmark", "precision", "size", "threads", "median ms", "GB/s")
    cells = [(n, p, f"{s:.0e}", t, f"{ms:.2f}", "" if gbs is None else f"{gbs:.1f}") for n, p, s, t, ms, gbs in rows]
    widths = [max(len(h), *(len(str(c[i])) for c in cells)) for i, h in enumerate(headers)]
    if args.markdown:
        print("| " + " | ".join(headers) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
        for c in cells:
            print("| " + " | ".join(str(x) for x in c) + " |")
    else:
        print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths))))
        for c in cells:
            print("  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w) for i, (x, w) in enumerate(zip(c, widths))))


if __name__ == "__main__":
    main()
