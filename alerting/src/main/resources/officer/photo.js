// gridwarden officer's page: photos. A photo from the phone's camera is shrunk here (about 1600 pixels on its long
// side, JPEG) to a few hundred KB: quick on a poor link, and small enough to wait in the outbox (localStorage) while
// there is none. It goes to alerting (POST /v1/officer/assignments/{id}/photos), which keeps it as evidence on the
// violation's timeline. Plain JS, no build step.
(function () {
  'use strict';
  const LONG_SIDE = 1600;
  const QUALITY = 0.8;
  const TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

  /** The photo as {type, base64, url (blob: URL, for its preview), size}; rejects with a reason the officer can act on. */
  async function prepare(file, maxBytes) {
    const blob = (await shrunk(file)) || file;
    if (!TYPES.has(blob.type)) throw new Error('this photo\'s format cannot be sent: set the camera to JPEG');
    if (blob.size > maxBytes) throw new Error('this photo is too large to send (' + Math.round(blob.size / 1024) + ' KB)');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { type: blob.type, base64: toBase64(bytes), url: URL.createObjectURL(blob), size: blob.size };
  }

  async function shrunk(file) {
    try {
      const bitmap = await createImageBitmap(file); // turned upright by its EXIF orientation
      const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return await new Promise((done) => canvas.toBlob(done, 'image/jpeg', QUALITY));
    } catch (e) {
      return null; // a format this browser cannot draw: sent as it is, if it is one the server keeps
    }
  }

  function toBase64(bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  }

  function fromBase64(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  /** Sends an outbox photo with the officer's token; resolves to the HTTP status (rejects: no link). */
  function send(item, token) {
    return fetch('/v1/officer/assignments/' + encodeURIComponent(item.violation) + '/photos', {
      method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': item.type },
      body: new Blob([fromBase64(item.base64)], { type: item.type }), cache: 'no-store',
    }).then((r) => r.status);
  }

  window.gridwardenPhoto = Object.freeze({ prepare, send });
})();
