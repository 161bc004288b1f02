#!/usr/bin/env python3
"""Compare a built charm tree with an expected one (charm-tools parity).

Usage:
    compare_trees.py EXPECTED_DIR ACTUAL_DIR [--modes expected.modes]
                     [--no-self-check]

Exit status 0 when the trees are equal, 1 when they differ (each difference
is printed on its own line), 2 on usage errors.

"Equal" means:
  * the same set of files and of empty directories (symlinks count as a
    difference: charm-tools never writes them);
  * the same permission bits; when --modes is given they come from that file
    (lines "OCTAL-MODE RELPATH", empty directories written "RELPATH/"),
    because git keeps only the executable bit of the expected files and no
    empty directories at all;
  * files other than *.yaml and .build.manifest byte-identical;
  * *.yaml files loaded with ruamel.yaml round-trip (YAML 1.2 unless the
    document says %YAML 1.1, as charm-tools reads them) to equal data, with
    equal key order at every level and equal scalar types (bool, int,
    float, str, null, timestamp); a file that does not parse on either
    side is compared byte for byte instead;
  * .build.manifest: both parse as JSON; the same "layers" list; the same
    signature keys; the same owner and kind for every key; the same sha256
    except for *.yaml files (their formatting may differ). The actual
    manifest text must be exactly json.dumps(data, indent=2,
    sort_keys=True): indent 2, sorted keys, ASCII escapes, no trailing
    newline.
  * self-check (on by default, --no-self-check turns it off): every sha256
    in the actual manifest (except "unchecked") matches the actual file.

Only the standard library and ruamel.yaml are needed.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import stat
import sys

try:
    from ruamel.yaml import YAML
except ImportError:  # pragma: no cover - reported at run time
    YAML = None

MANIFEST = '.build.manifest'


# --------------------------------------------------------------- tree walk
def scan(root):
    """Return (files, empty_dirs, others) as dicts relpath -> mode."""
    files, empty_dirs, others = {}, {}, {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = '' if rel_dir == '.' else rel_dir
        entries = list(filenames)
        for d in list(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                entries.append(d)
                dirnames.remove(d)
        for name in entries:
            full = os.path.join(dirpath, name)
            rel = os.path.join(rel_dir, name) if rel_dir else name
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode):
                files[rel] = stat.S_IMODE(st.st_mode)
            else:
                kind = 'symlink' if stat.S_ISLNK(st.st_mode) else 'special'
                others[rel] = kind
        if rel_dir and not dirnames and not filenames:
            empty_dirs[rel_dir + '/'] = stat.S_IMODE(os.lstat(dirpath).st_mode)
    return files, empty_dirs, others


def read_modes(path):
    modes = {}
    with open(path, encoding='utf-8') as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if not line.strip():
                continue
            try:
                mode, rel = line.split(' ', 1)
                modes[rel] = int(mode, 8)
            except ValueError:
                raise SystemExit('%s:%d: bad line %r' % (path, lineno, line))
    return modes


# --------------------------------------------------------------- YAML
def load_yaml(path):
    yaml = YAML(typ='rt')
    yaml.allow_duplicate_keys = False
    with open(path, 'rb') as fh:
        return yaml.load(fh)


def kind_of(value):
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'bool'
    if isinstance(value, int):
        return 'int'
    if isinstance(value, float):
        return 'float'
    if isinstance(value, str):
        return 'str'
    if isinstance(value, datetime.datetime):
        return 'timestamp'
    if isinstance(value, datetime.date):
        return 'date'
    if isinstance(value, dict):
        return 'mapping'
    if isinstance(value, (list, tuple)):
        return 'sequence'
    if isinstance(value, (bytes, bytearray)):
        return 'binary'
    return type(value).__name__


def show(value, limit=70):
    if isinstance(value, dict):
        text = '{%s}' % ', '.join(repr(str(k)) for k in value.keys())
        text = 'mapping with keys ' + text
    elif isinstance(value, (list, tuple)):
        text = 'sequence of %d' % len(value)
    else:
        plain = value
        if isinstance(value, bool):
            plain = bool(value)
        elif isinstance(value, int):
            plain = int(value)
        elif isinstance(value, float):
            plain = float(value)
        elif isinstance(value, str):
            plain = str(value)
        text = repr(plain)
    if len(text) > limit:
        text = text[:limit - 3] + '...'
    return text


def yaml_diff(exp, act, where, out):
    ke, ka = kind_of(exp), kind_of(act)
    if ke != ka:
        out.append('%s: expected %s %s, got %s %s'
                   % (where or '<root>', ke, show(exp), ka, show(act)))
        return
    if ke == 'mapping':
        ek, ak = list(exp.keys()), list(act.keys())
        missing = [k for k in ek if k not in act]
        extra = [k for k in ak if k not in exp]
        for k in missing:
            out.append('%s: missing key %r' % (where or '<root>', str(k)))
        for k in extra:
            out.append('%s: unexpected key %r' % (where or '<root>', str(k)))
        common_e = [k for k in ek if k in act]
        common_a = [k for k in ak if k in exp]
        if common_e != common_a:
            out.append('%s: key order differs: expected %s, got %s'
                       % (where or '<root>',
                          [str(k) for k in common_e],
                          [str(k) for k in common_a]))
        for k in common_e:
            yaml_diff(exp[k], act[k], '%s.%s' % (where, k) if where
                      else str(k), out)
    elif ke == 'sequence':
        if len(exp) != len(act):
            out.append('%s: expected %d items, got %d'
                       % (where or '<root>', len(exp), len(act)))
        for i, (e, a) in enumerate(zip(exp, act)):
            yaml_diff(e, a, '%s[%d]' % (where, i), out)
    elif ke == 'float':
        fe, fa = float(exp), float(act)
        if not (fe == fa or (math.isnan(fe) and math.isnan(fa))):
            out.append('%s: expected %s, got %s'
                       % (where or '<root>', show(exp), show(act)))
    else:
        if exp != act:
            out.append('%s: expected %s, got %s'
                       % (where or '<root>', show(exp), show(act)))


def compare_yaml(rel, exp_path, act_path, out):
    errors = []
    try:
        exp = load_yaml(exp_path)
    except Exception as err:  # noqa: BLE001 - any parse error
        errors.append('expected: %s' % str(err).splitlines()[0])
    try:
        act = load_yaml(act_path)
    except Exception as err:  # noqa: BLE001
        errors.append('actual: %s' % str(err).splitlines()[0])
    if errors:
        if not same_bytes(exp_path, act_path):
            out.append('%s: YAML does not parse (%s) and bytes differ'
                       % (rel, '; '.join(errors)))
        return
    diffs = []
    yaml_diff(exp, act, '', diffs)
    for d in diffs:
        out.append('%s: %s' % (rel, d))


# --------------------------------------------------------------- bytes
def same_bytes(a, b):
    with open(a, 'rb') as fa, open(b, 'rb') as fb:
        return fa.read() == fb.read()


def sha256(path):
    with open(path, 'rb') as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def first_difference(a, b):
    with open(a, 'rb') as fa, open(b, 'rb') as fb:
        da, db = fa.read(), fb.read()
    la, lb = da.split(b'\n'), db.split(b'\n')
    for i, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return 'first difference at line %d: expected %r, got %r' % (
                i, x[:80], y[:80])
    if len(da) != len(db):
        return 'expected %d bytes, got %d (one is a prefix of the other)' % (
            len(da), len(db))
    return 'contents differ'


# --------------------------------------------------------------- manifest
def compare_manifest(exp_path, act_path, act_root, self_check, out):
    with open(act_path, 'rb') as fh:
        act_text = fh.read().decode('utf-8', 'replace')
    try:
        with open(exp_path, encoding='utf-8') as fh:
            exp = json.load(fh)
    except ValueError as err:
        out.append('%s: expected manifest is not JSON: %s' % (MANIFEST, err))
        return
    try:
        act = json.loads(act_text)
    except ValueError as err:
        out.append('%s: not JSON: %s' % (MANIFEST, err))
        return
    canonical = json.dumps(act, indent=2, sort_keys=True)
    if act_text != canonical:
        if act_text.endswith('\n'):
            out.append('%s: has a trailing newline' % MANIFEST)
        if act_text.rstrip('\n') != canonical:
            out.append('%s: text is not json.dumps(indent=2, sort_keys=True)'
                       ' (indentation, key order, separators or escapes)'
                       % MANIFEST)
    if not isinstance(act, dict) or not isinstance(exp, dict):
        out.append('%s: top level is not an object' % MANIFEST)
        return
    for key in sorted(set(exp) | set(act)):
        if key not in ('layers', 'signatures'):
            if key not in exp:
                out.append('%s: unexpected top-level key %r' % (MANIFEST, key))
            elif key not in act:
                out.append('%s: missing top-level key %r' % (MANIFEST, key))
            elif exp[key] != act[key]:
                out.append('%s: %r differs' % (MANIFEST, key))
    if exp.get('layers') != act.get('layers'):
        out.append('%s: layers differ:\n    expected %s\n    got      %s'
                   % (MANIFEST, json.dumps(exp.get('layers'), sort_keys=True),
                      json.dumps(act.get('layers'), sort_keys=True)))
    es, as_ = exp.get('signatures') or {}, act.get('signatures') or {}
    for rel in sorted(set(es) - set(as_)):
        out.append('%s: missing signature for %s' % (MANIFEST, rel))
    for rel in sorted(set(as_) - set(es)):
        out.append('%s: unexpected signature for %s' % (MANIFEST, rel))
    for rel in sorted(set(es) & set(as_)):
        e, a = es[rel], as_[rel]
        if not (isinstance(a, list) and len(a) == 3):
            out.append('%s: signature of %s is not [owner, kind, sha]: %r'
                       % (MANIFEST, rel, a))
            continue
        if e[0] != a[0]:
            out.append('%s: owner of %s: expected %r, got %r'
                       % (MANIFEST, rel, e[0], a[0]))
        if e[1] != a[1]:
            out.append('%s: kind of %s: expected %r, got %r'
                       % (MANIFEST, rel, e[1], a[1]))
        if not rel.endswith('.yaml') and e[2] != a[2]:
            out.append('%s: sha256 of %s: expected %s, got %s'
                       % (MANIFEST, rel, e[2], a[2]))
    if self_check:
        for rel in sorted(as_):
            sig = as_[rel]
            if not (isinstance(sig, list) and len(sig) == 3):
                continue
            if sig[2] == 'unchecked':
                continue
            full = os.path.join(act_root, rel)
            if not os.path.isfile(full):
                out.append('%s: signs %s, which is not in the tree'
                           % (MANIFEST, rel))
            elif sha256(full) != sig[2]:
                out.append('%s: sha256 recorded for %s does not match the '
                           'file' % (MANIFEST, rel))


# --------------------------------------------------------------- main
def compare(expected, actual, modes_file=None, self_check=True):
    out = []
    e_files, e_dirs, e_other = scan(expected)
    a_files, a_dirs, a_other = scan(actual)
    for rel, kind in sorted(e_other.items()):
        out.append('%s: expected tree holds a %s' % (rel, kind))
    for rel, kind in sorted(a_other.items()):
        out.append('%s: is a %s, expected a regular file or nothing'
                   % (rel, kind))

    e_modes = dict(e_files)
    e_modes.update(e_dirs)
    if modes_file:
        listed = read_modes(modes_file)
        for rel in sorted(set(e_files) - set(listed)):
            out.append('%s: in the expected tree but not in %s'
                       % (rel, os.path.basename(modes_file)))
        for rel in sorted(listed):
            if rel.endswith('/'):
                e_dirs.setdefault(rel, listed[rel])
            elif rel not in e_files:
                out.append('%s: listed in %s but not in the expected tree'
                           % (rel, os.path.basename(modes_file)))
        e_modes.update(listed)

    for rel in sorted(set(e_files) - set(a_files)):
        out.append('%s: missing' % rel)
    for rel in sorted(set(a_files) - set(e_files)):
        out.append('%s: unexpected file' % rel)
    for rel in sorted(set(e_dirs) - set(a_dirs)):
        if os.path.isdir(os.path.join(actual, rel)):
            out.append('%s: expected an empty directory, got a non-empty one'
                       % rel)
        else:
            out.append('%s: missing empty directory' % rel)
    for rel in sorted(set(a_dirs) - set(e_dirs)):
        out.append('%s: unexpected empty directory' % rel)

    for rel in sorted(set(e_modes) & (set(a_files) | set(a_dirs))):
        a_mode = a_files.get(rel, a_dirs.get(rel))
        if e_modes[rel] != a_mode:
            out.append('%s: mode expected %04o, got %04o'
                       % (rel, e_modes[rel], a_mode))

    for rel in sorted(set(e_files) & set(a_files)):
        ep, ap = os.path.join(expected, rel), os.path.join(actual, rel)
        if rel == MANIFEST:
            compare_manifest(ep, ap, actual, self_check, out)
        elif rel.endswith('.yaml'):
            compare_yaml(rel, ep, ap, out)
        elif not same_bytes(ep, ap):
            out.append('%s: %s' % (rel, first_difference(ep, ap)))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(
        description='Compare a built charm tree with the expected one.')
    parser.add_argument('expected')
    parser.add_argument('actual')
    parser.add_argument('--modes', help='expected.modes file')
    parser.add_argument('--no-self-check', action='store_true',
                        help="don't check the actual manifest's hashes "
                             'against the actual files')
    args = parser.parse_args(argv)
    if YAML is None:
        print('compare_trees.py: ruamel.yaml is not installed', file=sys.stderr)
        return 2
    for d in (args.expected, args.actual):
        if not os.path.isdir(d):
            print('compare_trees.py: not a directory: %s' % d, file=sys.stderr)
            return 2
    diffs = compare(args.expected, args.actual, args.modes,
                    not args.no_self_check)
    if diffs:
        for line in diffs:
            print(line)
        print('%d difference%s' % (len(diffs), '' if len(diffs) == 1 else 's'))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
