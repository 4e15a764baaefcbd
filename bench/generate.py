#!/usr/bin/env python3
"""Writes the benchmark data: float32 .npy pairs and the same values as CSV, for three kinds of labels.

    python3 bench/generate.py DIR [--rows N] [--seed S]

For each kind, DIR gets KIND-predictions.npy and KIND-labels.npy (float32, shape (N,)) and KIND.csv (header
"prediction,label", one row per element):

    regression  labels 3*N(0,1); predictions = label + N(0,1), 1 % of them with 10*N(0,1) noise instead
                (outliers, kept below |p - y| = 89, where the tutorial's logcosh overflows float32's np.cosh)
    binary      labels 0/1 (30 % ones); predictions sigmoid(+-1.5 + 1.5*N(0,1)) in [1e-6, 1 - 1e-6]
    sign        labels -1/+1; predictions 0.5*label + N(0,1)

Every value is rounded to a fixed number of decimals first (7 for real values, 8 for probabilities: float32's own
precision), so that the CSV text is exact and both files hold the same data: the .npy value is the float32 nearest to
the CSV's decimal, which is what np.loadtxt(dtype=float32) reads back. The CSV is written with vectorised NumPy (a
byte matrix of digits, then the leading zeros masked out): np.savetxt would take minutes at 1e8 rows. At 1e8 rows
the regression CSV is 2.1 GB, the other two 1.3 GB each.
"""
import argparse
import os
import sys

import numpy as np

CHUNK = 1_000_000


def decimal_column(k, decimals, int_digits):
    """Bytes of the numbers k / 10**decimals (k an int64 array) as an (n, width) matrix and a keep-mask."""
    n = k.shape[0]
    negative = k < 0
    a = np.abs(k)
    scale = 10 ** decimals
    ip, fp = np.divmod(a, scale)
    if ip.size and ip.max() >= 10 ** int_digits:
        raise ValueError(f"a value needs more than {int_digits} integer digits")
    width = 1 + int_digits + (1 + decimals if decimals else 0)
    out = np.empty((n, width), dtype=np.uint8)
    keep = np.ones((n, width), dtype=bool)
    out[:, 0] = ord("-")
    keep[:, 0] = negative
    for j in range(int_digits):
        power = 10 ** (int_digits - 1 - j)
        out[:, 1 + j] = 48 + (ip // power) % 10
        if power > 1:
            keep[:, 1 + j] = ip >= power  # no leading zeros; the units digit always stays
    if decimals:
        out[:, 1 + int_digits] = ord(".")
        for j in range(decimals):
            out[:, 2 + int_digits + j] = 48 + (fp // 10 ** (decimals - 1 - j)) % 10
    return out, keep


def write_csv(path, columns, header):
    """columns: [(k int64 array, decimals, int_digits), ...]; rows joined by ',' and ended by '\\n'."""
    n = columns[0][0].shape[0]
    with open(path, "wb") as f:
        f.write((header + "\n").encode())
        for start in range(0, n, CHUNK):
            stop = min(n, start + CHUNK)
            parts, masks = [], []
            for i, (k, decimals, int_digits) in enumerate(columns):
                out, keep = decimal_column(k[start:stop], decimals, int_digits)
                separator = np.full((stop - start, 1), ord("\n" if i == len(columns) - 1 else ","), dtype=np.uint8)
                parts += [out, separator]
                masks += [keep, np.ones((stop - start, 1), dtype=bool)]
            f.write(np.hstack(parts)[np.hstack(masks)].tobytes())


def quantize(values, decimals, limit):
    return np.rint(np.clip(values, -limit, limit) * 10.0 ** decimals).astype(np.int64)


def kinds(rows, seed):
    """(name, predictions as (k, decimals, int digits), labels as (k, decimals, int digits)) per kind."""
    rng = np.random.default_rng([seed, 0])
    y = rng.standard_normal(rows) * 3
    noise = rng.standard_normal(rows)
    outliers = rng.random(rows) < 0.01
    noise[outliers] *= 10
    yield "regression", (quantize(y + noise, 7, 999), 7, 3), (quantize(y, 7, 999), 7, 3)
    del y, noise, outliers

    rng = np.random.default_rng([seed, 1])
    y = (rng.random(rows) < 0.3).astype(np.int64)
    logit = (2 * y - 1) * 1.5 + 1.5 * rng.standard_normal(rows)
    p = np.clip(1 / (1 + np.exp(-logit)), 1e-6, 1 - 1e-6)
    yield "binary", (quantize(p, 8, 1), 8, 1), (y, 0, 1)
    del y, logit, p

    rng = np.random.default_rng([seed, 2])
    y = np.where(rng.random(rows) < 0.5, 1, -1).astype(np.int64)
    p = 0.5 * y + rng.standard_normal(rows)
    yield "sign", (quantize(p, 7, 99), 7, 2), (y, 0, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--rows", type=float, default=1e7, help="N, rows per kind (default 1e7)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rows = int(args.rows)
    os.makedirs(args.directory, exist_ok=True)
    for name, predictions, labels in kinds(rows, args.seed):
        base = os.path.join(args.directory, name)
        for suffix, (k, decimals, _) in (("predictions", predictions), ("labels", labels)):
            np.save(f"{base}-{suffix}.npy", (k / 10.0 ** decimals).astype(np.float32))
        write_csv(base + ".csv", [predictions, labels], "prediction,label")
        print(f"generate: {base}.csv and {name}-{{predictions,labels}}.npy, {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
