#!/usr/bin/env python3
"""Differential test (issue 18.5): `caracal-twin routes` against `amtool config routes` 0.25.

Generates routing trees from a fixed seed (nested routes, `continue`, new-style matchers with
=, !=, =~, !~, quoted and bare values and brace lists, legacy match/match_re, inheritance of
receiver and group_by), and label sets to route through them. For every tree it compares
`routes show`; for every label set `routes test --tree`, then `routes test --verify-receivers`
with the right receivers or a wrong list, alternately. Each comparison is stdout and exit status.
Every fourth tree is also mutated (a misspelt field, a bad matcher or regex, a bad time interval,
...) and `routes show` must accept or refuse it as `amtool check-config` does.

Usage: amtool_differential.py TWIN AMTOOL [TREES [LABEL_SETS_PER_TREE]]
Prints one line per disagreement (at most 20) and the figure; exit 1 on any disagreement.
"""
import concurrent.futures
import os
import random
import subprocess
import sys
import tempfile

SEED = 18_05
LABELS = {
    "alertname": ["TargetDown", "HighLatency", "DiskFull"],
    "severity": ["critical", "warning", "info", "page"],
    "team": ["db", "web", "infra"],
    "env": ["prod", "stage", "dev"],
    "cluster": ["eu-1", "us-2"],
    # Values that need quoting: a comma, a space, double quotes.
    "summary": ["a,b", "x y", 'say "hi"'],
}
RECEIVERS = ["default", "pager", "db-team", "web-team", "slack", "blackhole"]
INTERVAL = "time_intervals: [{name: x, time_intervals: [%s]}]\n"
# (text to replace, replacement) in a generated tree, or (None, text to append).
MUTATIONS = [
    ("receiver: ", "reciever: "), ("matchers: ['", "matchers: ['bad-name="), ('=~"', '=~"('),
    ("- name: pager\n", "- name: pagerx\n"), ("group_wait: 10s", "group_wait: 10"),
    ("group_by: ['alertname']", "group_by: ['alertname', 'alertname']"), ("group_by: ['...']", "group_by: ['...', 'x']"),
    ("continue: true", "continue: 1"), ("match: {", "match: {'a b': x, "), ("match_re: {", "match_re: {x: '*', "),
    ("!=", "!=="), ("  routes:\n", "  routes:\n  - {}\n"),
    (None, "inhibit_rules: [{source_matchers: [a=b], equal: ['bad-label']}]\n"),
    (None, INTERVAL % "{weekdays: ['monday:sunday']}"), (None, INTERVAL % "{days_of_month: ['-5:3']}"),
    (None, INTERVAL % "{months: ['13']}"), (None, INTERVAL % "{years: ['2020:2019']}"),
    (None, INTERVAL % "{times: [{start_time: '24:00', end_time: '24:00'}]}"),
    (None, INTERVAL % "{days_of_month: ['0']}"), (None, INTERVAL % "{months: ['may:february']}"),
    (None, INTERVAL % "{weekdays: ['MONDAY:Friday'], days_of_month: ['1:-1']}"),
    (None, INTERVAL % "{times: [{start_time: '23:59', end_time: '24:00'}], location: 'America/New_York'}"),
    (None, INTERVAL % "{location: 'Europe/Atlantis'}"),
]


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def regex_for(rng, name):
    values = LABELS[name]
    kind = rng.randrange(6)
    if kind == 4:
        return "(?i)" + rng.choice(values).upper()
    if kind == 5:
        return "^" + rng.choice(values)[:1].replace('"', "") + "[a-z ,-]+[0-9]?$"
    if kind == 0:
        return "|".join(rng.sample(values, rng.randint(1, len(values))))
    if kind == 1:
        return rng.choice(values)[:2].replace('"', "") + ".*"
    if kind == 2:
        return "(" + "|".join(rng.sample(values, 2)) + ")?"
    return ".+"


def new_style_matcher(rng):
    name = rng.choice(list(LABELS))
    op = rng.choice(["=", "!=", "=~", "!~"])
    value = regex_for(rng, name) if "~" in op else rng.choice(LABELS[name] + [""])
    if rng.random() < 0.5 or any(c in value for c in '|(", ') or value == "":
        value = '"' + value.replace('"', '\\"') + '"'
    space = " " if rng.random() < 0.2 else ""
    return f"{name}{space}{op}{space}{value}"


def route_lines(rng, depth, indent):
    """The YAML lines of one child route (a list item) and its subtree."""
    fields = []
    kind = rng.randrange(5)
    if kind <= 1:
        ms = [new_style_matcher(rng) for _ in range(rng.randint(1, 2))]
        if len(ms) == 2 and rng.random() < 0.5:
            fields.append("matchers: [" + quote("{" + ", ".join(ms) + "}") + "]")
        else:
            fields.append("matchers: [" + ", ".join(quote(m) for m in ms) + "]")
    elif kind == 2:
        name = rng.choice(list(LABELS))
        fields.append("match: {" + name + ": " + quote(rng.choice(LABELS[name])) + "}")
    elif kind == 3:
        name = rng.choice(list(LABELS))
        fields.append("match_re: {" + name + ": " + quote(regex_for(rng, name)) + "}")
        if rng.random() < 0.4:
            fields.append("matchers: [" + quote(new_style_matcher(rng)) + "]")
    # kind 4: no matchers, a catch-all child
    if rng.random() < 0.6:
        fields.append("receiver: " + rng.choice(RECEIVERS))
    if rng.random() < 0.35:
        fields.append("continue: true")
    if rng.random() < 0.3:
        group = rng.choice([["..."], ["alertname"], ["cluster", "alertname"], []])
        fields.append("group_by: [" + ", ".join(quote(g) for g in group) + "]")
    if rng.random() < 0.2:
        fields.append("group_wait: " + rng.choice(["0s", "10s", "1m"]))
    lines = [indent + "- " + fields[0]] if fields else [indent + "- {}"]
    lines += [indent + "  " + f for f in fields[1:]]
    children = rng.randint(0, 3) if depth < 3 else 0
    if children and fields:
        lines.append(indent + "  routes:")
        for _ in range(children):
            lines += route_lines(rng, depth + 1, indent + "  ")
    return lines


def config_text(rng):
    lines = ["route:", "  receiver: " + rng.choice(RECEIVERS[:3]), "  group_by: [alertname]", "  routes:"]
    for _ in range(rng.randint(1, 4)):
        lines += route_lines(rng, 1, "  ")
    lines.append("receivers:")
    for r in RECEIVERS:
        lines.append("- name: " + r)
        if r != "blackhole":
            lines.append("  webhook_configs: [{url: 'http://127.0.0.1/" + r + "'}]")
    return "\n".join(lines) + "\n"


def label_args(rng):
    args = []
    for name, values in LABELS.items():
        if rng.random() < 0.7:
            value = rng.choice(values + [""])
            if rng.random() < 0.2 or any(c in value for c in '", '):
                args.append(name + '="' + value.replace('"', '\\"') + '"')
            else:
                args.append(f"{name}={value}")
    return args


def mutated(rng, text):
    old, new = rng.choice(MUTATIONS)
    return text + new if old is None else text.replace(old, new, 1)


def accepted(cmd, refused_rc):
    """Exit 0 as True, the tool's refusal status as False, anything else (a crash) as itself."""
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60).returncode
    return {0: True, refused_rc: False}.get(rc, rc)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    twin, amtool = sys.argv[1], sys.argv[2]
    trees = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    per_tree = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    for tool in (twin, amtool):
        if not os.access(tool, os.X_OK):
            print(f"{sys.argv[0]}: not an executable: {tool}", file=sys.stderr)
            return 2
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as work:
        cases = []  # (what, twin command, amtool command)
        verdicts = []  # the same, for mutated trees: accepted or refused
        for t in range(trees):
            path = os.path.join(work, f"tree{t:03}.yml")
            text = config_text(rng)
            with open(path, "w") as f:
                f.write(text)
            if t % 4 == 0:
                bad_path = os.path.join(work, f"mutated{t:03}.yml")
                with open(bad_path, "w") as f:
                    f.write(mutated(rng, text))
                verdicts.append((bad_path, [twin, "routes", "show", "--config", bad_path],
                                 [amtool, "check-config", bad_path]))
            cases.append((f"{path} show", [twin, "routes", "show", "--config", path],
                          [amtool, "config", "routes", "show", "--config.file", path]))
            for _ in range(per_tree):
                labels = label_args(rng)
                cases.append((f"{path} test --tree {' '.join(labels)}",
                               [twin, "routes", "test", "--config", path, "--tree"] + labels,
                               [amtool, "config", "routes", "test", "--config.file", path, "--tree"] + labels))
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda c: (run(c[1]), run(c[2])), cases))
            # --verify-receivers: amtool's own answer for half the label sets, a wrong one for the rest.
            verify_cases = []
            for i, (case, (_, (_, amtool_out))) in enumerate(zip(cases, results)):
                if " test " not in case[0]:
                    continue
                resolved = amtool_out.rstrip("\n").split("\n")[-1]
                expected = resolved if i % 2 else resolved + ",pager"
                verify_cases.append((f"{case[0]} --verify-receivers {expected}",
                                     case[1][:5] + ["--verify-receivers", expected] + case[1][6:],
                                     case[2][:6] + ["--verify.receivers=" + expected] + case[2][7:]))
            results += list(pool.map(lambda c: (run(c[1]), run(c[2])), verify_cases))
            cases += verify_cases
            # A refused configuration: amtool exits 1, the twin 2.
            verdict_results = list(pool.map(lambda c: (accepted(c[1], 2), accepted(c[2], 1)), verdicts))
            results += verdict_results
            cases += [(f"{what} (mutated: accepted?)", t, a) for what, t, a in verdicts]
        disagreements = [(c, r) for c, r in zip(cases, results) if r[0] != r[1]]
        for (what, _, _), ((trc, tout), (arc, aout)) in disagreements[:20]:
            print(f"DISAGREE {what}\n  twin  rc={trc}: {tout!r}\n  amtool rc={arc}: {aout!r}")
        label_sets = trees * per_tree
        print(f"amtool differential: {trees} trees x {per_tree} label sets ({label_sets}), "
              f"{len(verdicts)} mutated ({sum(a is False for _, a in verdict_results)} refused by amtool), {len(cases)} comparisons (show, test --tree, "
              f"test --verify-receivers, check-config verdict), "
              f"{len(cases) - len(disagreements)} agree, {len(disagreements)} disagree")
        return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
