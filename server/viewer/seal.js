/* seal.js: an answer sealed to the requester's public key, in the browser.
 * ECDH P-256 with a fresh ephemeral key, HKDF-SHA256 (salt: 32 zero bytes;
 * info: "sharokey-request-v1" || requester public || ephemeral public),
 * AES-256-GCM with a fresh 12-byte IV. Public keys are uncompressed points
 * ("raw" in WebCrypto). The library opens it (sharokey-request-seal.c);
 * docs/reference/security.md has the design. */
'use strict';

const SharokeySeal = (() => {
  const CURVE = { name: 'ECDH', namedCurve: 'P-256' };
  const LABEL = new TextEncoder().encode('sharokey-request-v1');

  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /* The ephemeral key pair: fresh, or (known-answer tests only) a given JWK. */
  async function ephemeralKey(jwk) {
    if (!jwk) {
      const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
      return { privateKey: pair.privateKey,
               publicRaw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)) };
    }
    const privateKey = await crypto.subtle.importKey('jwk', jwk, CURVE, false, ['deriveBits']);
    const { d, ...publicJwk } = jwk;
    const publicKey = await crypto.subtle.importKey('jwk', publicJwk, CURVE, true, []);
    return { privateKey, publicRaw: new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)) };
  }

  /* Seals PLAINTEXT (bytes) to RECIPIENTPUBLIC (65 bytes); FIXED
   * ({ephemeralJwk, iv}) is for known-answer tests only. */
  async function seal(recipientPublic, plaintext, fixed = {}) {
    const recipient = await crypto.subtle.importKey('raw', recipientPublic, CURVE, false, []);
    const ephemeral = await ephemeralKey(fixed.ephemeralJwk);
    const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: recipient },
                                                  ephemeral.privateKey, 256);
    const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32),
        info: concat(LABEL, recipientPublic, ephemeral.publicRaw) },
      ikm, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const iv = fixed.iv || crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext));
    return { ephemeralPublic: ephemeral.publicRaw, iv, sealed };
  }

  return { seal };
})();
