// gridwarden operations dashboard: plain JS, no build step, no network beyond this server.
(function () {
  'use strict';
  const STATUSES = ['detected', 'warned', 'resolved_by_warning', 'dispatched', 'unassigned', 'accepted', 'arrived',
    'resolved', 'escalated', 'closed'];
  const TERMINAL = new Set(['resolved_by_warning', 'resolved', 'closed']);
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('gw.token'), town: null, violations: new Map(), selected: null, stream: null };

  function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers.Authorization = 'Bearer ' + state.token;
    if (opts.body) { opts.headers['content-type'] = 'application/json'; }
    return fetch(path, opts).then(async (r) => {
      const body = r.headers.get('content-type') && r.headers.get('content-type').includes('json') ? await r.json() : null;
      if (!r.ok) { const e = new Error((body && body.detail) || r.statusText); e.status = r.status; throw e; }
      return body;
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') node.className = v; else node.setAttribute(k, v); });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  // A device supplies the snapshot URL: only an absolute http(s) URL becomes a link (never javascript:, data:, …).
  function evidenceLink(url) {
    if (typeof url !== 'string') return null;
    try {
      const u = new URL(url);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password ? u.href : null;
    } catch (e) {
      return null;
    }
  }
  window.gridwarden = Object.freeze({ evidenceLink });

  // A violation's kept pictures: fetched with the operator's token (never in a URL), shown from blob: URLs. The
  // last few are cached so a live update re-rendering the detail does not fetch them again.
  const PICTURE_REF = /^sha256:[0-9a-f]{64}$/;
  const pictures = new Map();
  function picture(violationId, ref) {
    const key = violationId + '/' + ref;
    if (!pictures.has(key)) {
      if (pictures.size >= 24) {
        const [oldest, url] = pictures.entries().next().value;
        pictures.delete(oldest);
        url.then((u) => { if (u) URL.revokeObjectURL(u); });
      }
      pictures.set(key, fetch('/v1/violations/' + encodeURIComponent(violationId) + '/evidence/' + ref,
        { headers: { Authorization: 'Bearer ' + state.token } })
        .then((r) => (r.ok ? r.blob() : null))
        .then((b) => (b && ['image/jpeg', 'image/png', 'image/webp'].includes(b.type) ? URL.createObjectURL(b) : null))
        .catch(() => null));
    }
    return pictures.get(key);
  }

  function evidenceImages(violationId, refs) {
    return (refs || []).filter((ref) => PICTURE_REF.test(ref)).map((ref) => {
      const img = el('img', { class: 'evidence', alt: 'picture ' + ref.slice(7, 19), 'data-ref': ref });
      picture(violationId, ref).then((url) => {
        if (url) img.src = url;
        else img.replaceWith(el('span', { class: 'muted' }, 'picture no longer kept'));
      });
      return img;
    });
  }

  const stamp = (iso) => iso ? new Date(iso).toLocaleString('sv-SE') : '–';
  const time = (iso) => iso ? new Date(iso).toLocaleTimeString('zh-CN', { hour12: false }) : '–';
  // English labels render on any machine (no CJK font needed); the town's own (Chinese) name is the tooltip.
  const categoryName = (id) => id ? id.charAt(0).toUpperCase() + id.slice(1).replace(/_/g, ' ') : '–';
  const categoryLocal = (id) => { const c = state.town && state.town.categories.find((x) => x.id === id); return c && c.name ? c.name : ''; };

  // ---- login -------------------------------------------------------------------------------------
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('token').value.trim();
    start().catch((err) => { $('login-error').textContent = err.status === 401 ? 'Unknown operator token' : err.message; });
  });
  $('logout').addEventListener('click', () => signOut());

  async function start() {
    state.town = await api('/v1/town');
    sessionStorage.setItem('gw.token', state.token);
    $('login').hidden = true;
    $('app').hidden = false;
    const op = state.town.operator;
    $('town-name').textContent = state.town.name || '';
    $('who').textContent = op.id + ' · ' + op.role;
    $('who').title = op.name || '';
    fill($('f-category'), state.town.categories.map((c) => [c.id, categoryName(c.id)]));
    fill($('f-status'), STATUSES.map((s) => [s, s]));
    fill($('f-jurisdiction'), state.town.jurisdictions.map((j) => [j.id, j.id]));
    ['f-category', 'f-status', 'f-jurisdiction'].forEach((id) => $(id).addEventListener('change', reload));
    await reload();
    setInterval(refreshTown, 30000);
  }

  function fill(select, options) {
    options.forEach(([value, label]) => select.append(el('option', { value }, label)));
  }

  function filters() {
    const q = new URLSearchParams();
    [['category', 'f-category'], ['status', 'f-status'], ['jurisdiction', 'f-jurisdiction']].forEach(([k, id]) => {
      if ($(id).value) q.set(k, $(id).value);
    });
    return q;
  }

  async function reload() {
    const q = filters();
    q.set('limit', '200');
    const page = await api('/v1/violations?' + q);
    state.violations = new Map(page.items.map((v) => [v.id, v]));
    renderList();
    drawMap();
    refreshStats();
    openStream();
  }

  // ---- live stream -------------------------------------------------------------------------------
  // Read with fetch(), not EventSource: EventSource cannot send the Authorization header, and a token in
  // the URL ends up in logs and history. Reconnects resume with Last-Event-ID, backing off on failure.
  function openStream() {
    if (state.stream) state.stream.abort();
    const stream = new AbortController();
    state.stream = stream;
    readStream(stream, filters().toString(), { lastId: null, failures: 0 });
  }

  async function readStream(stream, query, position) {
    let wait = Math.min(30000, 1000 * 2 ** position.failures);
    try {
      const headers = { Authorization: 'Bearer ' + state.token, Accept: 'text/event-stream' };
      if (position.lastId) headers['Last-Event-ID'] = position.lastId;
      const r = await fetch('/v1/alerts/stream?' + query, { headers, signal: stream.signal, cache: 'no-store' });
      if (r.status === 401) { signOut(); return; }
      if (r.status === 400) position.lastId = null; // an id from before a reset: start from now
      if (!r.ok || !r.body) {
        const retry = Number(r.headers.get('Retry-After'));
        if (retry > 0) wait = Math.max(wait, retry * 1000);
        throw new Error('stream refused: ' + r.status);
      }
      $('live').classList.remove('off');
      position.failures = 0;
      await readEvents(r.body, position);
    } catch (e) {
      if (stream.signal.aborted) return;
    }
    if (stream.signal.aborted) return;
    $('live').classList.add('off');
    position.failures++;
    setTimeout(() => { if (!stream.signal.aborted) readStream(stream, query, position); }, wait);
  }

  async function readEvents(body, position) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      pending += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = pending.indexOf('\n\n')) >= 0) {
        dispatch(pending.slice(0, end), position);
        pending = pending.slice(end + 2);
      }
    }
  }

  // One block of the text/event-stream format: comment lines, id, event and data fields.
  function dispatch(block, position) {
    let event = 'message', data = null;
    block.split('\n').forEach((line) => {
      if (line.startsWith(':')) return;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') position.lastId = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data = data == null ? value : data + '\n' + value;
    });
    if (data != null && event.startsWith('violation.')) upsert(JSON.parse(data));
  }

  function signOut() {
    sessionStorage.removeItem('gw.token');
    location.reload();
  }

  let statsTimer = null;
  function upsert(v) {
    const old = state.violations.get(v.id);
    state.violations.delete(v.id);
    state.violations = new Map([[v.id, Object.assign({}, old || {}, v)], ...state.violations]);
    renderList(v.id);
    drawMap();
    if (state.selected === v.id) showDetail(v.id);
    clearTimeout(statsTimer);
    statsTimer = setTimeout(refreshStats, 500);
  }

  function renderList(fresh) {
    const list = $('violations');
    list.replaceChildren(...[...state.violations.values()].map((v) => {
      const li = el('li', { 'data-id': v.id, class: (v.id === state.selected ? 'selected ' : '') + (v.id === fresh ? 'fresh' : '') },
        el('span', { class: 'cat', title: categoryLocal(v.category) }, categoryName(v.category)),
        el('span', { class: 'badge s-' + v.status }, v.status),
        el('span', { class: 'meta' }, [v.camera || v.sensor, v.zone, v.jurisdiction, time(v.updatedAt || v.detectedAt),
          v.officer ? '→ ' + v.officer : ''].filter(Boolean).join(' · ')));
      li.addEventListener('click', () => showDetail(v.id));
      return li;
    }));
  }

  // ---- detail and manual actions -----------------------------------------------------------------
  async function showDetail(id) {
    state.selected = id;
    document.querySelectorAll('#violations li').forEach((li) => li.classList.toggle('selected', li.dataset.id === id));
    const v = await api('/v1/violations/' + encodeURIComponent(id));
    const detail = $('detail');
    const rows = [['id', v.id], ['category', categoryName(v.category)], ['status', v.status], ['camera', v.camera || v.sensor],
      ['zone', v.zone], ['jurisdiction', v.jurisdiction + (v.grid ? ' / ' + v.grid : '')], ['object', [v.label, v.track].filter(Boolean).join(' ')],
      ['officer', v.officer || '–'], ['detected', stamp(v.detectedAt)], ['warned', stamp(v.warnedAt)], ['dispatched', stamp(v.dispatchedAt)]];
    const href = evidenceLink(v.snapshot);
    const snapshot = href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, href) : (v.snapshot ? String(v.snapshot) : '–');
    detail.replaceChildren(
      el('div', { class: 'detail' },
        el('h3', {}, categoryName(v.category), ' ', el('span', { class: 'badge s-' + v.status }, v.status)),
        el('dl', {}, rows.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val == null ? '–' : val)]),
          el('dt', {}, 'snapshot'), el('dd', {}, snapshot)),
        el('h3', {}, 'Timeline'),
        el('ul', { class: 'timeline' }, (v.timeline || []).map((t) => el('li', { 'data-status': t.status },
          el('b', {}, t.status), ' ', el('span', { class: 'when' }, time(t.at)), t.officer ? ' · ' + t.officer : '',
          t.note ? el('div', { class: 'muted' }, t.note) : '',
          t.evidence ? el('div', { class: 'pictures' }, evidenceImages(v.id, t.evidence)) : ''))),
        actions(v)));
  }

  function actions(v) {
    if (!state.town.operator.canAct || TERMINAL.has(v.status)) return '';
    const officers = el('select', { id: 'assign-officer' }, state.town.officers.map((o) =>
      el('option', { value: o.id }, o.id + ' · ' + o.unit + (o.status ? ' (' + o.status + ')' : ''))));
    const reason = el('input', { id: 'close-reason', placeholder: 'reason for closing' });
    const result = el('p', { id: 'action-result', class: 'note' });
    const assign = el('button', { id: 'assign-button' }, 'Assign');
    const close = el('button', { id: 'close-button', class: 'danger' }, 'Close');
    assign.addEventListener('click', () => act(v.id, 'assign', { officer: officers.value }, result));
    close.addEventListener('click', () => act(v.id, 'close', { reason: reason.value }, result));
    return el('div', { class: 'actions' }, el('div', { class: 'row' }, officers, assign), el('div', { class: 'row' }, reason, close), result);
  }

  async function act(id, what, body, result) {
    try {
      const r = await api('/v1/violations/' + encodeURIComponent(id) + '/' + what, { method: 'POST', body: JSON.stringify(body) });
      result.className = 'note';
      result.textContent = what + ' requested (' + r.event + '); the result arrives on the stream.';
    } catch (e) {
      result.className = 'error';
      result.textContent = e.message;
    }
  }

  // ---- KPIs and chart ----------------------------------------------------------------------------
  async function refreshStats() {
    const midnight = new Date(); midnight.setHours(0, 0, 0, 0);
    const q = filters(); q.delete('status'); q.set('since', midnight.toISOString());
    const s = await api('/v1/stats?' + q);
    $('k-open').textContent = [...state.violations.values()].filter((v) => !TERMINAL.has(v.status)).length;
    $('k-warned').textContent = s.timeToSeconds.warn.count;
    $('k-share').textContent = s.resolvedByWarningShare == null ? '–' : Math.round(s.resolvedByWarningShare * 100) + '%';
    const p50 = s.timeToSeconds.dispatch.p50;
    $('k-dispatch').textContent = p50 == null ? '–' : p50 >= 60 ? (p50 / 60).toFixed(1) + ' min' : Math.round(p50) + ' s';
    drawChart(s.byCategory);
  }

  function drawChart(byCategory) {
    const chart = $('chart');
    const entries = Object.entries(byCategory).sort((a, b) => b[1] - a[1]).slice(0, 12);
    const max = Math.max(1, ...entries.map((e) => e[1]));
    const w = 300 / Math.max(entries.length, 1);
    chart.replaceChildren(...entries.flatMap(([cat, n], i) => {
      const h = 52 * n / max;
      const bar = svg('rect', { x: i * w + 3, y: 56 - h, width: w - 6, height: h, rx: 2, fill: '#38bdf8' });
      const title = svg('title', {}); title.textContent = categoryName(cat) + ': ' + n; bar.append(title);
      const label = svg('text', { x: i * w + w / 2, y: 68, 'text-anchor': 'middle', 'font-size': 7, fill: '#8b9bb8' });
      label.textContent = categoryName(cat).split(' ')[0] + ' ' + n;
      return [bar, label];
    }));
  }

  // ---- map ---------------------------------------------------------------------------------------
  async function refreshTown() {
    state.town = await api('/v1/town');
    drawMap();
  }

  /** The town file's outline, fetched once (the first drawing is schematic until it arrives); none: schematic. */
  function loadOutline() {
    state.outline = [];
    api('/v1/town/map').then((m) => { state.outline = m.shapes || []; if (state.outline.length) drawMap(); }).catch(() => {});
  }

  function drawMap() {
    const map = $('map');
    const t = state.town;
    if (!state.outline) loadOutline();
    const outline = state.outline;
    // frame the jurisdictions' boundaries and the devices; roads and rivers may run off the edge
    const shapePoints = window.gridwardenMap.pointsOf(outline.filter((s) => s.kind === 'boundary')).map((p) => ({ lon: p[0], lat: p[1] }));
    const points = [...t.cameras, ...t.sensors, ...t.officers.filter((o) => o.lat != null), ...shapePoints];
    if (!points.length) { map.replaceChildren(); return; }
    const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
    const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
    const scale = Math.min(940 / Math.max(maxLon - minLon, 1e-4), 640 / Math.max(maxLat - minLat, 1e-4));
    const x = (lon) => 30 + (lon - minLon) * scale, y = (lat) => 670 - (lat - minLat) * scale;
    const nodes = [svg('rect', { x: 0, y: 0, width: 1000, height: 700, fill: '#0b1428' })];
    if (outline.length) {
      nodes.push(...window.gridwardenMap.shapeNodes(outline, x, y)); // the town file's outline, under the devices
    } else {
      nodes.push(...schematic(t, x, y));
    }
    t.cameras.forEach((c) => nodes.push(svg('circle', { cx: x(c.lon), cy: y(c.lat), r: 3, fill: '#64748b' })));
    t.sensors.forEach((s) => nodes.push(svg('rect', { x: x(s.lon) - 4, y: y(s.lat) - 4, width: 8, height: 8, fill: '#0ea5e9' })));
    t.officers.filter((o) => o.lat != null).forEach((o) => nodes.push(svg('path', {
      d: `M${x(o.lon)} ${y(o.lat) - 7} l6 11 h-12 z`, fill: o.status === 'available' ? '#22c55e' : '#eab308' })));
    [...state.violations.values()].filter((v) => !TERMINAL.has(v.status) && v.lat).forEach((v) => {
      const ring = svg('circle', { cx: x(v.lon), cy: y(v.lat), r: v.id === state.selected ? 13 : 9, fill: 'none',
        stroke: '#ef4444', 'stroke-width': 3, 'data-id': v.id, class: 'pick' });
      ring.addEventListener('click', () => showDetail(v.id));
      nodes.push(ring);
    });
    map.replaceChildren(...nodes);
  }

  /** Without an outline in the town file: each jurisdiction as a rounded box around its cameras. */
  function schematic(t, x, y) {
    const nodes = [];
    const colours = ['#1e293b', '#172554', '#1c1917', '#14532d'];
    t.jurisdictions.forEach((j, i) => {
      const own = t.cameras.filter((c) => c.jurisdiction === j.id);
      if (!own.length) return;
      const xs = own.map((c) => x(c.lon)), ys = own.map((c) => y(c.lat));
      nodes.push(svg('rect', { x: Math.min(...xs) - 18, y: Math.min(...ys) - 18, width: Math.max(...xs) - Math.min(...xs) + 36,
        height: Math.max(...ys) - Math.min(...ys) + 36, rx: 14, fill: colours[i % colours.length], opacity: 0.55 }));
      const name = svg('text', { x: Math.min(...xs) - 10, y: Math.min(...ys) - 24, fill: '#8b9bb8', 'font-size': 16 });
      name.textContent = j.id;
      nodes.push(name);
    });
    return nodes;
  }

  if (state.token) {
    start().catch(() => { sessionStorage.removeItem('gw.token'); });
  }
})();
