#!/usr/bin/env python3
"""End to end, as a user would script it: load the benchmark files and print the tutorial's eight losses.

    python3 bench/numpy_e2e.py DIR [--csv]

Loads DIR's .npy files with np.load (or, with --csv, its CSV files with np.loadtxt) and calls the tutorial's eight
functions (bench/numpy_losses.py) on them. bench/run.sh times this whole process against `losslab run`.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_losses  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--csv", action="store_true", help="read the CSV files with np.loadtxt instead of the .npy")
    args = parser.parse_args()
    data = (numpy_losses.load_csv if args.csv else numpy_losses.load_npy)(args.directory)
    for name, kind, call in numpy_losses.TUTORIAL:
        p, y = data[kind]
        print(f"{name}: {call(p, y)}")


if __name__ == "__main__":
    main()
