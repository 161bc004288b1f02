#!/usr/bin/env python3
"""Turns bench/runtime.sh's raw results into a table or one JSON document (python3 stdlib).

  report.py --format table|json --build DIR --loadavg L --handlers 5,50 [--quick] RESULTS
  report.py --from-json FILE      the table of a document an earlier --format json run printed

Targets (from the issues) live here, in TARGETS; a miss is marked '!' and listed, it does not
change the exit status.
"""

import argparse
import json
import os
import platform
import re

TARGETS = {
    "hook_median_ms": 4.0,          # idle hook with the most handlers, instant tools
    "hook_tools": 3,                # hook-tool processes an idle hook starts
    "cold_compile_ratio": 1.2,      # charm-build (empty cache) / bare compiler, same sources
    "rebuild_extra_ms": 100.0,      # unchanged handlers: native build - plain build
    "binary_bytes": 8_000_000,      # stripped static dispatch
}


def load_json(path):
    with open(path) as f:
        return json.load(f)


def read_text(path, default=None):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def callgrind_total(out_file):
    """Total instructions from a callgrind output file ('summary:' or 'totals:' line)."""
    try:
        with open(out_file) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def short_function(text):
    """'/path/file.cpp:ns::f(args) [bin]' -> 'ns::f'; keeps the name readable in a table."""
    text = re.sub(r"\s*\[[^\]]*\]\s*$", "", text.strip())
    m = re.match(r"^(\?\?\?|/[^:]*|[^:/]*\.[a-z]+):(?!:)(.*)$", text)
    if m:
        text = m.group(2)
    text = text.replace("(anonymous namespace)", "{anon}")
    depth, out = 0, []
    for ch in text:  # drop argument lists and template arguments
        if ch in "(<":
            depth += 1
        elif ch in ")>":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    name = "".join(out).replace("[abi:cxx11]", "")
    return name[:90]


def callgrind_top(annotate_file, total, limit, only=None):
    """[(function, instructions, percent)] from callgrind_annotate output, merged by name."""
    rows, seen = [], {}
    text = read_text(annotate_file, "")
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        name = short_function(m.group(2))
        if only and not re.search(only, name):
            continue
        ir = int(m.group(1).replace(",", ""))
        if name in seen or "below main" in name:
            continue
        seen[name] = True
        rows.append([name, ir, round(100.0 * ir / total, 1) if total else None])
        if len(rows) >= limit:
            break
    return rows


def collect(args):
    res = args.results
    counts = [int(n) for n in args.handlers.split(",")]
    hooks = load_json(os.path.join(res, "hooks.json"))
    cg_dir = os.path.join(res, "callgrind")
    doc = {
        "build_dir": args.build,
        "quick": args.quick,
        "host": {"cpus": os.cpu_count(), "kernel": platform.release(), "loadavg_before": float(args.loadavg)},
        "targets": TARGETS,
        "baseline": {**hooks["baseline"], "instructions": callgrind_total(os.path.join(cg_dir, "baseline.out"))},
        "floor": hooks.get("floor"),
        "charms": {},
    }
    for n in counts:
        d = os.path.join(res, f"charm-{n}")
        cold = load_json(os.path.join(d, "cold.json"))
        warm = load_json(os.path.join(d, "warm.json"))
        size = int(read_text(os.path.join(d, "size_bytes"), "0"))
        sections = {}
        for line in read_text(os.path.join(d, "sections"), "").splitlines():
            name, value = line.split()
            sections[name] = int(value)
        cg_out = os.path.join(cg_dir, f"hook-{n}.out")
        total = callgrind_total(cg_out)
        cb, bare = cold["charm-build-cold"], cold["bare-compiler"]
        nat, plain = warm["native-warm"], warm["plain"]
        bare_size = os.path.getsize(os.path.join(d, "bare-dispatch")) if os.path.exists(os.path.join(d, "bare-dispatch")) else None
        doc["charms"][str(n)] = {
            "handlers": n,
            "handler_files": int(read_text(os.path.join(d, "handler_files"), "0")),
            "hook": hooks[f"hook-{n}"],
            "hook_debug": hooks[f"hook-{n}-debug"],
            "hook_instructions": total,
            "hook_top_self": callgrind_top(cg_out + ".top", total, 8),
            "hook_top_inclusive_charm": callgrind_top(cg_out + ".incl", total, 10, only=r"^charm::"),
            "cold_compile": {
                "charm_build": cb, "bare": bare,
                "ratio": round(cb["median_ms"] / bare["median_ms"], 3),
                "cpu_ratio": round(cb["cpu_median_ms"] / bare["cpu_median_ms"], 3),
            },
            "rebuild": {
                "native": nat, "plain": plain,
                "extra_ms": round(nat["median_ms"] - plain["median_ms"], 1),
                "extra_cpu_ms": round(nat["cpu_median_ms"] - plain["cpu_median_ms"], 1),
            },
            "binary": {"bytes": size, "sections": sections, "bare_compiler_bytes": bare_size},
        }
    doc["missed"] = missed(doc, counts)
    doc["all_targets_met"] = not doc["missed"]
    return doc


def missed(doc, counts):
    out = []
    largest = str(max(counts))
    hook = doc["charms"][largest]["hook"]
    if hook["median_ms"] > TARGETS["hook_median_ms"]:
        floor = doc.get("floor")
        beyond = f" (the 3-tool floor alone takes {floor['median_ms']} ms here)" if floor else ""
        out.append(f"hook with {largest} handlers: median {hook['median_ms']} ms > {TARGETS['hook_median_ms']} ms{beyond}")
    for n, c in doc["charms"].items():
        tools = c["hook"].get("tools_per_run", [0, 0])[1]
        if tools > TARGETS["hook_tools"]:
            out.append(f"{n} handlers: idle hook starts {tools} tool processes > {TARGETS['hook_tools']}")
        ratio = c["cold_compile"]["ratio"]
        if ratio > TARGETS["cold_compile_ratio"]:
            out.append(f"{n} handlers: cold compile {ratio} x bare compiler > {TARGETS['cold_compile_ratio']}")
        extra = c["rebuild"]["extra_ms"]
        if extra > TARGETS["rebuild_extra_ms"]:
            out.append(f"{n} handlers: rebuild with unchanged handlers +{extra} ms > {TARGETS['rebuild_extra_ms']} ms")
        size = c["binary"]["bytes"]
        if size >= TARGETS["binary_bytes"]:
            out.append(f"{n} handlers: dispatch {size} bytes >= {TARGETS['binary_bytes']}")
    return out


def mark(bad):
    return " !" if bad else "  "


def fmt_ir(ir):
    return "-" if ir is None else f"{ir / 1e6:.2f} M"


def table(doc):
    t = TARGETS
    lines = []
    h = doc["host"]
    lines.append(f"charm-build runtime benchmark: {doc['build_dir']}")
    lines.append(f"host: {h['cpus']} cpus, kernel {h['kernel']}, load avg before run {h['loadavg_before']}; "
                 f"medians{' (--quick: few runs, indicative only)' if doc['quick'] else ''}")
    lines.append("")
    lines.append("(1) idle hook (update-status), instant hook tools; cpu = the hook and its tools, "
                 "÷ spawn = cpu / the baseline's cpu")
    lines.append(f"{'':34}{'median ms':>10}{'min ms':>9}{'cpu ms':>9}{'÷ spawn':>9}{'tools':>7}{'instr':>10}{'runs':>6}")
    b = doc["baseline"]
    spawn_cpu = b["cpu_median_ms"] or 1.0
    lines.append(f"{'baseline: one instant tool':34}{b['median_ms']:>10.2f}{b['min_ms']:>9.2f}{b['cpu_median_ms']:>9.2f}"
                 f"{1:>9.1f}{1:>7}{fmt_ir(b['instructions']):>10}{b['runs']:>6}")
    f = doc.get("floor")
    if f:
        lines.append(f"{'floor: 3 tools at once (static C)':34}{f['median_ms']:>10.2f}{f['min_ms']:>9.2f}{f['cpu_median_ms']:>9.2f}"
                     f"{f['cpu_median_ms'] / spawn_cpu:>9.1f}{3:>7}{'-':>10}{f['runs']:>6}")
    largest = max(doc["charms"], key=int)
    for n, c in doc["charms"].items():
        for label, r, ir in ((f"{n} handlers", c["hook"], c["hook_instructions"]),
                             (f"{n} handlers, JUJU_DEBUG=1", c["hook_debug"], None)):
            tools = r.get("tools_per_run", [0, 0])[1]
            slow = n == largest and "DEBUG" not in label and r["median_ms"] > t["hook_median_ms"]
            many = "DEBUG" not in label and tools > t["hook_tools"]
            lines.append(f"{label:34}{r['median_ms']:>8.2f}{mark(slow)}{r['min_ms']:>9.2f}{r['cpu_median_ms']:>9.2f}"
                         f"{r['cpu_median_ms'] / spawn_cpu:>9.1f}{tools:>5}{mark(many)}{fmt_ir(ir):>10}{r['runs']:>6}")
    lines.append("")
    lines.append("(2) compile: charm-build vs the bare compiler (same sources, flags, parallelism)")
    lines.append(f"{'':34}{'charm-build':>12}{'bare':>10}{'ratio':>9}{'cpu ratio':>10}")
    for n, c in doc["charms"].items():
        cc = c["cold_compile"]
        label = f"cold, {n} handlers ({c['handler_files']} files)"
        lines.append(f"{label:34}"
                     f"{cc['charm_build']['median_ms']:>10.0f}ms{cc['bare']['median_ms']:>8.0f}ms"
                     f"{cc['ratio']:>7.2f}{mark(cc['ratio'] > t['cold_compile_ratio'])}{cc['cpu_ratio']:>10.2f}")
    lines.append(f"{'':34}{'native':>12}{'plain':>10}{'extra':>9}{'extra cpu':>10}")
    for n, c in doc["charms"].items():
        rb = c["rebuild"]
        lines.append(f"{f'rebuild, {n} handlers unchanged':34}{rb['native']['median_ms']:>10.1f}ms"
                     f"{rb['plain']['median_ms']:>8.1f}ms{rb['extra_ms']:>7.1f}{mark(rb['extra_ms'] > t['rebuild_extra_ms'])}"
                     f"{rb['extra_cpu_ms']:>10.1f}")
    lines.append("")
    lines.append("(3) dispatch binary (static, stripped)")
    for n, c in doc["charms"].items():
        bb = c["binary"]
        sec = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(bb["sections"].items(), key=lambda kv: -kv[1])[:4])
        same = "" if bb["bare_compiler_bytes"] is None else (
            "; bare-compiler link: same size" if bb["bare_compiler_bytes"] == bb["bytes"]
            else f"; bare-compiler link: {bb['bare_compiler_bytes']} bytes")
        lines.append(f"{f'{n} handlers':34}{bb['bytes'] / 1e6:>8.2f} MB{mark(bb['bytes'] >= t['binary_bytes'])} ({sec}){same}")
    lines.append("")
    c = doc["charms"][largest]
    if c["hook_top_inclusive_charm"]:
        lines.append(f"where an idle hook with {largest} handlers spends its instructions (callgrind, inclusive):")
        for name, ir, pct in c["hook_top_inclusive_charm"][:6]:
            lines.append(f"  {pct:>5}%  {ir / 1e6:>6.2f} M  {name}")
        lines.append("  self cost: " + "; ".join(f"{name} {pct}%" for name, ir, pct in c["hook_top_self"][:4]))
        lines.append("")
    lines.append(f"targets: idle hook <= {t['hook_median_ms']} ms ({largest} handlers) | <= {t['hook_tools']} tools per idle hook | "
                 f"cold compile <= {t['cold_compile_ratio']} x bare | rebuild <= +{t['rebuild_extra_ms']:.0f} ms | "
                 f"binary < {t['binary_bytes'] / 1e6:.0f} MB   ('!' marks a miss)")
    if doc["missed"]:
        lines.append("missed: " + "; ".join(doc["missed"]))
    else:
        lines.append("all targets met")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--format", choices=["table", "json"], default="table")
    ap.add_argument("--build")
    ap.add_argument("--loadavg", default="0")
    ap.add_argument("--handlers")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--from-json")
    ap.add_argument("results", nargs="?")
    args = ap.parse_args()
    if args.from_json:
        print(table(load_json(args.from_json)))
        return
    if not (args.build and args.handlers and args.results):
        ap.error("--build, --handlers and RESULTS are required")
    doc = collect(args)
    if args.format == "json":
        print(json.dumps(doc, indent=1))
    else:
        print(table(doc))


if __name__ == "__main__":
    main()
