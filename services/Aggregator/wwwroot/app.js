// The journey map: stages as columns with their figures, the emotion curve across them, the top pain points per
// stage; click one to read its verbatims. Live: a Server-Sent Events stream re-renders when a pain point changes.
const stagesEl = document.getElementById("stages");
const statusEl = document.getElementById("status");
const filtersEl = document.getElementById("filters");
const curveEl = document.getElementById("curve-svg");
const dialog = document.getElementById("detail");
const TOP = 8;

async function json(url) {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(c => node.append(c));
  return node;
}

function query(extra = {}) {
  const params = new URLSearchParams();
  new FormData(filtersEl).forEach((v, k) => { if (v) params.set(k, v); });
  Object.entries(extra).forEach(([k, v]) => params.set(k, v));
  return params.toString();
}

const fmt = (v, digits = 1) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits));

function figure(label, value) {
  return el("div", {}, el("b", {}, value), label);
}

// "model 0.62" when the stage model chose the stage: how sure it was.
function stageBy(p) {
  return p.stageConfidence == null ? p.stageReason : `${p.stageReason} ${fmt(p.stageConfidence, 2)}`;
}

function painButton(p) {
  const meta = el("span", { class: "meta" },
    el("span", { class: "sev", title: "severity" }, `⚠ ${fmt(p.severity)}`),
    el("span", { class: `trend-${p.trend}`, title: "trend against the previous window" }, p.trend),
    el("span", { title: "mentions" }, `×${p.count}`),
    el("span", {}, Object.keys(p.channels).join(", ")),
    el("span", {}, Object.keys(p.languages).join(", ")),
    el("span", { title: "why this stage" }, stageBy(p)));
  if (p.spiking) meta.prepend(el("span", { class: "spike" }, "spike"));
  const button = el("button", { class: "pain", type: "button", "data-id": p.id }, el("strong", {}, p.topic.replaceAll("_", " ")), ": ", p.text, meta);
  button.addEventListener("click", () => openPainPoint(p.id));
  return button;
}

async function column(stage) {
  const filter = query({ stage: stage.name, pageSize: 100 });
  const page = await json(`/api/pain-points?${filter}`);
  const top = page.items.sort((a, b) => b.severity - a.severity).slice(0, TOP);
  const emotions = Object.entries(stage.emotions).sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e} ${n}`).join(" · ");
  return el("section", { class: "stage", "data-stage": stage.name },
    el("h2", {}, stage.name),
    el("div", { class: "figures" },
      figure("volume", String(stage.windowFeedbackCount)),
      figure("NPS", fmt(stage.nps, 0)),
      figure("CSAT", fmt(stage.csat)),
      figure("CES", fmt(stage.ces))),
    el("div", { class: "emotions" }, emotions || "no emotions yet"),
    ...(top.length ? top.map(painButton) : [el("p", { class: "empty" }, "No pain points.")]));
}

function drawCurve(stages) {
  const w = 1000, h = 120, step = w / stages.length;
  const y = s => (s === null ? h / 2 : h / 2 - s * (h / 2 - 12));
  const points = stages.map((s, i) => [step * i + step / 2, y(s.windowAverageSentiment)]);
  curveEl.replaceChildren();
  const ns = "http://www.w3.org/2000/svg";
  const axis = document.createElementNS(ns, "line");
  Object.entries({ x1: 0, x2: w, y1: h / 2, y2: h / 2, stroke: "#ccd", "stroke-dasharray": "4" }).forEach(([k, v]) => axis.setAttribute(k, v));
  const line = document.createElementNS(ns, "polyline");
  Object.entries({ points: points.map(p => p.join(",")).join(" "), fill: "none", stroke: "#3a6ea5", "stroke-width": 3 }).forEach(([k, v]) => line.setAttribute(k, v));
  curveEl.append(axis, line);
  points.forEach(([x, py], i) => {
    const dot = document.createElementNS(ns, "circle");
    Object.entries({ cx: x, cy: py, r: 6, fill: stages[i].windowAverageSentiment < 0 ? "#c33" : "#3a6" }).forEach(([k, v]) => dot.setAttribute(k, v));
    const title = document.createElementNS(ns, "title");
    title.textContent = `${stages[i].name}: ${fmt(stages[i].windowAverageSentiment, 2)}`;
    dot.append(title);
    curveEl.append(dot);
  });
}

let rendering = null, again = false;
async function render() {
  if (rendering) { again = true; return rendering; }
  rendering = (async () => {
    try {
      const stages = await json(`/api/stages?${query()}`);
      drawCurve(stages);
      stagesEl.replaceChildren(...await Promise.all(stages.map(column)));
      statusEl.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      statusEl.textContent = `Could not load the feed: ${e.message}`;
    }
  })();
  await rendering;
  rendering = null;
  if (again) { again = false; await render(); }
}

async function openPainPoint(id) {
  const p = await json(`/api/pain-points/${encodeURIComponent(id)}?verbatims=20&window=${filtersEl.window.value}`);
  document.getElementById("detail-title").textContent = `${p.stage} · ${p.topic.replaceAll("_", " ")}`;
  document.getElementById("detail-meta").textContent =
    `${p.count} mentions · severity ${fmt(p.severity)} · ${p.trend} (${p.windowCount} vs ${p.previousWindowCount}) · ` +
    `first ${new Date(p.firstSeen).toLocaleString()} · last ${new Date(p.lastSeen).toLocaleString()} · stage by ${stageBy(p)}`;
  document.getElementById("verbatims").replaceChildren(...p.verbatims.map(v => el("li", { "data-feedback-id": v.feedbackId },
    el("q", {}, v.text),
    el("div", { class: "meta" }, `${v.channel} · ${v.language} · ${v.source} · ${new Date(v.receivedAt).toLocaleString()} · ${v.feedbackId}`))));
  if (!dialog.open) dialog.showModal();
}

filtersEl.addEventListener("change", render);
let timer = null;
const events = new EventSource("/api/events");
// Bursts of updates re-render once.
events.addEventListener("pain-point", () => { clearTimeout(timer); timer = setTimeout(render, 300); });
events.onerror = () => { statusEl.textContent = "Live updates reconnecting…"; };
render();
