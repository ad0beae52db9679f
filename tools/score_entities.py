#!/usr/bin/env python3
"""Document-level entity score of newsline's enriched output against an annotated check set.

usage: score_entities.py input CHECK.txt OUT.jsonl          # articles for `newsline batch --no-clean`
       score_entities.py score CHECK.txt ENRICHED.jsonl [--split tune|report|all] [--errors]

CHECK.txt is the markup of enrich/src/test/resources/ner/modern-news-check.txt: "## ID SPLIT"
starts a document, "# title" / "# text" its fields, [[surface|id]] a gold mention whose id
(per:, org:, loc:, misc:) names one entity across all documents.

Scored over PER/ORG/LOC, title and text alike (exact spans, UTF-16 offsets as the pipeline writes):
- strict document-level F1: in each document a gold entity counts as found when a predicted entity
  of its type has a mention with exactly one of its spans; a predicted entity none of whose mentions
  is such a span is a false positive;
- within-document alias splits: a gold entity found by more than one predicted entity (each extra
  predicted entity is one split), and merges: a predicted entity holding two gold entities;
- across documents: gold entities whose main predicted id (the one holding most of its mentions in
  a document) differs between documents, and predicted ids that are the main id of two gold entities;
- mention-level strict F1 (span and type), as score_ner.py counts it but with titles included.
"""
import argparse
import json
import re
import sys
from collections import defaultdict

TYPES = {"per": "PERSON", "org": "ORGANIZATION", "loc": "LOCATION", "misc": "MISC"}
SCORED = {"PERSON", "ORGANIZATION", "LOCATION"}
MARK = re.compile(r"\[\[([^|\]]+)\|([a-z]+:[a-z0-9_]+)\]\]")


def utf16_len(s):
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


def parse_field(marked):
    """Plain text and gold mentions (UTF-16 offsets) of one marked-up field."""
    out, mentions, pos, unit = [], [], 0, 0
    for m in MARK.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        unit += utf16_len(before)
        surface, gid = m.group(1), m.group(2)
        mentions.append({"start": unit, "end": unit + utf16_len(surface), "text": surface, "entity": gid,
                         "type": TYPES[gid.split(":")[0]]})
        out.append(surface)
        unit += utf16_len(surface)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        sys.exit(f"unbalanced markup in: {marked[:80]}")
    return text, mentions


def read_check(path):
    docs, doc, field, lines = [], None, None, []

    def close_field():
        if doc is not None and field is not None:
            text, mentions = parse_field("\n".join(lines).strip("\n"))
            doc[field] = text
            for m in mentions:
                m["field"] = field
            doc["gold"].extend(mentions)

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("## "):
                close_field()
                doc_id, split = line[3:].split()
                doc = {"id": doc_id, "split": split, "title": None, "text": "", "gold": []}
                docs.append(doc)
                field, lines = None, []
            elif line in ("# title", "# text"):
                close_field()
                field, lines = line[2:], []
            elif field is not None:
                lines.append(line)
    close_field()
    return docs


def write_input(check, out):
    with open(out, "w", encoding="utf-8") as f:
        for d in read_check(check):
            f.write(json.dumps({"id": d["id"], "title": d["title"], "text": d["text"]}, ensure_ascii=False) + "\n")


def score(check, enriched, split, show_errors):
    docs = [d for d in read_check(check) if split == "all" or d["split"] == split]
    pred = {}
    with open(enriched, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                pred[row["id"]] = row
    tp = fp = fn = splits = merges = 0
    mtp = mfp = mfn = 0
    ids_of_gold = defaultdict(set)  # gold entity -> its main predicted id in each document
    gold_of_id = defaultdict(set)
    errors = []
    for d in docs:
        gold_span = {}
        gold_types = {}
        for g in d["gold"]:
            if g["type"] in SCORED:
                gold_span[(g["field"], g["start"], g["end"])] = g["entity"]
                gold_types[g["entity"]] = g["type"]
        found_by = defaultdict(set)
        held = defaultdict(lambda: defaultdict(int))
        predicted_spans = set()
        for e in pred.get(d["id"], {}).get("entities", []):
            if e["type"] not in SCORED:
                continue
            holds = set()
            for m in e["mentions"]:
                span = (m.get("field", "text"), m["start"], m["end"])
                predicted_spans.add((span, e["type"]))
                gid = gold_span.get(span)
                if gid is not None and gold_types[gid] == e["type"]:
                    holds.add(gid)
                    held[gid][e["id"]] += 1
            if not holds:
                fp += 1
                errors.append(f"{d['id']} FP  {e['id']} {e['type']} {sorted({m['text'] for m in e['mentions']})}")
            if len(holds) > 1:
                merges += 1
                errors.append(f"{d['id']} MERGE {e['id']} holds {sorted(holds)}")
            for gid in holds:
                found_by[gid].add(e["id"])
        for gid, counts in held.items():
            main = max(sorted(counts), key=lambda i: counts[i])
            ids_of_gold[gid].add(main)
            gold_of_id[main].add(gid)
        for gid in sorted(gold_types):
            if found_by[gid]:
                tp += 1
                if len(found_by[gid]) > 1:
                    splits += len(found_by[gid]) - 1
                    errors.append(f"{d['id']} SPLIT {gid} as {sorted(found_by[gid])}")
            else:
                fn += 1
                forms = sorted({g["text"] for g in d["gold"] if g["entity"] == gid})
                errors.append(f"{d['id']} FN  {gid} {forms}")
        gold_mentions = {(s, gold_types[g]) for s, g in gold_span.items()}
        mtp += len(gold_mentions & predicted_spans)
        mfp += len(predicted_spans - gold_mentions)
        mfn += len(gold_mentions - predicted_spans)
    cross_splits = sorted(g for g, ids in ids_of_gold.items() if len(ids) > 1)
    cross_merges = sorted(i for i, gs in gold_of_id.items() if len(gs) > 1)
    p, r, f1 = prf(tp, fp, fn)
    mp, mr, mf = prf(mtp, mfp, mfn)
    if show_errors:
        for line in errors:
            print(line)
        for g in cross_splits:
            print(f"CROSS-DOC SPLIT {g} as {sorted(ids_of_gold[g])}")
        for i in cross_merges:
            print(f"CROSS-DOC MERGE {i} holds {sorted(gold_of_id[i])}")
    print(f"split={split} docs={len(docs)}")
    print(f"document-level strict F1={f1:.3f} P={p:.3f} R={r:.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"within-document alias splits={splits} merges={merges}")
    print(f"across documents: split entities={len(cross_splits)} merged ids={len(cross_merges)}")
    print(f"mention-level strict F1={mf:.3f} P={mp:.3f} R={mr:.3f} (tp={mtp} fp={mfp} fn={mfn})")


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["input", "score"])
    ap.add_argument("check")
    ap.add_argument("file")
    ap.add_argument("--split", default="all", choices=["tune", "report", "final", "all"])
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    if a.command == "input":
        write_input(a.check, a.file)
    else:
        score(a.check, a.file, a.split, a.errors)


if __name__ == "__main__":
    main()
