// gridwarden officer's page: the service worker keeps the page shell so the page opens with no link; the API is
// never cached (answers are per officer and carry their token's view). Needs https, or http on localhost.
'use strict';
const SHELL = 'gw-officer-shell-v1';
const FILES = ['./', 'index.html', 'officer.css', 'officer.js', 'outbox.js', 'photo.js', '/townmap.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/v1/')) {
    return; // events to ingest, and the API: straight to the network
  }
  // the shell: the network first (so an update shows), the cache when the link is down
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true })));
});
