#!/usr/bin/env python3
"""Times processes (hooks, builds) for bench/runtime.sh (python3 stdlib only).

  spawn_timer.py --runs N [--warmup W] GROUP [::: GROUP]...
      GROUP is  --name NAME [--cwd DIR] [--env K=V]... [--count-file F] [--fresh-dir D]...
                -- CMD [ARG...]

Every group's CMD (an absolute path) is run W times untimed, then N times timed; groups are interleaved
(a1 b1 c1 a2 b2 c2 ...) so a drifting background load hits them alike. Each run is started
with os.posix_spawn from DIR with exactly the --env variables (no shell, no Popen machinery) and reaped with
os.wait4, which gives the CPU time of the process *and* of the tool processes it waited for.
A group with a --count-file gets it as $BENCH_TOOL_COUNT, has it truncated before each run and its lines (one per hook-tool
call, written by bench/runtime/instant_tool.c) counted after; each of its --fresh-dir dirs is
deleted and recreated empty before each run, outside the timed region.

Prints one JSON object: {NAME: {median_ms, min_ms, max_ms, cpu_median_ms, runs, samples_ms,
tools_per_run: [min, max], tools: {tool: calls in the last run}}}. A run that exits non-zero
prints its stderr and makes the script exit 1.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time


def run_once(group, errf):
    """One run; returns (wall_ns, cpu_ns, exit status)."""
    count_file = group.get("count_file")
    if count_file:
        open(count_file, "w").close()
    for d in group.get("fresh_dirs", []):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    errf.seek(0)
    errf.truncate()
    devnull = os.open(os.devnull, os.O_RDWR)
    actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
               (os.POSIX_SPAWN_DUP2, errf.fileno(), 2)]
    os.chdir(group["cwd"])
    t0 = time.perf_counter_ns()
    pid = os.posix_spawn(group["argv"][0], group["argv"], group["env"], file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter_ns() - t0
    os.close(devnull)
    cpu = int((usage.ru_utime + usage.ru_stime) * 1e9)
    return wall, cpu, os.waitstatus_to_exitcode(status)


def tool_calls(group):
    count_file = group.get("count_file")
    if not count_file:
        return None
    with open(count_file) as f:
        return [line.strip() for line in f if line.strip()]


def fail(group, code, errf):
    errf.seek(0)
    err = errf.read().decode(errors="replace")
    print(f"spawn_timer.py: {group['name']} failed (exit {code}): {' '.join(group['argv'])} in {group['cwd']}",
          file=sys.stderr)
    if err:
        print(err.rstrip("\n"), file=sys.stderr)
    sys.exit(1)


def parse_group(argv):
    if "--" not in argv:
        sys.exit("spawn_timer.py: each group needs -- CMD")
    cut = argv.index("--")
    gp = argparse.ArgumentParser(prog="spawn_timer.py GROUP")
    gp.add_argument("--name", required=True)
    gp.add_argument("--cwd", default=os.getcwd())
    gp.add_argument("--env", action="append", default=[])
    gp.add_argument("--count-file")
    gp.add_argument("--fresh-dir", action="append", default=[])
    g = gp.parse_args(argv[:cut])
    cmd = argv[cut + 1:]
    if not cmd or not os.path.isabs(cmd[0]):
        sys.exit(f"spawn_timer.py: group {g.name}: CMD must be an absolute path")
    env = dict(kv.split("=", 1) for kv in g.env)
    if g.count_file:
        env["BENCH_TOOL_COUNT"] = g.count_file
    return {"name": g.name, "cwd": g.cwd, "env": env, "argv": cmd, "count_file": g.count_file,
            "fresh_dirs": g.fresh_dir}


def main():
    argv = sys.argv[1:]
    head = argparse.ArgumentParser(prog="spawn_timer.py")
    head.add_argument("--runs", type=int, required=True)
    head.add_argument("--warmup", type=int, default=1)
    first = next((i for i, a in enumerate(argv) if a == "--name"), len(argv))
    spec = vars(head.parse_args(argv[:first]))
    chunks, cur = [], []
    for a in argv[first:]:
        if a == ":::":
            chunks.append(cur)
            cur = []
        else:
            cur.append(a)
    chunks.append(cur)
    spec["groups"] = [parse_group(c) for c in chunks if c]
    groups = spec["groups"]
    results = {g["name"]: {"wall": [], "cpu": [], "tools": []} for g in groups}
    with tempfile.TemporaryFile() as errf:
        for i in range(spec["warmup"] + spec["runs"]):
            for g in groups:
                wall, cpu, code = run_once(g, errf)
                if code != 0:
                    fail(g, code, errf)
                if i < spec["warmup"]:
                    continue
                r = results[g["name"]]
                r["wall"].append(wall)
                r["cpu"].append(cpu)
                r["tools"].append(tool_calls(g))
    out = {}
    for name, r in results.items():
        ms = [w / 1e6 for w in r["wall"]]
        entry = {
            "runs": len(ms),
            "median_ms": round(statistics.median(ms), 3),
            "min_ms": round(min(ms), 3),
            "max_ms": round(max(ms), 3),
            "cpu_median_ms": round(statistics.median(c / 1e6 for c in r["cpu"]), 3),
            "samples_ms": [round(m, 3) for m in ms],
        }
        if r["tools"][0] is not None:
            counts = [len(t) for t in r["tools"]]
            entry["tools_per_run"] = [min(counts), max(counts)]
            last = {}
            for tool in r["tools"][-1]:
                last[tool] = last.get(tool, 0) + 1
            entry["tools"] = last
        out[name] = entry
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
