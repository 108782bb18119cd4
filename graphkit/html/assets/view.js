/* graphkit interactive view. Data comes from the JSON script element #graphkit-data and is
 * only ever shown with textContent / attribute setters, never parsed as HTML.
 * Exposes window.graphkit = {network, nodes, edges, nodeView, edgeView, data, search, find,
 * select, clear, setKind, setEdgeType, setMinDf, selected, highlighted, ready, readyAt, marks}
 * for tests, benchmarks and curious users. Positions come from Python; physics stays off. */
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var data = JSON.parse(document.getElementById("graphkit-data").textContent);
  marks.parsed = performance.now();
  var N = data.nodes, E = data.edges, ET = data.edgeTypes;
  var NODE_FONT = "#1f2933";
  var big = N.length > 1500 || E.length > 6000;
  var FONT_FACE = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
  // labels: vis never draws them (drawThreshold out of reach); drawLabels places them
  var LABEL_FONT = 13, LABELS_OVERVIEW = 45, LABELS_ZOOMED = 220, fitScale = null;
  var kindStyle = {};
  data.kinds.forEach(function (k) { kindStyle[k.kind] = k; });

  // adjacency: for each node, [other, edgeTypeIndex, +1 outgoing / -1 incoming, edgeIndex]
  var adj = N.map(function () { return []; });
  E.forEach(function (e, i) { adj[e[0]].push([e[1], e[2], 1, i]); adj[e[1]].push([e[0], e[2], -1, i]); });

  var state = { kinds: {}, edgeOn: ET.map(function (t) { return !!t.on; }), minDf: 1, selected: null, external: false };
  data.kinds.forEach(function (k) { state.kinds[k.kind] = true; });

  function el(tag, attrs, text) {
    var x = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (a) { x.setAttribute(a, attrs[a]); });
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function $(id) { return document.getElementById(id); }

  function edgeColor(t) { return { color: t.color, highlight: t.color, opacity: 0.75 }; }
  var nodes = new vis.DataSet(N.map(function (n, i) {
    return { id: i, label: n.l, x: n.x, y: n.y, value: n.v, group: n.k };
  }));
  var edges = new vis.DataSet(E.map(function (e, i) {
    var t = ET[e[2]];
    var item = { id: i, from: e[0], to: e[1], et: e[2], color: edgeColor(t), width: t.width };
    if (t.dashes) item.dashes = t.dashes;
    if (t.arrows) item.arrows = { to: { enabled: true, scaleFactor: 0.45 } };
    return item;
  }));

  function nodeVisible(i) {
    var n = N[i];
    if (!state.kinds[n.k]) return false;
    if (n.ext && !state.external) return false;  // cited works outside the corpus: opt-in
    return n.k === "Paper" || n.df === undefined || n.df >= state.minDf;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return nodeVisible(item.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) {
    return state.edgeOn[item.et] && nodeVisible(item.from) && nodeVisible(item.to);
  } });

  marks.datasets = performance.now();
  var groups = {};
  data.kinds.forEach(function (k) {
    groups[k.kind] = { shape: k.shape, color: { background: k.color, border: shade(k.color), highlight: { background: k.color, border: "#111" } } };
  });
  function shade(hex) {
    var v = parseInt(hex.slice(1), 16), r = (v >> 16) * 0.7, g = ((v >> 8) & 255) * 0.7, b = (v & 255) * 0.7;
    return "rgb(" + Math.round(r) + "," + Math.round(g) + "," + Math.round(b) + ")";
  }

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups,
    nodes: {
      borderWidth: 1,
      scaling: { min: 6, max: 40, label: { enabled: false, drawThreshold: 1e9 } },
      font: { face: FONT_FACE, size: 14, color: NODE_FONT, strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0 },
    interaction: { hover: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 300, keyboard: false, multiselect: false }
  };
  var container = $("gk-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);

  marks.network = performance.now();
  var api = window.graphkit = {
    marks: marks,
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, data: data,
    ready: false, readyAt: null, selected: null
  };

  // ---- neighbourhood highlight: drawn over the frame (O(neighbourhood), no data updates)
  var focusSet = null, focusEdges = [];
  function highlight(i) {
    focusSet = null; focusEdges = [];
    if (i !== null) {
      focusSet = new Set([i]);
      adj[i].forEach(function (a) {  // neighbours through the edges on screen
        if (state.edgeOn[a[1]] && nodeVisible(a[0])) { focusSet.add(a[0]); focusEdges.push(a[3]); }
      });
    }
    api.highlighted = focusSet ? Array.from(focusSet) : [];
    network.redraw();
  }
  function drawHighlight(ctx) {
    if (!focusSet) return;
    var tl = network.DOMtoCanvas({ x: 0, y: 0 });
    var br = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.fillStyle = "rgba(255,255,255,0.85)";
    ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
    ctx.restore();
    var body = network.body;
    focusEdges.forEach(function (k) { var e = body.edges[k]; if (e && e.connected) e.draw(ctx); });
    focusEdges.forEach(function (k) { var e = body.edges[k]; if (e && e.connected) e.drawArrows(ctx); });
    focusSet.forEach(function (j) {
      var n = body.nodes[j];
      if (!n) return;
      n.draw(ctx);
    });
  }

  // ---- side panel --------------------------------------------------------------------
  var panel = $("gk-panel"), body = $("gk-panel-body");
  function kindBadge(kind) {
    var b = el("span", { "class": "gk-kind" }, kind);
    b.style.background = (kindStyle[kind] || { color: "#8C8C8C" }).color;
    return b;
  }
  function nodeButton(j) {
    var b = el("button", { type: "button", "class": "gk-linklike" }, N[j].t);
    b.addEventListener("click", function () { select(j, true); });
    return b;
  }
  function chip(j) {
    var c = el("button", { type: "button", "class": "gk-chip" }, N[j].t);
    c.style.borderColor = (kindStyle[N[j].k] || { color: "#8C8C8C" }).color;
    c.title = N[j].k + (N[j].df !== undefined ? " · in " + N[j].df + " paper(s)" : "");
    c.addEventListener("click", function () { select(j, true); });
    return c;
  }
  function list(title, items, make, limit) {
    if (!items.length) return;
    body.appendChild(el("h4", null, title + " (" + items.length + ")"));
    var ul = el("ul");
    items.slice(0, limit || 25).forEach(function (j) { var li = el("li"); li.appendChild(make(j)); ul.appendChild(li); });
    if (items.length > (limit || 25)) ul.appendChild(el("li", null, "… and " + (items.length - (limit || 25)) + " more"));
    body.appendChild(ul);
  }
  function neighbours(i, types, dir) {
    var seen = new Set(), out = [];
    adj[i].forEach(function (a) {
      if (types.indexOf(ET[a[1]].type) >= 0 && (!dir || a[2] === dir) && !seen.has(a[0])) { seen.add(a[0]); out.push(a[0]); }
    });
    return out.sort(function (a, b) { return (N[b].v || 0) - (N[a].v || 0); });
  }
  function showPanel(i) {
    var n = N[i];
    body.textContent = "";
    body.appendChild(kindBadge(n.type || n.k));
    body.appendChild(el("h3", null, n.t));
    if (n.k === "Paper") {
      var meta = [];
      if (n.ext) meta.push("cited work outside the corpus");
      if (n.d) meta.push(n.d);
      if (n.a) meta.push(n.a.join(", ") + (n.na > n.a.length ? " et al. (" + n.na + " authors)" : ""));
      else if (n.na) meta.push(n.na + " authors");
      if (n.up !== undefined) meta.push(n.up + " upvotes");
      if (meta.length) body.appendChild(el("p", { "class": "gk-meta" }, meta.join(" · ")));
      if (n.ab) body.appendChild(el("p", { "class": "gk-abstract" }, n.ab));
      if (n.links && n.links.length) {
        var p = el("p", { "class": "gk-meta" });
        n.links.forEach(function (l, k) {
          if (!/^https?:\/\//i.test(l[1])) return;
          if (k) p.appendChild(document.createTextNode(" · "));
          var a = el("a", { href: l[1], target: "_blank", rel: "noopener noreferrer" }, l[0]);
          p.appendChild(a);
        });
        body.appendChild(p);
      }
      var intro = neighbours(i, ["INTRODUCES"], 1);
      var ents = neighbours(i, ["MENTIONS", "INTRODUCES"], 1);
      if (ents.length) {
        body.appendChild(el("h4", null, "Entities (" + ents.length + ")"));
        var box = el("div");
        ents.sort(function (a, b) { return N[a].k < N[b].k ? -1 : N[a].k > N[b].k ? 1 : (N[b].df || 0) - (N[a].df || 0); })
          .forEach(function (j) { box.appendChild(chip(j)); });
        body.appendChild(box);
      }
      list("Introduces", intro, nodeButton);
      list("Builds on", neighbours(i, ["BUILDS_ON", "CITES"], 1), nodeButton);
      list("Built on by", neighbours(i, ["BUILDS_ON", "CITES"], -1), nodeButton);
      list("Related papers", neighbours(i, ["RELATED"]), nodeButton, 10);
    } else {
      var m = [];
      if (n.df !== undefined) m.push("mentioned in " + n.df + " paper(s)");
      if (n.al) m.push("also: " + n.al.join(", "));
      if (m.length) body.appendChild(el("p", { "class": "gk-meta" }, m.join(" · ")));
      list("Introduced by", neighbours(i, ["INTRODUCES"], -1), nodeButton);
      var ment = neighbours(i, ["MENTIONS"], -1);
      list("Papers mentioning it" + (n.df > ment.length ? ", shown here" : ""), ment, nodeButton);
      var co = neighbours(i, ["CO_OCCURS"]);
      if (co.length) {
        body.appendChild(el("h4", null, "Mentioned with (" + co.length + ")"));
        var cbox = el("div");
        co.slice(0, 20).forEach(function (j) { cbox.appendChild(chip(j)); });
        body.appendChild(cbox);
      }
    }
    body.appendChild(el("p", { "class": "gk-meta" }, n.id));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function select(i, move) {
    if (!nodeVisible(i)) reveal(i);
    state.selected = api.selected = i;
    network.selectNodes([i]);
    highlight(i);
    showPanel(i);
    // keep the node clear of the detail panel on the right
    if (move) network.focus(i, { scale: focusScale(i), offset: { x: -Math.min(190, container.clientWidth / 5), y: 0 }, animation: false });
  }
  function focusScale(i) {  // zoom so that the node's neighbours fit around it
    var r = 150;
    adj[i].forEach(function (a) {
      if (!nodeVisible(a[0])) return;
      var dx = N[a[0]].x - N[i].x, dy = N[a[0]].y - N[i].y;
      r = Math.max(r, Math.sqrt(dx * dx + dy * dy));
    });
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    return Math.min(1.0, Math.max(0.12, 0.42 * Math.min(w, h) / r));
  }
  function clearSelection() {
    state.selected = api.selected = null;
    network.unselectAll();
    highlight(null);
    panel.hidden = true;
  }
  function reveal(i) {  // make a filtered-out node visible again
    var n = N[i];
    if (!state.kinds[n.k]) setKind(n.k, true);
    if (n.ext && !state.external) setExternal(true);
    if (n.df !== undefined && n.df < state.minDf) setMinDf(n.df);
  }

  // ---- search ------------------------------------------------------------------------
  var names = [];
  N.forEach(function (n, i) {
    names.push([n.t.toLowerCase(), i]);
    (n.al || []).forEach(function (a) { names.push([String(a).toLowerCase(), i]); });
  });
  var dl = $("gk-names"), frag = document.createDocumentFragment();
  var order = N.map(function (n, i) { return i; }).sort(function (a, b) { return (N[b].v || 0) - (N[a].v || 0); });
  order.forEach(function (i) { var o = document.createElement("option"); o.value = N[i].t; frag.appendChild(o); });
  dl.appendChild(frag);

  function find(q) {
    q = String(q).trim().toLowerCase();
    if (!q) return null;
    var best = null, bestScore = -1;
    names.forEach(function (e) {
      var s = e[0] === q ? 3 : e[0].indexOf(q) === 0 ? 2 : e[0].indexOf(q) > 0 ? 1 : 0;
      if (!s) return;
      var score = s * 1000 + (N[e[1]].v || 0);
      if (score > bestScore) { bestScore = score; best = e[1]; }
    });
    return best;
  }
  function search(q) {
    var i = find(q);
    var status = $("gk-status");
    if (i === null) { status.textContent = "No paper or entity matches “" + q + "”"; return null; }
    select(i, true);
    updateStatus();
    return i;
  }
  var input = $("gk-search");
  var lastQuery = null;  // Enter also fires "change": search once
  function searchInput() { if (input.value && input.value !== lastQuery) { lastQuery = input.value; search(input.value); } }
  input.addEventListener("change", searchInput);
  input.addEventListener("input", function () { lastQuery = null; });
  input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); lastQuery = null; searchInput(); } });

  // ---- filters -----------------------------------------------------------------------
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    if (state.selected !== null && !nodeVisible(state.selected)) clearSelection();
    else if (state.selected !== null) highlight(state.selected);
    updateStatus();
  }
  function setKind(kind, on) {
    state.kinds[kind] = !!on;
    var box = document.querySelector('input[data-kind="' + kind + '"]');
    if (box) box.checked = !!on;
    refresh();
  }
  function setExternal(on) {
    state.external = !!on;
    $("gk-external").checked = !!on;
    refresh();
  }
  function setEdgeType(type, on) {
    ET.forEach(function (t, k) { if (t.type === type) state.edgeOn[k] = !!on; });
    var box = document.querySelector('input[data-edge="' + type + '"]');
    if (box) box.checked = !!on;
    refresh();
  }
  function setMinDf(v) {
    state.minDf = Math.max(1, Number(v) || 1);
    $("gk-df").value = String(state.minDf);
    $("gk-df-value").textContent = String(state.minDf);
    refresh();
  }
  function updateStatus() {
    $("gk-status").textContent = nodeView.length.toLocaleString("en") + " of " + N.length.toLocaleString("en") +
      " nodes · " + edgeView.length.toLocaleString("en") + " edges shown";
  }

  data.kinds.forEach(function (k) {
    var lab = el("label");
    var box = el("input", { type: "checkbox", "data-kind": k.kind });
    box.checked = true;
    box.addEventListener("change", function () { setKind(k.kind, box.checked); });
    var sw = el("span", { "class": "gk-swatch " + k.shape });
    sw.style.background = k.color;
    lab.appendChild(box); lab.appendChild(sw); lab.appendChild(el("span", null, k.kind));
    lab.appendChild(el("span", { "class": "gk-count" }, k.count.toLocaleString("en")));
    $("gk-kinds").appendChild(lab);
  });
  ET.forEach(function (t, k) {
    if (!t.count) return;
    var lab = el("label", { title: t.label });
    var box = el("input", { type: "checkbox", "data-edge": t.type });
    box.checked = state.edgeOn[k];
    box.addEventListener("change", function () { setEdgeType(t.type, box.checked); });
    var line = el("span", { "class": "gk-line" });
    line.style.borderTopColor = t.color;
    line.style.borderTopStyle = t.dashes ? (t.dashes[0] <= 2 ? "dotted" : "dashed") : "solid";
    line.style.borderTopWidth = Math.max(1.5, t.width) + "px";
    lab.appendChild(box); lab.appendChild(line); lab.appendChild(el("span", null, t.type));
    lab.appendChild(el("span", { "class": "gk-count" }, t.count.toLocaleString("en")));
    $("gk-edges").appendChild(lab);
  });
  if (data.external) {
    $("gk-external-label").hidden = false;
    $("gk-external-count").textContent = data.external.toLocaleString("en");
    $("gk-external").addEventListener("change", function () { setExternal($("gk-external").checked); });
  }
  var maxDf = 1;
  N.forEach(function (n) { if (n.df !== undefined && n.df > maxDf) maxDf = n.df; });
  $("gk-df").max = String(maxDf);
  if (maxDf <= 1) $("gk-df-section").hidden = true;
  $("gk-df").addEventListener("input", function () { setMinDf($("gk-df").value); });
  if (data.notice) { $("gk-notice").textContent = data.notice; $("gk-notice").hidden = false; }
  $("gk-reset").addEventListener("click", function () {
    clearSelection();
    network.fit({ animation: false });
  });
  $("gk-panel-close").addEventListener("click", clearSelection);

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0], false);
    else if (!p.edges.length) clearSelection();
  });
  // ---- labels: the most important nodes on screen, 13 px at any zoom, never overlapping
  var rank = N.map(function (n, i) { return i; }).sort(function (a, b) {
    return ((N[b].v || 0) - (N[a].v || 0)) || ((N[b].pagerank || 0) - (N[a].pagerank || 0));
  });
  var labelWidth = {};
  function drawLabels(ctx) {
    var s = network.getScale();
    var max = fitScale !== null && s > 1.6 * fitScale ? LABELS_ZOOMED : LABELS_OVERVIEW;
    var tr = network.body.view.translation, W = container.clientWidth, H = container.clientHeight;
    var boxes = [], drawn = 0, seen = 0;
    ctx.save();
    ctx.font = LABEL_FONT + "px " + FONT_FACE;
    var todo = [];
    var order = state.selected !== null ? [state.selected].concat(rank) : rank;
    for (var r = 0; r < order.length && seen < 1500 && drawn < max; r++) {
      var i = order[r], node = network.body.nodes[i];
      if (r > 0 && i === state.selected) continue;
      if (!node || !nodeVisible(i) || (focusSet && !focusSet.has(i))) continue;
      var x = node.x * s + tr.x, y = node.y * s + tr.y;
      if (x < 0 || y < 0 || x > W || y > H) continue;
      seen++;
      if (labelWidth[i] === undefined) labelWidth[i] = ctx.measureText(N[i].l).width;
      var w = labelWidth[i], top = y + (node.shape.radius || node.options.size || 8) * s + 2;
      var box = [x - w / 2 - 2, top - 1, x + w / 2 + 2, top + LABEL_FONT + 2];
      var clash = false;
      for (var b = 0; b < boxes.length && !clash; b++) {
        var o = boxes[b];
        clash = box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1];
      }
      if (clash) continue;
      boxes.push(box); drawn++;
      todo.push([i, node.x, top / s - tr.y / s]);
    }
    ctx.font = (LABEL_FONT / s) + "px " + FONT_FACE;
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.lineWidth = 3 / s; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = NODE_FONT;
    ctx.lineJoin = "round";
    todo.forEach(function (t) { ctx.strokeText(N[t[0]].l, t[1], t[2]); ctx.fillText(N[t[0]].l, t[1], t[2]); });
    ctx.restore();
    api.labelled = todo.map(function (t) { return t[0]; });
  }
  network.on("afterDrawing", function (ctx) { drawHighlight(ctx); drawLabels(ctx); });
  network.once("afterDrawing", function () {
    marks.drawn = performance.now();
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
  api.search = search;
  api.setExternal = setExternal;
  api.select = function (i) { select(i, true); };
  api.find = find;
  api.setKind = setKind;
  api.setEdgeType = setEdgeType;
  api.setMinDf = setMinDf;
  api.clear = clearSelection;
  updateStatus();
  network.fit({ animation: false });
  fitScale = network.getScale();
  if (data.focus !== null && data.focus !== undefined) {  // graphkit html --focus: details open
    var f = data.focus;
    state.selected = api.selected = f;
    network.selectNodes([f]);
    showPanel(f);
    network.moveTo({ position: network.getViewPosition(), scale: fitScale * 0.85,
                     offset: { x: -Math.min(190, container.clientWidth / 5), y: 0 }, animation: false });
  }
})();
