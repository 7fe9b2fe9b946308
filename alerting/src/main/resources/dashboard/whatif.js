// The what-if page: an admin submits a candidate town file; POST /v1/whatif answers live vs candidate (docs/replay.md).
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('gw.token') };
  const SVG = 'http://www.w3.org/2000/svg';

  function showApp() {
    sessionStorage.setItem('gw.token', state.token);
    $('login').hidden = true;
    $('app').hidden = false;
  }

  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('token').value.trim();
    showApp();
  });
  $('logout').addEventListener('click', () => { sessionStorage.removeItem('gw.token'); location.reload(); });

  $('whatif-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('w-town').files[0];
    if (!file) { return; }
    const until = new Date();
    const from = new Date(until.getTime() - Number($('w-period').value) * 3600 * 1000);
    $('w-run').disabled = true;
    $('w-status').textContent = 'Replaying… (this can take a while for a long period)';
    try {
      const res = await fetch('/v1/whatif', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + state.token, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ town: await file.text(), from: from.toISOString(), until: until.toISOString() }),
      });
      const body = await res.json();
      if (!res.ok) {
        $('w-status').textContent = (body.title || res.status) + ': ' + (body.detail || '');
        return;
      }
      render(body);
      $('w-status').textContent = 'What-if ' + body.from + ' .. ' + body.until + ': live rules vs ' + file.name;
    } catch (err) {
      $('w-status').textContent = 'The what-if failed: ' + err.message;
    } finally {
      $('w-run').disabled = false;
    }
  });

  function render(report) {
    $('w-result').hidden = false;
    const l = report.live.total;
    const c = report.candidate.total;
    bars($('w-totals'), [['cases', l.cases, c.cases], ['warnings', l.warnings, c.warnings],
      ['dispatches', l.dispatches, c.dispatches], ['settled by warning', l.settledByWarning, c.settledByWarning]]);
    const rows = $('w-rows').querySelector('tbody');
    rows.replaceChildren(row(['total', pair(l.cases, c.cases), pair(l.warnings, c.warnings), pair(l.dispatches, c.dispatches),
      pair(l.settledByWarning, c.settledByWarning), share(l) + ' → ' + share(c)]));
    report.rows.forEach((r) => rows.append(row([r.category + ' / ' + r.zone, pair(r.live.cases, r.candidate.cases),
      pair(r.live.warnings, r.candidate.warnings), pair(r.live.dispatches, r.candidate.dispatches),
      pair(r.live.settledByWarning, r.candidate.settledByWarning), share(r.live) + ' → ' + share(r.candidate)])));
    $('w-officers').querySelector('tbody').replaceChildren(...report.officers.map((o) => row([o.officer, String(o.live), String(o.candidate)])));
  }

  function pair(live, candidate) {
    return live === candidate ? String(live) : live + ' → ' + candidate;
  }

  function share(counts) {
    return counts.settledByWarningShare == null ? '–' : Math.round(counts.settledByWarningShare * 100) + '%';
  }

  function row(cells) {
    const tr = document.createElement('tr');
    cells.forEach((text) => { const td = document.createElement('td'); td.textContent = text; tr.append(td); });
    return tr;
  }

  // Grouped horizontal bars in SVG, as the report page draws its charts.
  function bars(svg, data) {
    const bar = 14;
    const labelWidth = 150;
    const width = 420;
    const max = Math.max(1, ...data.flatMap((d) => [d[1], d[2]]));
    svg.replaceChildren();
    svg.setAttribute('width', String(labelWidth + width + 50));
    svg.setAttribute('height', String(data.length * (2 * bar + 10)));
    data.forEach(([label, live, candidate], i) => {
      const y = i * (2 * bar + 10);
      svg.append(text(0, y + bar + 4, label));
      [[live, '#9e9e9e', 0], [candidate, '#1e6fd9', bar]].forEach(([value, colour, dy]) => {
        const w = Math.round((value * width) / max);
        const rect = document.createElementNS(SVG, 'rect');
        Object.entries({ x: labelWidth, y: y + dy, width: w, height: bar - 2, fill: colour }).forEach(([k, v]) => rect.setAttribute(k, String(v)));
        svg.append(rect, text(labelWidth + w + 4, y + dy + bar - 3, String(value)));
      });
    });
  }

  function text(x, y, content) {
    const t = document.createElementNS(SVG, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', '12');
    t.textContent = content;
    return t;
  }

  if (state.token) {
    showApp();
  }
})();
