// gridwarden assessment reports: plain JS, no build step, no network beyond this server (GET /v1/reports).
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('gw.token'), town: null, report: null };
  const MAX_BARS = 16;
  const DAY = 86400000;

  function api(path, accept) {
    const headers = { Authorization: 'Bearer ' + state.token, Accept: accept || 'application/json' };
    return fetch(path, { headers, cache: 'no-store' }).then(async (r) => {
      if (!r.ok) {
        const body = (r.headers.get('content-type') || '').includes('json') ? await r.json() : null;
        const e = new Error((body && body.detail) || r.statusText); e.status = r.status; throw e;
      }
      return r;
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') node.className = v; else node.setAttribute(k, v); });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text != null) node.textContent = text;
    return node;
  }

  // ---- sign-in: the dashboard's token, kept for this browser tab -----------------------------------
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('token').value.trim();
    start().catch((err) => { $('login-error').textContent = err.status === 401 ? 'Unknown operator token' : err.message; });
  });
  $('logout').addEventListener('click', () => { sessionStorage.removeItem('gw.token'); location.reload(); });

  async function start() {
    state.town = await (await api('/v1/town')).json();
    sessionStorage.setItem('gw.token', state.token);
    $('login').hidden = true;
    $('app').hidden = false;
    const op = state.town.operator;
    $('who').textContent = op.id + ' · ' + op.role;
    $('who').title = op.name || '';
    state.town.jurisdictions.forEach((j) => $('r-jurisdiction').append(el('option', { value: j.id, title: j.name || '' }, j.id)));
    state.town.categories.forEach((c) => $('r-category').append(el('option', { value: c.id, title: c.name || '' }, c.id)));
    const today = isoDay(new Date());
    $('r-since').value = isoDay(new Date(Date.now() - 6 * DAY));
    $('r-until').value = today;
    $('r-period').addEventListener('change', () => { const custom = $('r-period').value === 'custom'; $('r-since').hidden = !custom; $('r-until').hidden = !custom; });
    $('report-form').addEventListener('submit', (e) => { e.preventDefault(); show(); });
    $('r-csv').addEventListener('click', download);
    await show();
  }

  // ---- the period and the query --------------------------------------------------------------------
  const isoDay = (d) => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  const localMidnight = (day) => { const [y, m, d] = day.split('-').map(Number); return new Date(y, m - 1, d); };

  function period() {
    const choice = $('r-period').value;
    const now = new Date();
    if (choice === 'custom') {
      return [localMidnight($('r-since').value), new Date(localMidnight($('r-until').value).getTime() + DAY)];
    }
    if (choice === 'this-week' || choice === 'last-week') {
      const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (now.getDay() + 6) % 7);
      return choice === 'this-week' ? [monday, now] : [new Date(monday.getTime() - 7 * DAY), monday];
    }
    return [new Date(now.getTime() - Number(choice) * DAY), now];
  }

  function query() {
    const [since, until] = period();
    const q = new URLSearchParams({ by: $('r-by').value, since: since.toISOString(), until: until.toISOString() });
    if ($('r-jurisdiction').value) q.set('jurisdiction', $('r-jurisdiction').value);
    if ($('r-category').value) q.set('category', $('r-category').value);
    return q;
  }

  async function show() {
    $('r-error').textContent = '';
    try {
      state.report = await (await api('/v1/reports?' + query())).json();
    } catch (e) {
      $('r-error').textContent = e.message;
      return;
    }
    const r = state.report;
    $('r-period-text').textContent = new Date(r.since).toLocaleString('sv-SE') + ' → ' + new Date(r.until).toLocaleString('sv-SE')
      + ' · by ' + r.by + ' · days and weeks in ' + r.timezone;
    kpis(r.total);
    table(r);
    drawCases(r.groups);
    drawTimes(r.groups);
  }

  async function download() {
    $('r-error').textContent = '';
    try {
      const r = await api('/v1/reports?' + query(), 'text/csv');
      const name = (/filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '') || [])[1] || 'gridwarden-report.csv';
      const url = URL.createObjectURL(await r.blob());
      const a = el('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      $('r-csv').title = 'downloaded ' + name;
    } catch (e) {
      $('r-error').textContent = e.message;
    }
  }

  // ---- figures ---------------------------------------------------------------------------------------
  function duration(seconds) {
    if (seconds == null) return '–';
    if (seconds < 60) return Math.round(seconds) + ' s';
    if (seconds < 3600) return (seconds / 60).toFixed(1) + ' min';
    return (seconds / 3600).toFixed(1) + ' h';
  }
  const share = (x) => x == null ? '–' : Math.round(x * 100) + '%';
  const t = (g, step, p) => g.timeToSeconds[step]['p' + p];

  function kpis(total) {
    $('k-cases').textContent = total.cases;
    $('k-share').textContent = share(total.settledByWarningShare);
    $('k-dispatch').textContent = duration(t(total, 'dispatch', 50)) + ' / ' + duration(t(total, 'dispatch', 90));
    $('k-arrive').textContent = duration(t(total, 'arrive', 50)) + ' / ' + duration(t(total, 'arrive', 90));
    $('k-reassigned').textContent = total.reassignments + ' (' + total.rejections + ')';
    $('k-crossed').textContent = total.crossedToNeighbour;
  }

  function cells(g) {
    return [g.cases, share(g.settledByWarningShare), duration(t(g, 'warn', 50)), duration(t(g, 'dispatch', 50)), duration(t(g, 'dispatch', 90)),
      duration(t(g, 'accept', 50)), duration(t(g, 'arrive', 50)), duration(t(g, 'arrive', 90)), duration(t(g, 'resolve', 50)),
      duration(t(g, 'resolve', 90)), duration(t(g, 'resolve', 99)), g.reassignments + ' (' + g.rejections + ')', g.crossedToNeighbour]
      .map((v) => el('td', {}, v));
  }

  // The key is what renders everywhere (ids, dates); the town file's (Chinese) name is the tooltip, as on the dashboard.
  function table(r) {
    const body = $('report-table').tBodies[0];
    body.replaceChildren(...r.groups.map((g) => el('tr', { 'data-key': g.key }, el('td', { title: g.name }, g.key), cells(g))));
    if (!r.groups.length) body.append(el('tr', {}, el('td', { colspan: 14, class: 'muted' }, 'No cases in this period.')));
    $('report-table').tFoot.replaceChildren(el('tr', {}, el('td', {}, 'total'), cells(r.total)));
  }

  // Four gridlines at a round step (1, 2 or 5 times a power of ten); returns the top of the scale.
  function frame(chart, highest, unit) {
    const rough = highest / 4, power = Math.pow(10, Math.floor(Math.log10(rough)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
    const max = step * 4;
    const nodes = [];
    for (let i = 0; i <= 4; i++) {
      const y = 220 - 200 * i / 4;
      nodes.push(svg('line', { x1: 44, x2: 596, y1: y, y2: y, stroke: '#22304f' }));
      nodes.push(svg('text', { x: 40, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#8b9bb8' }, +(max * i / 4).toPrecision(3) + unit));
    }
    chart.replaceChildren(...nodes);
    return max;
  }

  function label(chart, x, g) {
    const text = svg('text', { x, y: 238, 'text-anchor': 'middle', 'font-size': 10, fill: '#8b9bb8' }, g.key.length > 12 ? g.key.slice(0, 11) + '…' : g.key);
    text.append(svg('title', {}, g.name));
    chart.append(text);
  }

  function drawCases(groups) {
    const chart = $('chart-cases');
    const shown = groups.slice(0, MAX_BARS);
    const max = frame(chart, Math.max(1, ...shown.map((g) => g.cases)), '');
    const w = 552 / Math.max(shown.length, 1);
    shown.forEach((g, i) => {
      const x = 44 + i * w + w * 0.15, bw = w * 0.7;
      const own = 200 * (g.cases - g.crossedToNeighbour) / max, crossed = 200 * g.crossedToNeighbour / max;
      const bar = svg('rect', { x, y: 220 - own, width: bw, height: own, fill: '#38bdf8', class: 'bar', 'data-key': g.key });
      bar.append(svg('title', {}, g.key + ' ' + g.name + ': ' + g.cases + ' cases, ' + g.crossedToNeighbour + ' crossed'));
      chart.append(bar, svg('rect', { x, y: 220 - own - crossed, width: bw, height: crossed, fill: '#f59e0b' }),
        svg('text', { x: x + bw / 2, y: 214 - own - crossed, 'text-anchor': 'middle', 'font-size': 11, fill: '#e2e8f0' }, g.cases));
      label(chart, x + bw / 2, g);
    });
    if (groups.length > MAX_BARS) chart.append(svg('text', { x: 596, y: 14, 'text-anchor': 'end', 'font-size': 11, fill: '#8b9bb8' }, '+' + (groups.length - MAX_BARS) + ' more in the table'));
  }

  function drawTimes(groups) {
    const chart = $('chart-times');
    const shown = groups.slice(0, MAX_BARS);
    const minutes = (s) => s == null ? null : s / 60;
    const max = frame(chart, Math.max(1, ...shown.flatMap((g) => ['dispatch', 'arrive'].map((s) => minutes(t(g, s, 99)) || 0))), '′');
    const w = 552 / Math.max(shown.length, 1);
    shown.forEach((g, i) => {
      [['dispatch', '#38bdf8'], ['arrive', '#a78bfa']].forEach(([step, colour], k) => {
        const p50 = minutes(t(g, step, 50)), p90 = minutes(t(g, step, 90)), p99 = minutes(t(g, step, 99));
        if (p50 == null) return;
        const x = 44 + i * w + w * (0.2 + 0.32 * k), bw = w * 0.28, y = (m) => 220 - 200 * m / max;
        const bar = svg('rect', { x, y: y(p90), width: bw, height: Math.max(2, y(p50) - y(p90)), fill: colour, rx: 2 });
        bar.append(svg('title', {}, g.key + ' ' + step + ': p50 ' + duration(t(g, step, 50)) + ', p90 ' + duration(t(g, step, 90)) + ', p99 ' + duration(t(g, step, 99))));
        chart.append(bar, svg('line', { x1: x, x2: x + bw, y1: y(p99), y2: y(p99), stroke: colour, 'stroke-width': 2 }));
      });
      label(chart, 44 + i * w + w / 2, g);
    });
    chart.append(svg('text', { x: 596, y: 14, 'text-anchor': 'end', 'font-size': 11, fill: '#38bdf8' }, 'dispatch'),
      svg('text', { x: 596, y: 28, 'text-anchor': 'end', 'font-size': 11, fill: '#a78bfa' }, 'arrive'));
  }

  if (state.token) {
    start().catch(() => { sessionStorage.removeItem('gw.token'); });
  }
})();
