#!/usr/bin/env python3
"""Fails when two builds CI makes would compile a dependency twice.

Cargo resolves features per set of requested packages, so `cargo test
--workspace`, `maturin build` (the binding alone) and `cargo install` (the
CLI alone) can each ask for a different feature set of one crate -- and one
differing leaf under Typst (`bitflags/std`, a host `syn` feature) recompiles
all of Typst, ten minutes on CI's machine (issue 27). This compares, with
`cargo tree`, the features of every crate that two of those graphs share.
The cure for a difference is to ask for the same features everywhere (see
the build-dependencies of crates/yanxiu-render/Cargo.toml).
"""

import subprocess
import sys
from collections import defaultdict

# What scripts/test.sh and scripts/check-dist.sh build, as cargo selects it.
GRAPHS = {
    "cargo test --workspace": ["--workspace", "--exclude", "yanxiu-python", "-e", "normal,build,dev"],
    "maturin build (the binding)": ["-p", "yanxiu-python", "-e", "normal,build"],
    "cargo install (the CLI)": ["-p", "yanxiu-cli", "-e", "normal,build"],
    "the CLI without fonts": ["-p", "yanxiu-cli", "--no-default-features", "-e", "normal,build"],
    "the renderer's tests without fonts": [
        "-p", "yanxiu-render", "--no-default-features", "-e", "normal,build,dev",
    ],
    "the published crates": [
        "--workspace", "--exclude", "yanxiu-python", "--exclude", "yanxiu-tests", "-e", "normal,build",
    ],
}


def features(args):
    run = subprocess.run(
        ["cargo", "tree", "--locked", "--prefix", "none", "-f", "{p}|{f}", *args],
        capture_output=True, text=True,
    )
    if run.returncode != 0:
        sys.exit(f"error: cargo tree {' '.join(args)} failed:\n{run.stderr}")
    out = run.stdout
    found = defaultdict(set)
    for line in out.splitlines():
        line = line.removesuffix(" (*)")
        if "|" not in line:
            continue
        package, feats = line.split("|", 1)
        # Our own crates are compiled per graph anyway: they are small.
        if "yanxiu" not in package:
            found[package].add(feats)
    return found


def main():
    graphs = {name: features(args) for name, args in GRAPHS.items()}
    names = list(graphs)
    problems = []
    for i, first in enumerate(names):
        for other in names[i + 1:]:
            a, b = graphs[first], graphs[other]
            for package in sorted(set(a) & set(b)):
                if a[package] != b[package]:
                    problems.append(
                        f"{package}\n    {first}: {sorted(a[package])}\n    {other}: {sorted(b[package])}"
                    )
    if problems:
        print("error: these crates get different features in different builds, so each is", file=sys.stderr)
        print("compiled once per build (with all that depends on them):", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"    one feature set per crate across {len(names)} builds")


if __name__ == "__main__":
    main()
