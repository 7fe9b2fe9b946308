// gridwarden officer's page: the outbox. Every tap becomes a CloudEvent with its id fixed at the tap, kept in
// localStorage (no token in it) until ingest has stored it (202). Sent in order; when the link is down or ingest is
// busy it waits and is sent again with the same ids, which ingest de-duplicates, so a repeat is harmless. A photo
// taken with a tap waits in it too, ahead of the tap's event ({kind: 'photo'}; alerting keeps a photo sent twice once).
(function () {
  'use strict';

  /** Codes after which an event can never be accepted as it is: it is dropped and the officer told. */
  const HOPELESS = new Set([400, 403, 413, 415]);
  /** …and, for a photo: no longer this officer's violation, as many photos as it takes, a server that keeps none. */
  const HOPELESS_PHOTO = new Set([404, 409, 501]);
  const hopeless = (item, status) => HOPELESS.has(status) || (item.kind === 'photo' && HOPELESS_PHOTO.has(status));

  function open(officerId, storage) {
    const key = 'gw.officer.outbox.' + officerId;
    let flushing = false;
    const read = () => { try { return JSON.parse(storage.getItem(key)) || []; } catch (e) { return []; } };
    const write = (events) => storage.setItem(key, JSON.stringify(events));

    return Object.freeze({
      list: read,
      /** Adds items in one write: all are kept, or (no room left: an exception) none. */
      add(...items) { write([...read(), ...items]); },
      /**
       * Sends what waits, oldest first, with `send(event)` → Promise of the HTTP status (rejected: no link).
       * Resolves to {sent, dropped: [{event, status}], stalled: null | 'offline' | 'token' | 'busy'}.
       */
      async flush(send) {
        const outcome = { sent: 0, dropped: [], stalled: null };
        if (flushing) { return outcome; }
        flushing = true;
        try {
          for (const event of read()) {
            let status;
            try { status = await send(event); } catch (e) { outcome.stalled = 'offline'; break; }
            if (status === 401) { outcome.stalled = 'token'; break; }
            if (hopeless(event, status)) {
              outcome.dropped.push({ event, status });
            } else if (status < 200 || status >= 300) {
              outcome.stalled = 'busy'; break; // 429, 503, …: later, same id
            } else {
              outcome.sent++;
            }
            write(read().filter((e) => e.id !== event.id));
          }
        } finally {
          flushing = false;
        }
        return outcome;
      },
    });
  }

  /** The time and 12 random bytes, for an id nobody else makes. */
  function unique() {
    const random = crypto.getRandomValues(new Uint8Array(12));
    return Date.now().toString(36) + '-' + Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** A CloudEvent from this officer's handset, its id fixed now (the idempotency key for every resend). */
  function event(officerId, type, data) {
    const id = officerId + '-web-' + unique();
    return { specversion: '1.0', id, source: officerId, type, time: new Date().toISOString(), data };
  }

  /** A photo for the violation (a {type, base64} the page made), to send before the answer of `command` queued with it. */
  function photo(violation, command, picture) {
    const id = 'photo-' + unique();
    return { kind: 'photo', id, violation, command, type: picture.type, base64: picture.base64 };
  }

  window.gridwardenOutbox = Object.freeze({ open, event, photo });
})();
