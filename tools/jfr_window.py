#!/usr/bin/env python3
"""Where a thread's Java time goes inside a time window of a flight recording (issue 14).

Reads the text of `jfr print --stack-depth 96 --events jdk.ExecutionSample REC.jfr` and counts the
execution samples (Java code running; a thread in native code, ONNX Runtime's MiniLM, is not
sampled) taken within [FROM, TO] (epoch milliseconds: EndToEnd prints its sustained window so)
of the threads whose names match THREAD_REGEX:

  tools/jfr_window.py REC.txt FROM TO THREAD_REGEX            the aggregate clustering thread's parts
  tools/jfr_window.py REC.txt FROM TO THREAD_REGEX --frames   the leaf and newsline frames
  tools/jfr_window.py REC.txt FROM TO . --threads             samples by thread (numbers folded)
  tools/jfr_window.py WAITS.txt FROM TO THREAD_REGEX --waits   time blocked (parked, monitors) by place

--waits reads `jfr print --stack-depth 64 --events jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.JavaMonitorWait`
of a recording made with those events' thresholds lowered (profile.jfc records parks of 20 ms and
more; docs/benchmarks.md, issue 14's thirteenth round): a thread's time off the CPU waiting for
another (the MiniLM pool's vector, the producer's flush at a commit) as opposed to waiting for a core.

The parts are named after the first rule that matches a sample's stack (docs/benchmarks.md,
"The clustering thread's Java time"); "predict:" marks what FineVectors.offer spends predicting
which articles the cascade will embed. Samples are shares, not milliseconds: scale them by the
thread's CPU time from the same run. Timestamps are read as UTC (jfr prints local time).
"""
import collections
import datetime
import re
import sys

# (part, frames any of which marks it), first match wins; "predict: " is prefixed inside FineVectors.offer
PARTS = [
    ("MiniLM (Java side: word pieces, pooling)", ("MiniLmModel.embed", "OrtSession", "WordPieceTokenizer")),
    ("term counts (tokens, stems)", ("TermVectors.counts",)),
    ("term weights (idf, strongest, norm)", ("TermVectors.weigh",)),
    ("candidate retrieval", ("EventClusterer.candidates",)),
    ("term lookup (article's term ids)", ("TermLookup.<init>",)),
    ("scoring candidates (cosines, join model)", ("EventClusterer.choose",)),
    ("prediction, the rest", ("EventClusterer.mayEmbedFinely",)),
    ("event state encoding", ("EventStateCodec",)),
    ("event store (RocksDB)", ("StoreEventRepository",)),
    ("adding the article to its event (timeline, sums, term stats)", ("EventClusterer.addArticle",)),
    ("candidate index, merge checks, the rest of add", ("EventClusterer.add",)),
    ("timeline record (Avro) built", ("TimelineBuilder",)),
    ("outputs serialised and sent", ("ClusteringProcessor.cluster",)),
    ("reorder buffer, the article's clustering view (store, Avro)", ("ClusteringProcessor.write", "ClusteringProcessor.read", "ClusteringProcessor.drain",
                                      "ClusteringProcessor.readyChunk", "ClusteringProcessor.releaseChunk",
                                      "ClusteringProcessor.process")),
    ("input records decoded", ("deserialize",)),
    ("Kafka Streams: commit, produce, poll, the rest", ("",)),
]


def events(path, base_ms):
    ev = None
    for line in open(path):
        if not line.startswith(" ") and line.endswith("{\n"):
            ev = {"type": line.split()[0], "frames": [], "thread": "", "t": 0, "ms": 0.0}
        elif ev is None:
            continue
        elif line.startswith("  startTime"):
            h, m, s = line.split("=")[1].strip().split(":")
            ev["t"] = base_ms + (int(h) * 3600 + int(m) * 60 + float(s)) * 1000
        elif line.startswith("  sampledThread") or line.startswith("  eventThread"):
            ev["thread"] = line.split('"')[1]
        elif line.startswith("  duration"):
            ev["ms"] = millis(line.split("=")[1])
        elif line.startswith("    ") and "(" in line:
            ev["frames"].append(line.strip().split("(")[0])
        elif line.startswith("}"):
            yield ev
            ev = None


def millis(text):
    """A duration as jfr prints it ("812 us", "3.25 ms", "1 m 5 s") in milliseconds."""
    units = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
    return sum(float(value) * units[unit] for value, unit in re.findall(r"([\d.]+)\s*([a-z]+)", text))


def waited_at(frames):
    """Where a wait is: the frame that parks or waits, the first Kafka frame and the first newsline frame."""
    kafka = [f for f in frames if ".kafka." in f]
    own = [f for f in frames if "newsline" in f]
    return " | ".join((frames[2] if len(frames) > 2 else "-", kafka[0] if kafka else "-", own[0] if own else "-"))


def part(frames):
    prefix = "predict: " if any("FineVectors.offer" in f for f in frames) else ""
    for name, marks in PARTS:
        if any(m in f for f in frames for m in marks):
            return ("" if name.startswith("MiniLM") else prefix) + name
    return "?"


def main():
    path, t0, t1, pattern = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), re.compile(sys.argv[4])
    mode = sys.argv[5] if len(sys.argv) > 5 else "--parts"
    day = datetime.datetime.fromtimestamp(t0 / 1000, datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    counts = collections.Counter()
    n = 0
    for ev in events(path, day.timestamp() * 1000):
        if not t0 <= ev["t"] <= t1 or not pattern.search(ev["thread"]):
            continue
        if mode == "--waits":
            counts[ev["type"] + " " + waited_at(ev["frames"])] += ev["ms"]
            continue
        if ev["type"] != "jdk.ExecutionSample":
            continue
        n += 1
        if mode == "--threads":
            counts[re.sub(r"\d+", "N", ev["thread"])] += 1
        elif mode == "--frames":
            own = [f for f in ev["frames"] if "newsline" in f]
            counts[(ev["frames"][0] if ev["frames"] else "-", own[0] if own else "-")] += 1
        else:
            counts[part(ev["frames"])] += 1
    if mode == "--waits":
        window = t1 - t0
        print(f"{sum(counts.values()):.0f} ms blocked in a window of {window} ms")
        for key, v in counts.most_common(20):
            print(f"{v:8.0f} ms {100.0 * v / window:5.1f} %  {key}")
        return
    print(f"{n} execution samples")
    for key, v in counts.most_common(60):
        print(f"{v:6d} {100.0 * v / max(1, n):5.1f} %  {key}")


if __name__ == "__main__":
    main()
