// The web view's script: draws the timeline (uPlot) and the graph (cytoscape), and shows live
// progress (server-sent events). Lists and figures are in the HTML already: this only adds.

const STATUS_COLORS = {
  completed: "#2e7d32",
  failed: "#c62828",
  rolledback: "#ef6c00",
  refused: "#757575",
  progressing: "#1565c0",
};

const KIND_COLORS = {
  service: "#1565c0",
  namespace: "#6d4c41",
  error: "#c62828",
  strategy: "#6a1b9a",
  image: "#2e7d32",
  resource: "#757575",
};

/** The JSON of a `<script type="application/json">` element, if the page has it. */
function dataOf(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent ?? "null") : undefined;
}

/** The page's text colour, so the pictures read in dark and light mode. */
function foreground() {
  return getComputedStyle(document.body).color;
}

function drawTimeline() {
  const element = document.getElementById("timeline");
  const points = dataOf("timeline-data");
  const uPlot = globalThis.uPlot;
  if (!element || !points || points.length === 0 || !uPlot) return;
  const seconds = (p) => p.ms / 1000;
  const series = [{}];
  const columns = [points.map((p) => p.t)];
  for (const [status, color] of Object.entries(STATUS_COLORS)) {
    series.push({
      label: status,
      stroke: color,
      paths: () => null,
      points: { show: true, size: 9, fill: color },
    });
    columns.push(points.map((p) => (p.status === status ? seconds(p) : null)));
  }
  series.push({
    label: "canary / blue-green",
    stroke: foreground(),
    paths: () => null,
    points: { show: true, size: 17, width: 2, fill: "transparent" },
  });
  columns.push(points.map((p) => (p.strategy === "direct" ? null : seconds(p))));
  const axis = { stroke: foreground(), grid: { stroke: "rgba(128,128,128,0.25)" } };
  new uPlot(
    {
      width: element.clientWidth || 640,
      height: 240,
      series,
      axes: [axis, { ...axis, label: "duration (s)" }],
    },
    columns,
    element,
  );
  element.dataset.drawn = String(points.length);
}

async function drawGraph() {
  const element = document.getElementById("graph");
  const elements = dataOf("graph-data");
  if (!element || !elements) return;
  const { default: cytoscape } = await import(element.dataset.lib);
  const graph = cytoscape({
    container: element,
    elements,
    layout: { name: elements.length > 1 ? "cose" : "grid", animate: false },
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          color: foreground(),
          "font-size": 11,
          "background-color": (node) => KIND_COLORS[node.data("kind")] ?? "#757575",
        },
      },
      { selector: "node[kind = 'service']", style: { shape: "round-rectangle" } },
      {
        selector: "edge",
        style: {
          width: (edge) => 1 + 3 * edge.data("weight"),
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "line-color": "#9e9e9e",
          "target-arrow-color": "#9e9e9e",
        },
      },
    ],
  });
  graph.on("tap", "node[kind = 'service']", (event) => {
    location.href = `/services/${encodeURIComponent(event.target.data("label"))}`;
  });
  element.dataset.nodes = String(graph.nodes().length);
  element.dataset.edges = String(graph.edges().length);
}

function followLive() {
  const section = document.getElementById("live");
  if (!section || typeof EventSource === "undefined") return;
  const list = section.querySelector("ol");
  const service = section.dataset.service;
  const source = new EventSource(`/ui/events?after=${section.dataset.after ?? ""}`);
  const show = (event, finished) => {
    const message = JSON.parse(event.data);
    if (service && message.service !== service) return;
    section.hidden = false;
    const item = document.createElement("li");
    item.textContent = service ? message.line : `${message.service}: ${message.line}`;
    if (finished) item.className = "finished";
    list.append(item);
    if (finished) {
      const reload = document.createElement("a");
      reload.href = location.pathname;
      reload.textContent = " Reload to see the new figures";
      item.append(reload);
    }
  };
  source.addEventListener("progress", (event) => show(event, false));
  source.addEventListener("finished", (event) => show(event, true));
  addEventListener("pagehide", () => source.close());
}

drawTimeline();
followLive();
await drawGraph();
