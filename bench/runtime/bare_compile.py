#!/usr/bin/env python3
"""The bare-compiler baseline of bench/runtime.sh: compiles and links a charm's handler sources
with exactly the command lines charm-build uses (src/build/compile_cache.cpp), nothing else.

  bare_compile.py --toolchain JSON --include-root DIR --objdir DIR --out BINARY SOURCE...
  bare_compile.py --toolchain JSON --objdir DIR --relink-unstripped BINARY
      links the objects a previous run left in DIR (NNN.o, in order) again, without -s: the same code with
      symbols, for callgrind's per-function figures (not timed).

Per source (`jobs` at a time, as charm-build: one per CPU):
  CXX -std=c++20 -O2 -IROOT -IROOT/lib -IROOT/hooks/relations -I<libcharm include dirs>
      -ffile-prefix-map=<source dir>/=<its name>/ -c SOURCE -o OBJ
then the link:
  CXX -static -s -o BINARY OBJ... libcharm.a <link_libs> -pthread
$CXX and $CHARM_CXXFLAGS override the compiler and flags, as they do for charm-build.
Prints nothing; exits non-zero (with the compiler's output) when a command fails.
"""

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def load_toolchain(path):
    with open(path) as f:
        t = json.load(f)
    base = os.path.dirname(os.path.abspath(path))
    resolve = lambda p: os.path.normpath(os.path.join(base, p)) if p else ""
    cxx = os.environ.get("CXX") or t.get("cxx", "c++")
    flags = os.environ["CHARM_CXXFLAGS"].split() if "CHARM_CXXFLAGS" in os.environ else ["-std=c++20", "-O2"]
    return {
        "cxx": cxx,
        "flags": flags,
        "include_dirs": [resolve(d) for d in t.get("include_dirs", [])],
        "libcharm": resolve(t.get("libcharm", "")),
        "link_libs": t.get("link_libs", []),
    }


def link_libraries(tc):
    return [tc["libcharm"], *tc["link_libs"], "-pthread"]


def run(args):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, close_fds=False)
    if r.returncode != 0:
        sys.stderr.write(f"bare_compile.py: failed (exit {r.returncode}): {' '.join(args)}\n")
        sys.stderr.write(r.stdout.decode(errors="replace"))
        sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--toolchain", required=True)
    ap.add_argument("--include-root")
    ap.add_argument("--objdir", required=True)
    ap.add_argument("--out")
    ap.add_argument("--relink-unstripped")
    ap.add_argument("sources", nargs="*")
    a = ap.parse_args()
    tc = load_toolchain(a.toolchain)
    if a.relink_unstripped:
        objects = sorted(os.path.join(a.objdir, f) for f in os.listdir(a.objdir) if f.endswith(".o"))
        run([tc["cxx"], "-static", "-o", a.relink_unstripped, *objects, *link_libraries(tc)])
        return
    if not a.include_root or not a.out or not a.sources:
        ap.error("--include-root, --out and SOURCE... are required")
    objects = [os.path.join(a.objdir, f"{i:03d}.o") for i in range(len(a.sources))]
    root = a.include_root
    base = [tc["cxx"], *tc["flags"], f"-I{root}", f"-I{root}/lib", f"-I{root}/hooks/relations"]
    base += [f"-I{d}" for d in tc["include_dirs"]]
    commands = []
    for src, obj in zip(a.sources, objects):
        # As charm-build: the source's dir maps to its charm-relative dir (reactive/, charm-build/).
        src_dir = os.path.dirname(os.path.abspath(src))
        prefix_map = f"-ffile-prefix-map={src_dir}/={os.path.basename(src_dir)}/"
        commands.append(base + [prefix_map, "-c", src, "-o", obj])
    jobs = max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=min(jobs, len(commands))) as pool:
        list(pool.map(run, commands))
    run([tc["cxx"], "-static", "-s", "-o", a.out, *objects, *link_libraries(tc)])


if __name__ == "__main__":
    main()
