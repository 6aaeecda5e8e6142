// govgraph interactive page: search, select a body (its line of accountability and what reports into it, its
// card), the structure as of a date, the dotted-line toggle, pan and zoom. A structure too large for one diagram
// is a set of sheets, shown one at a time: a box standing for more opens its sheet, the path above goes back.
// Model text only ever reaches the page as textContent, never as markup; nothing is fetched.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  var viewport = document.getElementById("gg-viewport");
  var path = document.getElementById("gg-path");
  var search = document.getElementById("gg-search");
  var count = document.getElementById("gg-count");
  var dateInput = document.getElementById("gg-date");
  var recordButton = document.getElementById("gg-record");
  var dateStatus = document.getElementById("gg-date-status");
  var card = document.getElementById("gg-card");
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];

  // Names on screen are at least this many pixels high when the page opens, or zooms to a body.
  var READABLE_PX = 12, NAME_UNITS = 12;
  // Every box and line of a body, in whichever sheets draw it; the spines and trunks by the block they join.
  var nodeEls = {}, entryEls = {}, edgeEls = [], lineEls = [], trunkEls = {}, sheets = {}, sheetOrder = [];
  function push(map, key, value) { (map[key] = map[key] || []).push(value); }
  document.querySelectorAll(".gg-sheet").forEach(function (div) {
    var id = div.getAttribute("data-sheet"), s = div.querySelector("svg"), vb = s.viewBox.baseVal;
    var home = { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    sheets[id] = { id: id, div: div, svg: s, home: home, box: null };
    sheetOrder.push(id);
    s.querySelectorAll("g.node[data-id]").forEach(function (g) { push(nodeEls, g.getAttribute("data-id"), g); });
    s.querySelectorAll("g.edge[data-edge]").forEach(function (g) { push(edgeEls, +g.getAttribute("data-edge"), g); });
    s.querySelectorAll("g.edge[data-trunk]").forEach(function (g) { push(trunkEls, g.getAttribute("data-trunk"), g); });
  });
  var sheetInfo = {};
  data.sheets.forEach(function (s) { sheetInfo[s.id] = s; });
  var shown = sheets[sheetOrder[0]], svg = shown.svg;
  function each(list, f) { if (list) { list.forEach(f); } }
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
  // The lines each spine or trunk carries (those of one block: one parent, one relation).
  var trunkLines = {};
  data.edges.forEach(function (e, i) { push(trunkLines, e[1] + "|" + e[2], i); });
  function kindLine(node, status) { return data.kindLines[node.kind + "|" + status + (node.named ? "|named" : "")]; }
  function applyState() {
    computeState();
    ids.forEach(function (id) {
      var status = current.nodes[id], li = entryEls[id], node = data.nodes[id];
      each(nodeEls[id], function (g) {
        g.classList.toggle("gg-hidden", status === null);
        g.setAttribute("tabindex", status === null ? "-1" : "0");
        if (status !== null) {
          g.setAttribute("data-status", status);
          var kind = g.querySelector("text.gg-kind"), line = kindLine(node, status);
          if (kind) { kind.textContent = line; }
          g.setAttribute("aria-label", node.name + (line ? ", " + line : ""));
        }
      });
      if (li) {
        li.classList.toggle("gg-absent", status === null);
        var badge = li.querySelector("[data-status]");
        badge.textContent = status === null ? "not yet set up" : data.statusWords[status];
        badge.className = "gg-badge gg-status-" + (status === null ? "absent" : status);
      }
    });
    data.edges.forEach(function (e, i) {
      var s = current.edges[i], li = lineEls[i];
      each(edgeEls[i], function (g) {
        g.classList.toggle("gg-hidden", s === 0);
        g.classList.toggle("gg-ended", s === 2);
      });
      if (li) {
        li.hidden = s === 0;
        li.classList.toggle("gg-ended", s === 2);
        li.querySelector(".gg-ended-words").textContent = s === 2 ? " (ended)" : "";
      }
    });
    Object.keys(trunkEls).forEach(function (key) {
      // A line carrying several is drawn while any of them is, grey once all that are drawn had ended.
      var states = (trunkLines[key] || []).map(function (i) { return current.edges[i]; });
      var drawnNow = states.filter(function (s) { return s !== 0; });
      each(trunkEls[key], function (g) {
        g.classList.toggle("gg-hidden", drawnNow.length === 0);
        g.classList.toggle("gg-ended", drawnNow.length > 0 && drawnNow.every(function (s) { return s === 2; }));
      });
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
    var found = lastMatches ? new Set(lastMatches) : null;
    ids.forEach(function (id) {
      var li = entryEls[id], here = current.nodes[id] !== null;
      if (li) { li.hidden = found ? !found.has(id) : false; }
      each(nodeEls[id], function (g) { g.classList.toggle("gg-match", !!(found && found.has(id) && here)); });
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
    sheetOrder.forEach(function (sid) { sheets[sid].svg.classList.remove("gg-focused"); });
    document.querySelectorAll(".govgraph .gg-hl,.govgraph .gg-selected").forEach(function (g) {
      g.classList.remove("gg-hl", "gg-selected");
    });
    document.querySelectorAll(".gg-entry.gg-selected,.gg-entry.gg-in-chain").forEach(function (li) {
      li.classList.remove("gg-selected", "gg-in-chain");
    });
  }
  function select(id, centre) {
    state.selected = id;
    clearHighlight();
    var up = walk(id, true), down = walk(id, false);
    sheetOrder.forEach(function (sid) { sheets[sid].svg.classList.add("gg-focused"); });
    up.bodies.concat(down.bodies).forEach(function (b) {
      each(nodeEls[b], function (g) { g.classList.add("gg-hl"); });
      if (entryEls[b] && b !== id) { entryEls[b].classList.add("gg-in-chain"); }
    });
    up.lines.concat(down.lines).forEach(function (i) {
      each(edgeEls[i], function (g) { g.classList.add("gg-hl"); });
      var e = data.edges[i];
      each(trunkEls[e[1] + "|" + e[2]], function (g) { g.classList.add("gg-hl"); });
    });
    each(nodeEls[id], function (g) { g.classList.add("gg-selected"); });
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
    b.addEventListener("click", function () { select(id, true); var g = boxIn(shown, id); if (g) { g.focus(); } });
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
    } else if (c.doc_file) {
      // A Markdown page shows as raw text in a browser: it is named for the documentation site that renders it.
      card.appendChild(el("p", "Its page in your documentation site: " + c.doc_file + ". This card is its content.",
        "gg-note"));
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
      return itemRow(m, [nameOf(who) + (m.as ? ", as " + m.as : "") + (m.note ? ": " + m.note : "")]);
    }));
    // A liaison names the post it runs through: all that tells the TC's two liaisons to a team apart.
    function through(l) { return l.by ? " (through " + nameOf(l.by) + ")" : ""; }
    section("Lines to other bodies", c.lines_out.map(function (l) {
      return itemRow(l, [data.relationLabels[l.relation] + " ", goButton(l.body), through(l)]);
    }));
    section("Lines from other bodies", c.lines_in.map(function (l) {
      return itemRow(l, [goButton(l.body), through(l) + " " + data.relationLabels[l.relation] + " it"]);
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
      // A source cited only by other bodies' lines into this one is said to be for those lines.
      var through = (c.sources_for_lines_in || {})[sid];
      if (through && through.length) {
        var names = through.map(nameOf);
        var last = names.pop();
        parts.push(": for the line" + (names.length ? "s" : "") + " from " + (names.length ? names.join(", ") + " and " : "") + last);
      }
      return itemRow({}, parts);
    }));
    var close = el("button", "Clear the selection");
    close.type = "button";
    close.addEventListener("click", function () { deselect(); showIntro(); });
    card.appendChild(el("p")).appendChild(close);
  }
  var intro = Array.prototype.slice.call(card.childNodes);
  function showIntro() { card.replaceChildren.apply(card, intro); }

  // -- the sheets: one shown at a time ------------------------------------------------------------------------
  function boxIn(sheet, id) {
    // The body's own box on this sheet (not a box of it drawn for context), or null.
    var found = null;
    each(nodeEls[id], function (g) {
      if (!found && sheet.div.contains(g) && !g.hasAttribute("data-context")) { found = g; }
    });
    return found;
  }
  function shortTitle(id) {
    var title = sheetInfo[id].title, first = sheetInfo[sheetOrder[0]].title;
    return id !== sheetOrder[0] && title.indexOf(first + ": ") === 0 ? title.slice(first.length + 2) : title;
  }
  function drawPath() {
    var chain = [], at = shown.id;
    while (at && chain.indexOf(at) < 0) { chain.unshift(at); at = sheetInfo[at].back; }
    path.replaceChildren();
    chain.forEach(function (sid, i) {
      if (i) { path.appendChild(el("span", " \u203a ", "gg-path-sep")); }
      if (sid === shown.id) {
        var here = el("span", shortTitle(sid), "gg-path-here");
        here.setAttribute("aria-current", "page");
        path.appendChild(here);
      } else {
        var up = el("button", shortTitle(sid), "gg-go");
        up.type = "button";
        up.addEventListener("click", function () { showSheet(sid); });
        path.appendChild(up);
      }
    });
  }
  function showSheet(id) {
    var next = sheets[id];
    if (!next) { return; }
    if (next !== shown) {
      shown.div.hidden = true;
      next.div.hidden = false;
      shown = next;
      svg = next.svg;
    }
    if (!shown.box) { readableStart(); } else { setBox(); }
    drawPath();
  }
  function open(g) {
    // A box standing for more: its sheet; a body drawn for context: the sheet that draws it; then the body.
    var id = g.getAttribute("data-id");
    showSheet(id && g.hasAttribute("data-context") ? (data.home[id] || g.getAttribute("data-opens")) :
      g.getAttribute("data-opens"));
    if (id) { select(id, true); var own = boxIn(shown, id); if (own) { own.focus(); } }
  }

  // -- the diagram: clicks, keys, pan and zoom ------------------------------------------------------------------
  document.querySelectorAll(".govgraph g.node[tabindex]").forEach(function (g) {
    var id = g.getAttribute("data-id");
    function act() { if (g.hasAttribute("data-opens")) { open(g); } else if (id) { select(id, true); } }
    g.addEventListener("click", function () { if (!dragged) { act(); } });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); act(); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && state.selected && document.activeElement !== search) { deselect(); showIntro(); }
  });
  function setBox() { var b = shown.box; svg.setAttribute("viewBox", [b.x, b.y, b.w, b.h].join(" ")); }
  function readableWidth() {
    // The width of drawing (its units) the viewport shows when names are READABLE_PX high.
    return Math.max(1, viewport.clientWidth) * NAME_UNITS / READABLE_PX;
  }
  function aspect() { return viewport.clientHeight / Math.max(1, viewport.clientWidth); }
  function readableStart() {
    // The whole sheet when its names can be read so; else its top, at a size that can be read.
    var home = shown.home, w = readableWidth();
    var fitScale = Math.min(viewport.clientWidth / home.w, viewport.clientHeight / home.h);
    if (NAME_UNITS * fitScale >= READABLE_PX) { fit(); return; }
    var start = sheetInfo[shown.id].start, at = start ? boundsOf([boxIn(shown, start)].filter(Boolean)) : null;
    var x = at ? (at.x0 + at.x1) / 2 : home.x + home.w / 2;
    w = Math.min(w, home.w);
    var h = w * aspect();
    x = Math.max(home.x, Math.min(home.x + home.w - w, x - w / 2));
    shown.box = { x: x, y: home.y, w: w, h: h };
    setBox();
  }
  function zoom(factor, cx, cy) {
    var box = shown.box, home = shown.home;
    var nw = Math.min(home.w * 4, Math.max(home.w / 40, box.w * factor)), f = nw / box.w;
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    box.x = cx - (cx - box.x) * f; box.y = cy - (cy - box.y) * f; box.w *= f; box.h *= f;
    setBox();
  }
  function fit() { var h = shown.home; shown.box = { x: h.x, y: h.y, w: h.w, h: h.h }; setBox(); }
  function toSvg(clientX, clientY) {
    var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  function boundsOf(elements) {
    // Each element's box in the SVG's own coordinates (those of the viewBox), joined.
    var inverse = svg.getScreenCTM().inverse(), out = null;
    Array.prototype.forEach.call(elements, function (g) {
      if (g.classList.contains("gg-hidden") || !shown.div.contains(g)) { return; }
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
    // Show the elements whole with a margin, but never so small that the names cannot be read.
    var b = boundsOf(elements);
    if (!b) { return false; }
    var a = aspect();
    var w = Math.max((b.x1 - b.x0) * 1.25, (b.y1 - b.y0) * 1.25 / a);
    if (w > readableWidth()) { return false; }
    // As close as reads well, but not closer than the whole sheet needs.
    w = Math.max(w, Math.min(readableWidth(), shown.home.w * 1.05));
    shown.box = { x: (b.x0 + b.x1) / 2 - w / 2, y: (b.y0 + b.y1) / 2 - w * a / 2, w: w, h: w * a };
    setBox();
    return true;
  }
  function centreOn(id) {
    // On the sheet that draws the body: its chain when that can be read at once, else the body itself.
    if (!boxIn(shown, id) && data.home[id]) { showSheet(data.home[id]); }
    var own = boxIn(shown, id);
    if (!own) { return; }
    if (!fitTo(shown.svg.querySelectorAll("g.node.gg-hl"))) { fitTo([own]); }
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
    drag = { x: ev.clientX, y: ev.clientY, bx: shown.box.x, by: shown.box.y };
    dragged = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var ctm = svg.getScreenCTM(), dx = (ev.clientX - drag.x) / ctm.a, dy = (ev.clientY - drag.y) / ctm.d;
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 4) {
      dragged = true;
      viewport.classList.add("gg-dragging");
    }
    if (dragged) { shown.box.x = drag.bx - dx; shown.box.y = drag.by - dy; setBox(); }
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    viewport.classList.remove("gg-dragging");
    setTimeout(function () { dragged = false; }, 0);
  });
  viewport.addEventListener("keydown", function (ev) {
    if (ev.target !== viewport) { return; }
    var box = shown.box, stepX = box.w / 10, stepY = box.h / 10, handled = true;
    if (ev.key === "ArrowLeft") { box.x -= stepX; } else if (ev.key === "ArrowRight") { box.x += stepX; }
    else if (ev.key === "ArrowUp") { box.y -= stepY; } else if (ev.key === "ArrowDown") { box.y += stepY; }
    else if (ev.key === "+" || ev.key === "=") { zoom(1 / 1.3); return ev.preventDefault(); }
    else if (ev.key === "-") { zoom(1.3); return ev.preventDefault(); }
    else if (ev.key === "0") { fit(); return ev.preventDefault(); }
    else { handled = false; }
    if (handled) { ev.preventDefault(); setBox(); }
  });

  // -- start ----------------------------------------------------------------------------------------------------
  showSheet(sheetOrder[0]);
  applyState();
  // The page opens on the body its address names (`explore.html#pcag`). An address typed or mangled into
  // percent-encoding that is not (`#%`, `#%E0`) is taken as written: decoding it throws, and the page would never
  // become ready. Only a body of this model is selected (`#constructor` is no body, whatever objects inherit).
  var wanted = location.hash.slice(1);
  try { wanted = decodeURIComponent(wanted); } catch (ignored) { /* not percent-encoding: kept as written */ }
  if (wanted && Object.prototype.hasOwnProperty.call(data.nodes, wanted)) { select(wanted, true); }
  document.documentElement.setAttribute("data-ready", "true");
})();
