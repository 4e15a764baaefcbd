#!/usr/bin/env bash
# losslab against the tutorial's NumPy functions, on the same generated data, in one run.
#
#   bench/run.sh [--rows N] [--quick] [--threads T] [--runs K] [--repeats K] [--no-numpy-csv] [--no-build]
#
#   --rows N        rows per file (default 1e7; 1e8 works, with about 7 GB of data files)
#   --quick         1e6 rows and fewer repetitions: a smoke run in about a minute
#   --threads T     threads for losslab's kernels (default 2)
#   --runs K        end-to-end runs per command, after one warm-up (default 3)
#   --repeats K     in-memory calls per loss (default 10 for losslab, 5 for NumPy)
#   --jvms K        JVMs per loss for losslab in memory, the median of them reported (default 3: one JVM runs the
#                   memory-bound losses at one of two speeds, about 1.4 or 1.9 ms at 1e7, for its whole life)
#   --no-numpy-csv  skip np.loadtxt (default above 1e7 rows, where it takes minutes per run)
#   --no-build      use the jars as they are
#
# Steps: build the runner and the benchmarks jar if a source is newer; generate data (bench/generate.py) into
# $BENCH_DATA/N (default bench/data/N) unless it is there; then (a) in memory, per loss: NumPy on the loaded arrays
# (bench/numpy_inmemory.py) and losslab's value() (InMemoryHarness in benchmarks.jar), with the two-array sum as the
# bandwidth reference; (b) end to end: `losslab run` on the .npy and the CSV experiments against
# bench/numpy_e2e.py (np.load / np.loadtxt and the eight functions); (c) the losslab CSV run's peak RSS.
# Results go to bench/results/N; bench/report.py prints the table at the end.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
rows=1e7
threads=2
runs=3
java_repeats=10
numpy_repeats=5
java_warmup=5
java_jvms=3
numpy_csv=auto
build=yes

while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --quick) rows=1e6; java_repeats=5; numpy_repeats=3; java_warmup=3; java_jvms=1; shift ;;
    --threads) threads="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --repeats) java_repeats="$2"; numpy_repeats="$2"; shift 2 ;;
    --jvms) java_jvms="$2"; shift 2 ;;
    --no-numpy-csv) numpy_csv=no; shift ;;
    --no-build) build=no; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

n="$(python3 -c "import sys; print(int(float(sys.argv[1])))" "$rows")"
if [ "$numpy_csv" = auto ]; then
  numpy_csv=$([ "$n" -le 10000000 ] && echo yes || echo no)
fi
data="${BENCH_DATA:-$bench/data}/$n"
results="$bench/results/$n"
losslab_jar="$root/runner/target/losslab.jar"
bench_jar="$root/benchmarks/target/benchmarks.jar"
log="$results/run.log"

say() { printf '\n== %s\n' "$*" >&2; }

# 1. Build. One reactor build for both jars, from the working tree (-am), so the harness and the runner see the same
#    losses; only when a jar is missing or a pom or main source is newer than it, as ./losslab decides.
stale() {
  [ ! -f "$1" ] && return 0
  [ -n "$(find "$root" \( -path "$root/examples" -o -path "$root/bench" -o -name target \) -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit 2>/dev/null)" ]
}
if [ "$build" = yes ] && { stale "$losslab_jar" || stale "$bench_jar"; }; then
  say "building the runner and benchmarks.jar"
  build_log="$(mktemp "${TMPDIR:-/tmp}/losslab-bench-build.XXXXXX")"
  if ! (cd "$root" && mvn -B -o -DskipTests -pl runner,benchmarks -am package >"$build_log" 2>&1 \
        || mvn -B -DskipTests -pl runner,benchmarks -am package >>"$build_log" 2>&1); then
    tail -n 40 "$build_log" >&2
    echo "bench/run.sh: the build failed; the whole log is in $build_log" >&2
    exit 2
  fi
  rm -f "$build_log"
fi
for jar in "$losslab_jar" "$bench_jar"; do
  [ -f "$jar" ] || { echo "bench/run.sh: $jar is missing (run without --no-build)" >&2; exit 2; }
done

# 2. Data, generated once per N (again when generate.py changes).
stamp="$data/.generated"
if [ ! -f "$stamp" ] || [ "$bench/generate.py" -nt "$stamp" ]; then
  say "generating $n rows into $data"
  python3 "$bench/generate.py" "$data" --rows "$n"
  touch "$stamp"
fi
cp "$bench/tutorial-npy.yaml" "$bench/tutorial-csv.yaml" "$data/"

rm -rf "$results"
mkdir -p "$results"
python3 - "$results/meta.json" "$n" "$threads" "$runs" "$java_repeats" "$numpy_repeats" "$java_warmup" \
    "$root" "$java_jvms" <<'PY'
import json, os, subprocess, sys, datetime
import numpy
out, n, threads, runs, jr, nr, jw, root, jvms = sys.argv[1:]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
git = lambda *a: subprocess.run(["git", "-C", root, *a], capture_output=True, text=True).stdout.strip()
commit = git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if git("status", "--porcelain") else "")
json.dump({"rows": int(n), "threads": int(threads), "e2e_runs": int(runs), "e2e_warmup": 1,
           "java_repeats": int(jr), "numpy_repeats": int(nr), "java_warmup": int(jw), "java_jvms": int(jvms),
           "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "cpu": cpu,
           "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024), "java": java[1] if len(java) > 1 else java[0],
           "numpy": numpy.__version__, "commit": commit, "load_average": os.getloadavg()[0]},
          open(out, "w"), indent=1)
PY

# 3a. In memory: the same .npy arrays, loaded once per process.
say "in memory: NumPy ($numpy_repeats calls per loss)"
python3 "$bench/numpy_inmemory.py" "$data" --repeats "$numpy_repeats" > "$results/numpy-inmemory.jsonl" 2>>"$log"
# Informational, not a target: NumPy's temporaries are fresh mmap'd memory on every call by default (glibc returns
# blocks this large to the system), and page faults are slow on some machines (VMs). With these settings malloc keeps
# the memory, which shows how much of NumPy's time is the allocator's.
say "in memory: NumPy again, with malloc keeping freed memory"
MALLOC_MMAP_THRESHOLD_=1000000000 MALLOC_TRIM_THRESHOLD_=1000000000 \
    python3 "$bench/numpy_inmemory.py" "$data" --repeats "$numpy_repeats" > "$results/numpy-inmemory-kept.jsonl" \
    2>>"$log"
say "in memory: losslab value(), $threads thread(s) ($java_repeats calls per loss, $java_jvms JVM(s) per loss)"
# The JVMs take turns (each loss once, then each again), so that a slow spell of the machine does not fall on the
# JVMs of one loss only.
for _ in $(seq "$java_jvms"); do
  for name in l1_loss mean_bias_error huber_loss logcosh wce_loss balanced_ce_loss focal_loss hinge_loss mse \
      two_array_sum; do
    # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
    java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages ${BENCH_JAVA_OPTS:-} -cp "$bench_jar" \
        org.losslab.benchmarks.InMemoryHarness --data "$data" --only "$name" --threads "$threads" \
        --warmup "$java_warmup" --repeats "$java_repeats" >> "$results/losslab-inmemory.jsonl" 2>>"$log"
  done
done

# 3b, 3c. End to end, through ./losslab as a user runs it (its JVM options and class-data archive), with
#    LOSSLAB_NO_BUILD=1 so that a source changed during the benchmark cannot start a build inside a timed run.
e2e() {
  local label="$1"; shift
  say "end to end: $label"
  python3 "$bench/timing.py" --label "$label" --runs "$runs" --warmup 1 --log "$log" --out "$results/e2e.jsonl" -- "$@"
}
# shellcheck disable=SC2086
e2e losslab-npy env LOSSLAB_NO_BUILD=1 "$root/losslab" run "$data/tutorial-npy.yaml"
e2e numpy-npy python3 "$bench/numpy_e2e.py" "$data"
# shellcheck disable=SC2086
e2e losslab-csv env LOSSLAB_NO_BUILD=1 "$root/losslab" run "$data/tutorial-csv.yaml"
if [ "$numpy_csv" = yes ]; then
  e2e numpy-csv python3 "$bench/numpy_e2e.py" "$data" --csv
fi

reference=()
if [ "$n" -gt 10000000 ] && [ -f "$bench/results/10000000/e2e.jsonl" ]; then
  reference=(--reference "$bench/results/10000000")
fi
echo >&2
python3 "$bench/report.py" "$results" "${reference[@]}" | tee "$results/report.txt"
