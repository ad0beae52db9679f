#!/usr/bin/env python3
"""Issue 14: a learned openness rule for the cascade against the shipped band, left one set out.

Reads the decision records CascadeSweep writes at band 1 (--records FILE: every decision taken by
MiniLM, the table's beside it) and fits, on two sets, a logistic regression of "MiniLM decides
otherwise than the table" on log(the decision's distance: min(|margin|, rival gap / 2)),
log(600 / input length) (capped at 16, as the cascade's widening) and, optionally, log(the best
event's articles) and log(the candidates scored). Its cut holds 97.5 % of the two sets'
disagreements (as the band does); it is then applied to the set left out. Printed per set left out:
decisions opened, MiniLM cost of opening them (in full leads: length / 600), disagreements held,
for the learned rule and for the band chosen the same way (docs/benchmarks.md, the cascade's
eighth round). Needs numpy.

    tools/open_rule_lr.py RECORDS.tsv
"""
import csv
import sys

import numpy as np

HELD = 0.975


def fit(x, y, l2=1e-4, rounds=100):
    """Logistic regression by Newton's method (a small ridge keeps it defined when a set separates)."""
    x = np.c_[np.ones(len(x)), x]
    b = np.zeros(x.shape[1])
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-x @ b))
        g = x.T @ (p - y) / len(y) + l2 * np.r_[0, b[1:]]
        h = (x.T * (p * (1 - p))) @ x / len(y) + l2 * np.eye(len(b))
        b -= np.linalg.solve(h, g)
    return b


def main(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    col = lambda k: np.array([float(r[k]) for r in rows])
    sets = np.array([r["set"] for r in rows])
    margin, runner, chars = col("margin"), col("runner_up"), np.maximum(col("chars"), 1)
    dis = col("disagrees")
    gap = np.where(runner >= 0, (margin - runner) / 2, np.inf)
    raw = np.minimum(np.abs(margin), gap)
    need = raw / np.minimum(4, np.sqrt(600 / chars))  # the shipped rule: open when need < band
    cost = np.minimum(chars, 600) / 600
    features = {
        "distance, length": np.c_[np.log(np.maximum(raw, 1e-3)), np.log(np.minimum(16, 600 / chars))],
        "distance, length, event size": np.c_[np.log(np.maximum(raw, 1e-3)), np.log(np.minimum(16, 600 / chars)), np.log(col("best_articles"))],
        "distance, length, event size, candidates": np.c_[np.log(np.maximum(raw, 1e-3)), np.log(np.minimum(16, 600 / chars)),
                                                          np.log(col("best_articles")), np.log(col("candidates"))],
    }
    # which of the two is right where they disagree: same-story pairs less other-story pairs the joined event gives
    pairs = lambda same, size: same - (size - same)
    gain = pairs(col("fine_same"), col("fine_size")) - pairs(col("coarse_same"), col("coarse_size"))
    print(f"{len(rows)} decisions, {int(dis.sum())} disagreements: MiniLM's choice the better by the gold stories in "
          f"{int((gain > 0).sum())}, the worse in {int((gain < 0).sum())}")
    for name, x in features.items():
        print(f"learned on: {name}")
        for left in sorted(set(sets)):
            train, test = sets != left, sets == left
            b = fit(x[train & (raw < 0.5)], dis[train & (raw < 0.5)])
            z = np.c_[np.ones(len(x)), x] @ b
            cut = np.sort(z[train & (dis > 0)])[int(np.floor((1 - HELD) * (dis[train] > 0).sum()))]
            band = np.sort(need[train & (dis > 0)])[int(np.ceil(HELD * (dis[train] > 0).sum())) - 1] + 1e-4
            learned, banded = test & (z >= cut), test & (need < band)
            print(f"  {left:20s} learned: open {learned.sum():5d}, cost {cost[learned].sum():7.1f} leads, held {int(dis[learned].sum())}/{int(dis[test].sum())}"
                  f"  | band {band:.3f}: open {banded.sum():5d}, cost {cost[banded].sum():7.1f} leads, held {int(dis[banded].sum())}")


if __name__ == "__main__":
    main(sys.argv[1])
