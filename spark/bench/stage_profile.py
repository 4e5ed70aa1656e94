"""Where a Spark run spent its time, from its event log (what the Spark UI shows, as text).

    .venv/bin/python spark/bench/stage_profile.py <event-log-file>

Prints, per SQL execution (one per action: count, collect, write), its wall time and the
stages under it with their wall time, task count, summed task time and task CPU time (under
load the two differ: task time includes waiting for a core), GC time, bytes read from files,
shuffle written/read, spill and cache (persisted) memory, so the stage timeline of a bench run
can be read and compared without a browser.
"""
import argparse
import collections
import json
import sys


def _mb(n):
    return f"{n / 1e6:8.1f}"


def load(path):
    stages, executions, stage_sql = {}, {}, {}
    job_sql = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                continue    # the last line of a run still in progress may be cut short
            kind = e["Event"]
            if kind.endswith("SQLExecutionStart"):
                executions[e["executionId"]] = {"desc": e.get("description", ""),
                                                "start": e["time"], "end": None}
            elif kind.endswith("SQLExecutionEnd"):
                executions[e["executionId"]]["end"] = e["time"]
            elif kind == "SparkListenerJobStart":
                sql = e.get("Properties", {}).get("spark.sql.execution.id")
                for sid in e["Stage IDs"]:
                    stage_sql[sid] = int(sql) if sql is not None else None
                job_sql[e["Job ID"]] = sql
            elif kind == "SparkListenerTaskEnd":
                m = e.get("Task Metrics") or {}
                s = stages.setdefault(e["Stage ID"], collections.Counter())
                s["tasks"] += 1
                s["task_ms"] += m.get("Executor Run Time", 0)
                s["cpu_ns"] += m.get("Executor CPU Time", 0)
                s["gc_ms"] += m.get("JVM GC Time", 0)
                s["input"] += m.get("Input Metrics", {}).get("Bytes Read", 0)
                s["shuffle_w"] += m.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                r = m.get("Shuffle Read Metrics", {})
                s["shuffle_r"] += r.get("Remote Bytes Read", 0) + r.get("Local Bytes Read", 0)
                s["spill"] += m.get("Disk Bytes Spilled", 0)
                s["output"] += m.get("Output Metrics", {}).get("Bytes Written", 0)
                s["records_in"] += m.get("Input Metrics", {}).get("Records Read", 0)
            elif kind == "SparkListenerStageCompleted":
                info = e["Stage Info"]
                s = stages.setdefault(info["Stage ID"], collections.Counter())
                s["wall_ms"] = info.get("Completion Time", 0) - info.get("Submission Time", 0)
                s["name"] = info["Stage Name"]
                s["cached_rdds"] = sum(1 for r in info.get("RDD Info", [])
                                       if r.get("Storage Level", {}).get("Use Memory"))
    return stages, executions, stage_sql


def report(path, out=sys.stdout):
    stages, executions, stage_sql = load(path)
    by_sql = collections.defaultdict(list)
    for sid, sql in stage_sql.items():
        if sid in stages and "wall_ms" in stages[sid]:
            by_sql[sql].append(sid)
    total = sum(s.get("wall_ms", 0) for s in stages.values())
    cpu = sum(s.get("cpu_ns", 0) for s in stages.values())
    print(f"{len(stages)} stages, summed stage wall time {total / 1000:.1f}s, "
          f"task CPU time {cpu / 1e9:.1f}s", file=out)
    print(f"{'stage':>5} {'wall s':>7} {'tasks':>5} {'task s':>7} {'cpu s':>6} {'gc s':>5} {'in MB':>8} "
          f"{'shufW MB':>8} {'shufR MB':>8} {'spill MB':>8} {'out MB':>8}  name", file=out)
    for sql in sorted(by_sql, key=lambda k: -1 if k is None else k):
        ex = executions.get(sql, {})
        wall = (ex["end"] - ex["start"]) / 1000 if ex.get("end") else float("nan")
        print(f"-- SQL {sql}: {wall:.1f}s  {ex.get('desc', '')[:90]}", file=out)
        for sid in sorted(by_sql[sql]):
            s = stages[sid]
            print(f"{sid:>5} {s['wall_ms'] / 1000:7.1f} {s['tasks']:>5} {s['task_ms'] / 1000:7.1f} "
                  f"{s['cpu_ns'] / 1e9:6.1f} {s['gc_ms'] / 1000:5.1f} {_mb(s['input'])} {_mb(s['shuffle_w'])} "
                  f"{_mb(s['shuffle_r'])} {_mb(s['spill'])} {_mb(s['output'])}  "
                  f"{s['name'][:60]}", file=out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event_log")
    args = parser.parse_args(argv)
    report(args.event_log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
