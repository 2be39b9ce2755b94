// The journey map: one column per stage with its figures and latest pain points, refreshed every few seconds.
const stagesEl = document.getElementById("stages");
const statusEl = document.getElementById("status");

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

async function render() {
  const stages = await json("/api/stages");
  const columns = await Promise.all(stages.map(async stage => {
    const page = await json(`/api/pain-points?stage=${encodeURIComponent(stage.name)}&pageSize=5`);
    const avg = stage.averageSentiment;
    const list = el("ul", { class: "pain" }, ...page.items.map(p =>
      el("li", { "data-feedback-id": p.feedbackId },
        el("div", { class: "topic" }, `${p.topic.replaceAll("_", " ")} · ${p.channel} · ${p.language}`),
        el("div", { class: "text" }, p.text))));
    return el("section", { class: "stage", "data-stage": stage.name },
      el("h2", {}, stage.name),
      el("div", { class: "figures" },
        el("span", {}, `${stage.feedbackCount} feedback`),
        el("span", { class: "neg" }, `${stage.painPointCount} pain points`),
        el("span", { class: avg < 0 ? "neg" : "pos" }, `sentiment ${avg.toFixed(2)}`)),
      list);
  }));
  stagesEl.replaceChildren(...columns);
  statusEl.textContent = `Updated ${new Date().toLocaleTimeString()}.`;
}

async function loop() {
  try { await render(); } catch (e) { statusEl.textContent = `Feed unreachable (${e.message}); retrying.`; }
  setTimeout(loop, 3000);
}
loop();
