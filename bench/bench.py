"""The papers benchmark: cold builds in fresh processes, incremental rebuilds in `papers watch`,
synthetic packs of 100 and 1,000 pages, and the floor (Typst alone compiling the same pack).

Usage (from bench/run): bench.py <papers binary> <typst_alone binary> [runs]

Every cold figure is a new process: start-up, font loading and a cold Typst cache included, what
a user waits for when they run the command once. Incremental figures are the rebuild times
`papers watch` prints (reading, lowering, typesetting, exporting and writing; not the polling
and settling that precede them, at most 100 + 50 ms).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PAPERS = os.path.abspath(sys.argv[1])
TYPST_ALONE = os.path.abspath(sys.argv[2])
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MEETING = "corporate-parenting-panel/2022-05-13"
COVER_REPORT = f"{MEETING}/07-q3-performance-cover.yaml"
COVER_REPORTS = [
    f"{MEETING}/05-terms-of-reference-cover.yaml",
    f"{MEETING}/06-iro-annual-report-cover.yaml",
    COVER_REPORT,
    "corporate-parenting-performance-2020-06/performance-june-2020-cover.yaml",
]
VALUES_CSV = f"{MEETING}/performance/values.csv"
IRO_REPORT = f"{MEETING}/06-iro-annual-report.yaml"


def run_once(command, cwd):
    """Run a command once in a fresh process; return (seconds, peak resident memory in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def cold(command, cwd, runs=RUNS):
    """Median seconds and peak MiB of `command` over fresh processes, each into a new folder."""
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            elapsed, peak = run_once([part.replace("{out}", out) for part in command], cwd)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


# Sentences for synthetic reports: council prose, varied so that layout is not one paragraph
# repeated.
WORDS = (
    "the panel noted that performance against the indicator had improved during the quarter "
    "while placements outside the borough remained a concern for members and officers who asked "
    "for a further report on sufficiency stability education health and the voice of children "
    "in care including care leavers aged eighteen to twenty five in suitable accommodation"
).split()


def sentence(seed, length):
    words = [WORDS[(seed * 7 + index * 13) % len(WORDS)] for index in range(length)]
    return " ".join(words).capitalize() + "."


def synthetic_meeting(folder, pages):
    """A meeting whose pack has about `pages` pages: reports of about ten pages each."""
    reports = max(1, pages // 10)
    os.makedirs(os.path.join(folder, "meeting"), exist_ok=True)
    shutil.copy(
        os.path.join(ROOT, "content/corporate-parenting-panel/committee.yaml"),
        os.path.join(folder, "committee.yaml"),
    )
    items = []
    for report in range(reports):
        name = f"report-{report + 1:03}.yaml"
        lines = [
            "kind: long-report",
            f"title: Synthetic report {report + 1}",
            "sections:",
        ]
        for section in range(6):
            lines.append(f"  - title: Section {section + 1} of report {report + 1}")
            lines.append("    body:")
            for paragraph in range(5):
                seed = report * 1000 + section * 10 + paragraph
                text = " ".join(sentence(seed + k, 18 + (seed + k) % 9) for k in range(5))
                lines.append(f"      - {text}")
            lines.append("      - |-")
            for bullet in range(4):
                lines.append(f"        - {sentence(report + section + bullet, 12)}")
        with open(os.path.join(folder, "meeting", name), "w") as file:
            file.write("\n".join(lines) + "\n")
        items.append(f"  - title: Synthetic report {report + 1}\n    report: {name}")
    meeting = (
        "kind: meeting\ncommittee: ../committee.yaml\ndate: 2022-05-13\ntime: 1.00 p.m.\n"
        "chief_executive: Sharon Kemp\nitems:\n" + "\n".join(items) + "\n"
    )
    with open(os.path.join(folder, "meeting", "meeting.yaml"), "w") as file:
        file.write(meeting)
    return os.path.join(folder, "meeting")


def pack_pages(folder):
    for dirpath, _, files in os.walk(folder):
        if "agenda-pack.pdf" in files and "private" not in dirpath:
            info = subprocess.run(
                ["pdfinfo", os.path.join(dirpath, "agenda-pack.pdf")],
                capture_output=True,
                text=True,
            ).stdout
            return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return 0


class Watcher:
    """A running `papers watch` whose rebuild lines can be awaited."""

    def __init__(self, content, out, root):
        self.process = subprocess.Popen(
            [PAPERS, "watch", content, "--root", root, "--out", out, "--poll", "20"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.line()

    def line(self):
        text = self.process.stdout.readline()
        if not text:
            sys.exit("papers watch stopped")
        return text.strip()

    def rebuild_after(self, edit):
        """Apply `edit`, wait for the rebuild; return the milliseconds it reports."""
        edit()
        line = self.line()
        match = re.search(r"built in (\d+) ms", line)
        if not match:
            sys.exit(f"unexpected rebuild line: {line}")
        return int(match.group(1)) / 1000

    def stop(self):
        """Ctrl-C; return the peak resident memory of the process in MiB."""
        with open(f"/proc/{self.process.pid}/status") as status:
            peak = int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1)) / 1024
        self.process.send_signal(2)
        self.process.wait(timeout=10)
        return peak


def replace_in(path, old, new):
    with open(path) as file:
        text = file.read()
    if old not in text:
        sys.exit(f"{old!r} not in {path}")
    with open(path, "w") as file:
        file.write(text.replace(old, new, 1))


def incremental(work):
    """Median rebuild seconds after a one-cell CSV change and a one-word text change."""
    content = os.path.join(work, "content")
    watcher = Watcher(os.path.join(content, MEETING), os.path.join(work, "watch-out"), content)
    csv = os.path.join(content, VALUES_CSV)
    report = os.path.join(content, IRO_REPORT)
    cell, words = [], []
    for run in range(RUNS):
        # December's children looked after, 574, and back: a figure in the cover report, the data
        # report's table and chart, and so the pack and two Word files.
        old, new = ("3.1,615,,,568,567,564,574,", "3.1,615,,,568,567,564,575,")
        if run % 2:
            old, new = new, old
        cell.append(watcher.rebuild_after(lambda: replace_in(csv, old, new)))
        old, new = ("a challenging year", "a demanding year")
        if run % 2:
            old, new = new, old
        words.append(watcher.rebuild_after(lambda: replace_in(report, old, new)))
        time.sleep(0.05)
    peak = watcher.stop()
    return statistics.median(cell), statistics.median(words), peak


def row(name, seconds, peak=None, note=""):
    memory = f"{peak:>7.0f} MiB" if peak is not None else " " * 11
    print(f"{name:<50} {seconds * 1000:>7.0f} ms {memory}  {note}")


def verdict(ok):
    return "met" if ok else "MISSED"


def main():
    print(f"papers benchmark: median of {RUNS} runs each, on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
        content = os.path.join(work, "content")

        # The floor: the pack's own Typst project, compiled and exported by Typst alone.
        emitted = os.path.join(work, "typst")
        subprocess.run(
            [PAPERS, "build", MEETING, "--out", os.path.join(work, "emit-out"), "--format", "pdf",
             "--emit-typst", emitted],
            cwd=content, check=True, capture_output=True,
        )
        project = os.path.join(emitted, "corporate-parenting-panel-2022-05-13", "agenda-pack")
        pages = pack_pages(os.path.join(work, "emit-out"))

        meeting, meeting_peak = cold([PAPERS, "build", MEETING, "--out", "{out}"], content)
        floor, floor_peak = cold([TYPST_ALONE, project, "{out}/pack.pdf"], content)
        pdf_only, _ = cold([PAPERS, "build", MEETING, "--out", "{out}", "--format", "pdf"], content)
        cover, cover_peak = cold([PAPERS, "build", COVER_REPORT, "--out", "{out}"], content)
        covers, covers_peak = cold([PAPERS, "build", *COVER_REPORTS, "--out", "{out}"], content)
        check, check_peak = cold([PAPERS, "check", MEETING], content)
        cell, word, watch_peak = incremental(work)

        synthetic = {}
        for target in (100, 1000):
            folder = synthetic_meeting(os.path.join(work, f"synthetic-{target}"), target)
            runs = RUNS if target == 100 else max(3, RUNS // 3)
            seconds, peak = cold([PAPERS, "build", folder, "--out", "{out}"], work, runs)
            with tempfile.TemporaryDirectory() as out:
                subprocess.run([PAPERS, "build", folder, "--out", out], cwd=work, check=True,
                               capture_output=True)
                synthetic[target] = (seconds, peak, pack_pages(out))

    print(f"{'scenario':<50} {'median':>10} {'peak':>11}")
    row(f"example meeting, cold, all outputs ({pages}-page pack)", meeting, meeting_peak)
    row("example meeting, cold, PDFs only", pdf_only)
    row("floor: Typst alone, the same pack, cold", floor, floor_peak)
    row("one cover report, cold, PDF + DOCX", cover, cover_peak)
    row("four cover reports, cold, PDF + DOCX", covers, covers_peak)
    row("check the example meeting", check, check_peak)
    row("watch: rebuild after a one-cell CSV change", cell, None)
    row("watch: rebuild after a one-word text change", word, watch_peak, "(peak of the watch process)")
    for target, (seconds, peak, count) in synthetic.items():
        row(f"synthetic meeting, cold, all outputs ({count}-page pack)", seconds, peak)

    small, large = synthetic[100], synthetic[1000]
    growth = large[0] / small[0]
    print()
    print("targets")
    print(f"  four cover reports cold under 0.3 s:        {covers:.2f} s  {verdict(covers < 0.3)}")
    print(f"  example pack cold under 1 s:                {meeting:.2f} s  {verdict(meeting < 1)}")
    print(f"  within 1.25x of the floor:                  {meeting / floor:.2f}x  "
          f"{verdict(meeting <= 1.25 * floor)} (PDFs only: {pdf_only / floor:.2f}x)")
    print(f"  incremental rebuild under 0.25 s:           {max(cell, word):.3f} s  "
          f"{verdict(max(cell, word) < 0.25)}")
    peak = max(meeting_peak, watch_peak)
    print(f"  peak memory under 300 MB:                   {peak * 1.048576:.0f} MB  "
          f"{verdict(peak * 1.048576 < 300)}")
    print(f"  {large[2]}-page pack within 12x the {small[2]}-page:  {growth:.1f}x  "
          f"{verdict(growth <= 12)}")


if __name__ == "__main__":
    main()
