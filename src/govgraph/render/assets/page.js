// govgraph interactive page: search, select a body (its line of accountability and what reports into it, its
// card), the structure as of a date, the dotted-line toggle, pan and zoom. Model text only ever reaches the page
// as textContent, never as markup; nothing is fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  var svg = document.getElementById("gg-svg");
  var viewport = document.getElementById("gg-viewport");
  var search = document.getElementById("gg-search");
  var count = document.getElementById("gg-count");
  var dateInput = document.getElementById("gg-date");
  var recordButton = document.getElementById("gg-record");
  var dateStatus = document.getElementById("gg-date-status");
  var card = document.getElementById("gg-card");
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  var nodeEls = {}, entryEls = {}, edgeEls = [], lineEls = [];
  svg.querySelectorAll("g.node[data-id]").forEach(function (g) { nodeEls[g.getAttribute("data-id")] = g; });
  svg.querySelectorAll("g.edge[data-edge]").forEach(function (g) { edgeEls[+g.getAttribute("data-edge")] = g; });
  document.querySelectorAll(".gg-entry").forEach(function (li) { entryEls[li.getAttribute("data-id")] = li; });
  document.querySelectorAll(".gg-line[data-edge]").forEach(function (li) { lineEls[+li.getAttribute("data-edge")] = li; });
  var ids = Object.keys(data.nodes).sort();

  var state = { day: data.start, selected: null };
  var current = { nodes: {}, edges: [] };  // status (or null: not drawn) and line state (0, 1 held, 2 ended)

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function stateOn(timeline, day) {
    var value = timeline[0][1];
    for (var i = 0; i < timeline.length && timeline[i][0] <= day; i++) { value = timeline[i][1]; }
    return value;
  }
  function lastDay(month) {  // "2025-04" -> "2025-04-30": a month means its last day, as --as-of does
    var parts = month.split("-"), y = +parts[0], m = +parts[1];
    var d = new Date(Date.UTC(y, m, 0));
    return d.toISOString().slice(0, 10);
  }
  function describeMonth(month) { var p = month.split("-"); return MONTHS[+p[1] - 1] + " " + p[0]; }
  function nameOf(id) { return data.names[id] || id; }

  // -- dates ----------------------------------------------------------------------------------------------------
  function computeState() {
    ids.forEach(function (id) {
      var node = data.nodes[id];
      current.nodes[id] = state.day ? stateOn(node.timeline, state.day) : node.status;
    });
    data.edges.forEach(function (e, i) {
      current.edges[i] = state.day ? stateOn(e[4], state.day) : (e[3] ? 2 : 1);
    });
  }
  function applyState() {
    computeState();
    ids.forEach(function (id) {
      var status = current.nodes[id], g = nodeEls[id], li = entryEls[id], node = data.nodes[id];
      if (g) {
        g.classList.toggle("gg-hidden", status === null);
        g.setAttribute("tabindex", status === null ? "-1" : "0");
        if (status !== null) {
          g.setAttribute("data-status", status);
          var kind = g.querySelector("text.gg-kind");
          if (kind) { kind.textContent = data.kindLines[node.kind + "|" + status]; }
          g.setAttribute("aria-label", node.name + ", " + data.kindLines[node.kind + "|" + status]);
        }
      }
      if (li) {
        li.classList.toggle("gg-absent", status === null);
        var badge = li.querySelector("[data-status]");
        badge.textContent = status === null ? "not yet set up" : data.statusWords[status];
        badge.className = "gg-badge gg-status-" + (status === null ? "absent" : status);
      }
    });
    data.edges.forEach(function (e, i) {
      var s = current.edges[i], g = edgeEls[i], li = lineEls[i];
      if (g) {
        g.classList.toggle("gg-hidden", s === 0);
        g.classList.toggle("gg-ended", s === 2);
        var label = g.querySelector("text.gg-elabel");
        if (label) {
          var words = data.relationLabels[e[2]];
          label.textContent = data.labelled.indexOf(e[2]) < 0 ? (s === 2 ? "ended" : "") :
            (s === 2 ? words + ", ended" : words);
        }
      }
      if (li) {
        li.hidden = s === 0;
        li.classList.toggle("gg-ended", s === 2);
        li.querySelector(".gg-ended-words").textContent = s === 2 ? " (ended)" : "";
      }
    });
    filterList();
    var month = state.day ? state.day.slice(0, 7) : null;
    recordButton.setAttribute("aria-pressed", month ? "false" : "true");
    if (dateInput.value !== (month || "")) { dateInput.value = month || ""; }
    var drawn = ids.filter(function (id) { return current.nodes[id] !== null; }).length;
    var closed = ids.filter(function (id) { return data.ended.indexOf(current.nodes[id]) >= 0; }).length;
    dateStatus.textContent = (month ? "Showing the structure as of the end of " + describeMonth(month) + ": " :
      "Showing the whole record: ") + drawn + " bodies, " + closed + " " + data.endedWords + " (grey).";
    if (state.selected) { select(state.selected, false); }
  }
  function setMonth(month) {
    state.day = month ? lastDay(month) : null;
    applyState();
  }
  dateInput.addEventListener("change", function () { setMonth(dateInput.value || null); });
  dateInput.addEventListener("input", function () { if (/^\d{4}-\d{2}$/.test(dateInput.value)) { setMonth(dateInput.value); } });
  recordButton.addEventListener("click", function () { setMonth(null); });
  function step(direction) {
    var changes = data.changes;
    var month = state.day ? state.day.slice(0, 7) : null, target = null;
    if (direction > 0) {
      target = changes.filter(function (m) { return !month || m > month; })[0] || null;
    } else {
      var earlier = changes.filter(function (m) { return month ? m < month : true; });
      target = earlier.length ? earlier[earlier.length - 1] : null;
    }
    if (target) { setMonth(target); }
  }
  document.getElementById("gg-prev").addEventListener("click", function () { step(-1); });
  document.getElementById("gg-next").addEventListener("click", function () { step(1); });
  document.getElementById("gg-dotted").addEventListener("change", function (ev) {
    document.body.classList.toggle("gg-no-dotted", !ev.target.checked);
  });

  // -- search ---------------------------------------------------------------------------------------------------
  function fold(text) {
    return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, "\"").replace(/[\u2013\u2014]/g, "-")
      .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  function matches(query) {
    var q = fold(query);
    if (!q) { return null; }
    var found = [];
    ids.forEach(function (id) {
      var names = data.nodes[id].search, rank = 3;
      names.forEach(function (n) {
        if (n === q) { rank = Math.min(rank, 0); } else if (n.indexOf(q) === 0) { rank = Math.min(rank, 1); }
        else if (n.indexOf(q) >= 0) { rank = Math.min(rank, 2); }
      });
      if (rank < 3) { found.push([rank, fold(data.nodes[id].name), id]); }
    });
    found.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return found.map(function (f) { return f[2]; });
  }
  var lastMatches = null;
  function filterList() {
    lastMatches = matches(search.value);
    var shown = lastMatches ? new Set(lastMatches) : null;
    ids.forEach(function (id) {
      var li = entryEls[id], here = current.nodes[id] !== null;
      if (li) { li.hidden = shown ? !shown.has(id) : false; }
      if (nodeEls[id]) { nodeEls[id].classList.toggle("gg-match", !!(shown && shown.has(id) && here)); }
    });
    if (lastMatches) {
      // The list keeps its order (by name); the best match is put first so that Enter opens it.
      var list = document.getElementById("gg-list");
      lastMatches.slice().reverse().forEach(function (id) { if (entryEls[id]) { list.insertBefore(entryEls[id], list.firstChild); } });
      count.textContent = lastMatches.length === 1 ? "1 body matches" :
        (lastMatches.length ? lastMatches.length + " bodies match" : "No body matches \u201c" + search.value + "\u201d");
    } else {
      restoreOrder();
      count.textContent = ids.length + " bodies";
    }
  }
  var originalOrder = Array.prototype.slice.call(document.querySelectorAll(".gg-entry"));
  function restoreOrder() {
    var list = document.getElementById("gg-list");
    originalOrder.forEach(function (li) { list.appendChild(li); });
  }
  search.addEventListener("input", filterList);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && lastMatches && lastMatches.length) {
      ev.preventDefault();
      select(lastMatches[0], true);
    } else if (ev.key === "ArrowDown") {
      var first = document.querySelector(".gg-entry:not([hidden]) .gg-item");
      if (first) { ev.preventDefault(); first.focus(); }
    } else if (ev.key === "Escape") {
      search.value = "";
      filterList();
    }
  });
  document.getElementById("gg-list").addEventListener("keydown", function (ev) {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") { return; }
    var items = Array.prototype.slice.call(document.querySelectorAll(".gg-entry:not([hidden]) .gg-item"));
    var at = items.indexOf(document.activeElement);
    if (at < 0) { return; }
    ev.preventDefault();
    if (ev.key === "ArrowUp" && at === 0) { search.focus(); return; }
    var next = items[Math.max(0, Math.min(items.length - 1, at + (ev.key === "ArrowDown" ? 1 : -1)))];
    next.focus();
  });
  document.getElementById("gg-list").addEventListener("click", function (ev) {
    var button = ev.target.closest(".gg-item");
    if (button) { select(button.getAttribute("data-id"), true); }
  });

  // -- selection: the line of accountability and what reports into it ------------------------------------------
  function inForce(i) {
    // Without a date every recorded line is followed (as `govgraph chain` does); on a date, those that held.
    return state.day ? current.edges[i] === 1 : true;
  }
  // Lines of accountability by the body they leave (up) and the body they reach (down), built once.
  var linesUp = {}, linesDown = {};
  data.edges.forEach(function (e, i) {
    if (data.accountability.indexOf(e[2]) < 0) { return; }
    (linesUp[e[0]] = linesUp[e[0]] || []).push(i);
    (linesDown[e[1]] = linesDown[e[1]] || []).push(i);
  });
  function walk(start, upwards) {
    var seen = {}, order = [start], lines = [], queue = [start], index = upwards ? linesUp : linesDown;
    seen[start] = true;
    for (var q = 0; q < queue.length; q++) {
      (index[queue[q]] || []).forEach(function (i) {
        if (!inForce(i)) { return; }
        var to = upwards ? data.edges[i][1] : data.edges[i][0];
        lines.push(i);
        if (!seen[to]) { seen[to] = true; queue.push(to); order.push(to); }
      });
    }
    return { bodies: order, lines: lines };
  }
  function clearHighlight() {
    svg.classList.remove("gg-focused");
    svg.querySelectorAll(".gg-hl,.gg-selected").forEach(function (g) { g.classList.remove("gg-hl", "gg-selected"); });
    document.querySelectorAll(".gg-entry.gg-selected,.gg-entry.gg-in-chain").forEach(function (li) {
      li.classList.remove("gg-selected", "gg-in-chain");
    });
  }
  function select(id, centre) {
    state.selected = id;
    clearHighlight();
    var up = walk(id, true), down = walk(id, false);
    svg.classList.add("gg-focused");
    up.bodies.concat(down.bodies).forEach(function (b) {
      if (nodeEls[b]) { nodeEls[b].classList.add("gg-hl"); }
      if (entryEls[b] && b !== id) { entryEls[b].classList.add("gg-in-chain"); }
    });
    up.lines.concat(down.lines).forEach(function (i) { if (edgeEls[i]) { edgeEls[i].classList.add("gg-hl"); } });
    if (nodeEls[id]) { nodeEls[id].classList.add("gg-selected"); }
    if (entryEls[id]) { entryEls[id].classList.add("gg-selected"); }
    svg.setAttribute("data-selected", id);
    renderCard(id, up, down);
    if (centre) { centreOn(id); }
  }
  function deselect() {
    state.selected = null;
    svg.removeAttribute("data-selected");
    clearHighlight();
  }

  // -- the card -------------------------------------------------------------------------------------------------
  function holds(item) {
    if (!state.day || !item.days) { return true; }
    return (!item.days[0] || item.days[0] <= state.day) && (!item.days[1] || state.day <= item.days[1]);
  }
  function when(item) {
    var f = item.from, u = item.until;
    if (f && u) { return f + " to " + u; }
    if (f) { return "from " + f; }
    if (u) { return "until " + u; }
    return "";
  }
  function goButton(id) {
    var b = el("button", nameOf(id), "gg-go");
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); var g = nodeEls[id]; if (g) { g.focus(); } });
    return b;
  }
  function itemRow(item, parts) {
    var li = el("li");
    parts.forEach(function (p) { li.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
    var w = when(item), past = !holds(item);
    if (w || past) {
      li.appendChild(el("span", " (" + (w ? w : "") + (past ? (w ? "; " : "") + "not in force on this date" : "") + ")",
        "gg-period gg-when"));
    }
    if (past) { li.classList.add("gg-past"); }
    return li;
  }
  function section(title, items) {
    if (!items.length) { return; }
    card.appendChild(el("h3", title));
    var ul = el("ul");
    items.forEach(function (li) { ul.appendChild(li); });
    card.appendChild(ul);
  }
  function renderCard(id, up) {
    var c = data.cards[id], node = data.nodes[id], status = current.nodes[id];
    card.replaceChildren();
    var h = el("h2", c.name);
    h.id = "gg-panel-title";
    card.appendChild(h);
    var meta = el("p", null, "gg-card-meta");
    if (c.short && c.short !== c.name) { meta.appendChild(el("span", c.short)); }
    meta.appendChild(el("span", node.kind.replace(/_/g, " ")));
    var badge = el("span", status === null ? "not yet set up" : data.statusWords[status],
      "gg-badge gg-status-" + (status === null ? "absent" : status));
    meta.appendChild(badge);
    card.appendChild(meta);
    if (c.doc) {
      var a = el("a", "Open its documentation page", "gg-doc");
      a.href = c.doc;
      card.appendChild(a);
    }
    if (c.description) { card.appendChild(el("p", c.description)); }
    var facts = [];
    if (c.organisation) { facts.push(itemRow({}, ["Hosted by " + nameOf(c.organisation)])); }
    c.managed_by.forEach(function (m) { facts.push(itemRow(m, ["Managed by " + nameOf(m.organisation)])); });
    if (c.formerly.length) { facts.push(itemRow({}, ["Formerly " + c.formerly.join("; ")])); }
    if (c.aliases.length) { facts.push(itemRow({}, ["Also called " + c.aliases.join("; ")])); }
    section("About", facts);
    var chainList = el("ol", null, "gg-chain");
    var order = up.bodies;
    order.forEach(function (b) { chainList.appendChild(el("li", nameOf(b))); });
    card.appendChild(el("h3", "Line of accountability"));
    if (order.length > 1) {
      card.appendChild(chainList);
    } else {
      card.appendChild(el("p", "It accounts to no other body" + (state.day ? " on this date." : " in the record."), "gg-note"));
    }
    // An acting, interim, vice or deputy chair is labelled as such, never counted a co-chair.
    var plain = c.chairs.filter(function (x) { return x.capacity === "chair"; });
    section(plain.length > 1 ? "Co-chairs" : "Chair", plain.map(function (x) { return itemRow(x, [x.title]); }));
    section("Other chairs", c.chairs.filter(function (x) { return x.capacity !== "chair"; }).map(function (x) {
      return itemRow(x, [x.title + " (" + x.capacity_label + ")"]);
    }));
    section("Members", c.members.map(function (m) {
      var who = m.role || m.organisation || m.group;
      return itemRow(m, [nameOf(who) + (m.as ? ", as " + m.as : "")]);
    }));
    section("Lines to other bodies", c.lines_out.map(function (l) {
      return itemRow(l, [data.relationLabels[l.relation] + " ", goButton(l.body)]);
    }));
    section("Lines from other bodies", c.lines_in.map(function (l) {
      return itemRow(l, [goButton(l.body), " " + data.relationLabels[l.relation] + " it"]);
    }));
    section("History", c.history.map(function (e) {
      var words = [];
      if (e.status) { words.push(data.statusWords[e.status]); }
      if (e.name) { words.push("renamed " + e.name); }
      var head = words.join("; ") + (e.decided_by ? " (decided by " + nameOf(e.decided_by) + ")" : "");
      var text = [head, e.note].filter(Boolean).join(": ");
      return itemRow({}, [el("strong", e.date), " " + text]);
    }));
    section("Sources", c.sources.map(function (sid) {
      var s = data.sources[sid] || { title: sid };
      var parts = [];
      if (s.url) { var link = el("a", s.title); link.href = s.url; link.rel = "noreferrer"; parts.push(link); }
      else { parts.push(s.title); }
      var extra = [s.publisher, s.date].filter(Boolean).join(", ");
      if (extra) { parts.push(" (" + extra + ")"); }
      return itemRow({}, parts);
    }));
    var close = el("button", "Clear the selection");
    close.type = "button";
    close.addEventListener("click", function () { deselect(); showIntro(); });
    card.appendChild(el("p")).appendChild(close);
  }
  var intro = Array.prototype.slice.call(card.childNodes);
  function showIntro() { card.replaceChildren.apply(card, intro); }

  // -- the diagram: clicks, keys, pan and zoom ------------------------------------------------------------------
  Object.keys(nodeEls).forEach(function (id) {
    var g = nodeEls[id];
    g.addEventListener("click", function () { if (!dragged) { select(id, true); } });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(id, true); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected && document.activeElement !== search) { deselect(); showIntro(); }
  });
  var full = svg.viewBox.baseVal, box = { x: full.x, y: full.y, w: full.width, h: full.height };
  var home = { x: box.x, y: box.y, w: box.w, h: box.h };
  function setBox() { svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" ")); }
  function zoom(factor, cx, cy) {
    var nw = Math.min(home.w * 4, Math.max(home.w / 40, box.w * factor)), f = nw / box.w;
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    box.x = cx - (cx - box.x) * f; box.y = cy - (cy - box.y) * f; box.w *= f; box.h *= f;
    setBox();
  }
  function fit() { box = { x: home.x, y: home.y, w: home.w, h: home.h }; setBox(); }
  function toSvg(clientX, clientY) {
    var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function boundsOf(elements) {
    // Each element's box in the SVG's own coordinates (those of the viewBox), joined.
    var inverse = svg.getScreenCTM().inverse(), out = null;
    Array.prototype.forEach.call(elements, function (g) {
      if (g.classList.contains("gg-hidden")) { return; }
      var b = g.getBBox(), m = inverse.multiply(g.getScreenCTM());
      [[b.x, b.y], [b.x + b.width, b.y + b.height]].forEach(function (c) {
        var p = svg.createSVGPoint(); p.x = c[0]; p.y = c[1];
        var q = p.matrixTransform(m);
        out = out ? { x0: Math.min(out.x0, q.x), y0: Math.min(out.y0, q.y), x1: Math.max(out.x1, q.x),
          y1: Math.max(out.y1, q.y) } : { x0: q.x, y0: q.y, x1: q.x, y1: q.y };
      });
    });
    return out;
  }
  function fitTo(elements) {
    // Show the selection whole and readable: its bounds with a margin, never smaller than a few boxes wide.
    var b = boundsOf(elements);
    if (!b) { return; }
    var aspect = viewport.clientHeight / Math.max(1, viewport.clientWidth);
    var w = Math.max((b.x1 - b.x0) * 1.25, (b.y1 - b.y0) * 1.25 / aspect, Math.min(home.w, elements.length > 1 ? 700 : 1200));
    box = { x: (b.x0 + b.x1) / 2 - w / 2, y: (b.y0 + b.y1) / 2 - w * aspect / 2, w: w, h: w * aspect };
    setBox();
  }
  function centreOn(id) {
    // The whole chain when it can be read at once; else the body itself, with what is around it.
    var b = boundsOf(Array.prototype.slice.call(svg.querySelectorAll("g.node.gg-hl")));
    fitTo(b && b.x1 - b.x0 > 3000 && nodeEls[id] ? [nodeEls[id]] : svg.querySelectorAll("g.node.gg-hl"));
  }
  document.getElementById("gg-zoom-in").addEventListener("click", function () { zoom(1 / 1.3); });
  document.getElementById("gg-zoom-out").addEventListener("click", function () { zoom(1.3); });
  document.getElementById("gg-fit").addEventListener("click", fit);
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toSvg(ev.clientX, ev.clientY);
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  var drag = null, dragged = false;
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    drag = { x: ev.clientX, y: ev.clientY, bx: box.x, by: box.y };
    dragged = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var ctm = svg.getScreenCTM(), dx = (ev.clientX - drag.x) / ctm.a, dy = (ev.clientY - drag.y) / ctm.d;
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 4) {
      dragged = true;
      viewport.classList.add("gg-dragging");
    }
    if (dragged) { box.x = drag.bx - dx; box.y = drag.by - dy; setBox(); }
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    viewport.classList.remove("gg-dragging");
    setTimeout(function () { dragged = false; }, 0);
  });
  viewport.addEventListener("keydown", function (ev) {
    if (ev.target !== viewport) { return; }
    var stepX = box.w / 10, stepY = box.h / 10, handled = true;
    if (ev.key === "ArrowLeft") { box.x -= stepX; } else if (ev.key === "ArrowRight") { box.x += stepX; }
    else if (ev.key === "ArrowUp") { box.y -= stepY; } else if (ev.key === "ArrowDown") { box.y += stepY; }
    else if (ev.key === "+" || ev.key === "=") { zoom(1 / 1.3); return ev.preventDefault(); }
    else if (ev.key === "-") { zoom(1.3); return ev.preventDefault(); }
    else if (ev.key === "0") { fit(); return ev.preventDefault(); }
    else { handled = false; }
    if (handled) { ev.preventDefault(); setBox(); }
  });

  // -- start ----------------------------------------------------------------------------------------------------
  applyState();
  // The page opens on the body its address names (`explore.html#pcag`). An address typed or mangled into
  // percent-encoding that is not (`#%`, `#%E0`) is taken as written: decoding it throws, and the page would never
  // become ready. Only a body of this model is selected (`#constructor` is no body, whatever objects inherit).
  var wanted = location.hash.slice(1);
  try { wanted = decodeURIComponent(wanted); } catch (ignored) { /* not percent-encoding: kept as written */ }
  if (wanted && Object.prototype.hasOwnProperty.call(data.nodes, wanted)) { select(wanted, true); }
  document.documentElement.setAttribute("data-ready", "true");
})();
