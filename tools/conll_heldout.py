#!/usr/bin/env python3
"""A held-out proxy for the CoNLL-2003 test split, made from train by time.

The test split (Reuters, December 1996) is not available here, and dev (30-31 August) sits right
after train (22-30 August): its stories and names run on from train's. Train's documents are in
date order, so the proxy trains on the documents up to 27 August, leaves 28 August out as a gap,
and scores the documents from 29 August on: later news, names and stories the model has not seen.

usage: conll_heldout.py TRAIN.conll OUT.docs.jsonl
  writes the held-out documents in the format of ../shared/datasets/ner/*.docs.jsonl (text
  detokenised, one sentence a line, code-point offsets) and prints the document range to train on
  (FROM:TO, for TrainNer) and the held-out range.
"""
import json
import re
import sys

TRAIN_UNTIL = "1996-08-27"   # train on documents before the first one dated after this day
HELD_OUT_FROM = "1996-08-29"  # score the documents from the first one dated this day on

NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m",
                   ")", "]", "}", "%", "...", "'"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}


def read_conll(path):
    """Documents as lists of sentences of (word, IOB tag)."""
    docs, doc, sent = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sent:
                    doc.append(sent)
                    sent = []
                if parts:
                    doc = []
                    docs.append(doc)
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    return [d for d in docs if d]


def detokenise(words):
    """The sentence as text and each word's (start, end) in it."""
    text, offsets, in_quote, prev = "", [], False, None
    for i, w in enumerate(words):
        space = i > 0 and w not in NO_SPACE_BEFORE and not (w == '"' and in_quote)
        if prev in NO_SPACE_AFTER or (prev == '"' and in_quote):
            space = False
        if w == '"':
            in_quote = not in_quote
        if space:
            text += " "
        offsets.append((len(text), len(text) + len(w)))
        text += w
        prev = w
    return text, offsets


def spans(tags):
    """Entity spans (first, last, type) of IOB1 or IOB2 tags."""
    out, start, typ = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        kind, _, t = tag.partition("-")
        if start is not None and (tag == "O" or kind == "B" or t != typ):
            out.append((start, i - 1, typ))
            start = None
        if tag != "O" and start is None:
            start, typ = i, t
    return out


def as_doc(doc_id, doc):
    lines, entities, base = [], [], 0
    for sent in doc:
        words = [w for w, _ in sent]
        text, offsets = detokenise(words)
        for first, last, typ in spans([t for _, t in sent]):
            s, e = base + offsets[first][0], base + offsets[last][1]
            entities.append({"start": s, "end": e, "type": typ})
        lines.append(text)
        base += len(text) + 1
    text = "\n".join(lines)
    for e in entities:
        e["text"] = text[e["start"]:e["end"]]
    return {"id": doc_id, "text": text, "entities": entities}


def date_of(doc):
    m = re.search(r"\d{4}-\d\d-\d\d", " ".join(w for s in doc[:4] for w, _ in s))
    return m.group(0) if m else None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    docs = read_conll(sys.argv[1])
    dates = [date_of(d) for d in docs]
    train_to = next(i for i, d in enumerate(dates) if d and d > TRAIN_UNTIL)
    held_from = next(i for i, d in enumerate(dates) if d and d >= HELD_OUT_FROM)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for i in range(held_from, len(docs)):
            out.write(json.dumps(as_doc(f"eng.train-{i + 1:03d}", docs[i])) + "\n")
    print(f"train on documents {0}:{train_to} ({train_to} of {len(docs)}); "
          f"held out {held_from}:{len(docs)} ({len(docs) - held_from} documents)")


if __name__ == "__main__":
    main()
