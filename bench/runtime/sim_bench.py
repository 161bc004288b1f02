#!/usr/bin/env python3
"""The measuring half of bench/sim.sh (python3 stdlib only).

  sim_bench.py --from-json FILE     the table of a document an earlier --format json run printed
  sim_bench.py --sim CHARM_SIM --server DIR --client DIR --work DIR --runs R
               --tool-calls N --baseline TOOL [--format table|json] [--quick] [--loadavg L]

(a) Simulator overhead of a small deployment, R times, each in a fresh model:
      charm-sim deploy SERVER -n 3;  charm-sim deploy CLIENT;  charm-sim relate bench-client bench-server
    overhead = wall time of the three commands - the seconds the hooks took (model.json
    history[].seconds, which the simulator measures from spawn to exit of each hook).
(b) Hook-tool calls from inside a hook: the server's tool-bench action calls config-get,
    relation-get and, as the baseline, an instant tool (TOOL: process spawn cost) N times each,
    interleaved, and reports min/median/p90 per tool.

Exit status 1 when a simulator command or a hook fails (its output is printed).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

TARGETS = {"tool_call_median_ms": 2.0, "deploy_overhead_s": 1.0}


def run_timed(argv):
    """(wall seconds, stdout); exits with the command's output when it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(f"sim_bench.py: failed (exit {proc.returncode}): {' '.join(argv)}\n")
        sys.stderr.write(out.decode(errors="replace") + err.decode(errors="replace"))
        sys.exit(1)
    return wall, out.decode(errors="replace")


def history(model_dir):
    with open(os.path.join(model_dir, "model.json")) as f:
        return json.load(f).get("history", [])


def deploy_once(a, model_dir):
    sim = [a.sim, "-q", "-m", model_dir]
    steps = [
        ("deploy server -n 3", sim + ["deploy", a.server, "bench-server", "-n", "3"]),
        ("deploy client", sim + ["deploy", a.client, "bench-client"]),
        ("relate", sim + ["relate", "bench-client", "bench-server"]),
    ]
    walls, seen = {}, 0
    hook_seconds = {}
    for name, argv in steps:
        wall, _ = run_timed(argv)
        h = history(model_dir)
        walls[name] = wall
        hook_seconds[name] = sum(x.get("seconds", 0.0) for x in h[seen:])
        failed = [x for x in h[seen:] if x.get("exit-code", 0) != 0]
        if failed:
            sys.exit(f"sim_bench.py: hooks failed during '{name}': {failed}")
        seen = len(h)
    total_wall = sum(walls.values())
    total_hooks = sum(hook_seconds.values())
    return {
        "wall_s": round(total_wall, 4),
        "hooks_s": round(total_hooks, 4),
        "overhead_s": round(total_wall - total_hooks, 4),
        "hooks": seen,
        "steps": {n: {"wall_s": round(walls[n], 4), "hooks_s": round(hook_seconds[n], 4),
                      "overhead_s": round(walls[n] - hook_seconds[n], 4)} for n in walls},
    }


def client_status(a, model_dir):
    _, out = run_timed([a.sim, "-q", "-m", model_dir, "status", "--format", "json"])
    doc = json.loads(out)
    unit = doc["applications"]["bench-client"]["units"]["bench-client/0"]
    return unit["workload-status"]["current"], unit["workload-status"].get("message", "")


def find_results(doc):
    """The tool-bench results wherever `charm-sim run --format json` puts them."""
    if isinstance(doc, dict):
        if "config-get" in doc and isinstance(doc["config-get"], dict):
            return doc
        for v in doc.values():
            r = find_results(v)
            if r:
                return r
    return None


def tool_bench(a, model_dir):
    _, out = run_timed([a.sim, "-q", "-m", model_dir, "run", "bench-server/0", "tool-bench",
                        f"calls={a.tool_calls}", f"baseline={a.baseline}", "--format", "json"])
    results = find_results(json.loads(out))
    if not results:
        sys.exit(f"sim_bench.py: no tool-bench results in: {out}")
    return {tool: {k.replace("-us", "_ms"): (int(v) / 1000.0 if k.endswith("-us") else int(v))
                   for k, v in r.items()} for tool, r in results.items() if isinstance(r, dict)}


def measure(a):
    runs = []
    last_model = None
    for i in range(a.runs):
        model = os.path.join(a.work, f"model-{i}")
        shutil.rmtree(model, ignore_errors=True)
        print(f"[bench]   deploy run {i + 1}/{a.runs}", file=sys.stderr)
        runs.append(deploy_once(a, model))
        if last_model:
            shutil.rmtree(last_model, ignore_errors=True)
        last_model = model
    status = client_status(a, last_model)
    print(f"[bench]   tool-bench action: {a.tool_calls} calls per tool", file=sys.stderr)
    tools = tool_bench(a, last_model)
    med = lambda key: round(statistics.median(r[key] for r in runs), 4)
    doc = {
        "sim": a.sim,
        "quick": a.quick,
        "host": {"cpus": os.cpu_count(), "kernel": platform.release(), "loadavg_before": float(a.loadavg)},
        "targets": TARGETS,
        "deploy": {"runs": runs, "median_wall_s": med("wall_s"), "median_hooks_s": med("hooks_s"),
                   "median_overhead_s": med("overhead_s"), "hooks_per_run": runs[0]["hooks"],
                   "client_status": list(status)},
        "tool_calls": tools,
    }
    missed = []
    for tool in ("config-get", "relation-get"):
        if tool in tools and tools[tool]["median_ms"] > TARGETS["tool_call_median_ms"]:
            missed.append(f"{tool} from a hook: median {tools[tool]['median_ms']} ms > {TARGETS['tool_call_median_ms']} ms")
    if "relation-get" not in tools:
        missed.append("relation-get not measured (the server saw no related unit)")
    if doc["deploy"]["median_overhead_s"] > TARGETS["deploy_overhead_s"]:
        missed.append(f"deploy 3 units + relate: overhead {doc['deploy']['median_overhead_s']} s > {TARGETS['deploy_overhead_s']} s")
    doc["missed"] = missed
    doc["all_targets_met"] = not missed
    return doc


def table(doc):
    d, t = doc["deploy"], TARGETS
    lines = [f"charm-sim benchmark: {doc['sim']}",
             f"host: {doc['host']['cpus']} cpus, kernel {doc['host']['kernel']}, load avg before run "
             f"{doc['host']['loadavg_before']}{' (--quick: few runs, indicative only)' if doc['quick'] else ''}",
             "",
             f"(a) deploy bench-server -n 3, deploy bench-client, relate: {len(d['runs'])} runs, "
             f"{d['hooks_per_run']} hooks each; client ends {d['client_status'][0]} ({d['client_status'][1]})",
             f"{'':26}{'wall s':>9}{'hooks s':>9}{'overhead s':>12}"]
    steps = d["runs"][0]["steps"].keys()
    for step in steps:
        w = statistics.median(r["steps"][step]["wall_s"] for r in d["runs"])
        h = statistics.median(r["steps"][step]["hooks_s"] for r in d["runs"])
        o = statistics.median(r["steps"][step]["overhead_s"] for r in d["runs"])
        lines.append(f"{step:26}{w:>9.3f}{h:>9.3f}{o:>12.3f}")
    bad = d["median_overhead_s"] > t["deploy_overhead_s"]
    lines.append(f"{'total (median of runs)':26}{d['median_wall_s']:>9.3f}{d['median_hooks_s']:>9.3f}"
                 f"{d['median_overhead_s']:>10.3f}{' !' if bad else ''}")
    lines += ["", "(b) hook-tool calls from inside a hook (tool-bench action)",
              f"{'':26}{'median ms':>10}{'min ms':>9}{'p90 ms':>9}{'- spawn':>9}{'calls':>7}"]
    spawn = doc["tool_calls"].get("baseline", {}).get("median_ms")
    for tool, r in doc["tool_calls"].items():
        label = "baseline: instant tool" if tool == "baseline" else tool
        bad = tool != "baseline" and r["median_ms"] > t["tool_call_median_ms"]
        extra = f"{r['median_ms'] - spawn:>9.2f}" if spawn is not None else f"{'-':>9}"
        lines.append(f"{label:26}{r['median_ms']:>8.2f}{' !' if bad else '  '}{r['min_ms']:>9.2f}{r['p90_ms']:>9.2f}"
                     f"{extra}{r['calls']:>7}")
    lines += ["", f"targets: tool call <= {t['tool_call_median_ms']} ms median | deploy overhead <= "
              f"{t['deploy_overhead_s']} s   ('!' marks a miss)"]
    lines.append("missed: " + "; ".join(doc["missed"]) if doc["missed"] else "all targets met")
    return "\n".join(lines)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--from-json":
        with open(sys.argv[2]) as f:
            print(table(json.load(f)))
        return
    ap = argparse.ArgumentParser()
    for opt in ("--sim", "--server", "--client", "--work", "--baseline"):
        ap.add_argument(opt, required=True)
    ap.add_argument("--runs", type=int, required=True)
    ap.add_argument("--tool-calls", type=int, required=True)
    ap.add_argument("--format", choices=["table", "json"], default="table")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--loadavg", default="0")
    a = ap.parse_args()
    doc = measure(a)
    print(json.dumps(doc, indent=1) if a.format == "json" else table(doc))


if __name__ == "__main__":
    main()
