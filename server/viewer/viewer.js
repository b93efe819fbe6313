/* viewer.js: opens a secret at /s/{slug}#keyB.
 * Loading the page only reads metadata; the view is consumed when the
 * recipient presses "Reveal" (link scanners must not burn secrets). */
'use strict';

(() => {
  const S = Sharokey;
  const SECTIONS = ['loading', 'gone', 'failure', 'intro', 'secret'];
  const { base, id: slug } = S.splitPath('/s/');
  const api = `${base}/api/v1/viewer/${encodeURIComponent(slug)}`;
  const keyB = location.hash.slice(1);
  let captchaId = null;

  function fail(message) {
    S.text('failure-text', message);
    S.only('failure', SECTIONS);
  }

  async function loadCaptcha() {
    const result = await S.api('GET', `${api}/captcha`);
    if (result.status === 200) {
      captchaId = result.json.data.captcha_id;
      document.getElementById('captcha-question').textContent = result.json.data.question;
      document.getElementById('captcha-answer').value = '';
    }
  }

  async function sendOtp() {
    const button = document.getElementById('otp-send');
    button.disabled = true;
    const result = await S.api('POST', `${api}/otp`, {});
    if (result.status === 200)
      S.text('otp-note', S.t('otp-sent', result.json.data.otp_receiver_hint));
    else
      S.text('otp-note', S.errorText(result));
    button.disabled = false;
  }

  async function showSecret(data) {
    let key, plain;
    try {
      const salt = S.fromBase64(data.salt);
      const iv = S.fromBase64(data.iv);
      key = await S.deriveKey(data.key + keyB, salt);
      plain = await S.decrypt(key, iv, S.fromBase64(data.content));

      const list = document.getElementById('attachments');
      for (const file of data.attachments || []) {
        const bytes = await S.decrypt(key, iv, S.fromBase64(file.data));
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
        link.download = file.name;
        link.textContent = file.name;
        const item = document.createElement('li');
        item.append(link, ` (${S.formatSize(bytes.length)})`);
        list.append(item);
      }
      S.show('files', (data.attachments || []).length > 0);
    } catch (e) {
      fail(S.t('wrong-key'));
      return;
    }
    const content = document.getElementById('content');
    content.textContent = new TextDecoder('utf-8').decode(plain);
    document.getElementById('remaining').textContent = data.remaining_views > 0
      ? S.plural('remaining', data.remaining_views)
      : S.t('destroyed');
    /* The key is no longer needed in the address bar or the history. */
    history.replaceState(null, '', location.pathname);
    S.only('secret', SECTIONS);
    /* Keyboard and screen-reader users land on the secret, and hear it was revealed. */
    content.focus();
    S.announce(S.t('secret-shown'));
  }

  async function reveal(event) {
    event.preventDefault();
    const button = document.getElementById('reveal');
    button.disabled = true;
    S.show('reveal-error', false);
    const body = {};
    const password = document.getElementById('password').value;
    if (password)
      body.password = password;
    if (captchaId) {
      body.captcha_id = captchaId;
      body.captcha_answer = document.getElementById('captcha-answer').value.trim();
    }
    const otp = document.getElementById('otp-code').value.trim();
    if (otp)
      body.otp_code = otp;

    const result = await S.api('POST', `${api}/reveal`, body);
    if (result.status === 200) {
      await showSecret(result.json.data);
      return;
    }
    if (result.status === 404) {
      S.only('gone', SECTIONS);
      return;
    }
    S.text('reveal-error', S.errorText(result));
    if (captchaId)
      await loadCaptcha();
    button.disabled = false;
    const wrong = result.json && result.json.error && result.json.error.details;
    const field = { password: 'password', captcha: 'captcha-answer', otp_code: 'otp-code' }[
      wrong ? Object.keys(wrong)[0] : ''];
    if (field && !document.getElementById(field).closest('[hidden]'))
      document.getElementById(field).focus();
  }

  async function start() {
    if (!/^[A-Za-z0-9]{24}$/.test(keyB)) {
      fail(S.t('incomplete-link'));
      return;
    }
    if (!window.crypto || !crypto.subtle) {
      fail(S.t('no-decrypt'));
      return;
    }
    const meta = await S.load(api, SECTIONS);
    if (!meta)
      return;
    if (meta.message)
      S.text('message', meta.message);
    document.getElementById('views-note').textContent =
      S.plural('views-until', meta.remaining_views, S.formatDate(meta.expiration));
    if (meta.attachments_count > 0)
      S.text('attachments-note', S.plural('files-attached', meta.attachments_count));
    if (meta.geolocation_note)
      S.text('geo-note', meta.geolocation_note);
    S.show('password-box', meta.requires_password);
    S.show('otp-box', meta.requires_otp);
    if (meta.requires_captcha) {
      S.show('captcha-box');
      await loadCaptcha();
    }
    /* A real form: Enter in any field reveals, as the button does. */
    document.getElementById('intro').addEventListener('submit', reveal);
    document.getElementById('otp-send').addEventListener('click', sendOtp);
    document.getElementById('copy').addEventListener('click', async () => {
      await navigator.clipboard.writeText(document.getElementById('content').textContent);
      S.announce(S.t('copied'));
    });
    S.only('intro', SECTIONS);
  }

  start();
})();
