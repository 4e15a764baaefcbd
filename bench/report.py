#!/usr/bin/env python3
"""Prints the table of one bench/run.sh run, and checks it against the issue's targets.

    python3 bench/report.py RESULTS_DIR [--reference OTHER_RESULTS_DIR] [--markdown]

RESULTS_DIR holds what run.sh wrote: meta.json, numpy-inmemory.jsonl, losslab-inmemory.jsonl, e2e.jsonl. With
--reference (the results of a run at fewer rows, 1e7 for a 1e8 run), the CSV time per row is compared with it.
"""
import argparse
import json
import os

BANDWIDTH_BOUND = ("l1_loss", "mse", "mean_bias_error", "huber_loss", "hinge_loss")
TUTORIAL = ("l1_loss", "mean_bias_error", "huber_loss", "logcosh", "wce_loss", "balanced_ce_loss", "focal_loss",
            "hinge_loss")
BYTES_PER_ELEMENT = 4  # float32
MB_LIMIT = 512


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def table(headers, rows, markdown):
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    right = [i > 0 for i in range(len(headers))]
    def line(values):
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)]
        return ("| " + " | ".join(parts) + " |") if markdown else "  ".join(parts).rstrip()
    out = [line(headers)]
    out.append(("|" + "|".join(("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right)) + "|")
               if markdown else "  ".join("-" * w for w in widths))
    out += [line(r) for r in cells]
    return "\n".join(out)


def verdict(ok, rows, target_rows):
    word = "met" if ok else "NOT met"
    return word if rows == target_rows else f"{word} (at {rows:.0e} rows; the target is for {target_rows:.0e})"


def median_jvm(records, key):
    """Per key, the record with the median ms among those of several JVMs (the lower middle one for an even count)."""
    groups = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return {k: sorted(rs, key=lambda r: r["ms"])[(len(rs) - 1) // 2] for k, rs in groups.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--reference")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    md = args.markdown
    with open(os.path.join(args.results, "meta.json")) as f:
        meta = json.load(f)
    rows = meta["rows"]
    numpy = {r["name"]: r for r in read_lines(os.path.join(args.results, "numpy-inmemory.jsonl"))}
    kept = {r["name"]: r for r in read_lines(os.path.join(args.results, "numpy-inmemory-kept.jsonl"))}
    java = read_lines(os.path.join(args.results, "losslab-inmemory.jsonl"))
    # run.sh starts several JVMs per loss (--jvms): keep, per loss, the JVM whose median is the median of them all.
    losses = median_jvm((r for r in java if r["name"] != "two_array_sum"), lambda r: r["name"])
    sums = median_jvm((r for r in java if r["name"] == "two_array_sum"), lambda r: r["threads"])
    e2e = {r["label"]: r for r in read_lines(os.path.join(args.results, "e2e.jsonl"))}
    checks = []

    print(f"losslab speed: N = {rows:,} rows, float32; {meta['date']}")
    print(f"machine: {meta['cpu']}, {meta['cores']} cores, {meta['memory_gb']} GB; {meta['java']}; "
          f"NumPy {meta['numpy']}; losslab at {meta['commit']}; load average at start "
          f"{meta.get('load_average', float('nan')):.2f}")
    threads_used = max((r["threads"] for r in losses.values()), default=meta["threads"])
    print()
    jvms = meta.get("java_jvms", 1)
    print(f"In memory: median ms per call, NumPy (median of {meta['numpy_repeats']}) vs losslab value() on "
          f"{threads_used} thread(s) (median of {meta['java_repeats']} after {meta['java_warmup']} warm-up calls"
          f"{f', the median of {jvms} JVMs' if jvms > 1 else ''})")
    # The bandwidth is the best the sum reached on up to as many threads as the losses had: on a busy machine the
    # 2-thread sum can come out slower than the 1-thread one, and the lower figure would flatter the losses.
    reference_gbs = max((r["elements"] * BYTES_PER_ELEMENT * 2 / r["ms"] / 1e6
                         for t, r in sums.items() if t <= meta["threads"]), default=None)
    body = []
    for name in TUTORIAL + ("mse",):
        if name not in losses or name not in numpy:
            continue
        n, j = numpy[name], losses[name]
        ratio = n["ms"] / j["ms"]
        gbs = j["elements"] * BYTES_PER_ELEMENT * 2 / j["ms"] / 1e6
        share = gbs / reference_gbs if reference_gbs and name in BANDWIDTH_BOUND else None
        agree = abs(n["value"] - j["value"]) / max(abs(j["value"]), 1e-12) if j["value"] is not None else float("nan")
        k = kept.get(name)
        body.append([name + ("" if name in TUTORIAL else " (not tutorial)"), f"{n['ms']:.2f}", f"{j['ms']:.2f}",
                     f"{ratio:.2f}x", f"{gbs:.1f}" if name in BANDWIDTH_BOUND else "",
                     f"{share:.0%}" if share is not None else "",
                     f"{k['ms']:.2f} ({k['ms'] / j['ms']:.2f}x)" if k else "", f"{agree:.0e}"])
        if name in TUTORIAL:
            checks.append((f"in memory, {name}: >= 5x NumPy", ratio >= 5, f"{ratio:.2f}x", 10**7))
        if share is not None:
            checks.append((f"in memory, {name}: >= 70 % of the two-array-sum bandwidth", share >= 0.7,
                           f"{share:.0%}", 10**7))
    print(table(["loss", "NumPy ms", "losslab ms", "speed-up", "GB/s", "of sum", "NumPy, memory kept", "rel. diff"],
                body, md))
    print("(GB/s: 2 float32 arrays read per call; of sum: that against the best two-array sum on up to as many threads; "
          "NumPy, memory kept: malloc keeping freed memory, informational; rel. diff: |NumPy - losslab| / |losslab|)")
    for t, r in sorted(sums.items()):
        gbs = r["elements"] * BYTES_PER_ELEMENT * 2 / r["ms"] / 1e6
        print(f"two-array sum Σ p[i] + y[i], {t} thread(s): {r['ms']:.2f} ms, {gbs:.1f} GB/s")

    print()
    print(f"End to end: whole processes, wall time median of {meta['e2e_runs']} (after {meta['e2e_warmup']} warm-up), "
          "eight tutorial losses over three pairs of N-row files")
    body = []
    pairs = [(".npy", "losslab-npy", "numpy-npy", "np.load + 8 functions", 0.6 if rows <= 10**7 else 0.25),
             ("CSV", "losslab-csv", "numpy-csv", "np.loadtxt + 8 functions", 0.5)]
    for kind, ours, theirs, what, limit in pairs:
        if ours not in e2e:
            continue
        o = e2e[ours]
        t = e2e.get(theirs)
        failed = [r for r in (o, t) if r and "error" in r]
        if failed:
            for r in failed:
                print(f"  {r['label']} FAILED: {r['error']}")
                checks.append((f"end to end, {kind}: {r['label']} ran", False, "failed", rows))
            continue
        ratio = o["median_s"] / t["median_s"] if t else None
        body.append([f"{kind}: losslab run vs {what}", f"{o['median_s']:.2f}", f"{t['median_s']:.2f}" if t else "skipped",
                     f"{ratio:.2f}" if ratio is not None else "", f"<= {limit}",
                     f"{o['peak_rss_mb']:.0f}", f"{t['peak_rss_mb']:.0f}" if t else ""])
        if ratio is not None:
            target_rows = 10**8 if (kind == ".npy" and rows > 10**7) else 10**7
            checks.append((f"end to end, {kind}: losslab <= {limit} x NumPy", ratio <= limit, f"{ratio:.2f}",
                           target_rows))
    print(table(["run", "losslab s", "NumPy s", "ratio", "target", "losslab MB", "NumPy MB"], body, md))
    csv = e2e.get("losslab-csv")
    if csv and "error" not in csv:
        per_row = csv["median_s"] / rows * 1e9
        print(f"losslab CSV run: {per_row:.0f} ns per row (3 files of N rows: {per_row / 3:.0f} ns per file row), "
              f"peak RSS {csv['peak_rss_mb']:.0f} MB")
        checks.append((f"CSV at 1e8 rows: peak RSS <= {MB_LIMIT} MB", csv["peak_rss_mb"] <= MB_LIMIT,
                       f"{csv['peak_rss_mb']:.0f} MB", 10**8))
        if args.reference:
            ref = {r["label"]: r for r in read_lines(os.path.join(args.reference, "e2e.jsonl"))}.get("losslab-csv")
            with open(os.path.join(args.reference, "meta.json")) as f:
                ref_rows = json.load(f)["rows"]
            if ref and "error" not in ref:
                ref_per_row = ref["median_s"] / ref_rows * 1e9
                print(f"  at {ref_rows:,} rows: {ref_per_row:.0f} ns per row")
                checks.append((f"CSV time per row at {rows:.0e} <= at {ref_rows:.0e}", per_row <= ref_per_row,
                               f"{per_row:.0f} vs {ref_per_row:.0f} ns", 10**8))

    print()
    print("Targets")
    for what, ok, figure, target_rows in checks:
        print(f"  {'[x]' if ok else '[ ]'} {what}: {figure} -- {verdict(ok, rows, target_rows)}")


if __name__ == "__main__":
    main()
