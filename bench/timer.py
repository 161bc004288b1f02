#!/usr/bin/env python3
"""Small measurement helper for bench/run.sh (python3 stdlib only).

Subcommands (each prints one JSON object on stdout):

  timer.py run --runs N [--warmup W] GROUP [::: GROUP]...
      GROUP is  --name NAME [--fresh-dir DIR]... -- CMD [ARG...]
      Run every group's CMD W times untimed, then N times timed, and print
      {NAME: {median_ms, min_ms, max_ms, runs, samples_ms}, ...}.
      Several groups are interleaved (a1 b1 a2 b2 ...) so that a drifting
      background load hits them alike: this is what makes the a/b ratio
      trustworthy on a shared machine.  Before *every* run (warm-up or
      timed) each --fresh-dir of that group is deleted and recreated empty,
      outside the timed region.  stdout is discarded; if a CMD exits
      non-zero its stderr is printed and timer.py exits 1.

  timer.py tree DIR [--save SNAP] [--compare SNAP]
      Count regular files (and symlinks) under DIR and sum their sizes.
      --save writes a (size, mtime, inode) snapshot; --compare reports how
      many paths were added, removed or rewritten since that snapshot (used
      to check that a no-op rebuild really writes nothing).

  timer.py overhead [--runs N]
      Median cost of spawning /bin/true the same way `run` spawns CMD, so
      small timings (the no-op rebuild) can be read against it.

Why Python: perf_counter_ns around Popen/wait costs well under a
millisecond, and the untimed setup (rm -rf of 10k files) stays out of the
measurement without shell quoting games.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def fresh_dirs(dirs):
    """Delete and recreate each dir empty (untimed per-run setup)."""
    for d in dirs:
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)


def timed_run(cmd, errf):
    """Run cmd once; return (elapsed_ns, returncode).

    stdout goes to /dev/null and stderr to a reusable temp file so no pipe
    has to be drained while timing.  close_fds=False lets CPython use
    posix_spawn/vfork, which keeps the spawn overhead low and constant.
    """
    errf.seek(0)
    errf.truncate()
    t0 = time.perf_counter_ns()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=errf, close_fds=False)
    rc = proc.wait()
    return time.perf_counter_ns() - t0, rc


def fail(cmd, rc, errf):
    """Report a failing command with its stderr, then exit 1."""
    errf.seek(0)
    err = errf.read().decode(errors="replace")
    print(f"timer.py: command failed (exit {rc}): {' '.join(cmd)}", file=sys.stderr)
    if err:
        print(err.rstrip("\n"), file=sys.stderr)
    sys.exit(1)


def summarize(samples_ns):
    ms = [s / 1e6 for s in samples_ns]
    return {
        "runs": len(ms),
        "median_ms": round(statistics.median(ms), 3),
        "min_ms": round(min(ms), 3),
        "max_ms": round(max(ms), 3),
        "samples_ms": [round(x, 3) for x in ms],
    }


def parse_groups(argv):
    """Split `GROUP ::: GROUP ...` into [(name, fresh_dirs, cmd)]."""
    groups, cur = [], []
    for a in argv + [":::"]:
        if a != ":::":
            cur.append(a)
            continue
        if "--" not in cur:
            sys.exit("timer.py run: each group needs `-- CMD`")
        sep = cur.index("--")
        gp = argparse.ArgumentParser(prog="timer.py run GROUP")
        gp.add_argument("--name", default="cmd")
        gp.add_argument("--fresh-dir", action="append", default=[])
        opts = gp.parse_args(cur[:sep])
        cmd = cur[sep + 1:]
        if not cmd:
            sys.exit("timer.py run: empty command")
        groups.append((opts.name, opts.fresh_dir, cmd))
        cur = []
    return groups


def parse_run_args(argv):
    """Leading --runs/--warmup options, then the groups."""
    rp = argparse.ArgumentParser(prog="timer.py run")
    rp.add_argument("--runs", type=int, required=True)
    rp.add_argument("--warmup", type=int, default=1)
    i = 0
    while i < len(argv) and argv[i] in ("--runs", "--warmup"):
        i += 2
    args = rp.parse_args(argv[:i])
    args.groups = argv[i:]
    return args


def cmd_run(args):
    groups = parse_groups(args.groups)
    samples = {name: [] for name, _, _ in groups}
    with tempfile.TemporaryFile() as errf:
        for i in range(args.warmup + args.runs):
            for name, dirs, cmd in groups:
                fresh_dirs(dirs)
                elapsed, rc = timed_run(cmd, errf)
                if rc != 0:
                    fail(cmd, rc, errf)
                if i >= args.warmup:
                    samples[name].append(elapsed)
    print(json.dumps({name: summarize(v) for name, v in samples.items()}))


def walk_files(root):
    """Yield (relative path, lstat) for every non-directory under root."""
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            yield os.path.relpath(path, root), os.lstat(path)
        # os.walk lists symlinks to dirs in dirnames; count them as entries too.
        for name in dirnames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                yield os.path.relpath(path, root), os.lstat(path)


def cmd_tree(args):
    snap = {rel: [st.st_size, st.st_mtime_ns, st.st_ino] for rel, st in walk_files(args.dir)}
    out = {"files": len(snap), "bytes": sum(v[0] for v in snap.values())}
    if args.compare:
        with open(args.compare) as f:
            old = json.load(f)
        changed = sum(1 for rel, v in snap.items() if old.get(rel) != v)
        removed = sum(1 for rel in old if rel not in snap)
        out["changed_files"] = changed + removed
    if args.save:
        with open(args.save, "w") as f:
            json.dump(snap, f)
    print(json.dumps(out))


def cmd_overhead(args):
    true = shutil.which("true") or "/bin/true"
    samples = []
    with tempfile.TemporaryFile() as errf:
        for _ in range(args.runs + 3):
            elapsed, _ = timed_run([true], errf)
            samples.append(elapsed)
    print(json.dumps(summarize(samples[3:])))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="sub", required=True)

    # `run` is parsed by hand (parse_run_args): argparse cannot leave
    # `--name ... -- CMD` groups alone once they start with an option.
    sub.add_parser("run", help="time commands (see module doc)")

    t = sub.add_parser("tree", help="count files/bytes of a tree")
    t.add_argument("dir")
    t.add_argument("--save")
    t.add_argument("--compare")
    t.set_defaults(func=cmd_tree)

    o = sub.add_parser("overhead", help="spawn overhead of /bin/true")
    o.add_argument("--runs", type=int, default=50)
    o.set_defaults(func=cmd_overhead)

    if sys.argv[1:2] == ["run"]:
        cmd_run(parse_run_args(sys.argv[2:]))
        return
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
