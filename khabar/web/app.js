// khabar's web page: a small hash-routed page over the REST API.
// Every piece of article or corpus text goes into the page through textContent / createTextNode,
// never through innerHTML, so an ingested page cannot inject markup or scripts.
"use strict";

const LABELS = {
  PER: "شخص", ORG: "سازمان", LOC: "مکان", FAC: "تأسیسات", PRO: "محصول", EVENT: "رویداد",
  DATE: "تاریخ", TIME: "زمان", MONEY: "پول", PERCENT: "درصد",
};
const EVENT_TYPES = {
  meet: "دیدار کرد با", intend_meet: "قرار است دیدار کند با", visit: "سفر کرد به", host: "میزبانی کرد از",
  phone: "تلفنی گفت‌وگو کرد با", negotiate: "مذاکره کرد با", agree: "توافق کرد با", appeal: "درخواست کرد از",
  demand: "خواستار شد از", support: "حمایت کرد از", praise: "تقدیر کرد از", criticize: "انتقاد کرد از",
  accuse: "متهم کرد", condemn: "محکوم کرد", threaten: "تهدید کرد", sanction: "تحریم کرد", attack: "حمله کرد به",
};
const SVG_NS = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------------------------------------
// small DOM helpers
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function faNum(n) { return Number(n).toLocaleString("fa-IR"); }
function $(id) { return document.getElementById(id); }
function status(id, message, isError) {
  const node = $(id);
  node.textContent = message || "";
  node.classList.toggle("error", !!isError);
}
function faDate(iso) {
  // a stored ISO date shown in the Solar Hijri calendar with Persian digits (the ISO form in the tooltip)
  if (!iso) return null;
  const d = new Date(iso + "T12:00:00Z");
  if (isNaN(d)) return el("bdi", { text: iso });
  return el("bdi", { class: "date", title: iso, text: d.toLocaleDateString("fa-IR", { timeZone: "UTC" }) });
}
function joinParts(parts) {
  // strings and nodes separated by " · " (dates stay isolated from the surrounding RTL text)
  const out = [];
  for (const p of parts.filter(Boolean)) { if (out.length) out.push(" · "); out.push(p); }
  return out;
}
function entityHref(key) { return "#/entity/" + encodeURIComponent(key); }

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const reason = body && body.error ? body.error.message : response.statusText;
    throw new Error(reason + " (" + response.status + ")");
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// highlighting: spans of the text become <span>s; everything else stays a text node
function highlightedText(text, spans, makeSpan) {
  // spans: [{start, end, ...}] possibly overlapping; keep the earliest, longest, non-overlapping ones
  const sorted = spans.filter(s => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const s of sorted) {
    if (s.start < pos) continue;
    if (s.start > pos) frag.appendChild(document.createTextNode(text.slice(pos, s.start)));
    frag.appendChild(makeSpan(s, text.slice(s.start, s.end)));
    pos = s.end;
  }
  if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
  return frag;
}

function entityName(doc, id, fallback) {
  const ent = (doc.entities || []).find(e => e.id === id);
  return ent ? ent.name : (fallback || "؟");
}

// ---------------------------------------------------------------------------------------------
// one analyzed document (used by the analyze view and the stored-document view)
function renderDocument(doc, target) {
  clear(target);
  const meta = doc.meta || {};
  const spans = [];
  for (const ent of doc.entities || []) {
    for (const m of ent.mentions || []) spans.push({ start: m.start, end: m.end, entity: ent });
  }
  const text = el("div", { class: "article-text", id: "article-view" },
    highlightedText(doc.text, spans, (s, part) => el("span", {
      class: "ent ent-" + s.entity.label, title: (LABELS[s.entity.label] || s.entity.label) + ": " + s.entity.name,
      "data-entity": s.entity.id, "data-label": s.entity.label,
      onmouseenter: () => hoverEntity(s.entity.id, true), onmouseleave: () => hoverEntity(s.entity.id, false),
    }, part)));

  const usedLabels = [...new Set((doc.entities || []).map(e => e.label))];
  const legend = el("div", { class: "legend" },
    usedLabels.map(l => el("span", { class: "ent ent-" + l, text: LABELS[l] || l })));
  const head = el("div", {},
    meta.title ? el("div", { class: "doc-title", text: meta.title }) : null,
    el("div", { class: "meta-line" },
      joinParts([meta.source, /^\d{4}-\d{2}-\d{2}/.test(meta.published || "") ? faDate(meta.published.slice(0, 10))
        : meta.published, doc.topic ? "موضوع: " + doc.topic.label : null])));
  const left = el("div", { class: "card" }, head, legend, text);
  const right = el("div", { class: "panel" },
    entitiesPanel(doc), quotesPanel(doc), eventsPanel(doc), aboutPanel(doc));
  target.appendChild(el("div", { class: "analysis" }, left, right));
}

function hoverEntity(id, on) {
  document.querySelectorAll('[data-entity="' + CSS.escape(id) + '"]').forEach(n => n.classList.toggle("hover", on));
}

function entitiesPanel(doc) {
  const ents = doc.entities || [];
  const list = el("ul", { id: "entity-list" }, ents.map(e => el("li", { class: "entity-item", "data-entity": e.id },
    el("a", { class: "ent ent-" + e.label, href: entityHref(e.label + "|" + e.name), text: e.name }),
    el("span", { class: "tag ent-" + e.label, text: LABELS[e.label] || e.label }),
    e.roles && e.roles.length ? el("span", { class: "roles", text: " — " + e.roles.join("، ") }) : null,
    el("span", { class: "roles", text: " (" + faNum((e.mentions || []).length) + " بار)" }))));
  return el("div", { class: "card" }, el("h2", { text: "اشخاص، نهادها و مکان‌ها" }),
    ents.length ? list : el("p", { class: "empty", text: "نهادی پیدا نشد." }));
}

function quoteItem(speaker, speakerHref, cue, content, when) {
  return el("li", { class: "quote" },
    speakerHref ? el("a", { class: "speaker", href: speakerHref, text: speaker }) : el("span", { class: "speaker", text: speaker }),
    el("span", { class: "arrow", text: "←" }),
    el("span", { class: "cue", text: cue || "" }),
    when && when.length ? el("span", { class: "when" }, " · ", when) : null,
    el("span", { class: "content", text: content }));
}

function quotesPanel(doc) {
  const quotes = doc.quotes || [];
  const list = el("ol", { id: "quote-list" }, quotes.map(q => {
    const ent = (doc.entities || []).find(e => e.id === q.speaker);
    const name = ent ? ent.name : (q.speaker_text || "گوینده نامعلوم");
    return quoteItem(name, ent ? entityHref(ent.label + "|" + ent.name) : null, q.cue, q.content);
  }));
  return el("div", { class: "card" }, el("h2", { text: "چه کسی چه گفت" }),
    quotes.length ? list : el("p", { class: "empty", text: "نقل‌قولی پیدا نشد." }));
}

function eventLine(actors, type, targets, time) {
  // time: a string as written in the text, or a node (a stored date)
  return el("li", { class: "event" },
    el("span", { class: "actor", text: actors || "؟" }),
    el("span", { class: "arrow", text: "←" }),
    el("span", { class: "action", text: EVENT_TYPES[type] || type }),
    targets ? el("span", { class: "arrow", text: "←" }) : null,
    targets ? el("span", { class: "target", text: targets }) : null,
    time ? el("span", { class: "time" }, " (", time, ")") : null);
}

function eventsPanel(doc) {
  const events = doc.events || [];
  const list = el("ol", { id: "event-list" }, events.map(ev => {
    const actors = ev.actors.map(a => entityName(doc, a)).join("، ");
    const targets = ev.targets.map(t => entityName(doc, t)).join("، ");
    const time = ev.time ? [ev.time.text, ev.time.date ? [" = ", faDate(ev.time.date)] : null] : null;
    return eventLine(actors, ev.type, targets, time);
  }));
  return el("div", { class: "card" }, el("h2", { text: "رویدادها" }),
    events.length ? list : el("p", { class: "empty", text: "رویدادی پیدا نشد." }));
}

function aboutPanel(doc) {
  const parts = [];
  if (doc.keywords && doc.keywords.length) {
    parts.push(el("h3", { text: "کلیدواژه‌ها" }),
      el("div", { class: "keywords" }, doc.keywords.slice(0, 12).map(k => el("span", { text: k.text }))));
  }
  if (doc.summary && doc.summary.length && doc.sentences) {
    const sents = doc.summary.filter(i => i >= 0 && i < doc.sentences.length)
      .map(i => doc.text.slice(doc.sentences[i].start, doc.sentences[i].end));
    parts.push(el("h3", { text: "خلاصه" }), el("p", { text: sents.join(" ") }));
  }
  return parts.length ? el("div", { class: "card" }, parts) : null;
}

// ---------------------------------------------------------------------------------------------
// views
async function showAnalyze() { /* the form stays as the user left it */ }

async function submitAnalyze(event) {
  event.preventDefault();
  const file = $("article-file").files[0];
  const text = $("article-text").value;
  const published = $("article-published").value.trim();
  const button = $("analyze-button");
  let options;
  if (file) {
    const form = new FormData();
    form.append("file", file);
    if (published) form.append("published", published);
    options = { method: "POST", body: form };
  } else {
    if (!text.trim()) { status("analyze-status", "متنی برای تحلیل وارد نشده است.", true); return; }
    const body = { text: text };
    if (published) body.meta = { published: published };
    options = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  }
  button.disabled = true;
  status("analyze-status", "در حال تحلیل…");
  const started = performance.now();
  try {
    const doc = await api("/analyze", options);
    renderDocument(doc, $("analyze-result"));
    status("analyze-status", "تحلیل شد در " + faNum(Math.round(performance.now() - started)) + " میلی‌ثانیه · "
      + faNum((doc.entities || []).length) + " نهاد، " + faNum((doc.quotes || []).length) + " نقل‌قول، "
      + faNum((doc.events || []).length) + " رویداد");
  } catch (err) {
    clear($("analyze-result"));
    status("analyze-status", "خطا: " + err.message, true);
  } finally {
    button.disabled = false;
    $("article-file").value = "";
  }
}

async function loadExample() {
  try {
    const response = await fetch("/example");
    $("article-text").value = await response.text();
  } catch (err) { status("analyze-status", "خطا: " + err.message, true); }
}

async function showDocument(id) {
  const target = $("document-result");
  clear(target).appendChild(el("div", { class: "status", text: "در حال بارگیری…" }));
  try {
    const doc = await api("/documents/" + encodeURIComponent(id));
    renderDocument(doc, target);
    if (doc.meta && doc.meta.url) {
      target.prepend(el("p", { class: "meta-line" }, "نشانی: ", el("span", { dir: "ltr", text: doc.meta.url })));
    }
  } catch (err) {
    clear(target).appendChild(el("div", { class: "status error", text: "خطا: " + err.message }));
  }
}

const SEARCH_FIELDS = ["q", "since", "until", "source", "topic", "entity"];

function submitSearch(event) {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const f of SEARCH_FIELDS) {
    const v = $("search-" + f).value.trim();
    if (v) params.set(f, v);
  }
  location.hash = "#/search?" + params.toString();
}

async function showSearch(params) {
  for (const f of SEARCH_FIELDS) $("search-" + f).value = params.get(f) || "";
  const list = clear($("search-results"));
  const pager = clear($("search-pager"));
  if (!params.get("q")) { status("search-status", "واژه‌ای برای جست‌وجو بنویسید."); return; }
  status("search-status", "در حال جست‌وجو…");
  try {
    const page = await api("/search?" + params.toString());
    status("search-status", faNum(page.total) + " نتیجه برای «" + page.query + "»");
    for (const hit of page.items) {
      const spans = hit.highlights.map(h => ({ start: h[0] - hit.snippet_start, end: h[1] - hit.snippet_start }));
      list.appendChild(el("li", { class: "hit", "data-id": hit.id },
        el("a", { class: "title", href: "#/document/" + hit.id, text: hit.title || ("سند " + faNum(hit.id)) }),
        el("div", { class: "meta-line" }, joinParts([hit.source, faDate(hit.published), hit.topic])),
        el("p", { class: "snippet" }, "… ", highlightedText(hit.snippet, spans, (s, part) => el("mark", {}, part)), " …")));
    }
    const offset = page.offset, limit = page.limit;
    if (offset > 0) {
      const prev = new URLSearchParams(params); prev.set("offset", Math.max(0, offset - limit));
      pager.appendChild(el("a", { href: "#/search?" + prev.toString(), text: "→ قبلی" }));
    }
    if (page.next) {
      const next = new URLSearchParams(params); next.set("offset", offset + limit);
      pager.appendChild(el("a", { href: "#/search?" + next.toString(), id: "search-next", text: "بعدی ←" }));
    }
  } catch (err) {
    status("search-status", "خطا: " + err.message, true);
  }
}

async function showEntities() {
  const label = $("entities-label").value;
  const list = clear($("entities-list"));
  status("entities-status", "در حال بارگیری…");
  try {
    const page = await api("/entities?limit=100" + (label ? "&label=" + label : ""));
    status("entities-status", page.items.length ? "" : "هنوز نهادی در پیکره نیست.");
    for (const e of page.items) {
      list.appendChild(el("li", {},
        el("a", { class: "ent ent-" + e.label, href: entityHref(e.key), text: e.name }),
        el("span", { class: "roles", text: " " + faNum(e.documents) + " سند" })));
    }
  } catch (err) { status("entities-status", "خطا: " + err.message, true); }
}

async function showEntity(key) {
  const target = clear($("entity-result"));
  status("entity-status", "در حال بارگیری…");
  let p;
  try {
    p = await api("/entities/" + encodeURIComponent(key));
  } catch (err) { status("entity-status", "خطا: " + err.message, true); return; }
  status("entity-status", "");
  const e = p.entity;
  target.appendChild(el("div", { class: "card entity-head" },
    el("h1", { id: "entity-name", class: "ent ent-" + e.label, text: e.name }),
    el("span", { class: "tag ent-" + e.label, text: LABELS[e.label] || e.label }),
    el("span", { class: "meta-line" }, faNum(e.documents) + " سند، " + faNum(e.mentions) + " بار",
      e.first_seen ? [" · از ", faDate(e.first_seen), " تا ", faDate(e.last_seen)] : null)));
  const roles = el("div", { class: "card" }, el("h2", { text: "سمت‌ها" }),
    p.roles.length ? el("ul", {}, p.roles.map(r => el("li", { text: r.role + " (" + faNum(r.count) + ")" })))
      : el("p", { class: "empty", text: "سمتی ثبت نشده است." }));
  const timeline = el("div", { class: "card" }, el("h2", { text: "حضور در اخبار در طول زمان" }), timelineChart(p.timeline));
  const graph = el("div", { class: "card" }, el("h2", { text: "چه کسی با چه کسی دیدار کرد" }), networkGraph(e, p.met, p.cooccurring));
  const statements = el("div", { class: "card" }, el("h2", { text: "گفته‌ها در طول زمان" }),
    p.quotes.length ? el("ol", { id: "statement-list" }, p.quotes.map(q =>
      quoteItem(q.speaker || e.name, null, q.cue, q.content,
        joinParts([faDate(q.published), q.title])))) : el("p", { class: "empty", text: "گفته‌ای ثبت نشده است." }));
  const events = el("div", { class: "card" }, el("h2", { text: "رویدادها" }),
    p.events.length ? el("ol", {}, p.events.map(ev => eventLine(
      ev.actors.map(a => a.name).join("، "), ev.type, ev.targets.map(t => t.name).join("، "),
      faDate(ev.date || ev.published)))) : el("p", { class: "empty", text: "رویدادی ثبت نشده است." }));
  const together = el("div", { class: "card" }, el("h2", { text: "هم‌آیی با" }),
    p.cooccurring.length ? el("ul", {}, p.cooccurring.map(c => el("li", {},
      el("a", { class: "ent ent-" + c.label, href: entityHref(c.key), text: c.name }),
      el("span", { class: "roles", text: " " + faNum(c.together) + " سند مشترک" }))))
      : el("p", { class: "empty", text: "—" }));
  target.appendChild(el("div", { class: "grid2" }, el("div", {}, roles, statements, events), el("div", {}, graph, timeline, together)));
}

// ---------------------------------------------------------------------------------------------
// charts: plain SVG
function timelineChart(timeline) {
  const points = timeline.filter(t => t.month && t.month !== "unknown");
  if (!points.length) return el("p", { class: "empty", text: "تاریخی ثبت نشده است." });
  const width = 520, height = 140, pad = 24;
  const max = Math.max(...points.map(t => t.documents));
  const bar = Math.min(48, (width - 2 * pad) / points.length);
  const chart = svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img" });
  points.forEach((t, i) => {
    const h = Math.max(2, (height - 2 * pad) * t.documents / max);
    // right-to-left: the earliest month on the right
    const x = width - pad - (i + 1) * bar;
    const rect = svg("rect", { x: x + 2, y: height - pad - h, width: Math.max(2, bar - 4), height: h, fill: "#0b6e4f" });
    rect.appendChild(svg("title", {}, t.month + ": " + t.documents));
    chart.appendChild(rect);
    if (points.length <= 12 || i % Math.ceil(points.length / 12) === 0) {
      chart.appendChild(svg("text", { x: x + bar / 2, y: height - 6, "text-anchor": "middle" }, t.month));
    }
  });
  return chart;
}

function networkGraph(center, met, cooccurring) {
  // the entity in the middle; the people it met (solid edges) and, when there are few, the entities it
  // appears with (dashed edges) around it
  const nodes = met.slice(0, 10).map(m => ({ name: m.name, label: m.label, weight: m.meetings, met: true }));
  for (const c of cooccurring) {
    if (nodes.length >= 12) break;
    if (!nodes.some(n => n.name === c.name)) nodes.push({ name: c.name, label: c.label, weight: c.together, met: false, key: c.key });
  }
  const width = 520, height = 380, cx = width / 2, cy = height / 2, r = 140;
  const chart = svg("svg", { class: "graph", id: "entity-graph", viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (!nodes.length) {
    chart.appendChild(svg("text", { x: cx, y: cy, "text-anchor": "middle", fill: "#626a73" }, "دیداری ثبت نشده است"));
    return chart;
  }
  const maxWeight = Math.max(...nodes.map(n => n.weight || 1));
  nodes.forEach((n, i) => {
    const angle = -Math.PI / 2 + 2 * Math.PI * i / nodes.length;
    n.x = cx + r * Math.cos(angle);
    n.y = cy + r * Math.sin(angle);
    chart.appendChild(svg("line", {
      x1: cx, y1: cy, x2: n.x, y2: n.y, stroke: n.met ? "#0b6e4f" : "#b9b4a6",
      "stroke-width": 1 + 4 * (n.weight || 1) / maxWeight, "stroke-dasharray": n.met ? "" : "5 4",
    }));
  });
  const node = (x, y, name, label, main, href) => {
    const g = svg("g", { class: "node" + (main ? " main" : "") });
    g.appendChild(svg("circle", { cx: x, cy: y, r: main ? 14 : 9, fill: main ? "#0b6e4f" : "#fde2b8", stroke: "#1f2328" }));
    // labels sit on the far side of their node, away from the edges that meet in the middle
    const below = main || y >= cy;
    g.appendChild(svg("text", { x: x, y: below ? y + (main ? 32 : 24) : y - 15, "text-anchor": "middle", fill: "#1f2328" }, name));
    if (!href) return g;
    const a = svg("a", { href: href });
    a.appendChild(g);
    return a;
  };
  nodes.forEach(n => chart.appendChild(node(n.x, n.y, n.name, n.label, false, entityHref((n.label || "PER") + "|" + n.name))));
  chart.appendChild(node(cx, cy, center.name, center.label, true, null));
  return chart;
}

async function showApi() {
  const list = clear($("api-endpoints"));
  try {
    const spec = await api("/openapi.json");
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        list.appendChild(el("li", {}, el("span", { class: "method", text: method.toUpperCase() }),
          el("span", { text: path }), " — ", el("span", { dir: "auto", text: op.summary || "" })));
      }
    }
  } catch (err) { list.appendChild(el("li", { text: "خطا: " + err.message })); }
}

// ---------------------------------------------------------------------------------------------
// routing
function route() {
  const hash = location.hash || "#/analyze";
  const [path, query] = hash.slice(1).split("?");
  const parts = path.split("/").filter(Boolean);
  const view = parts[0] || "analyze";
  const arg = parts.length > 1 ? decodeURIComponent(parts.slice(1).join("/")) : null;
  document.querySelectorAll(".view").forEach(v => { v.hidden = v.id !== "view-" + view; });
  const navView = view === "document" ? "search" : view === "entity" ? "entities" : view;
  document.querySelectorAll(".top nav a").forEach(a => a.classList.toggle("active", a.dataset.view === navView));
  if (view === "analyze") showAnalyze();
  else if (view === "search") showSearch(new URLSearchParams(query || ""));
  else if (view === "document" && arg) showDocument(arg);
  else if (view === "entities") showEntities();
  else if (view === "entity" && arg) showEntity(arg);
  else if (view === "api") showApi();
  else location.hash = "#/analyze";
}

document.addEventListener("DOMContentLoaded", () => {
  $("analyze-form").addEventListener("submit", submitAnalyze);
  $("example-button").addEventListener("click", loadExample);
  $("search-form").addEventListener("submit", submitSearch);
  $("entities-label").addEventListener("change", showEntities);
  window.addEventListener("hashchange", route);
  route();
});
