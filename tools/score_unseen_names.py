#!/usr/bin/env python3
"""Span-level NER score restricted to names never seen in training: the closest proxy available
here for held-out text (the CoNLL-2003 test split, modern news), whose names are mostly new.

usage: score_unseen_names.py TRAIN.conll GOLD.docs.jsonl PRED.jsonl [--types PER,ORG,LOC]

TRAIN.conll: CoNLL-2003 train (word ... NE-tag per line, IOB1 or IOB2).
GOLD, PRED: as ../shared/eval/score_ner.py reads them (gold code-point offsets; predicted
            enriched.jsonl with UTF-16 offsets, title mentions ignored).

A name is "seen" when its exact surface form (case-sensitive, whitespace-normalised) is the
surface of some entity span of any type in train. Scores by type:
- unseen recall: gold spans with an unseen surface that were predicted exactly (span and type);
- unseen precision: predicted spans with an unseen surface that are gold (span and type);
- F1 of the two, and the same for seen names, with the share of unseen gold spans.
"""
import argparse
import json
from collections import Counter

from score_entities import prf

TYPE = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG",
        "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "MISC": "MISC"}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def train_surfaces(path):
    """Surfaces of all entity spans of a CoNLL file (IOB1 or IOB2)."""
    seen, words, prev = set(), [], "O"

    def close():
        if words:
            seen.add(" ".join(words))
            words.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                close()
                prev = "O"
                continue
            tag = parts[-1]
            if tag == "O":
                close()
            elif tag.startswith("B-") or prev == "O" or prev[2:] != tag[2:]:
                close()
                words.append(parts[0])
            else:
                words.append(parts[0])
            prev = tag
    close()
    return seen


def code_points_from_utf16(text):
    """Map of UTF-16 offset -> code-point offset, for every code-point boundary."""
    out, unit = {}, 0
    for i, c in enumerate(text):
        out[unit] = i
        unit += 2 if ord(c) > 0xFFFF else 1
    out[unit] = len(text)
    return out


def span_scores(tp_gold, fn, tp_pred, fp):
    """P over predicted spans, R over gold spans (their true-positive counts may differ), F1."""
    p = prf(tp_pred, fp, 0)[0]
    r = prf(tp_gold, 0, fn)[1]
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--types", default="PER,ORG,LOC")
    a = ap.parse_args()
    types = set(a.types.split(","))
    seen = train_surfaces(a.train)
    pred = {d["id"]: d for d in read_jsonl(a.pred)}
    # counts[(unseen?, type)] = [tp_gold, fn, tp_pred, fp]
    counts = {}

    def bump(key, i):
        counts.setdefault(key, [0, 0, 0, 0])[i] += 1

    gold_total = Counter()
    for g in read_jsonl(a.gold):
        text = g["text"]
        conv = code_points_from_utf16(text)
        surface = lambda s, e: " ".join(text[s:e].split())
        gs = {(e["start"], e["end"], e["type"]) for e in g["entities"] if e["type"] in types}
        ps = set()
        for ent in pred.get(g["id"], {}).get("entities", []):
            t = TYPE.get(str(ent.get("type", "")).upper())
            if t not in types:
                continue
            for m in ent.get("mentions", []):
                if m.get("field", "text") != "text":
                    continue
                s, e = conv.get(m["start"]), conv.get(m["end"])
                if s is not None and e is not None:
                    ps.add((s, e, t))
        for s, e, t in gs:
            unseen = surface(s, e) not in seen
            gold_total[unseen] += 1
            bump((unseen, t), 0 if (s, e, t) in ps else 1)
        for s, e, t in ps:
            unseen = surface(s, e) not in seen
            bump((unseen, t), 2 if (s, e, t) in gs else 3)
    total = sum(gold_total.values())
    print(f"gold spans: {total}, unseen surface in train: {gold_total[True]} ({gold_total[True] / max(total, 1):.1%})")
    for unseen, name in ((True, "unseen"), (False, "seen")):
        all_tp_g = all_fn = all_tp_p = all_fp = 0
        for t in sorted(types):
            tp_g, fn, tp_p, fp = counts.get((unseen, t), [0, 0, 0, 0])
            all_tp_g, all_fn, all_tp_p, all_fp = all_tp_g + tp_g, all_fn + fn, all_tp_p + tp_p, all_fp + fp
            p, r, f = span_scores(tp_g, fn, tp_p, fp)
            print(f"{name} {t}: P={p:.3f} R={r:.3f} F1={f:.3f} (gold={tp_g + fn} pred={tp_p + fp})")
        p, r, f = span_scores(all_tp_g, all_fn, all_tp_p, all_fp)
        print(f"{name} micro: P={p:.4f} R={r:.4f} F1={f:.4f}")


if __name__ == "__main__":
    main()
