/* respond.js: answers a secret request at /r/{token}.
 * The secret is encrypted here, exactly as the SDKs do; the server stores
 * it for the requester and never sees keyB, which only the share link
 * shown at the end carries. A request that comes with the requester's
 * public key is answered sealed to it instead (seal.js): no link, and
 * nothing on the server opens it. */
'use strict';

(() => {
  const S = Sharokey;
  const SECTIONS = ['loading', 'gone', 'failure', 'form', 'done', 'sealed-done'];
  const MAX_FILES = 10;
  const MAX_FILES_SIZE = 10 * 1024 * 1024;
  const { base, id: token } = S.splitPath('/r/');
  const api = `${base}/api/v1/respond/${encodeURIComponent(token)}`;
  let request = null;

  function fail(message) {
    S.text('failure-text', message);
    S.only('failure', SECTIONS);
  }

  function formError(message) {
    S.text('form-error', message);
    document.getElementById('send').disabled = false;
  }

  async function send(event) {
    event.preventDefault();
    document.getElementById('send').disabled = true;
    S.show('form-error', false);
    const secret = document.getElementById('secret-text').value;
    const files = Array.from(document.getElementById('files').files);
    if (secret.length === 0)
      return formError(S.t('type-first'));
    if ([...secret].length > 255)
      return formError(S.t('too-long'));
    if (files.length > MAX_FILES)
      return formError(S.t('too-many-files', MAX_FILES));
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (total > MAX_FILES_SIZE)
      return formError(S.t('files-too-large'));

    if (request.answer_public_key)
      return sendSealed(secret);

    const keyString = S.randomKeyString(32);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await S.deriveKey(keyString, salt);
    const body = {
      content: S.toBase64(await S.encrypt(key, iv, new TextEncoder().encode(secret))),
      iv: S.toBase64(iv),
      salt: S.toBase64(salt),
      key: keyString.slice(0, 8),
    };
    if (files.length > 0) {
      /* Same key and IV as the text: the wire format of every Sharokey
       * client (see the API documentation about this nonce reuse). */
      body.attachments = [];
      for (const file of files) {
        const data = new Uint8Array(await file.arrayBuffer());
        body.attachments.push({ name: file.name, data: S.toBase64(await S.encrypt(key, iv, data)),
                                size: data.length });
      }
      body.attachments_total_size = total;
    }

    const result = await S.api('POST', api, body);
    if (result.status === 404) {
      S.only('gone', SECTIONS);
      return;
    }
    if (result.status !== 201)
      return formError(S.errorText(result));

    const shareUrl = result.json.data.access_url + '#' + keyString.slice(8);
    const field = document.getElementById('share-url');
    field.value = shareUrl;
    const to = result.json.data.email_reply;
    if (to) {
      const mailto = document.getElementById('mailto');
      mailto.href = `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(S.t('mail-subject'))}` +
                    `&body=${encodeURIComponent(shareUrl)}`;
      mailto.textContent = S.t('mail-to', to);
      mailto.hidden = false;
    }
    document.getElementById('copy').addEventListener('click', async () => {
      await navigator.clipboard.writeText(shareUrl);
      S.announce(S.t('copied'));
    });
    document.getElementById('secret-text').value = '';
    S.only('done', SECTIONS);
    /* Keyboard and screen-reader users land on the link to send. */
    field.focus();
    field.select();
    S.announce(S.t('done-title'));
  }

  /* Text only: the requester's client opens it with its private key. */
  async function sendSealed(secret) {
    const { ephemeralPublic, iv, sealed } =
      await SharokeySeal.seal(S.fromBase64(request.answer_public_key), new TextEncoder().encode(secret));
    const result = await S.api('POST', api, {
      sealed: { ephemeral_public_key: S.toBase64(ephemeralPublic), iv: S.toBase64(iv),
                content: S.toBase64(sealed) },
    });
    if (result.status === 404) {
      S.only('gone', SECTIONS);
      return;
    }
    if (result.status !== 201)
      return formError(S.errorText(result));
    document.getElementById('secret-text').value = '';
    S.only('sealed-done', SECTIONS);
    document.getElementById('sealed-done-title').focus();
    S.announce(S.t('sealed-done-title'));
  }

  async function start() {
    if (!window.crypto || !crypto.subtle) {
      fail(S.t('no-encrypt'));
      return;
    }
    request = await S.load(api, SECTIONS);
    if (!request)
      return;
    document.getElementById('asker').textContent = S.t('asker', request.creator);
    if (request.message)
      S.text('message', request.message);
    if (request.description)
      S.text('description', request.description);
    document.getElementById('limits').textContent =
      S.plural('opens', request.maximum_views) + ' ' +
      S.plural('expires-after', request.secret_expiration_hours);
    if (request.answer_public_key) {
      document.getElementById('files-block').hidden = true;
      document.getElementById('sealed-note').hidden = false;
    }
    const area = document.getElementById('secret-text');
    area.addEventListener('input', () => {
      document.getElementById('counter').textContent = `${[...area.value].length} / 255`;
    });
    document.getElementById('form').addEventListener('submit', send);
    S.only('form', SECTIONS);
  }

  start();
})();
