"""Time `papers` scenarios in fresh processes: median wall time and peak memory (max RSS).

Each run is a new process, so every figure includes start-up, font loading and a cold Typst
cache: what a user waits for when they run the command once.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 10

COVER_REPORTS = [
    "content/corporate-parenting-panel/2022-05-13/05-terms-of-reference-cover.yaml",
    "content/corporate-parenting-panel/2022-05-13/06-iro-annual-report-cover.yaml",
    "content/corporate-parenting-panel/2022-05-13/07-q3-performance-cover.yaml",
    "content/corporate-parenting-performance-2020-06/performance-june-2020-cover.yaml",
]

MEETING = "content/corporate-parenting-panel/2022-05-13"

SCENARIOS = [
    ("example meeting: packs, items, DOCX", ["build", MEETING]),
    ("four cover reports, PDF + DOCX", ["build", *COVER_REPORTS]),
    ("one cover report, PDF + DOCX", ["build", COVER_REPORTS[2]]),
    ("check the four cover reports", ["check", *COVER_REPORTS]),
]


def run_once(args, out_dir):
    """Run the binary once; return (seconds, peak resident memory in MiB)."""
    command = [BINARY, *args]
    if args[0] == "build":
        command += ["--out", out_dir]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    # ru_maxrss is in KiB on Linux.
    return elapsed, usage.ru_maxrss / 1024


def main():
    print(f"papers benchmark: {RUNS} runs per scenario, fresh process each run")
    print(f"{'scenario':<38} {'median':>9} {'min':>9} {'max':>9} {'peak RSS':>10}")
    for name, args in SCENARIOS:
        times, peaks = [], []
        for _ in range(RUNS):
            # A new output folder each run, so every file is really written.
            with tempfile.TemporaryDirectory() as out_dir:
                elapsed, peak = run_once(args, out_dir)
            times.append(elapsed)
            peaks.append(peak)
        print(
            f"{name:<38} {statistics.median(times) * 1000:>7.0f}ms {min(times) * 1000:>7.0f}ms "
            f"{max(times) * 1000:>7.0f}ms {max(peaks):>7.1f}MiB"
        )


if __name__ == "__main__":
    main()
