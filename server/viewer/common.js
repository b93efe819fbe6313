/* common.js: helpers shared by the viewer and the request page.
 * Sharokey's scheme: PBKDF2-HMAC-SHA256 (10 000 iterations) over the
 * 32-character key string keyA+keyB, then AES-256-GCM with the tag
 * appended; standard base64 on the wire. */
'use strict';

const Sharokey = (() => {
  const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

  function fromBase64(text) {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++)
      out[i] = binary.charCodeAt(i);
    return out;
  }

  function toBase64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function deriveKey(keyString, salt) {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(keyString),
                                                   'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: 10000, hash: 'SHA-256' },
                                   material, { name: 'AES-GCM', length: 256 }, false,
                                   ['encrypt', 'decrypt']);
  }

  async function decrypt(key, iv, data) {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
  }

  async function encrypt(key, iv, data) {
    return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data));
  }

  /* Uniform over the 62 characters (rejection sampling). */
  function randomKeyString(length) {
    let out = '';
    while (out.length < length) {
      const bytes = crypto.getRandomValues(new Uint8Array(64));
      for (const b of bytes)
        if (b < 248 && out.length < length)
          out += CHARSET[b % 62];
    }
    return out;
  }

  /* The part of the path before /s/ or /r/, so that the pages also work
   * behind a reverse proxy that adds a prefix. */
  function splitPath(marker) {
    const path = location.pathname;
    const at = path.lastIndexOf(marker);
    return { base: path.slice(0, at), id: decodeURIComponent(path.slice(at + marker.length)) };
  }

  async function api(method, url, body) {
    const init = { method, cache: 'no-store', credentials: 'omit', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      return { status: 0, json: null };
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    return { status: response.status, json };
  }

  /* GET the data a page starts from. On 404 shows the "gone" section, on
   * another failure the "failure" one, and returns null. */
  async function load(url, sections) {
    const result = await api('GET', url);
    if (result.status === 200)
      return result.json.data;
    if (result.status === 404) {
      only('gone', sections);
    } else {
      text('failure-text', errorText(result));
      only('failure', sections);
    }
    return null;
  }

  function errorText(result) {
    if (result.status === 0)
      return 'The server cannot be reached.';
    const j = result.json;
    return (j && ((j.error && j.error.message) || j.message)) || ('HTTP ' + result.status);
  }

  function show(id, visible = true) {
    document.getElementById(id).hidden = !visible;
  }

  function only(id, ids) {
    for (const other of ids)
      show(other, other === id);
  }

  function text(id, value) {
    const element = document.getElementById(id);
    element.textContent = value;
    element.hidden = false;
  }

  /* "1 file", "3 files": the pages speak English, with real plurals. */
  function count(n, one, many) {
    return `${n} ${n === 1 ? one : many}`;
  }

  function formatSize(bytes) {
    if (bytes < 1024)
      return bytes + ' B';
    if (bytes < 1024 * 1024)
      return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  return { fromBase64, toBase64, deriveKey, decrypt, encrypt, randomKeyString, splitPath,
           api, load, errorText, show, only, text, count, formatSize };
})();
