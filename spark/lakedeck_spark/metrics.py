"""Structured output: one JSON object per line, prefixed so a caller can grep it from the logs."""
import json
import sys

PREFIX = "LAKEDECK_METRIC "


def emit(job, stream=None, **fields):
    """Print one metric line; `job` first so lines are easy to read by eye too."""
    record = {"job": job}
    record.update(fields)
    out = stream if stream is not None else sys.stdout
    out.write(PREFIX + json.dumps(record, ensure_ascii=False, default=str) + "\n")
    out.flush()
    return record


def parse_lines(text):
    """Inverse of emit over a whole log: the list of metric records, in order."""
    records = []
    for line in text.splitlines():
        if line.startswith(PREFIX):
            records.append(json.loads(line[len(PREFIX):]))
    return records


def warn(job, message):
    """Human-readable warning on stderr, kept out of the metric stream."""
    sys.stderr.write(f"lakedeck {job}: warning: {message}\n")
    sys.stderr.flush()
