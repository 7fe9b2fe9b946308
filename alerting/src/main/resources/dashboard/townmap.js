// gridwarden: the town's outline (GET /v1/town/map, /v1/officer/map) drawn as SVG, shared by the dashboard and
// the officer's page. Plain JS, no build step, nothing fetched from the internet.
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const STYLE = {
    boundary: { fill: '#16233f', stroke: '#3b4f7a', 'stroke-width': 1.5, 'fill-rule': 'evenodd', 'fill-opacity': 0.8 },
    road: { fill: 'none', stroke: '#64748b', 'stroke-width': 2, 'stroke-dasharray': '6 3', 'stroke-linecap': 'round' },
    river: { fill: 'none', stroke: '#0ea5e9', 'stroke-width': 2.5, 'stroke-opacity': 0.7, 'stroke-linecap': 'round' },
  };

  function node(tag, attrs) {
    const n = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
    return n;
  }

  /** Every [lon, lat] of these shapes (only those of `jurisdiction` when given). */
  function pointsOf(shapes, jurisdiction) {
    return (shapes || []).filter((s) => !jurisdiction || s.jurisdiction === jurisdiction)
      .flatMap((s) => s.paths.flat());
  }

  /** x(lon), y(lat) fitting [lon, lat] points into width × height with `pad` around, north up, metres square. */
  function frame(points, width, height, pad) {
    const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
    const minLon = Math.min(...lons), maxLon = Math.max(...lons), minLat = Math.min(...lats), maxLat = Math.max(...lats);
    const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const scale = Math.min((width - 2 * pad) / Math.max((maxLon - minLon) * k, 1e-5), (height - 2 * pad) / Math.max(maxLat - minLat, 1e-5));
    const ox = (width - (maxLon - minLon) * k * scale) / 2, oy = (height - (maxLat - minLat) * scale) / 2;
    return { x: (lon) => ox + (lon - minLon) * k * scale, y: (lat) => height - oy - (lat - minLat) * scale };
  }

  /** SVG nodes for the shapes: boundaries filled (with their name), roads and rivers as lines, under whatever comes next. */
  function shapeNodes(shapes, x, y) {
    const order = ['boundary', 'river', 'road'];
    const sorted = [...(shapes || [])].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    const nodes = [];
    sorted.forEach((s) => {
      const closed = s.kind === 'boundary';
      const d = s.paths.map((path) => path.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1)).join(' ')
        + (closed ? ' Z' : '')).join(' ');
      nodes.push(node('path', Object.assign({ d, class: 'shape ' + s.kind, 'data-jurisdiction': s.jurisdiction || '' }, STYLE[s.kind])));
    });
    sorted.filter((s) => s.kind === 'boundary' && (s.name || s.jurisdiction)).forEach((s) => {
      const pts = s.paths[0];
      const xs = pts.map((p) => x(p[0])), ys = pts.map((p) => y(p[1]));
      const label = node('text', { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: Math.min(...ys) + 18, fill: '#8b9bb8',
        'font-size': 13, 'text-anchor': 'middle' });
      label.textContent = s.jurisdiction || s.name;
      const title = node('title', {});
      title.textContent = s.name || s.jurisdiction;
      label.append(title);
      nodes.push(label);
    });
    return nodes;
  }

  window.gridwardenMap = Object.freeze({ node, pointsOf, frame, shapeNodes });
})();
