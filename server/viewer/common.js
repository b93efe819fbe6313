/* common.js: helpers shared by the viewer and the request page.
 * Sharokey's scheme: PBKDF2-HMAC-SHA256 (10 000 iterations) over the
 * 32-character key string keyA+keyB, then AES-256-GCM with the tag
 * appended; standard base64 on the wire. */
'use strict';

const Sharokey = (() => {
  const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  /* The page's language and its messages, from the server's catalogue:
   * {lang, plural: the catalogue's Plural-Forms rule, texts: {id: text or [forms]}}. */
  const PAGE = JSON.parse(document.getElementById('page-texts').textContent);
  const pluralIndex = compilePlural(PAGE.plural);

  /* The rule is a C expression of n (gettext's Plural-Forms). The page may
   * not eval (its Content-Security-Policy forbids it, rightly), so it is
   * parsed here: ?:, ||, &&, comparisons, + - * / %, !, parentheses. */
  function compilePlural(rule) {
    const tokens = String(rule).match(/\d+|n|&&|\|\||[=!<>]=|[-+*\/%?:()<>!]/g) || [];
    let at = 0;
    const peek = () => tokens[at];
    const next = () => tokens[at++];
    const binary = (operand, ops) => () => {
      let left = operand();
      while (ops[peek()]) {
        const op = ops[next()], l = left, r = operand();
        left = (n) => op(l(n), r(n));
      }
      return left;
    };
    const primary = () => {
      const token = next();
      if (token === 'n')
        return (n) => n;
      if (token === '(') {
        const inner = ternary();
        if (next() !== ')')
          throw new Error('plural rule: ) expected');
        return inner;
      }
      if (token === '!') {
        const operand = primary();
        return (n) => (operand(n) ? 0 : 1);
      }
      if (/^\d+$/.test(token || '')) {
        const value = Number(token);
        return () => value;
      }
      throw new Error('plural rule: unexpected ' + token);
    };
    const b = (f) => (x, y) => (f(x, y) ? 1 : 0);
    const mul = binary(primary, { '*': (x, y) => x * y, '/': (x, y) => Math.trunc(x / y), '%': (x, y) => x % y });
    const add = binary(mul, { '+': (x, y) => x + y, '-': (x, y) => x - y });
    const rel = binary(add, { '<': b((x, y) => x < y), '>': b((x, y) => x > y),
                              '<=': b((x, y) => x <= y), '>=': b((x, y) => x >= y) });
    const eq = binary(rel, { '==': b((x, y) => x === y), '!=': b((x, y) => x !== y) });
    const and = binary(eq, { '&&': b((x, y) => x && y) });
    const or = binary(and, { '||': b((x, y) => x || y) });
    function ternary() {
      const condition = or();
      if (peek() !== '?')
        return condition;
      next();
      const yes = ternary();
      if (next() !== ':')
        throw new Error('plural rule: : expected');
      const no = ternary();
      return (n) => (condition(n) ? yes(n) : no(n));
    }
    try {
      const rule = ternary();
      if (at !== tokens.length)
        throw new Error('plural rule: trailing ' + peek());
      return rule;
    } catch (e) {
      return (n) => (n !== 1 ? 1 : 0);
    }
  }

  /* printf's %s, %d, %N$s, %N$d and %% (the catalogue checks them as C formats). */
  function format(text, args) {
    let next = 0;
    return text.replace(/%(?:(\d+)\$)?([sd%])/g, (all, position, kind) => {
      if (kind === '%')
        return '%';
      const value = args[position ? Number(position) - 1 : next++];
      return kind === 'd' ? String(Math.trunc(Number(value))) : String(value);
    });
  }

  /* The text of ID, its %s and %d replaced by ARGS. */
  function t(id, ...args) {
    const text = PAGE.texts[id];
    if (typeof text !== 'string')
      throw new Error(`no page text ${id}`);
    return format(text, args);
  }

  /* The form of the plural message ID for COUNT, with COUNT as its first argument. */
  function plural(id, count, ...args) {
    const forms = PAGE.texts[id];
    if (!Array.isArray(forms))
      throw new Error(`no plural page text ${id}`);
    const index = Math.min(Math.max(Number(pluralIndex(count)) || 0, 0), forms.length - 1);
    return format(forms[index], [count, ...args]);
  }

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
    /* The server's messages (wrong password, the captcha...) in the page's language. */
    const init = { method, cache: 'no-store', credentials: 'omit',
                   headers: { Accept: 'application/json', 'Accept-Language': PAGE.lang } };
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
      return t('unreachable');
    if (result.status === 429)
      return t('rate-limited');
    const j = result.json;
    return (j && ((j.error && j.error.message) || j.message)) || t('http-error', result.status);
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

  /* Tells screen readers what just changed (a live region). */
  function announce(message) {
    document.getElementById('status').textContent = message;
  }

  function formatSize(bytes) {
    const number = new Intl.NumberFormat(PAGE.lang, { maximumFractionDigits: 1 });
    if (bytes < 1024)
      return t('size-bytes', number.format(bytes));
    if (bytes < 1024 * 1024)
      return t('size-kb', number.format(bytes / 1024));
    return t('size-mb', number.format(bytes / 1024 / 1024));
  }

  function formatDate(iso) {
    return new Date(iso).toLocaleString(PAGE.lang);
  }

  return { fromBase64, toBase64, deriveKey, decrypt, encrypt, randomKeyString, splitPath,
           api, load, errorText, show, only, text, t, plural, announce, formatSize, formatDate };
})();
