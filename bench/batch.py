"""Batch benchmark: ``cleanarticle batch`` with one and with several worker processes (issue 7).

The dev corpus is written as JSONL (one record per page: ``id``, ``url`` and one
field holding the chosen rendering or the raw HTML) to a temporary folder, and
``python -m cleanarticle batch`` runs on it as a user would run it, once per
``--jobs`` value and repeat. The wall time includes start-up (imports, rule
compilation in each worker): that is what a user waits for. The table shows the
median time, pages/s, the speed-up over ``--jobs 1`` and whether the output file
equals the single-process one byte for byte (target: >= 1.7x at 2 jobs, identical).

    python bench/batch.py                       # html and article_text, jobs 1 and 2
    python bench/batch.py --inputs html --repeats 5 --jobs 1,2
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import DEFAULT_DATA, progress, table

#: Corpus field -> the batch option naming the JSONL field that holds it.
INPUTS: Final = {
    "html": "--html-field",
    "article_text": "--text-field",
    "page_text": "--text-field",
    "extracted_text": "--text-field",
}
TARGET_SPEEDUP: Final = 1.7

#: input, pages, jobs, median seconds, pages/s, speed-up, same output.
Row = tuple[str, int, int, float, float, float, str]


def write_corpus(data: Path, field: str, out: Path) -> int:
    """Write one JSONL record per page that has ``field``; return the record count."""
    count = 0
    with gzip.open(data, "rt", encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            page = json.loads(line)
            if page.get(field):
                record = {"id": page["id"], "url": page["url"], field: page[field]}
                sink.write(json.dumps(record) + "\n")
                count += 1
    return count


def run_batch(corpus: Path, field: str, jobs: int, out: Path) -> float:
    """Run the batch CLI once; return its wall time in seconds."""
    command = [
        sys.executable, "-m", "cleanarticle", "batch", str(corpus),
        INPUTS[field], field, "--id-field", "id", "--url-field", "url",
        "-o", str(out), "--jobs", str(jobs),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(data: Path, field: str, jobs: Sequence[int], repeats: int, tmp: Path) -> list[Row]:
    corpus = tmp / f"{field}.jsonl"
    pages = write_corpus(data, field, corpus)
    times: dict[int, list[float]] = {j: [] for j in jobs}
    for repeat in range(repeats):
        # Interleaved, so that load on a shared machine hits every setting alike.
        for j in jobs:
            progress(f"{field}: --jobs {j}, run {repeat + 1}/{repeats}")
            times[j].append(run_batch(corpus, field, j, tmp / f"{field}-{j}.jsonl"))
    reference = (tmp / f"{field}-{jobs[0]}.jsonl").read_bytes()
    base = statistics.median(times[jobs[0]])
    rows: list[Row] = []
    for j in jobs:
        median = statistics.median(times[j])
        same = (tmp / f"{field}-{j}.jsonl").read_bytes() == reference
        rows.append(
            (field, pages, j, median, pages / median, base / median, "yes" if same else "NO")
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--inputs", default="html,article_text", help="corpus fields, comma-separated"
    )
    parser.add_argument("--jobs", default="1,2", help="--jobs values; the first is the baseline")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    fields = args.inputs.split(",")
    unknown = [f for f in fields if f not in INPUTS]
    if unknown:
        parser.error(f"unknown input {', '.join(unknown)}; choose from {', '.join(INPUTS)}")
    if not args.data.is_file():
        parser.error(f"no corpus at {args.data} (use --data)")
    jobs = [int(j) for j in args.jobs.split(",")]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="cleanarticle-bench-") as tmp:
        for field in fields:
            rows.extend(measure(args.data, field, jobs, args.repeats, Path(tmp)))
    header = ["input", "pages", "jobs", "median s", "pages/s", "speed-up", "same output"]
    print(table("cleanarticle batch (wall time incl. start-up)", header, rows))
    print(f"target: >= {TARGET_SPEEDUP}x over --jobs {jobs[0]}, output identical")
    met = all(row[5] >= TARGET_SPEEDUP and row[6] == "yes" for row in rows if row[2] != jobs[0])
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
