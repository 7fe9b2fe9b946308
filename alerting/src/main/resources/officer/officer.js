// gridwarden officer's page: sign in with the handset token, see my assignments, answer them. Reads come from
// alerting (GET /v1/officer/*); answers go to ingest's /v1/events as the handset's own CloudEvents (the same
// gw.command.ack and gw.officer.status events a handset app sends), through the outbox; a photo taken with Arrived or
// Resolved goes to alerting through the same outbox, ahead of its answer (photo.js). Plain JS, no build step.
(function () {
  'use strict';
  const TOKEN = 'gw.officer.token';
  const LAST = 'gw.officer.last';
  const POLL_MS = 5000;
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem(TOKEN), me: null, events: null, outbox: null, shapes: [], assignments: [],
    tapped: {}, photos: {}, maxPhoto: 0, timer: null };
  // Which answers make sense at each status (CONTRACT: dispatched → accepted → arrived → resolved; rejected escalates).
  const ANSWERS = [['accepted', 'Accept', 'ok'], ['rejected', 'Reject', 'bad'], ['arrived', 'Arrived', 'info'], ['resolved', 'Resolved', 'ok']];
  const ALLOWED = { dispatched: ['accepted', 'rejected', 'arrived'], accepted: ['rejected', 'arrived', 'resolved'], arrived: ['resolved'] };
  const WITH_PHOTO = ['arrived', 'resolved'];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (k === 'class') node.className = v; else if (v != null) node.setAttribute(k, v); });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return node;
  }

  async function api(path) {
    const r = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token }, cache: 'no-store' });
    const body = (r.headers.get('content-type') || '').includes('json') ? await r.json() : null;
    if (!r.ok) { const e = new Error((body && body.detail) || r.statusText); e.status = r.status; throw e; }
    return body;
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

  const label = (id) => id ? id.charAt(0).toUpperCase() + id.slice(1).replace(/_/g, ' ') : '–';
  const stamp = (iso) => iso ? new Date(iso).toLocaleString('sv-SE') : '–';

  // ---- sign in -----------------------------------------------------------------------------------
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.token = $('token').value.trim();
    start().catch((err) => {
      state.token = null;
      $('login-error').textContent = err.status === 401 ? 'Unknown handset token' : 'Cannot reach gridwarden: ' + err.message;
    });
  });
  $('logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(LAST);
    location.reload();
  });
  document.querySelectorAll('.status-row button').forEach((b) => b.addEventListener('click', () => reportStatus(b.dataset.status)));

  async function start() {
    const first = await api('/v1/officer/assignments');
    sessionStorage.setItem(TOKEN, state.token);
    state.me = first.officer;
    state.events = first.events || null;
    state.outbox = window.gridwardenOutbox.open(state.me.id, localStorage);
    who(state.me);
    $('login').hidden = true;
    $('app').hidden = false;
    show(first);
    api('/v1/officer/map').then((m) => { state.shapes = m.shapes || []; render(); }).catch(() => {});
    state.timer = setInterval(tick, POLL_MS);
    window.addEventListener('online', tick);
    window.addEventListener('offline', () => online(false));
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => {}); // needs https, or localhost
    }
    flush();
  }

  async function tick() {
    flush();
    refresh();
  }

  async function refresh() {
    try {
      show(await api('/v1/officer/assignments'));
    } catch (e) {
      if (e.status === 401) { sessionStorage.removeItem(TOKEN); location.reload(); return; }
      online(false); // keep showing what we had
    }
  }

  function show(body) {
    online(true);
    state.assignments = body.assignments || [];
    state.maxPhoto = body.photos ? body.photos.maxBytes : 0;
    sessionStorage.setItem(LAST, JSON.stringify(body));
    render();
  }

  function who(me) {
    $('who').textContent = me.id;
    $('who').title = me.name;
    $('unit').textContent = me.unit;
  }

  function online(up) {
    $('link').textContent = up ? 'online' : 'offline';
    $('link').classList.toggle('off', !up);
  }

  // ---- answers go out through the outbox ---------------------------------------------------------
  function answer(a, result) {
    const noteField = document.querySelector(`li[data-id="${a.violation.id}"] textarea`);
    const note = noteField && noteField.value.trim();
    const data = { command: a.command.id, result };
    if (note) { data.note = note.slice(0, 500); }
    const photo = WITH_PHOTO.includes(result) ? state.photos[a.violation.id] : null;
    const items = [window.gridwardenOutbox.event(state.me.id, 'gw.command.ack', data)];
    if (photo) items.unshift(window.gridwardenOutbox.photo(a.violation.id, a.command.id, photo));
    try {
      state.outbox.add(...items);
    } catch (e) { // localStorage full: keep nothing rather than the answer without its photo
      $('send-error').textContent = 'No room on this phone to keep the photo until it is sent: remove it and tap again, or wait for a link.';
      return;
    }
    if (photo) { URL.revokeObjectURL(photo.url); delete state.photos[a.violation.id]; }
    state.tapped[a.violation.id] = result;
    render();
    flush();
  }

  function reportStatus(status) {
    if (!navigator.geolocation) { $('send-error').textContent = 'This browser gives no position: status not sent.'; return; }
    navigator.geolocation.getCurrentPosition((p) => {
      state.outbox.add(window.gridwardenOutbox.event(state.me.id, 'gw.officer.status',
        { lat: p.coords.latitude, lon: p.coords.longitude, status }));
      document.querySelectorAll('.status-row button').forEach((b) => b.classList.toggle('on', b.dataset.status === status));
      flush();
    }, () => { $('send-error').textContent = 'No position (allow location for this page): status not sent.'; }, { timeout: 10000 });
  }

  async function flush() {
    if (!state.outbox) return;
    if (!state.events) { outboxLine('Cannot send: this server was not told where ingest is (see docs).'); return; }
    const outcome = await state.outbox.flush((item) => item.kind === 'photo' ? window.gridwardenPhoto.send(item, state.token)
      : fetch(state.events, {
        method: 'POST', headers: { Authorization: 'Bearer ' + state.token, 'Content-Type': 'application/cloudevents+json' },
        body: JSON.stringify(item), cache: 'no-store',
      }).then((r) => r.status));
    if (outcome.stalled === 'offline') online(false);
    if (outcome.sent) setTimeout(refresh, 1500); // the answer's effect, without waiting for the next poll
    if (outcome.dropped.length) {
      $('send-error').textContent = outcome.dropped.map((d) => (d.event.kind === 'photo' ? 'photo' : d.event.data.result || d.event.type))
        .join(', ') + ' refused by gridwarden (' + outcome.dropped.map((d) => d.status).join(', ') + ')';
    }
    const list = state.outbox.list();
    const photos = list.filter((e) => e.kind === 'photo').length;
    const waiting = list.length - photos;
    outboxLine(list.length ? waiting + ' answer(s) waiting to be sent' + (photos ? ', with ' + photos + ' photo(s)' : '')
      + (outcome.stalled === 'token' ? ': sign in again' : ': sent when the link is back') : '');
    render();
  }

  function outboxLine(text) {
    $('outbox').textContent = text;
    $('outbox').hidden = !text;
  }

  // ---- cards -------------------------------------------------------------------------------------
  function render() {
    const list = $('assignments');
    // redraw only on a change, so a note being typed keeps its focus
    const photos = Object.entries(state.photos).map(([id, p]) => id + p.url);
    const signature = JSON.stringify([state.assignments, state.shapes.length, state.tapped, state.maxPhoto, photos,
      state.outbox ? state.outbox.list().map((e) => e.id) : []]);
    if (signature === state.drawn) return;
    state.drawn = signature;
    $('empty').hidden = state.assignments.length > 0;
    const notes = {};
    list.querySelectorAll('li[data-id] textarea').forEach((t) => { notes[t.closest('li').dataset.id] = t.value; });
    list.replaceChildren(...state.assignments.map((a) => card(a, notes[a.violation.id] || '')));
  }

  function card(a, note) {
    const v = a.violation;
    const queued = state.outbox ? state.outbox.list() : [];
    const waiting = queued.filter((e) => e.data && e.data.command === a.command.id);
    const photoWaiting = queued.some((e) => e.kind === 'photo' && e.violation === v.id);
    const allowed = ALLOWED[v.status] || [];
    const link = evidenceLink(v.snapshot);
    const tapped = state.tapped[v.id];
    return el('li', { class: 'card', 'data-id': v.id, 'data-status': v.status },
      el('h2', {}, label(v.category), el('span', { class: 'badge s-' + v.status }, v.status)),
      el('dl', {},
        el('dt', {}, 'where'), el('dd', {}, (v.camera || v.sensor || '') + ' · ' + (v.zone || '') + ' · ' + v.jurisdiction),
        el('dt', {}, 'seen'), el('dd', {}, stamp(v.detectedAt) + (v.label ? ' · ' + v.label : '')),
        el('dt', {}, 'respond by'), el('dd', {}, stamp(a.command.respondBy)),
        el('dt', {}, 'evidence'), el('dd', {}, link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, 'snapshot') : 'none')),
      map(v),
      el('textarea', { placeholder: 'note (optional)', maxlength: 500 }, note),
      photoField(v, allowed),
      el('div', { class: 'buttons' }, ANSWERS.map(([result, text, style]) => {
        const b = el('button', { class: style, 'data-result': result }, text);
        b.disabled = !allowed.includes(result) || waiting.some((e) => e.data.result === result);
        b.addEventListener('click', () => answer(a, result));
        return b;
      })),
      el('p', { class: 'sent' + (waiting.length ? ' waiting' : '') },
        waiting.length ? waiting.map((e) => e.data.result).join(', ') + (photoWaiting ? ' with photo' : '') + ': waiting to be sent'
          : tapped ? tapped + ': sent' : ''));
  }

  /** A photo to send with Arrived or Resolved: the phone's camera, a preview, a way to drop it. */
  function photoField(v, allowed) {
    if (!state.maxPhoto || !WITH_PHOTO.some((r) => allowed.includes(r))) return '';
    const chosen = state.photos[v.id];
    const input = el('input', { type: 'file', accept: 'image/*', capture: 'environment', class: 'photo-input' });
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      if (!file) return;
      window.gridwardenPhoto.prepare(file, state.maxPhoto).then((photo) => {
        if (state.photos[v.id]) URL.revokeObjectURL(state.photos[v.id].url);
        state.photos[v.id] = photo;
        $('send-error').textContent = '';
        render();
      }).catch((e) => { $('send-error').textContent = 'Photo not attached: ' + e.message; });
    });
    const drop = el('button', { class: 'ghost photo-drop', type: 'button' }, 'Remove');
    drop.addEventListener('click', () => { URL.revokeObjectURL(chosen.url); delete state.photos[v.id]; render(); });
    return el('div', { class: 'photo' },
      el('label', { class: 'photo-take' }, input, chosen ? 'Retake photo' : 'Add photo (sent with Arrived / Resolved)'),
      chosen ? [el('img', { class: 'photo-preview', src: chosen.url, alt: 'photo to send' }), drop] : '');
  }

  /** The violation on the town's outline around its jurisdiction (or just a marker when the town gives no outline). */
  function map(v) {
    const M = window.gridwardenMap;
    const svg = M.node('svg', { class: 'map', viewBox: '0 0 320 200', preserveAspectRatio: 'xMidYMid meet' });
    if (v.lat == null || v.lon == null) return svg;
    const around = M.pointsOf(state.shapes, v.jurisdiction);
    const f = M.frame([...around, [v.lon - 0.003, v.lat - 0.002], [v.lon + 0.003, v.lat + 0.002]], 320, 200, 12);
    svg.append(...M.shapeNodes(state.shapes, f.x, f.y));
    svg.append(M.node('circle', { cx: f.x(v.lon), cy: f.y(v.lat), r: 9, fill: 'none', stroke: '#ef4444', 'stroke-width': 3 }),
      M.node('circle', { cx: f.x(v.lon), cy: f.y(v.lat), r: 3, fill: '#ef4444', class: 'spot' }));
    return svg;
  }

  window.gridwardenOfficer = Object.freeze({ evidenceLink });

  if (state.token) {
    start().catch((e) => {
      const last = sessionStorage.getItem(LAST);
      if (e.status === 401 || !last) { sessionStorage.removeItem(TOKEN); state.token = null; return; }
      const body = JSON.parse(last); // offline: the page shell came from the service worker, the list from this session
      state.me = body.officer; state.events = body.events || null;
      state.outbox = window.gridwardenOutbox.open(state.me.id, localStorage);
      who(state.me);
      $('login').hidden = true; $('app').hidden = false;
      show(body); online(false);
      state.timer = setInterval(tick, POLL_MS);
      window.addEventListener('online', tick);
    });
  }
})();
