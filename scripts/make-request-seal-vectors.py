#!/usr/bin/env python3
"""Writes tests/data/request-seal-vectors.json: known answers for answers
sealed to a requester (docs/reference/security.md), computed with an
implementation independent of the library (python3-cryptography), so that
the C code and the response page's WebCrypto code are both checked against
a third party rather than against themselves."""
import base64
import json
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

LABEL = b"sharokey-request-v1"


def b64(data):
    return base64.b64encode(data).decode()


def public_raw(private):
    return private.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def jwk(private):
    numbers = private.private_numbers()
    pub = numbers.public_numbers

    def url(value):
        return base64.urlsafe_b64encode(value.to_bytes(32, "big")).rstrip(b"=").decode()

    return {"kty": "EC", "crv": "P-256", "x": url(pub.x), "y": url(pub.y), "d": url(numbers.private_value)}


def vector(name, recipient_d, ephemeral_d, iv, plaintext):
    recipient = ec.derive_private_key(recipient_d, ec.SECP256R1())
    ephemeral = ec.derive_private_key(ephemeral_d, ec.SECP256R1())
    recipient_pub, ephemeral_pub = public_raw(recipient), public_raw(ephemeral)
    shared = ephemeral.exchange(ec.ECDH(), recipient.public_key())
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=bytes(32),
               info=LABEL + recipient_pub + ephemeral_pub).derive(shared)
    sealed = AESGCM(key).encrypt(iv, plaintext, None)
    return {
        "name": name,
        "recipient_private": b64(recipient_d.to_bytes(32, "big")),
        "recipient_jwk": jwk(recipient),
        "recipient_public": b64(recipient_pub),
        "ephemeral_private": b64(ephemeral_d.to_bytes(32, "big")),
        "ephemeral_jwk": jwk(ephemeral),
        "ephemeral_public": b64(ephemeral_pub),
        "shared_x": b64(shared),
        "aes_key": b64(key),
        "iv": b64(iv),
        "plaintext": b64(plaintext),
        "sealed": b64(sealed),
    }


def main():
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    vectors = [
        vector("short text", 0x1F2E3D4C5B6A79881726354453627180A9B8C7D6E5F40312213243546576879A,
               0x0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20,
               bytes(range(12)), "hunter2 — mot de passe".encode()),
        vector("empty answer", 0x42, 0x43, bytes(12), b""),
        vector("scalars near the order", order - 1, order - 2,
               bytes([0xFF] * 12), bytes(range(256)) * 4),
    ]
    document = {
        "description": "Answers sealed to a requester: ECDH P-256, HKDF-SHA256 (salt: 32 zero bytes; "
                       "info: 'sharokey-request-v1' || recipient public || ephemeral public), AES-256-GCM "
                       "(12-byte IV, no associated data, tag appended). Public keys are uncompressed points. "
                       "Made by scripts/make-request-seal-vectors.py with python3-cryptography.",
        "vectors": vectors,
    }
    json.dump(document, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
