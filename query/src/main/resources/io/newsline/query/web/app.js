// newsline dashboard: plain JavaScript, no build step, nothing loaded from elsewhere.
// Views: #/ (live event list, ?q= search, ?status=), #/events/ID, #/entities/ID, #/articles/ID.
// Data from the query API (/api/...); live changes from /api/stream (Server-Sent Events).
// Every text from the data goes in with textContent: headlines and quotes come from the web.

const main = document.getElementById("main");
const liveBox = document.getElementById("live");
const searchForm = document.getElementById("search");
const searchBox = document.getElementById("q");

const TYPE_LABEL = { PERSON: "person", ORGANIZATION: "org", LOCATION: "place", MISC: "other" };
const LIST_PAGE = 25;

// what the page shows and the live stream may change
let view = { kind: null };
let renderToken = 0;
// the browser test and the latency benchmark read when each live change reached the page
window.newsline = { liveUpdates: [] };

// ---------- small DOM helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Only web links leave the dashboard: a feed's javascript: or data: URL is not a link. */
function safeUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

const enc = encodeURIComponent;
const eventHref = (id) => `#/events/${enc(id)}`;
const entityHref = (id) => `#/entities/${enc(id)}`;
const articleHref = (id) => `#/articles/${enc(id)}`;

/** A name or label cut for display (feeds are hostile: a name may be any length); the full text stays in titles. */
function clip(text, max = 80) {
  return text && text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
}

function plural(n, word) {
  return `${n.toLocaleString("en")} ${n === 1 ? word : word.endsWith("y") ? word.slice(0, -1) + "ies" : word + "s"}`;
}

const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
function ago(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 45) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.round(m / 60);
  if (hrs < 36) return `${hrs} h ago`;
  return absolute.format(new Date(iso)) + " UTC";
}
function timeEl(iso, relative = true) {
  const t = h("time", { datetime: iso, title: absolute.format(new Date(iso)) + " UTC" });
  t.textContent = relative ? ago(iso) : absolute.format(new Date(iso)) + " UTC";
  if (relative) t.dataset.relative = "1";
  return t;
}
setInterval(() => document.querySelectorAll("time[data-relative]").forEach((t) => (t.textContent = ago(t.getAttribute("datetime")))), 30000);

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await r.json();
  } catch {
    body = null;
  }
  if (!r.ok) {
    const e = new Error((body && body.error) || `HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

/** replaceChildren without the nulls of optional parts. */
function show(...parts) {
  main.replaceChildren(...parts.flat().filter((p) => p !== null && p !== undefined && p !== false));
}

function showError(e) {
  const what = e.status === 404 ? "Not found" : e.status === 503 ? "Still starting" : "Something went wrong";
  show(
    h("a", { class: "back", href: "#/" }, "← All events"),
    h("div", { class: "notice error", role: "alert" }, h("strong", {}, what + ": "), e.message)
  );
  if (e.status === 503) setTimeout(route, 2000);
}

function focusHeading() {
  const h1 = main.querySelector("h1");
  if (h1) {
    h1.setAttribute("tabindex", "-1");
    h1.focus({ preventScroll: true });
  }
}

// ---------- shared pieces

function entityChips(entities, counts = false) {
  return h("ul", { class: "chips" },
    entities.map((e) =>
      h("li", {},
        h("a", { class: `chip ${e.type}`, href: entityHref(e.id), title: `${e.name} (${TYPE_LABEL[e.type] || e.type})` },
          clip(e.name), h("span", { class: "type" }, TYPE_LABEL[e.type] || ""),
          counts && e.articles ? h("span", { class: "count" }, `· ${e.articles}`) : null))));
}

/** A list entry; {@code fresh} ("new" or "updated") marks one the live stream just brought. */
function eventCard(s, fresh = null) {
  const li = h("li", { class: "event-card" + (fresh ? " fresh" : ""), dataset: { eventId: s.event_id, version: String(s.version), updated: s.last_updated } },
    h("h2", {}, h("a", { href: eventHref(s.event_id) }, clip(s.label, 200) || "(untitled event)")),
    h("ul", { class: "meta" },
      h("li", {}, h("span", { class: `status ${s.status}` }, s.status)),
      h("li", {}, plural(s.article_count, "article")),
      h("li", {}, plural(s.outlet_count, "outlet")),
      s.quote_count !== undefined ? h("li", {}, plural(s.quote_count, "quote")) : null,
      h("li", {}, "updated ", timeEl(s.last_updated))),
    entityChips(s.top_entities || []));
  if (fresh) li.append(h("span", { class: "badge-new" }, fresh));
  return li;
}

/** The colour class of a mean stance score: three shades each way around a neutral band. */
function scoreClass(score) {
  const a = Math.abs(score);
  if (a < 0.05) return "s0";
  const side = score < 0 ? "n" : "p";
  return side + (a >= 0.4 ? 3 : a >= 0.15 ? 2 : 1);
}
const signed = (x) => (Math.abs(x) < 0.005 ? "" : x > 0 ? "+" : "−") + Math.abs(x).toFixed(2);

/**
 * The event's stance chart: a matrix of top entities (rows) by outlets (columns), each cell the
 * outlet's mean stance toward the entity, coloured from negative to positive, with the article
 * counts in its label. A table, so screen readers and keyboards get rows and headers.
 */
function stanceMatrix(entities, rows) {
  const byOutlet = new Map();
  for (const r of rows) byOutlet.set(r.outlet, (byOutlet.get(r.outlet) || 0) + r.negative + r.neutral + r.positive);
  const outlets = [...byOutlet.keys()].sort((a, b) => byOutlet.get(b) - byOutlet.get(a) || a.localeCompare(b));
  const shown = entities.filter((e) => rows.some((r) => r.entity_id === e.id));
  if (!shown.length) return h("p", { class: "muted" }, "No stance measured yet.");
  const cell = new Map(rows.map((r) => [r.entity_id + "\u0000" + r.outlet, r]));
  const table = h("table", { class: "matrix" },
    h("caption", { class: "visually-hidden" }, "Mean stance of each outlet toward each top entity, from −1 (negative) to +1 (positive)"),
    h("thead", {}, h("tr", {}, h("td", {}), outlets.map((o) => h("th", { scope: "col" }, h("span", {}, o))))),
    h("tbody", {}, shown.map((e) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: entityHref(e.id), title: e.name }, clip(e.name))),
      outlets.map((o) => {
        const r = cell.get(e.id + "\u0000" + o);
        if (!r) return h("td", { class: "none", title: `${o} has no stance toward ${e.name}` }, h("span", { "aria-label": "no articles" }, "·"));
        const n = r.negative + r.neutral + r.positive;
        const label = `${o} on ${e.name}: mean ${signed(r.mean_score)}; ${r.negative} negative, ${r.neutral} neutral, ${r.positive} positive (${plural(n, "article")})`;
        return h("td", { class: scoreClass(r.mean_score), title: label, "aria-label": label }, signed(r.mean_score));
      })))));
  const scale = h("ul", { class: "scale", "aria-hidden": "true" },
    ["n3", "n2", "n1", "s0", "p1", "p2", "p3"].map((c) => h("li", { class: c })));
  return h("div", {},
    h("div", { class: "matrix-wrap", tabindex: "0", role: "region", "aria-label": "Stance matrix (scrolls sideways)" }, table),
    h("div", { class: "scale-row" }, h("span", {}, "negative"), scale, h("span", {}, "positive"),
      h("span", { class: "muted" }, "(hover a cell for its article counts; · no articles)")));
}

/** Stance toward each entity by outlet: a stacked bar of article counts (negative, neutral, positive) and the mean score. */
function stanceChart(groups) {
  if (!groups.length) return h("p", { class: "muted" }, "No stance measured yet.");
  const legend = h("ul", { class: "legend", "aria-hidden": "true" },
    h("li", {}, h("span", { class: "swatch neg" }), "negative"),
    h("li", {}, h("span", { class: "swatch neu" }), "neutral"),
    h("li", {}, h("span", { class: "swatch pos" }), "positive"),
    h("li", {}, "number: articles · right: mean score −1…+1"));
  const blocks = groups.map((g) => {
    const rows = g.rows.map((r) => {
      const n = r.negative + r.neutral + r.positive;
      const seg = (cls, k, label) => {
        if (!k) return null;
        const el = h("span", { class: `seg ${cls}`, title: `${k} ${label}` }, String(k));
        el.style.flex = String(k); // CSSOM, not a style attribute: the page's CSP allows no inline styles
        return el;
      };
      const score = r.mean_score;
      const cls = score <= -0.05 ? "neg" : score >= 0.05 ? "pos" : "neu";
      const summary = `${r.outlet}: ${r.negative} negative, ${r.neutral} neutral, ${r.positive} positive of ${n}; mean ${signed(score)}`;
      return h("tr", {},
        h("th", { scope: "row" }, r.outlet),
        h("td", {}, h("div", { class: "bar", role: "img", "aria-label": summary },
          seg("neg", r.negative, "negative"), seg("neu", r.neutral, "neutral"), seg("pos", r.positive, "positive"))),
        h("td", { class: `score ${cls}` }, signed(score)));
    });
    return h("section", { class: "stance-entity" },
      g.entity ? h("h3", {}, h("a", { href: entityHref(g.entity.id) }, clip(g.entity.name))) : null,
      h("table", { class: "stance-table" },
        h("caption", { class: "visually-hidden" }, `Stance toward ${g.entity ? g.entity.name : "the entity"} by outlet`),
        h("tbody", {}, rows)));
  });
  return h("div", {}, legend, blocks);
}

// ---------- live stream
// One stream per browser, not one per tab: an open stream holds an HTTP/1.1 connection, and a
// browser opens at most six to one host, so with a stream per tab the sixth tab's requests would
// wait for ever (and the server bounds streams per address). The tab holding the lock
// "newsline-stream" (Web Locks) reads the stream and passes every message on to the other tabs
// (BroadcastChannel); when it closes, the next tab takes the lock and resumes from the last
// position it was passed, so nothing is lost. Without those APIs (a page over plain http from
// another host is not a secure context) each tab reads its own stream, but only while it is
// visible: a tab hidden for a minute lets its stream go and resumes from its position when shown.

const shared = navigator.locks && window.BroadcastChannel ? new BroadcastChannel("newsline-stream") : null;
const HIDDEN_GRACE_MS = 60000;
let stream = null;
let streamPosition = null; // where the last message read or passed on left the stream
let liveState = { state: "off", text: "Connecting…" };

function setLive(state, text) {
  liveState = { state, text };
  liveBox.className = "live " + state;
  liveBox.querySelector(".live-text").textContent = text;
}

function deliver(kind, data, id) {
  if (id) streamPosition = id;
  if (kind === "removed") onRemoved(data);
  else if (kind === "reset") resync();
  else onChange(data);
}

/**
 * The server could not resume from our position (the events topic was recreated since): what the
 * page shows may be gone, so it is loaded again; the stream follows from the position it sent.
 */
function resync() {
  route.moved = false; // redrawn in place: focus stays where the reader left it
  route();
}

function connect() {
  const url = streamPosition ? `/api/stream?from=${enc(streamPosition)}` : "/api/stream";
  const status = (state, text) => {
    setLive(state, text);
    shared?.postMessage({ kind: "status", state, text });
  };
  const source = new EventSource(url);
  stream = source;
  source.onopen = () => status("on", "Live");
  source.onerror = () => {
    status("off", "Reconnecting…");
    if (source.readyState === EventSource.CLOSED && stream === source) {
      // refused (503: the instance serves enough streams): the browser gives up, we retry later
      stream = null;
      setTimeout(() => stream || connect(), 5000 + Math.random() * 5000);
    }
  };
  const pass = (kind) => (m) => {
    const data = JSON.parse(m.data);
    deliver(kind, data, m.lastEventId);
    shared?.postMessage({ kind, data, id: m.lastEventId });
  };
  source.onmessage = pass("change");
  source.addEventListener("removed", pass("removed"));
  source.addEventListener("reset", pass("reset"));
}

function follow() {
  if (!shared) {
    connect();
    let idle = null;
    document.addEventListener("visibilitychange", () => {
      clearTimeout(idle);
      if (!document.hidden) {
        if (!stream) connect();
      } else {
        idle = setTimeout(() => {
          stream?.close();
          stream = null;
          setLive("off", "Paused while hidden");
        }, HIDDEN_GRACE_MS);
      }
    });
    return;
  }
  shared.onmessage = ({ data: m }) => {
    if (m.kind === "status") setLive(m.state, m.text);
    else if (m.kind === "hello") stream && shared.postMessage({ kind: "status", ...liveState });
    else deliver(m.kind, m.data, m.id);
  };
  shared.postMessage({ kind: "hello" }); // the tab that reads the stream says how it is
  navigator.locks.request("newsline-stream", () => {
    connect();
    return new Promise(() => {}); // held until this tab closes
  });
}

/** Whether a changed event belongs on the view; {@code listed}: it is on the list already. */
function matchesView(s, listed) {
  if (view.kind === "list") {
    if (view.status && s.status !== view.status) return false;
    // a search without a word ("!!!") matches nothing, as the API answers it
    if (view.searching && !view.words.length) return false;
    if (view.words.length) {
      const text = " " + [s.label, ...(s.top_entities || []).map((e) => e.name)].join(" ").normalize("NFD")
        .replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
      // the API matches outlets and headlines too, which a change does not carry: an event it
      // listed for them stays (it was dropped at its next update)
      return listed || view.words.every((w) => text.includes(" " + w));
    }
    return true;
  }
  if (view.kind === "entity") return (s.top_entities || []).some((e) => e.id === view.id) || view.list.has(s.event_id);
  return false;
}

function onChange(s) {
  const token = renderToken;
  if ((view.kind === "list" || view.kind === "entity") && view.listEl) {
    const existing = view.listEl.querySelector(`[data-event-id="${CSS.escape(s.event_id)}"]`);
    if (!matchesView(s, !!existing)) {
      if (existing && view.kind === "list") existing.remove();
      return;
    }
    if (existing && Number(existing.dataset.version) >= s.version) return;
    if (existing) existing.remove();
    insertSorted(view.listEl, eventCard(s, existing || s.version > 1 ? "updated" : "new"), s, view.hasMore);
    view.list.add(s.event_id);
    updateCount();
    record(s);
  } else if (view.kind === "event" && view.id === s.event_id) {
    refreshEvent(token, s);
  }
}

function onRemoved(r) {
  if (view.listEl) {
    const el = view.listEl.querySelector(`[data-event-id="${CSS.escape(r.event_id)}"]`);
    if (el) el.remove();
    updateCount();
  } else if (view.kind === "event" && view.id === r.event_id && r.merged_into) {
    location.hash = eventHref(r.merged_into);
  }
}

function record(s) {
  window.newsline.liveUpdates.push({ event_id: s.event_id, version: s.version, at: performance.timeOrigin + performance.now() });
  if (window.newsline.liveUpdates.length > 1000) window.newsline.liveUpdates.shift();
}

/** Most recently updated first, as the API orders; beyond the loaded page an event waits for "more". */
function insertSorted(listEl, card, s, hasMore) {
  const key = (u, id) => [Date.parse(u), id];
  const [t, id] = key(s.last_updated, s.event_id);
  for (const el of listEl.children) {
    const [t2, id2] = key(el.dataset.updated, el.dataset.eventId);
    if (t > t2 || (t === t2 && id < id2)) {
      listEl.insertBefore(card, el);
      return;
    }
  }
  if (!hasMore) listEl.append(card);
}

function updateCount() {
  const c = document.getElementById("count");
  if (c && view.listEl) c.textContent = view.hasMore ? `${view.listEl.children.length}+ shown` : plural(view.listEl.children.length, "event");
  const empty = document.getElementById("empty");
  if (empty && view.listEl) empty.hidden = view.listEl.children.length > 0;
}

// ---------- views

async function showList(params) {
  const q = (params.get("q") || "").trim();
  const status = params.get("status") || "";
  searchBox.value = q;
  const token = ++renderToken;
  const query = new URLSearchParams({ limit: String(LIST_PAGE) });
  if (q) query.set("q", q);
  if (status) query.set("status", status);
  const page = await api(`/api/events?${query}`);
  if (token !== renderToken) return;
  const listEl = h("ol", { class: "events", id: "events", "aria-label": "Events, most recently updated first" });
  view = { kind: "list", status, searching: !!q, words: wordsOf(q), listEl, list: new Set(), hasMore: !!page.next };
  page.events.forEach((s) => {
    listEl.append(eventCard(s));
    view.list.add(s.event_id);
  });
  const filter = h("fieldset", { class: "filters" }, h("legend", {}, "Status"),
    ["", "active", "dormant"].map((v) =>
      h("label", {}, h("input", { type: "radio", name: "status", value: v, checked: v === status,
        onchange: () => navigateList(q, v) }), h("span", {}, v ? v[0].toUpperCase() + v.slice(1) : "All"))));
  const more = page.next ? moreButton(`/api/events?${query}`, page.next, listEl) : null;
  show(
    h("div", { class: "list-head" },
      h("h1", {}, q ? "Search results" : "Events"),
      h("span", { class: "results-for" }, q ? `for “${q}” · ` : "", h("span", { id: "count" })),
      filter,
      q ? h("a", { href: status ? `#/?status=${enc(status)}` : "#/" }, "Clear search") : null),
    h("p", { id: "empty", class: "empty", hidden: page.events.length > 0 },
      q ? "No event matches. Try fewer or shorter words." : "No events yet. They appear here as soon as the pipeline publishes them."),
    listEl, more);
  updateCount();
}

function moreButton(path, cursor, listEl) {
  const button = h("button", { class: "more", type: "button" }, "Show more");
  let next = cursor;
  button.addEventListener("click", async () => {
    const page = await api(`${path}&cursor=${enc(next)}`);
    page.events.forEach((s) => {
      if (!listEl.querySelector(`[data-event-id="${CSS.escape(s.event_id)}"]`)) listEl.append(eventCard(s));
      view.list.add(s.event_id);
    });
    next = page.next;
    view.hasMore = !!next;
    if (!next) button.remove();
    updateCount();
  });
  return button;
}

function wordsOf(q) {
  return q.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function navigateList(q, status) {
  const p = new URLSearchParams();
  if (q) p.set("q", q);
  if (status) p.set("status", status);
  const s = p.toString();
  location.hash = s ? `#/?${s}` : "#/";
}

async function showEvent(id, note) {
  const token = ++renderToken;
  const t = await api(`/api/events/${enc(id)}`);
  if (token !== renderToken) return;
  if (t.event_id !== id) {
    // followed a 301: the event was merged into this one
    history.replaceState(null, "", eventHref(t.event_id));
  }
  view = { kind: "event", id: t.event_id, version: t.version };
  show(...eventPage(t, note));
}

async function refreshEvent(token, s) {
  if (s.version <= view.version) return;
  const t = await api(`/api/events/${enc(s.event_id)}`);
  if (token !== renderToken || view.kind !== "event" || view.id !== t.event_id) return;
  view.version = t.version;
  const scroll = window.scrollY;
  show(...eventPage(t, `Updated ${new Date().toLocaleTimeString("en-GB")}: ${plural(t.article_count, "article")} now.`));
  window.scrollTo(0, scroll);
  record(s);
}

/** The text's first sentence, shortened: what stands in for a missing headline. */
function opening(text) {
  const first = (text || "").trim().split(/(?<=[.!?])\s+|\n/)[0] || "";
  return first.length > 110 ? first.slice(0, 110).replace(/\s+\S*$/, "") + "…" : first;
}

/** A timeline entry without a headline shows the article's opening words once they are read. */
async function untitled(link, id) {
  try {
    const words = opening((await api(`/api/articles/${enc(id)}`)).text);
    if (words) link.textContent = words;
  } catch {
    // "Untitled article" stays
  }
}

function eventPage(t, note) {
  const articles = t.articles.map((a) => {
    const url = safeUrl(a.url);
    const link = h("a", { class: a.title ? "title" : "title untitled", href: articleHref(a.id) }, a.title || "Untitled article");
    if (!a.title) untitled(link, a.id);
    return h("li", { dataset: { articleId: a.id } },
      timeEl(a.time, false),
      h("span", { class: "outlet" }, a.outlet || hostOf(url) || "unknown outlet"),
      link,
      url ? h("a", { class: "source", href: url, rel: "noopener noreferrer", target: "_blank" }, "source ↗",
        h("span", { class: "visually-hidden" }, " (opens the article on its site)")) : null);
  });
  const quotes = [...t.quotes].sort((a, b) => b.outlets.length - a.outlets.length || Date.parse(a.first_seen) - Date.parse(b.first_seen));
  const quoteEls = quotes.map((q) =>
    h("li", {}, h("figure", { class: "quote" },
      h("blockquote", {}, h("p", {}, q.text)),
      h("figcaption", {},
        h("span", {}, "— ", q.speaker_id ? h("a", { class: "speaker", href: entityHref(q.speaker_id) }, q.speaker || q.speaker_id)
          : h("span", { class: "speaker" }, q.speaker || "unattributed")),
        h("span", {}, `carried by ${plural(q.outlets.length, "outlet")}:`),
        h("ul", { class: "outlets", "aria-label": "Outlets" }, q.outlets.map((o) => h("li", {}, o)))))));
  const top = t.top_entities.slice(0, 8);
  return [
    h("a", { class: "back", href: "#/" }, "← All events"),
    h("header", { class: "event-head" },
      h("h1", {}, clip(t.label, 200) || "(untitled event)"),
      h("ul", { class: "meta" },
        h("li", {}, h("span", { class: `status ${t.status}` }, t.status)),
        h("li", {}, plural(t.article_count, "article")),
        h("li", {}, plural(t.outlet_count, "outlet")),
        h("li", {}, plural(t.quote_count, "quote")),
        h("li", {}, plural(t.entity_count, "entity")),
        h("li", {}, "first seen ", timeEl(t.first_seen, false)),
        h("li", {}, "updated ", timeEl(t.last_updated))),
      entityChips(top, true),
      h("p", { class: "updated-note", role: "status", "aria-live": "polite" }, note || "")),
    h("div", { class: "grid" },
      h("div", {},
        h("section", { class: "panel", "aria-labelledby": "h-timeline" },
          h("h2", { id: "h-timeline" }, "Timeline", h("span", { class: "count" }, plural(t.articles.length, "article"))),
          h("ol", { class: "timeline" }, articles)),
        h("section", { class: "panel", "aria-labelledby": "h-quotes" },
          h("h2", { id: "h-quotes" }, "Quotes", h("span", { class: "count" }, `${quoteEls.length} · most carried first`)),
          quoteEls.length ? collapsed(h("ol", { class: "quotes", id: "quote-list" }, quoteEls), 8, "quotes") : h("p", { class: "muted" }, "No quotes."))),
      h("div", {},
        h("section", { class: "panel", "aria-labelledby": "h-stance" },
          h("h2", { id: "h-stance" }, "Stance by outlet"),
          h("p", { class: "muted" }, "How each outlet's articles portray the event's top entities."),
          stanceMatrix(top, t.stance_by_outlet)),
        t.top_entities.length > 8 ? h("section", { class: "panel", "aria-labelledby": "h-more" },
          h("h2", { id: "h-more" }, "More entities"), entityChips(t.top_entities.slice(8), true)) : null)),
  ];
}

/** Shows the first {@code n} items of a list and a button for the rest. */
function collapsed(list, n, noun) {
  const items = [...list.children];
  if (items.length <= n + 2) return list;
  items.slice(n).forEach((li) => (li.hidden = true));
  const button = h("button", { class: "more", type: "button", "aria-controls": list.id, "aria-expanded": "false" },
    `Show all ${items.length} ${noun}`);
  button.addEventListener("click", () => {
    items.forEach((li) => (li.hidden = false));
    button.remove();
    items[n].querySelector("a, blockquote")?.setAttribute("tabindex", "-1");
    items[n].querySelector("a, blockquote")?.focus();
  });
  return h("div", {}, list, button);
}

function hostOf(url) {
  try {
    return url ? new URL(url).host.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}

async function showEntity(id) {
  const token = ++renderToken;
  const e = await api(`/api/entities/${enc(id)}?limit=${LIST_PAGE}`);
  if (token !== renderToken) return;
  const listEl = h("ol", { class: "events", "aria-label": `Events with ${e.name}` });
  view = { kind: "entity", id, listEl, list: new Set(), hasMore: !!e.next };
  e.events.forEach((s) => {
    listEl.append(eventCard(s));
    view.list.add(s.event_id);
  });
  show(
    h("a", { class: "back", href: "#/" }, "← All events"),
    h("header", { class: "event-head" },
      h("h1", {}, clip(e.name)),
      h("ul", { class: "meta" },
        h("li", {}, h("span", { class: `chip ${e.type}` }, TYPE_LABEL[e.type] || e.type)),
        h("li", {}, plural(e.event_count, "event")),
        h("li", {}, `mentioned in ${plural(e.article_count, "article")} of them`))),
    h("div", { class: "grid" },
      h("section", { class: "panel", "aria-labelledby": "h-events" },
        h("h2", { id: "h-events" }, "Events", h("span", { class: "count", id: "count" })),
        listEl,
        e.next ? moreButton(`/api/entities/${enc(id)}?limit=${LIST_PAGE}`, e.next, listEl) : null),
      h("section", { class: "panel", "aria-labelledby": "h-stance" },
        h("h2", { id: "h-stance" }, "Stance by outlet"),
        h("p", { class: "muted" }, `How each outlet portrays ${e.name}, over these events.`),
        stanceChart(e.stance_by_outlet.length ? [{ entity: null, rows: e.stance_by_outlet }] : []))));
  updateCount();
}

async function showArticle(id) {
  const token = ++renderToken;
  const a = await api(`/api/articles/${enc(id)}`);
  if (token !== renderToken) return;
  view = { kind: "article", id };
  const url = safeUrl(a.url);
  const entities = [...a.entities].sort((x, y) => y.salience - x.salience);
  show(
    a.event_id ? h("a", { class: "back", href: eventHref(a.event_id) }, "← The event") : h("a", { class: "back", href: "#/" }, "← All events"),
    h("header", { class: "event-head" },
      h("h1", { class: a.title ? null : "untitled" }, a.title || opening(a.text) || "Untitled article"),
      h("ul", { class: "meta" },
        h("li", {}, h("strong", {}, a.outlet || hostOf(url) || "unknown outlet")),
        h("li", {}, timeEl(a.published_at || a.ingested_at, false)),
        url ? h("li", {}, h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, "read at the source ↗")) : null)),
    h("div", { class: "grid" },
      h("section", { "aria-label": "Article text" }, h("div", { class: "article-text" }, highlighted(a.text, a.entities, "text"))),
      h("div", {},
        h("section", { class: "panel", "aria-labelledby": "h-ents" },
          h("h2", { id: "h-ents" }, "Entities", h("span", { class: "count" }, "with the article's stance")),
          h("ul", { class: "entity-list" }, entities.map((e) =>
            h("li", {}, h("a", { class: `chip ${e.type}`, href: entityHref(e.id), title: e.name }, clip(e.name), h("span", { class: "type" }, TYPE_LABEL[e.type] || "")),
              h("span", { class: `stance-label ${e.stance.label}` }, e.stance.label))))),
        a.quotes.length ? h("section", { class: "panel", "aria-labelledby": "h-aq" },
          h("h2", { id: "h-aq" }, "Quotes"),
          h("ol", { class: "quotes" }, a.quotes.map((q) => h("li", {}, h("figure", { class: "quote" },
            h("blockquote", {}, h("p", {}, q.text)),
            h("figcaption", {}, "— ", h("span", { class: "speaker" }, q.speaker || "unattributed"))))))) : null)));
}

/** The text with each entity mention marked (offsets are UTF-16 indices, as in JavaScript strings). */
function highlighted(text, entities, field) {
  const spans = [];
  for (const e of entities) for (const m of e.mentions) if (m.field === field) spans.push({ ...m, type: e.type, name: e.name });
  spans.sort((x, y) => x.start - y.start);
  const out = [];
  const plain = (t) => t.split("\n").forEach((line, i) => {
    if (i > 0) out.push(h("span", { class: "pb" }));
    if (line) out.push(line);
  });
  let at = 0;
  for (const s of spans) {
    if (s.start < at || s.end > text.length) continue;
    plain(text.slice(at, s.start));
    out.push(h("mark", { class: `m ${s.type}`, title: `${s.name} (${TYPE_LABEL[s.type] || s.type})` }, text.slice(s.start, s.end)));
    at = s.end;
  }
  plain(text.slice(at));
  return out;
}

// ---------- routing and keys

async function route() {
  const hash = location.hash || "#/";
  const [path, query] = hash.slice(1).split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "events" && parts[1]) await showEvent(parts[1]);
    else if (parts[0] === "entities" && parts[1]) await showEntity(parts[1]);
    else if (parts[0] === "articles" && parts[1]) await showArticle(parts[1]);
    else await showList(params);
    document.title = (main.querySelector("h1")?.textContent || "Events") + " · newsline";
    if (route.moved) focusHeading();
    route.moved = true;
  } catch (e) {
    showError(e);
  }
}

searchForm.addEventListener("submit", (e) => {
  e.preventDefault();
  navigateList(searchBox.value.trim(), view.kind === "list" ? view.status : "");
});
document.addEventListener("keydown", (e) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    searchBox.focus();
    searchBox.select();
  } else if (e.key === "Escape" && document.activeElement === searchBox) {
    searchBox.blur();
  }
});
window.addEventListener("hashchange", () => {
  window.scrollTo(0, 0);
  route();
});

// start: remember where the events topic stands, follow it from there, then draw the page
(async () => {
  try {
    streamPosition = (await api("/api/events?limit=1")).position;
  } catch {
    // starting: the stream starts from now
  }
  follow();
  route();
})();
