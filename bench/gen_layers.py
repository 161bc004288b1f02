#!/usr/bin/env python3
"""Generate synthetic charm layer sets for benchmarking charm-build.

Usage:
  gen_layers.py realistic OUT_DIR   # ~12 layers + 5 interfaces shaped like
                                    # the Kubernetes worker charm (~150 output
                                    # files, ~1 MB)
  gen_layers.py files N OUT_DIR     # a set whose built charm has about N files
                                    # (linearity series: 1000, 2500, 5000, 10000)

Layout written under OUT_DIR (which must be empty or absent):
  OUT_DIR/layers/NAME        one dir per layer (CHARM_LAYERS_DIR)
  OUT_DIR/interfaces/NAME    one dir per interface layer (CHARM_INTERFACES_DIR)

On success it prints shell assignments (safe to `eval`):
  TOP_LAYER=...  CHARM_NAME=...  export CHARM_LAYERS_DIR=...  export CHARM_INTERFACES_DIR=...

Output is fully deterministic: every file's content comes from a
random.Random seeded with a string built from SEED, the layer name and the
file path (string seeds are hashed with SHA-512, so PYTHONHASHSEED does not
matter and one file's content does not depend on generation order).

Only the Python standard library is used.
"""

import gzip
import json
import os
import random
import re
import shlex
import sys

SEED = "charm-build-bench-v1"

# ---------------------------------------------------------------------------
# Vocabulary for generated text.  Technical words so that files look (and
# compress) roughly like real charm code and docs.
# ---------------------------------------------------------------------------
WORDS = (
    "kubelet proxy docker daemon etcd flannel cluster node worker master "
    "certificate key server client endpoint relation config option snap "
    "channel service systemd unit container image registry ingress backend "
    "network subnet cidr interface address port label taint manifest "
    "addon dashboard storage volume secret token auth webhook leader unit "
    "status active waiting blocked maintenance install upgrade restart "
    "reload render template context path file directory package archive "
    "version release series juju charm layer reactive flag state handler "
    "hook event request response timeout retry health check nagios plugin "
    "metrics log debug trace error warning value default string integer "
    "boolean list mapping schema property resource binary runtime cgroup "
    "kernel module sysctl iptables route gateway dns domain name host "
    "pod deployment daemonset replica namespace cloud provider region zone"
).split()

# Words used for snake_case identifiers (kept short so identifiers look real).
IDENT_WORDS = [w for w in WORDS if len(w) <= 9]


def words(rng, n):
    return " ".join(rng.choices(WORDS, k=n))


def sentence(rng, lo=6, hi=16):
    s = words(rng, rng.randint(lo, hi))
    return s[0].upper() + s[1:] + "."


def paragraph(rng, lo=3, hi=7):
    return " ".join(sentence(rng) for _ in range(rng.randint(lo, hi)))


def ident(rng, parts=2):
    return "_".join(rng.choices(IDENT_WORDS, k=parts))


def flag(rng):
    return ".".join(rng.choices(IDENT_WORDS, k=rng.randint(2, 3)))


def wrap(text, width=72, indent=""):
    """Greedy word wrap (textwrap is fine too, but this is faster on 10k files)."""
    lines, cur = [], indent
    for w in text.split():
        if len(cur) + len(w) + 1 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += w + " "
    if cur.strip():
        lines.append(cur.rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Minimal YAML emitter (stdlib has no yaml).  Handles what charm metadata,
# config and layer files need: nested dicts/lists and scalars.
# ---------------------------------------------------------------------------
_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9 _./:+=,-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def yaml_scalar(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if _PLAIN.match(s) and s.lower() not in _RESERVED and not s.endswith((" ", ":")) \
            and ": " not in s and " #" not in s:
        return s
    return json.dumps(s)  # a JSON string is a valid YAML double-quoted scalar


def yaml_dump(obj, indent=0):
    pad = " " * indent
    out = []
    if isinstance(obj, dict):
        if not obj:
            return pad + "{}\n"
        for k, v in obj.items():
            key = yaml_scalar(k)
            if isinstance(v, str) and "\n" in v:
                body = "\n".join((pad + "  " + ln) if ln else "" for ln in v.rstrip("\n").split("\n"))
                out.append(f"{pad}{key}: |\n{body}\n")
            elif isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{key}:\n{yaml_dump(v, indent + 2)}")
            elif isinstance(v, (dict, list)):
                out.append(f"{pad}{key}: {'{}' if isinstance(v, dict) else '[]'}\n")
            else:
                out.append(f"{pad}{key}: {yaml_scalar(v)}\n")
    elif isinstance(obj, list):
        for v in obj:
            if isinstance(v, (dict, list)) and v:
                inner = yaml_dump(v, indent + 2)
                out.append(f"{pad}- {inner.lstrip()}")
            else:
                out.append(f"{pad}- {yaml_scalar(v)}\n")
    else:
        out.append(pad + yaml_scalar(obj) + "\n")
    return "".join(out)


# ---------------------------------------------------------------------------
# Content generators.  Each takes an rng and a target size in bytes and
# returns text of roughly that size (it stops at the first block past it).
# ---------------------------------------------------------------------------
APACHE_HEADER = (
    "# Copyright 2015 The Kubernetes Authors.\n#\n"
    "# Licensed under the Apache License, Version 2.0 (the \"License\");\n"
    "# you may not use this file except in compliance with the License.\n"
    "# You may obtain a copy of the License at\n#\n"
    "#     http://www.apache.org/licenses/LICENSE-2.0\n#\n"
    "# Unless required by applicable law or agreed to in writing, software\n"
    "# distributed under the License is distributed on an \"AS IS\" BASIS,\n"
    "# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
    "# See the License for the specific language governing permissions and\n"
    "# limitations under the License.\n\n"
)

PY_IMPORTS = (
    "import json\nimport os\nimport re\nimport subprocess\n"
    "from shlex import split\nfrom subprocess import check_call, check_output\n\n"
    "from charmhelpers.core import hookenv, host, unitdata\n"
    "from charmhelpers.core.templating import render\n"
    "from charms.reactive import when, when_not, when_any, set_state, remove_state\n"
    "from charms.reactive import is_state, hook\n"
    "from charms.layer import status\n\n"
)


def py_statement(rng, depth):
    """One line (or small block) of plausible charm Python."""
    pad = "    " * depth
    v, k = ident(rng), ident(rng)
    pick = rng.randrange(10)
    if pick == 0:
        return f"{pad}{v} = hookenv.config('{k.replace('_', '-')}')"
    if pick == 1:
        return f"{pad}if not {v}:\n{pad}    hookenv.log('{sentence(rng, 3, 8)}')\n{pad}    return"
    if pick == 2:
        return f"{pad}set_state('{flag(rng)}')"
    if pick == 3:
        return f"{pad}remove_state('{flag(rng)}')"
    if pick == 4:
        return f"{pad}check_call(['{rng.choice(IDENT_WORDS)}', '--{k.replace('_', '-')}', {v}])"
    if pick == 5:
        return f"{pad}render('{rng.choice(IDENT_WORDS)}.{rng.choice(['conf', 'yaml', 'service', 'json'])}', '/etc/{v}', {{'{k}': {v}}})"
    if pick == 6:
        return f"{pad}for {k} in {v}:\n{pad}    status.maintenance('{sentence(rng, 3, 6)}')\n{pad}    {ident(rng)}.append({k})"
    if pick == 7:
        return f"{pad}{v} = os.path.join('/root/cdk', '{k}')"
    if pick == 8:
        return f"{pad}# {sentence(rng, 5, 12)}"
    return f"{pad}{v} = {{'{k}': {ident(rng)}, 'timeout': {rng.randint(5, 600)}}}"


def py_function(rng, reactive):
    lines = []
    if reactive:
        lines.append(f"@when('{flag(rng)}')")
        if rng.random() < 0.5:
            lines.append(f"@when_not('{flag(rng)}')")
    args = ", ".join(rng.choices(IDENT_WORDS, k=rng.randint(0, 3))) if not reactive else ""
    lines.append(f"def {ident(rng, rng.randint(2, 3))}({args}):")
    lines.append(f'    """{sentence(rng, 5, 12)}\n\n{wrap(paragraph(rng, 1, 3), 76, "    ")}\n    """')
    for _ in range(rng.randint(3, 12)):
        lines.append(py_statement(rng, 1))
    return "\n".join(lines) + "\n\n\n"


def gen_py(rng, size, reactive=False, shebang=False):
    parts = ["#!/usr/local/sbin/charm-env python3\n" if shebang else "", APACHE_HEADER, PY_IMPORTS]
    n = sum(map(len, parts))
    while n < size:
        f = py_function(rng, reactive)
        parts.append(f)
        n += len(f)
    return "".join(parts)


def gen_sh(rng, size, reactive=False):
    parts = ["#!/bin/bash\nset -eux\n\n"]
    if reactive:
        parts.append("source charms.reactive.sh\n\n")
    n = sum(map(len, parts))
    while n < size:
        name = ident(rng)
        body = [f"# {sentence(rng, 4, 10)}"]
        if reactive:
            body.insert(0, f"@when '{flag(rng)}'")
        body.append(f"function {name}() {{")
        for _ in range(rng.randint(2, 8)):
            w = rng.choice(IDENT_WORDS)
            body.append(rng.choice([
                f"  {w}=$(config-get {ident(rng).replace('_', '-')})",
                f"  status-set maintenance '{sentence(rng, 3, 7)}'",
                f"  juju-log \"{sentence(rng, 3, 8)} ${w}\"",
                f"  systemctl restart {w}.service || true",
                f"  charms.reactive set_state '{flag(rng)}'",
            ]))
        body.append("}\n\n")
        block = "\n".join(body)
        parts.append(block)
        n += len(block)
    if reactive:
        parts.append("reactive_handler_main\n")
    else:
        parts.append('"$@"\n')
    return "".join(parts)


def gen_md(rng, size, title):
    parts = [f"# {title}\n\n{wrap(paragraph(rng))}\n\n"]
    n = len(parts[0])
    while n < size:
        block = f"## {sentence(rng, 2, 5)[:-1].title()}\n\n{wrap(paragraph(rng))}\n\n"
        if rng.random() < 0.4:
            block += f"```\njuju config {rng.choice(IDENT_WORDS)} {ident(rng).replace('_', '-')}={rng.choice(IDENT_WORDS)}\n```\n\n"
        if rng.random() < 0.3:
            block += "".join(f"- {sentence(rng, 3, 9)}\n" for _ in range(rng.randint(2, 6))) + "\n"
        parts.append(block)
        n += len(block)
    return "".join(parts)


def gen_k8s_yaml(rng, size):
    """Multi-document Kubernetes manifest template (jinja-ish placeholders)."""
    docs, n = [], 0
    while n < size:
        name = ident(rng).replace("_", "-")
        kind = rng.choice(["Deployment", "Service", "ConfigMap", "DaemonSet", "ClusterRole"])
        doc = {
            "apiVersion": "apps/v1" if kind in ("Deployment", "DaemonSet") else "v1",
            "kind": kind,
            "metadata": {"name": name, "namespace": "{{ namespace }}",
                         "labels": {"k8s-app": name, "cdk-restart-on-ca-change": "true"}},
        }
        if kind in ("Deployment", "DaemonSet"):
            doc["spec"] = {
                "selector": {"matchLabels": {"k8s-app": name}},
                "template": {
                    "metadata": {"labels": {"k8s-app": name}},
                    "spec": {
                        "serviceAccountName": name,
                        "containers": [{
                            "name": name,
                            "image": "{{ registry }}/" + name + ":" + f"v{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
                            "args": [f"--{ident(rng).replace('_', '-')}={rng.choice(IDENT_WORDS)}" for _ in range(rng.randint(2, 6))],
                            "ports": [{"containerPort": rng.randint(1024, 65000), "protocol": "TCP"}],
                            "resources": {"limits": {"cpu": f"{rng.randint(1, 9)}00m", "memory": f"{rng.randint(1, 9)}00Mi"}},
                        }],
                    },
                },
            }
        elif kind == "Service":
            doc["spec"] = {"selector": {"k8s-app": name},
                           "ports": [{"port": rng.randint(80, 9000), "targetPort": rng.randint(1024, 65000)}]}
        elif kind == "ConfigMap":
            doc["data"] = {ident(rng): words(rng, rng.randint(3, 12)) for _ in range(rng.randint(3, 10))}
        else:
            doc["rules"] = [{"apiGroups": [""], "resources": rng.sample(IDENT_WORDS, 3),
                             "verbs": ["get", "list", "watch"]}]
        text = yaml_dump(doc)
        docs.append(text)
        n += len(text) + 4
    return "---\n" + "---\n".join(docs)


def gen_svg(rng, size):
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
             '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">\n']
    n = len(parts[0])
    while n < size:
        pts = " ".join(f"{rng.uniform(0, 100):.3f},{rng.uniform(0, 100):.3f}" for _ in range(rng.randint(6, 20)))
        el = f'  <path style="fill:#{rng.randrange(0x1000000):06x};fill-opacity:1;stroke:none" d="M {pts} Z" />\n'
        parts.append(el)
        n += len(el)
    parts.append("</svg>\n")
    return "".join(parts)


def gen_conf(rng, size):
    """Config-file template (systemd unit / defaults file with jinja vars)."""
    parts = [f"# {sentence(rng)}\n# Rendered by the charm; local edits are overwritten.\n\n"]
    n = len(parts[0])
    if rng.random() < 0.5:
        parts.append("[Unit]\nDescription={{ description }}\nAfter=network.target\n\n[Service]\n")
    while n < size:
        line = rng.choice([
            f"{ident(rng).upper()}=\"{{{{ {ident(rng)} }}}}\"\n",
            f"ExecStartPre=/bin/mkdir -p /var/lib/{rng.choice(IDENT_WORDS)}\n",
            f"# {sentence(rng, 4, 12)}\n",
            f"{{% if {ident(rng)} %}}\n--{ident(rng).replace('_', '-')}={{{{ {ident(rng)} }}}}\n{{% endif %}}\n",
        ])
        parts.append(line)
        n += len(line)
    return "".join(parts)


def gen_json(rng, size):
    obj, n = {}, 2
    while n < size:
        k = ident(rng).replace("_", "-")
        obj[k] = rng.choice([rng.randint(0, 9999), words(rng, 3), [rng.choice(IDENT_WORDS) for _ in range(3)], rng.random() < 0.5])
        n += len(k) + 30
    return json.dumps(obj, indent=2) + "\n"


def gen_text(rng, size):
    return wrap(" ".join(paragraph(rng) for _ in range(max(1, size // 500)))) + "\n"


def gen_binary(rng, size):
    """Gzip of random bytes: incompressible, like a shipped tarball/blob.
    mtime=0 keeps gzip output deterministic."""
    return gzip.compress(rng.randbytes(size), mtime=0)


COPYRIGHT = (
    "Format: http://dep.debian.net/deps/dep5/\n\n"
    "Files: *\nCopyright: Copyright 2015-2019, Canonical Ltd., All Rights Reserved.\n"
    "License: Apache License 2.0\n Licensed under the Apache License, Version 2.0 (the \"License\");\n"
    " you may not use this file except in compliance with the License.\n"
    " You may obtain a copy of the License at\n .\n     http://www.apache.org/licenses/LICENSE-2.0\n"
)

HOOK_TEMPLATE = """#!/usr/bin/env python3

# Load modules from $JUJU_CHARM_DIR/lib
import sys
sys.path.append('lib')

from charms.layer import basic  # noqa
basic.bootstrap_charm_deps()

from charmhelpers.core import hookenv  # noqa
hookenv.atstart(basic.init_config_states)
hookenv.atexit(basic.clear_config_states)


# This will load and run the appropriate @hook and other decorated
# handlers from $JUJU_CHARM_DIR/reactive, $JUJU_CHARM_DIR/hooks/reactive,
# and $JUJU_CHARM_DIR/hooks/relations.
#
# See https://jujucharms.com/docs/stable/authors-charm-building
# for more information on this pattern.
from charms.reactive import main  # noqa
main()
"""


# ---------------------------------------------------------------------------
# Writing files.
# ---------------------------------------------------------------------------
class LayerWriter:
    """Writes the files of one layer; content rng is derived per file."""

    def __init__(self, root, name):
        self.root, self.name = root, name

    def rng(self, rel):
        return random.Random(f"{SEED}:{self.name}:{rel}")

    def write(self, rel, data, exe=False):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(path, mode) as f:
            f.write(data)
        os.chmod(path, 0o755 if exe else 0o644)

    def yaml(self, rel, obj):
        self.write(rel, yaml_dump(obj))

    def gen(self, rel, kind, size, exe=False, **kw):
        """Generate a file of the given kind and approximate size."""
        r = self.rng(rel)
        gens = {
            "py": lambda: gen_py(r, size, **kw),
            "reactive": lambda: gen_py(r, size, reactive=True),
            "action": lambda: gen_py(r, size, shebang=True),
            "sh": lambda: gen_sh(r, size, **kw),
            "md": lambda: gen_md(r, size, kw.get("title", self.name)),
            "k8s": lambda: gen_k8s_yaml(r, size),
            "svg": lambda: gen_svg(r, size),
            "conf": lambda: gen_conf(r, size),
            "json": lambda: gen_json(r, size),
            "text": lambda: gen_text(r, size),
            "bin": lambda: gen_binary(r, size),
        }
        self.write(rel, gens[kind](), exe=exe or kind in ("action",))


# ---------------------------------------------------------------------------
# The realistic set: shaped like charm-kubernetes-worker and its layers.
# ---------------------------------------------------------------------------
def config_options(rng, spec):
    """spec: list of (name, type, default). Descriptions are generated."""
    opts = {}
    for name, typ, default in spec:
        desc = wrap(paragraph(rng, 1, 3), 76)
        opts[name] = {"type": typ, "default": default, "description": desc + "\n"}
    return {"options": opts}


def layer_yaml(includes=(), options=None, defines=None, extra=None):
    doc = {}
    if includes:
        doc["includes"] = list(includes)
    if options:
        doc["options"] = options
    if defines:
        doc["defines"] = defines
    if extra:
        doc.update(extra)
    return doc


def metadata(rng, name, summary, provides=None, requires=None, peers=None, tags=None, series=None):
    doc = {
        "name": name,
        "summary": summary,
        "maintainers": ["Tim Van Steenburgh <tim.van.steenburgh@canonical.com>",
                        "George Kraft <george.kraft@canonical.com>"],
        "description": wrap(paragraph(rng, 2, 4), 76) + "\n",
        "tags": tags or ["misc"],
    }
    if series:
        doc["series"] = series
    for key, rel in (("provides", provides), ("requires", requires), ("peers", peers)):
        if rel:
            doc[key] = rel
    return doc


def common_files(w, readme_size):
    w.gen("README.md", "md", readme_size, title=w.name)
    w.write("copyright", COPYRIGHT)


def realistic_layers(layers_dir):
    """Write the 12 layers.  Returns the top layer name."""

    def L(name):
        return LayerWriter(os.path.join(layers_dir, name), name)

    # --- basic: the base layer, owns hooks/hook.template --------------------
    w = L("basic")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:options"], defines={
        "packages": {"type": "array", "default": [], "items": {"type": "string"},
                     "description": "Additional packages to be installed at time of bootstrap"},
        "python_packages": {"type": "array", "default": [], "items": {"type": "string"},
                            "description": "Additional Python packages to install into the venv"},
        "use_venv": {"type": "boolean", "default": True,
                     "description": "Install charm dependencies (wheelhouse) into a Python virtual env"},
        "include_system_packages": {"type": "boolean", "default": False,
                                    "description": "If using a virtual environment, allow the venv to see Python packages installed at the system level."},
    }))
    w.yaml("metadata.yaml", metadata(w.rng("metadata.yaml"), "basic", "Base layer for all charms",
                                     series=["bionic", "xenial"]))
    w.write("hooks/hook.template", HOOK_TEMPLATE, exe=True)
    w.gen("lib/charms/layer/__init__.py", "py", 2000)
    w.gen("lib/charms/layer/basic.py", "py", 16000)
    w.gen("lib/charms/layer/execd.py", "py", 8000)
    w.gen("bin/charm-env", "sh", 6000, exe=True)
    w.write("reactive/__init__.py", "")
    common_files(w, 7000)

    # --- options -------------------------------------------------------------
    w = L("options")
    w.yaml("layer.yaml", layer_yaml())
    w.gen("lib/charms/layer/options.py", "py", 1500)
    w.gen("bin/layer_option", "py", 600, exe=True)
    common_files(w, 1200)

    # --- status ----------------------------------------------------------------
    w = L("status")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"], defines={
        "patch-hookenv": {"type": "boolean", "default": True,
                          "description": "Patch hookenv.status_set to go through this layer"}}))
    w.gen("lib/charms/layer/status.py", "py", 10000)
    w.gen("reactive/status.py", "reactive", 1200)
    common_files(w, 6000)

    # --- debug -------------------------------------------------------------------
    w = L("debug")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"]))
    w.yaml("actions.yaml", {"debug": {"description": "Collect debug data"}})
    w.gen("actions/debug", "action", 8000)
    w.gen("lib/debug_script.py", "py", 1500)
    for i, s in enumerate(["charm-unitdata", "filesystem", "juju-logs", "juju-network-get",
                           "network", "packages", "sysctl", "systemd"]):
        w.gen(f"debug-scripts/{s}", "sh" if i % 2 else "action", 600 + 150 * i, exe=True)
    common_files(w, 3000)

    # --- leadership --------------------------------------------------------------
    w = L("leadership")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"]))
    w.gen("lib/charms/leadership.py", "py", 2500)
    w.gen("reactive/leadership.py", "reactive", 6000)
    common_files(w, 3000)

    # --- tls-client --------------------------------------------------------------
    w = L("tls-client")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic", "layer:leadership"], defines={
        k: {"type": "string", "default": "", "description": f"Path to write the {k.replace('_', ' ')}"}
        for k in ("ca_certificate_path", "server_certificate_path", "server_key_path",
                  "client_certificate_path", "client_key_path")}))
    w.gen("reactive/tls_client.py", "reactive", 12000)
    w.gen("lib/charms/layer/tls_client.py", "py", 8000)
    common_files(w, 4000)

    # --- nagios --------------------------------------------------------------------
    w = L("nagios")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"]))
    w.yaml("config.yaml", config_options(w.rng("config.yaml"), [
        ("nagios_context", "string", "juju"),
        ("nagios_servicegroups", "string", "")]))
    w.gen("reactive/nagios.py", "reactive", 3000)
    w.gen("lib/charms/layer/nagios.py", "py", 10000)
    w.gen("files/nagios/check_systemd.py", "action", 2500)
    w.gen("files/nagios/check_kubernetes_api.py", "action", 2000)
    common_files(w, 2500)

    # --- docker ----------------------------------------------------------------------
    w = L("docker")
    w.yaml("layer.yaml", layer_yaml(
        includes=["layer:basic", "layer:status", "interface:dockerhost"],
        defines={"skip-install": {"type": "boolean", "default": False,
                                  "description": "Skip installing docker (another layer does it)"},
                 "enable-cgroups": {"type": "boolean", "default": False,
                                    "description": "Enable memory and swap accounting cgroups"}}))
    w.yaml("metadata.yaml", metadata(w.rng("metadata.yaml"), "docker", "Docker container runtime",
                                     provides={"dockerhost": {"interface": "dockerhost", "scope": "container"}},
                                     tags=["containers", "ops"]))
    w.yaml("config.yaml", config_options(w.rng("config.yaml"), [
        ("apt-key-server", "string", "hkp://keyserver.ubuntu.com:80"),
        ("docker-ce-package", "string", "docker-ce=5:18.09.1~3-0~ubuntu-bionic"),
        ("docker-opts", "string", ""),
        ("docker_runtime", "string", "auto"),
        ("docker_runtime_key_url", "string", ""),
        ("docker_runtime_package", "string", ""),
        ("docker_runtime_repo", "string", ""),
        ("enable-cgroups", "boolean", False),
        ("http_proxy", "string", ""),
        ("https_proxy", "string", ""),
        ("no_proxy", "string", ""),
        ("install_from_upstream", "boolean", False),
        ("log-max-size", "string", "100m"),
        ("log-max-file", "int", 5),
        ("nvidia-container-runtime-package", "string", "nvidia-container-runtime=2.0.0+docker18.09.1-1"),
        ("nvidia-docker-package", "string", "nvidia-docker2=2.0.3+docker18.09.1-1"),
        ("registry-pull-timeout", "float", 30.5),
    ]))
    w.gen("reactive/docker.py", "reactive", 55000)
    w.gen("reactive/docker-health.sh", "sh", 1500, exe=True, reactive=True)
    w.gen("lib/charms/layer/docker.py", "py", 12000)
    w.gen("lib/charms/docker/__init__.py", "py", 15000)
    w.gen("lib/charms/docker/compose.py", "py", 4000)
    w.gen("lib/charms/docker/dockeropts.py", "py", 3500)
    w.gen("lib/charms/docker/runtime.py", "py", 2500)
    w.gen("templates/docker.defaults", "conf", 1200)
    w.gen("templates/daemon.json", "json", 600)
    w.gen("templates/docker.systemd", "conf", 1500)
    w.gen("templates/docker-ce.list", "conf", 200)
    w.gen("templates/nvidia-container-runtime.list", "conf", 300)
    w.gen("icon.svg", "svg", 9000)
    common_files(w, 10000)

    # --- flannel-ish: SDN layer using etcd + sdn-plugin ----------------------------------
    w = L("flannel")
    w.yaml("layer.yaml", layer_yaml(
        includes=["layer:basic", "layer:status", "interface:etcd", "interface:sdn-plugin"],
        options={"basic": {"packages": ["bridge-utils"]}}))
    w.yaml("metadata.yaml", metadata(w.rng("metadata.yaml"), "flannel", "A Software Defined Network",
                                     requires={"etcd": {"interface": "etcd"}},
                                     provides={"sdn-plugin": {"interface": "sdn-plugin"}},
                                     tags=["networking"]))
    w.yaml("config.yaml", config_options(w.rng("config.yaml"), [
        ("cidr", "string", "10.1.0.0/16"),
        ("iface", "string", ""),
        ("port", "int", 8285),
        ("flannel-backend-type", "string", "vxlan")]))
    w.gen("reactive/flannel.py", "reactive", 18000)
    w.gen("lib/charms/layer/flannel.py", "py", 3000)
    w.gen("templates/flannel.service", "conf", 700)
    w.gen("templates/subnet.env", "conf", 300)
    w.gen("templates/10-flannel.conflist", "json", 500)
    w.gen("templates/flannel-wrapper.sh", "sh", 900, exe=True)
    common_files(w, 4000)

    # --- kubernetes-common: big shared library + the binary blob ------------------------
    w = L("kubernetes-common")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic", "layer:tls-client"]))
    w.gen("lib/charms/layer/kubernetes_common.py", "py", 70000)
    w.gen("lib/charms/layer/kubernetes_common_utils.py", "py", 15000)
    w.gen("templates/cdk.auth-webhook.py", "py", 12000)
    w.gen("templates/cdk.auth-webhook-secret.yaml", "k8s", 700)
    w.gen("templates/kube-defaults", "conf", 800)
    w.gen("files/cni-plugins-amd64.tgz", "bin", 96 * 1024)
    common_files(w, 2500)

    # --- cdk-service-kicker -----------------------------------------------------------------
    w = L("cdk-service-kicker")
    w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"], defines={
        "services": {"type": "array", "default": [], "items": {"type": "string"},
                     "description": "Services to restart if they stop after boot"}}))
    w.gen("reactive/cdk_service_kicker.py", "reactive", 2000)
    w.gen("reactive/cdk-service-kicker.sh", "sh", 900, exe=True, reactive=True)
    w.gen("templates/cdk-service-kicker", "sh", 1000, exe=True)
    w.gen("templates/cdk-service-kicker.service", "conf", 400)
    common_files(w, 1500)

    # --- kubernetes-worker: the top layer -----------------------------------------------------
    w = L("kubernetes-worker")
    w.yaml("layer.yaml", layer_yaml(
        includes=["layer:basic", "layer:debug", "layer:leadership", "layer:docker",
                  "layer:nagios", "layer:tls-client", "layer:cdk-service-kicker",
                  "layer:kubernetes-common", "layer:flannel",
                  "interface:kube-api", "interface:http"],
        options={
            "basic": {"packages": ["cifs-utils", "ceph-common", "nfs-common", "socat", "virt-what"]},
            "tls-client": {"ca_certificate_path": "/root/cdk/ca.crt",
                           "server_certificate_path": "/root/cdk/server.crt",
                           "server_key_path": "/root/cdk/server.key",
                           "client_certificate_path": "/root/cdk/client.crt",
                           "client_key_path": "/root/cdk/client.key"},
            "docker": {"skip-install": True},
            "cdk-service-kicker": {"services": ["snap.kubelet.daemon", "snap.kube-proxy.daemon"]},
        },
        extra={"repo": "https://github.com/kubernetes/kubernetes.git"}))
    w.yaml("metadata.yaml", metadata(
        w.rng("metadata.yaml"), "kubernetes-worker", "The workload bearing units of a kubernetes cluster",
        requires={"kube-api-endpoint": {"interface": "kube-api"}},
        provides={"ingress-proxy": {"interface": "http"}},
        peers={"coordinator": {"interface": "kube-api"}},
        tags=["misc"], series=["bionic", "xenial"]))
    w.yaml("config.yaml", config_options(w.rng("config.yaml"), [
        ("allow-privileged", "string", "auto"),
        ("channel", "string", "1.13/stable"),
        ("default-backend-image", "string", "auto"),
        ("ingress", "boolean", True),
        ("ingress-ssl-chain-completion", "boolean", False),
        ("kubelet-extra-args", "string", ""),
        ("kubelet-extra-config", "string", "{}"),
        ("labels", "string", ""),
        ("nginx-image", "string", "auto"),
        ("proxy-extra-args", "string", ""),
        ("require-manual-upgrade", "boolean", True),
        ("snap_proxy", "string", ""),
        ("snap_proxy_url", "string", ""),
        ("snapd_refresh", "string", "max"),
        ("sysctl", "string", "{ net.ipv4.conf.all.forwarding : 1, net.ipv4.neigh.default.gc_thresh1 : 128 }"),
        ("kubelet-max-pods", "int", 110),
        ("node-cpu-fraction", "float", 0.9),
    ]))
    actions = ["pause", "resume", "microbot", "upgrade", "registry", "cis-benchmark",
               "apply-manifest", "debug-dump", "restart-kubelet", "label-node"]
    action_doc = {a: {"description": sentence(w.rng(f"actions.yaml:{a}"), 4, 10)} for a in actions}
    action_doc["microbot"]["params"] = {"replicas": {"type": "integer", "default": 3,
                                                     "description": "Number of replicas"}}
    w.yaml("actions.yaml", action_doc)
    for i, a in enumerate(actions):
        w.gen(f"actions/{a}", "action", 1500 + 500 * (i % 5))
    w.gen("reactive/kubernetes_worker.py", "reactive", 95000)
    w.gen("lib/charms/layer/kubernetes_worker.py", "py", 15000)
    w.gen("templates/ingress-daemon-set.yaml", "k8s", 8000)
    w.gen("templates/default-http-backend.yaml", "k8s", 4000)
    w.gen("templates/microbot-example.yaml", "k8s", 2000)
    w.gen("templates/registry.yaml", "k8s", 3000)
    w.gen("templates/cis-benchmark-job.yaml", "k8s", 2500)
    w.gen("templates/addons/kubernetes-dashboard.yaml", "k8s", 80000)
    w.gen("templates/addons/metrics-server.yaml", "k8s", 6000)
    w.gen("templates/addons/ceph-csi.yaml", "k8s", 45000)
    w.gen("templates/addons/nginx-ingress.yaml", "k8s", 25000)
    w.gen("templates/addons/coredns.yaml", "k8s", 12000)
    w.gen("templates/addons/kube-state-metrics.yaml", "k8s", 15000)
    w.gen("templates/nvidia-device-plugin.yaml", "k8s", 8000)
    w.gen("templates/grafana/kubernetes-dashboard.json", "json", 40000)
    w.gen("templates/nagios_plugin.py", "py", 2000)
    w.gen("exec.d/docker-compose/charm-pre-install", "sh", 500, exe=True)
    w.gen("icon.svg", "svg", 25000)
    w.write("version", "v1.13.2\n")
    common_files(w, 30000)
    return "kubernetes-worker"


def write_interface(interfaces_dir, name, roles, size):
    """An interface layer: interface.yaml + one module per role."""
    w = LayerWriter(os.path.join(interfaces_dir, name), f"interface-{name}")
    w.yaml("interface.yaml", {"name": name, "summary": f"Interface for {name}",
                              "version": 1, "maintainer": "Juju Developers <juju@lists.ubuntu.com>"})
    for role in roles:
        w.gen(f"{role}.py", "py", size)
    common_files(w, 1500)


def realistic(out):
    top = realistic_layers(os.path.join(out, "layers"))
    idir = os.path.join(out, "interfaces")
    write_interface(idir, "etcd", ["provides", "requires", "peers"], 3500)
    write_interface(idir, "dockerhost", ["provides", "requires"], 2000)
    write_interface(idir, "sdn-plugin", ["provides", "requires"], 2500)
    write_interface(idir, "kube-api", ["provides", "requires", "peers"], 2500)
    write_interface(idir, "http", ["provides", "requires"], 3000)
    return top


# ---------------------------------------------------------------------------
# The files-N set: a few layers holding N small files in nested dirs.
# ---------------------------------------------------------------------------
# Files the build adds besides the bulk ones (generated hooks, relation hooks,
# interface files, merged yaml, README, manifest...).  Only used to aim the
# total near N; run.sh reports the real count of the built tree.
FILES_OVERHEAD = 25
BULK_LAYERS = ["bulk-a", "bulk-b", "bulk-c"]
FILES_PER_DIR = 40
DIRS_PER_PKG = 8


def bulk_file(w, index):
    """The index-th bulk file of a layer: nested lib/ or templates/ path,
    ~200-2000 bytes, a mix of kinds (1 in 10 executable scripts)."""
    leaf = index // FILES_PER_DIR
    pkg, sub = divmod(leaf, DIRS_PER_PKG)
    short = w.name.replace("-", "_")
    kind = ("py", "py", "py", "conf", "k8s", "text", "sh", "py", "json", "md")[index % 10]
    ext = {"py": "py", "conf": "conf", "k8s": "yaml", "text": "txt", "sh": "sh", "json": "json", "md": "md"}[kind]
    top = "templates" if kind in ("conf", "k8s") else "lib"
    rel = f"{top}/{short}/pkg{pkg:03d}/sub{sub:02d}/f{index:05d}.{ext}"
    size = w.rng(rel).randint(200, 2000)
    w.gen(rel, kind, size, exe=(kind == "sh"))


def files_set(n, out):
    layers_dir = os.path.join(out, "layers")
    name = f"files-{n}"
    bulk = max(0, n - FILES_OVERHEAD)
    owners = BULK_LAYERS + [name]
    share, extra = divmod(bulk, len(owners))

    w = LayerWriter(os.path.join(layers_dir, "basic"), "basic")
    w.yaml("layer.yaml", layer_yaml(defines={
        "packages": {"type": "array", "default": [], "items": {"type": "string"}}}))
    w.write("hooks/hook.template", HOOK_TEMPLATE, exe=True)
    w.gen("lib/charms/layer/__init__.py", "py", 1500)
    common_files(w, 2000)

    for i, lname in enumerate(owners):
        w = LayerWriter(os.path.join(layers_dir, lname), lname)
        count = share + (1 if i < extra else 0)
        for idx in range(count):
            bulk_file(w, idx)
        if lname != name:
            w.yaml("layer.yaml", layer_yaml(includes=["layer:basic"]))
            common_files(w, 1500)

    # The top layer (owner of the last share) ties everything together.
    w = LayerWriter(os.path.join(layers_dir, name), name)
    w.yaml("layer.yaml", layer_yaml(
        includes=["layer:basic"] + [f"layer:{b}" for b in BULK_LAYERS] + ["interface:data"],
        options={"basic": {"packages": ["socat"]}}))
    w.yaml("metadata.yaml", metadata(w.rng("metadata.yaml"), name, f"Synthetic charm with about {n} files",
                                     requires={"data": {"interface": "data"}}, series=["bionic"]))
    w.yaml("config.yaml", config_options(w.rng("config.yaml"), [
        ("log-level", "string", "info"), ("workers", "int", 4)]))
    common_files(w, 3000)

    write_interface(os.path.join(out, "interfaces"), "data", ["provides", "requires"], 1500)
    return name


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------
def usage(msg=None):
    if msg:
        print(f"gen_layers.py: {msg}", file=sys.stderr)
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    sys.exit(2)


def prepare_out(out):
    """Refuse to write into a non-empty dir so stale files never skew a set."""
    if os.path.exists(out) and os.listdir(out):
        usage(f"OUT_DIR {out} exists and is not empty")
    os.makedirs(out, exist_ok=True)
    return os.path.abspath(out)


def main(argv):
    if len(argv) == 2 and argv[0] == "realistic":
        out = prepare_out(argv[1])
        top = realistic(out)
    elif len(argv) == 3 and argv[0] == "files":
        try:
            n = int(argv[1])
        except ValueError:
            usage(f"N must be an integer, got {argv[1]!r}")
        if n < 1:
            usage("N must be positive")
        out = prepare_out(argv[2])
        top = files_set(n, out)
    else:
        usage()
    q = shlex.quote
    print(f"TOP_LAYER={q(os.path.join(out, 'layers', top))}")
    print(f"CHARM_NAME={q(top)}")
    print(f"export CHARM_LAYERS_DIR={q(os.path.join(out, 'layers'))}")
    print(f"export CHARM_INTERFACES_DIR={q(os.path.join(out, 'interfaces'))}")
    print('# build with: charm-build -o BUILD_DIR -n "$CHARM_NAME" "$TOP_LAYER"'
          "  (BUILD_DIR outside OUT_DIR)")


if __name__ == "__main__":
    main(sys.argv[1:])
