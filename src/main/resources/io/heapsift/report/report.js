/* heapsift report: renders the JSON in #heapsift-data into SVG and tables. Data is only ever set as text
   (textContent, SVG text nodes, attributes) — never parsed as HTML. */
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var data = JSON.parse(document.getElementById('heapsift-data').textContent);
  var app = document.getElementById('app');

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function bytes(b) {
    if (b === null || b === undefined || b < 0) return '–';
    var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0, v = b;
    while (Math.abs(v) >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return i === 0 ? v + ' B' : v.toFixed(1) + ' ' + u[i];
  }
  function xLabel(x, perSecond) {
    if (!perSecond) return 'event ' + Math.round(x);
    return x < 1 ? Math.round(x * 1000) + ' ms' : x < 120 ? x.toFixed(1) + ' s' : (x / 60).toFixed(1) + ' min';
  }

  /* ---------------------------------------------------------------- timeline chart */
  function chart(series, perSecond) {
    var W = 1100, H = 280, L = 70, R = 10, T = 10, B = 30;
    var xs = [], ys = [];
    series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
    var s = svg('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'class': 'chart', role: 'img'});
    if (xs.length === 0) return s;
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y1 = Math.max.apply(null, ys);
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= 0) y1 = 1;
    function px(x) { return L + (x - x0) / (x1 - x0) * (W - L - R); }
    function py(y) { return H - B - y / y1 * (H - T - B); }
    for (var i = 0; i <= 4; i++) {
      var yv = y1 * i / 4, yy = py(yv);
      s.appendChild(svg('line', {x1: L, x2: W - R, y1: yy, y2: yy, stroke: '#eee'}));
      s.appendChild(svg('text', {x: L - 4, y: yy + 4, 'text-anchor': 'end', fill: '#666'}, bytes(Math.round(yv))));
      var xv = x0 + (x1 - x0) * i / 4;
      s.appendChild(svg('text', {x: px(xv), y: H - 10, 'text-anchor': i === 0 ? 'start' : i === 4 ? 'end' : 'middle', fill: '#666'}, xLabel(xv, perSecond)));
    }
    series.forEach(function (ser) {
      if (ser.points.length === 0) return;
      var d = ser.points.map(function (p, j) { return (j ? 'L' : 'M') + px(p[0]).toFixed(1) + ' ' + py(p[1]).toFixed(1); }).join(' ');
      var path = svg('path', {d: d, fill: 'none', stroke: ser.color, 'stroke-width': 1.6, 'class': 'series'});
      path.appendChild(svg('title', null, ser.name));
      s.appendChild(path);
    });
    return s;
  }

  /* ---------------------------------------------------------------- flame graph (icicle, outermost on top) */
  function flame(rows, title) {
    var root = {name: 'all', value: 0, children: {}};
    rows.forEach(function (r) {
      var node = root;
      root.value += r.value;
      var frames = r.frames.length ? r.frames.slice().reverse() : ['[no stack]'];
      frames.forEach(function (f) {
        var key = 'k' + f;
        if (!Object.prototype.hasOwnProperty.call(node.children, key)) node.children[key] = {name: f, value: 0, children: {}};
        node = node.children[key];
        node.value += r.value;
      });
    });
    var W = 1100, RH = 17, depth = 0, cells = [];
    function walk(n, x, level) {
      depth = Math.max(depth, level + 1);
      cells.push({n: n, x: x, level: level});
      var cx = x;
      Object.keys(n.children).map(function (k) { return n.children[k]; })
        .sort(function (a, b) { return b.value - a.value; })
        .forEach(function (c) { walk(c, cx, level + 1); cx += c.value; });
    }
    walk(root, 0, 0);
    var total = root.value || 1;
    var s = svg('svg', {viewBox: '0 0 ' + W + ' ' + (depth * RH + 2), width: W, height: depth * RH + 2, 'class': 'flame', role: 'img'});
    s.appendChild(svg('title', null, title));
    cells.forEach(function (c) {
      var w = c.n.value / total * W;
      if (w < 0.5) return;
      var g = svg('g', {'class': 'frame'});
      var hue = c.level === 0 ? 0 : 10 + (c.n.name.length * 7 + c.level * 13) % 50;
      g.appendChild(svg('rect', {x: (c.x / total * W).toFixed(2), y: c.level * RH, width: w.toFixed(2), height: RH - 1,
        fill: c.level === 0 ? '#bbb' : 'hsl(' + hue + ',80%,' + (60 + c.level % 3 * 5) + '%)'}));
      g.appendChild(svg('title', null, c.n.name + ' — ' + bytes(c.n.value) + ' (' + (c.n.value / total * 100).toFixed(1) + '%)'));
      if (w > 40) {
        var label = c.n.name, max = Math.floor((w - 6) / 6.6);
        if (label.length > max) label = label.slice(0, Math.max(1, max - 1)) + '…';
        g.appendChild(svg('text', {x: (c.x / total * W + 3).toFixed(2), y: c.level * RH + 12}, label));
      }
      s.appendChild(g);
    });
    return s;
  }

  /* ---------------------------------------------------------------- sortable table */
  function table(columns, rows, id) {
    var t = el('table', {id: id, 'class': 'sortable'});
    var head = el('tr');
    columns.forEach(function (c, i) {
      var th = el('th', {'data-col': i}, c.name);
      th.addEventListener('click', function () { sortBy(t, columns, rows, i, th); });
      head.appendChild(th);
    });
    var thead = el('thead'); thead.appendChild(head); t.appendChild(thead);
    t.appendChild(el('tbody'));
    fill(t, columns, rows);
    return t;
  }
  function fill(t, columns, rows) {
    var body = t.querySelector('tbody');
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (r) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var v = c.get(r), td = el('td', {'class': c.cls || ''});
        if (c.link && c.link(r)) { var a = el('a', {href: c.link(r)}, c.show ? c.show(v) : v); td.appendChild(a); }
        else td.textContent = c.show ? c.show(v) : (v === null || v === undefined ? '' : String(v));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }
  function sortBy(t, columns, rows, i, th) {
    var asc = !th.classList.contains('sorted-asc');
    t.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
    var get = columns[i].sortKey || columns[i].get;
    rows.sort(function (a, b) {
      var x = get(a), y = get(b);
      var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return asc ? c : -c;
    });
    fill(t, columns, rows);
  }

  /* ---------------------------------------------------------------- pages */
  function tracePage(d) {
    var h = el('h1'); h.appendChild(el('span', {'class': 'verdict ' + d.verdict}, d.verdict)); h.appendChild(document.createTextNode(' ' + d.source));
    app.appendChild(h);
    app.appendChild(el('div', {'class': 'muted'}, d.format + ' · severity ' + d.severity + (d.leakedBytes ? ' · leaked ' + bytes(d.leakedBytes) : '') +
      ' · outstanding at the end ' + bytes(d.liveBytes)));
    app.appendChild(el('p', {id: 'evidence'}, d.evidence));
    if (d.advice.length) {
      var ul = el('ul', {id: 'advice'});
      d.advice.forEach(function (a) { ul.appendChild(el('li', null, a)); });
      app.appendChild(ul);
    }
    if (d.chart.points.length || d.sampledRss.length) {
      app.appendChild(el('h2', null, 'Timeline'));
      var series = [
        {name: 'live bytes', color: '#1565c0', points: d.chart.points.filter(function (p) { return p[1] >= 0; }).map(function (p) { return [p[0], p[1]]; })},
        {name: 'model footprint (arena + mmap)', color: '#9e9e9e', points: d.chart.points.filter(function (p) { return p[2] >= 0; }).map(function (p) { return [p[0], p[2]]; })},
        {name: 'estimated RSS', color: '#c62828', points: d.chart.points.filter(function (p) { return p[3] >= 0; }).map(function (p) { return [p[0], p[3]]; })},
        {name: 'sampled RSS', color: '#2e7d32', points: d.sampledRss}
      ];
      var legend = el('div', {'class': 'legend'});
      series.forEach(function (s) { if (!s.points.length) return; var sp = el('span'); var i = el('i'); i.style.background = s.color; sp.appendChild(i); sp.appendChild(document.createTextNode(s.name)); legend.appendChild(sp); });
      app.appendChild(legend);
      app.appendChild(chart(series, d.chart.perSecond));
    }
    var leaked = d.suspects.filter(function (s) { return s.bytes > 0; }).map(function (s) { return {frames: s.frames, value: s.bytes}; });
    app.appendChild(el('h2', null, 'Outstanding bytes at the end, by stack (flame graph)'));
    if (leaked.length) app.appendChild(flame(leaked, 'outstanding bytes')); else app.appendChild(el('p', {'class': 'muted'}, 'nothing outstanding'));
    if (d.pinning.length) {
      app.appendChild(el('h2', null, 'Retained bytes by pinning stack (free memory held below these blocks)'));
      app.appendChild(flame(d.pinning.map(function (p) { return {frames: p.frames.length ? p.frames : ['[' + p.kind + ']'], value: p.blockedBytes}; }), 'retained bytes'));
    }
    app.appendChild(el('h2', null, 'Stacks (' + d.suspectsTotal + (d.suspectsTotal > d.suspects.length ? ', largest ' + d.suspects.length + ' shown' : '') + ')'));
    app.appendChild(table([
      {name: 'label', get: function (r) { return r.label; }},
      {name: 'bytes', get: function (r) { return r.bytes; }, show: bytes, cls: 'num'},
      {name: 'blocks', get: function (r) { return r.blocks; }, cls: 'num'},
      {name: 'growth/s', get: function (r) { return r.growth === null ? -1 : r.growth; }, show: function (v) { return v < 0 ? '' : bytes(v) + '/s'; }, cls: 'num'},
      {name: 'stack (innermost first)', get: function (r) { return r.frames.join(' ← ') || '(no stack)'; }, cls: 'stack'}
    ], d.suspects.slice(), 'suspects'));
    if (d.whatIf.length) {
      app.appendChild(el('h2', null, 'What if'));
      app.appendChild(table([
        {name: 'setting', get: function (r) { return r.config; }},
        {name: 'mean RSS', get: function (r) { return r.meanRssBytes; }, show: bytes, cls: 'num'},
        {name: 'instead of', get: function (r) { return r.baseMeanRssBytes; }, show: bytes, cls: 'num'},
        {name: 'end RSS', get: function (r) { return r.endRssBytes; }, show: bytes, cls: 'num'},
        {name: 'instead of', get: function (r) { return r.baseEndRssBytes; }, show: bytes, cls: 'num'}
      ], d.whatIf.slice(), 'whatif'));
    }
    if (d.mallocStats) {
      app.appendChild(el('h2', null, 'malloc_stats (' + d.mallocStats.source + ')'));
      app.appendChild(table([
        {name: 'arena', get: function (r) { return r.arena; }},
        {name: 'system', get: function (r) { return r.systemBytes; }, show: bytes, cls: 'num'},
        {name: 'in use', get: function (r) { return r.inUseBytes; }, show: bytes, cls: 'num'}
      ], d.mallocStats.arenas.slice(), 'mallocstats'));
    }
  }

  function indexPage(d) {
    app.appendChild(el('h1', null, 'heapsift report: ' + d.traces.length + ' traces'));
    var counts = {};
    d.traces.forEach(function (t) { counts[t.verdict] = (counts[t.verdict] || 0) + 1; });
    var p = el('p');
    ['LEAK', 'GROWTH', 'FRAGMENTATION', 'CLEAN', 'ERROR'].forEach(function (v) {
      if (!counts[v]) return;
      p.appendChild(el('span', {'class': 'verdict ' + v}, v + ' ' + counts[v])); p.appendChild(document.createTextNode(' '));
    });
    app.appendChild(p);
    var rank = {LEAK: 0, GROWTH: 1, FRAGMENTATION: 2, CLEAN: 3, ERROR: 4};
    app.appendChild(table([
      {name: 'verdict', get: function (r) { return r.verdict; }, sortKey: function (r) { return rank[r.verdict]; }},
      {name: 'trace', get: function (r) { return r.source; }, link: function (r) { return r.page; }},
      {name: 'leaked', get: function (r) { return r.leakedBytes; }, show: bytes, cls: 'num'},
      {name: 'growth/s', get: function (r) { return r.growth; }, show: function (v) { return v > 0 ? bytes(v) + '/s' : ''; }, cls: 'num'},
      {name: 'retained', get: function (r) { return r.retainedBytes; }, show: bytes, cls: 'num'},
      {name: 'evidence', get: function (r) { return r.evidence; }}
    ], d.traces.slice(), 'traces'));
  }

  if (data.kind === 'index') indexPage(data); else tracePage(data);
  document.body.setAttribute('data-rendered', 'yes');
})();
