#!/usr/bin/env python3
"""Render bench/run.sh results as a table or JSON (python3 stdlib only).

  report.py --format table|json --binary PATH [--quick] [--extra-args STR]
            [--overhead FILE] [--loadavg X] RESULTS_DIR

RESULTS_DIR holds one subdir per set, named NN-SET (NN keeps run order),
each written by run.sh:
  set.json    {"set": ..., "kind": "realistic"|"files", "n": N|null}
  ab.json     timer.py run output with keys "build" (a: full build into a
              fresh dir) and "copy" (b: cp -a of the built tree), interleaved
  noop.json   timer.py run output with key "noop" (c: no-op rebuild)
  tree.json   timer.py tree output for the built tree (files, bytes)
  noop_tree.json  timer.py tree --compare output after the no-op runs
  rss_kb      peak RSS of (a) in KiB from GNU time %M (absent if unknown)
"""

import argparse
import json
import os
import platform

# Targets from the project brief.
TARGET_RATIO = 1.5      # (a) / (b): full build vs cp -a of its output
TARGET_NOOP_MS = 10.0   # (c) on the realistic set
TARGET_RSS_MB = 30.0    # peak RSS of (a)
TARGET_PACK_EXTRA = 0.20  # (d): -F adds at most 20% to the realistic build


def load_json(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def load_set(d):
    """Collect one set's measurements into a flat record."""
    meta = load_json(os.path.join(d, "set.json"))
    timing = {**load_json(os.path.join(d, "ab.json")), **load_json(os.path.join(d, "noop.json"))}
    build, copy, noop = timing["build"], timing["copy"], timing["noop"]
    tree = load_json(os.path.join(d, "tree.json"))
    noop_tree = load_json(os.path.join(d, "noop_tree.json"), {})
    rss_kb = None
    try:
        with open(os.path.join(d, "rss_kb")) as f:
            rss_kb = int(f.read().strip())
    except (FileNotFoundError, ValueError):
        pass

    rec = dict(meta)
    rec["files"] = tree["files"]
    rec["bytes"] = tree["bytes"]
    rec["build_ms"] = build["median_ms"]
    rec["copy_ms"] = copy["median_ms"]
    rec["ratio"] = round(build["median_ms"] / copy["median_ms"], 3) if copy["median_ms"] > 0 else None
    rec["noop_ms"] = noop["median_ms"]
    rec["noop_changed_files"] = noop_tree.get("changed_files")
    rec["peak_rss_mb"] = round(rss_kb / 1024, 1) if rss_kb is not None else None
    rec["ms_per_1k_files"] = round(build["median_ms"] * 1000 / tree["files"], 3) if tree["files"] else None
    rec["runs"] = {"build": build["runs"], "copy": copy["runs"], "noop": noop["runs"]}
    rec["min_ms"] = {"build": build["min_ms"], "copy": copy["min_ms"], "noop": noop["min_ms"]}
    rec["samples_ms"] = {"build": build["samples_ms"], "copy": copy["samples_ms"], "noop": noop["samples_ms"]}
    pack = load_json(os.path.join(d, "pack.json"), None)
    if pack:
        plain_ms, pack_ms = pack["plain"]["median_ms"], pack["pack"]["median_ms"]
        rec["pack"] = {"plain_ms": plain_ms, "with_F_ms": pack_ms, "runs": pack["pack"]["runs"],
                       "extra": round(pack_ms / plain_ms - 1, 3) if plain_ms > 0 else None}
        try:
            with open(os.path.join(d, "charm_bytes")) as f:
                rec["pack"]["charm_bytes"] = int(f.read().strip())
        except (FileNotFoundError, ValueError):
            pass
    rec["ok"] = check_targets(rec)
    return rec


def check_targets(rec):
    """True/False per target; None where the target does not apply or no data."""
    return {
        "ratio": None if rec["ratio"] is None else rec["ratio"] <= TARGET_RATIO,
        # The no-op target is stated for the realistic set only.
        "noop": rec["noop_ms"] <= TARGET_NOOP_MS if rec["kind"] == "realistic" else None,
        "rss": None if rec["peak_rss_mb"] is None else rec["peak_rss_mb"] < TARGET_RSS_MB,
        "pack": None if not rec.get("pack") or rec["pack"]["extra"] is None else rec["pack"]["extra"] <= TARGET_PACK_EXTRA,
    }


def linearity(sets):
    """ms per 1000 files across the files-N series; max/min near 1.0 = linear."""
    pts = sorted((s["files"], s["ms_per_1k_files"]) for s in sets
                 if s["kind"] == "files" and s["ms_per_1k_files"])
    if len(pts) < 2:
        return None
    vals = [v for _, v in pts]
    return {
        "points": [{"files": f, "ms_per_1k_files": v} for f, v in pts],
        "ms_per_1k_min": min(vals),
        "ms_per_1k_max": max(vals),
        "largest_over_smallest": round(pts[-1][1] / pts[0][1], 3),
    }


def misses(sets):
    """Human-readable list of missed targets."""
    out = []
    for s in sets:
        if s["ok"]["ratio"] is False:
            out.append(f"{s['set']}: a/b {s['ratio']:.2f} > {TARGET_RATIO}")
        if s["ok"]["noop"] is False:
            out.append(f"{s['set']}: no-op {s['noop_ms']:.1f} ms > {TARGET_NOOP_MS:g} ms")
        if s["ok"]["rss"] is False:
            out.append(f"{s['set']}: peak RSS {s['peak_rss_mb']:.1f} MB >= {TARGET_RSS_MB:g} MB")
        if s["ok"].get("pack") is False:
            out.append(f"{s['set']}: -F adds {100 * s['pack']['extra']:.0f}% > {100 * TARGET_PACK_EXTRA:.0f}%")
    return out


def human_bytes(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


def fmt(v, spec, missing="-"):
    return missing if v is None else format(v, spec)


def mark(ok):
    """Flag a missed target next to its value in the table."""
    return " !" if ok is False else "  "


def render_table(doc):
    lines = [
        f"charm-build benchmark: {doc['binary']}"
        + (f"  (extra args: {doc['extra_args']})" if doc["extra_args"] else ""),
        f"host: {doc['host']['cpus']} cpus, kernel {doc['host']['kernel']}, "
        f"load avg before run {fmt(doc['host']['loadavg_1m'], '.2f')}; spawn overhead "
        f"{fmt(doc['spawn_overhead_ms'], '.2f')} ms; medians"
        + (" (--quick: few runs, indicative only)" if doc["quick"] else ""),
        "",
    ]
    hdr = (f"{'set':<12} {'files':>6} {'bytes':>9} {'(a) build':>10} {'(b) cp -a':>10} "
           f"{'a/b':>7} {'(c) no-op':>11} {'RSS MB':>8} {'ms/1k files':>11} {'runs a/b/c':>11}")
    lines += [hdr, "-" * len(hdr)]
    for s in doc["sets"]:
        per1k = fmt(s["ms_per_1k_files"], ".2f") if s["kind"] == "files" else "-"
        runs = "/".join(str(s["runs"][k]) for k in ("build", "copy", "noop"))
        lines.append(
            f"{s['set']:<12} {s['files']:>6} {human_bytes(s['bytes']):>9} "
            f"{s['build_ms']:>7.1f} ms {s['copy_ms']:>7.1f} ms "
            f"{fmt(s['ratio'], '.2f'):>5}{mark(s['ok']['ratio'])} "
            f"{s['noop_ms']:>6.1f} ms{mark(s['ok']['noop'])} "
            f"{fmt(s['peak_rss_mb'], '.1f'):>6}{mark(s['ok']['rss'])} "
            f"{per1k:>11} {runs:>11}")
    lines.append("")
    for s in doc["sets"]:
        p = s.get("pack")
        if p:
            size = f", {human_bytes(p['charm_bytes'])} .charm" if p.get("charm_bytes") else ""
            lines.append(f"(d) {s['set']} with -F: {p['with_F_ms']:.1f} ms vs {p['plain_ms']:.1f} ms without = "
                         f"+{100 * p['extra']:.0f}%{mark(s['ok']['pack'])}({p['runs']} runs each{size})")
    lines.append(f"targets: a/b <= {TARGET_RATIO} | no-op <= {TARGET_NOOP_MS:g} ms (realistic) | "
                 f"peak RSS < {TARGET_RSS_MB:g} MB | -F <= +{100 * TARGET_PACK_EXTRA:.0f}% (realistic)   ('!' marks a miss)")
    lin = doc["linearity"]
    if lin:
        pts = ", ".join(f"{p['files']}: {p['ms_per_1k_files']:.2f}" for p in lin["points"])
        lines.append(f"linearity: ms per 1000 files [{pts}]; largest/smallest = "
                     f"{lin['largest_over_smallest']:.2f} (1.0 = linear)")
    changed = [f"{s['set']} ({s['noop_changed_files']})" for s in doc["sets"] if s["noop_changed_files"]]
    if changed:
        lines.append("note: no-op rebuild rewrote files in: " + ", ".join(changed))
    lines.append("missed: " + ("; ".join(doc["missed"]) if doc["missed"] else "none"))
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--binary", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--extra-args", default="")
    p.add_argument("--overhead", help="timer.py overhead output")
    p.add_argument("--loadavg", type=float, help="1-min load average before the run")
    p.add_argument("results")
    args = p.parse_args()

    sets = [load_set(os.path.join(args.results, d)) for d in sorted(os.listdir(args.results))
            if os.path.isdir(os.path.join(args.results, d))]
    overhead = load_json(args.overhead) if args.overhead else None
    doc = {
        "binary": args.binary,
        "quick": args.quick,
        "extra_args": args.extra_args,
        "host": {"cpus": os.cpu_count(), "kernel": platform.release(),
                 "loadavg_1m": args.loadavg},
        "spawn_overhead_ms": overhead["median_ms"] if overhead else None,
        "targets": {"ratio_max": TARGET_RATIO, "noop_ms_max_realistic": TARGET_NOOP_MS,
                    "peak_rss_mb_below": TARGET_RSS_MB, "pack_extra_max_realistic": TARGET_PACK_EXTRA},
        "sets": sets,
        "linearity": linearity(sets),
        "missed": misses(sets),
    }
    doc["all_targets_met"] = not doc["missed"]
    print(json.dumps(doc, indent=2) if args.format == "json" else render_table(doc))


if __name__ == "__main__":
    main()
