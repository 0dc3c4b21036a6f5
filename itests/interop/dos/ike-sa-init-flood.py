#!/usr/bin/env python3
"""A bounded flood of valid IKE_SA_INIT requests (RFC 7296 section 1.2) from many source addresses.

Usage: ike-sa-init-flood.py TARGET SOURCES_FILE MAX_PACKETS MAX_SECONDS [RATE]

Each request offers AES-GCM-16-256 / PRF-HMAC-SHA2-256 / Curve25519 with a well-formed KE (a random 32-octet
X25519 value, which the responder must really agree on), a nonce and a fresh random initiator SPI, so an
accepted request costs the responder a Diffie-Hellman computation and a half-open SA. Requests go out
round-robin from every address in SOURCES_FILE (one per line, already on a local interface) as fast as
one Python thread can send (or at most RATE per second when given); the flood stops by itself after MAX_PACKETS requests or MAX_SECONDS, whichever
comes first. Answers are counted by kind and a JSON summary is printed: requests sent and per second, and
answers with an SA (a half-open SA was created), with a COOKIE notify (RFC 7296 section 2.6), with any
other notify, and requests left unanswered (refused silently).
"""
import json
import os
import socket
import struct
import sys
import time

IKE_PORT = 500
# IANA IKEv2 registry values (RFC 7296 section 3).
PAYLOAD_SA, PAYLOAD_KE, PAYLOAD_NOTIFY, PAYLOAD_NONCE = 33, 34, 41, 40
EXCHANGE_IKE_SA_INIT = 34
FLAG_INITIATOR, FLAG_RESPONSE = 0x08, 0x20
TRANSFORM_ENCR, TRANSFORM_PRF, TRANSFORM_DH = 1, 2, 4
ENCR_AES_GCM_16, PRF_HMAC_SHA2_256, DH_CURVE25519 = 20, 5, 31
ATTRIBUTE_KEY_LENGTH = 0x800E
NOTIFY_COOKIE = 16390
HEADER_LENGTH = 28
# Wait for late answers after the last request.
DRAIN_SECONDS = 1.0


def transform(more, kind, ident, attributes=b""):
    return struct.pack("!BBHBBH", 3 if more else 0, 0, 8 + len(attributes), kind, 0, ident) + attributes


def request_template():
    """An IKE_SA_INIT request with a zero initiator SPI, patched per packet."""
    transforms = (transform(True, TRANSFORM_ENCR, ENCR_AES_GCM_16, struct.pack("!HH", ATTRIBUTE_KEY_LENGTH, 256))
                  + transform(True, TRANSFORM_PRF, PRF_HMAC_SHA2_256)
                  + transform(False, TRANSFORM_DH, DH_CURVE25519))
    proposal = struct.pack("!BBHBBBB", 0, 0, 8 + len(transforms), 1, 1, 0, 3) + transforms
    sa = struct.pack("!BBH", PAYLOAD_KE, 0, 4 + len(proposal)) + proposal
    public = bytearray(os.urandom(32))
    public[31] &= 0x7F  # RFC 7748 section 5: the top bit of a u-coordinate is masked; keep it canonical
    ke = struct.pack("!BBHHH", PAYLOAD_NONCE, 0, 8 + len(public), DH_CURVE25519, 0) + bytes(public)
    nonce = os.urandom(32)
    body = sa + ke + struct.pack("!BBH", 0, 0, 4 + len(nonce)) + nonce
    header = bytes(16) + struct.pack("!BBBBII", PAYLOAD_SA, 0x20, EXCHANGE_IKE_SA_INIT, FLAG_INITIATOR, 0,
                                     HEADER_LENGTH + len(body))
    return bytearray(header + body)


def classify(answer, counts):
    if len(answer) < HEADER_LENGTH or not answer[19] & FLAG_RESPONSE:
        counts["other"] += 1
    elif answer[16] == PAYLOAD_SA:
        counts["sa"] += 1
    elif answer[16] == PAYLOAD_NOTIFY and len(answer) >= HEADER_LENGTH + 8:
        kind = struct.unpack_from("!H", answer, HEADER_LENGTH + 6)[0]
        counts["cookie" if kind == NOTIFY_COOKIE else "notify-%d" % kind] = \
            counts.get("cookie" if kind == NOTIFY_COOKIE else "notify-%d" % kind, 0) + 1
    else:
        counts["other"] += 1


def drain(sock, counts):
    while True:
        try:
            classify(sock.recv(65535), counts)
        except BlockingIOError:
            return


def main():
    target, sources_file, max_packets, max_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    rate = float(sys.argv[5]) if len(sys.argv) > 5 and float(sys.argv[5]) > 0 else 0.0
    with open(sources_file) as f:
        sources = [line.strip() for line in f if line.strip()]
    sockets = []
    for address in sources:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        s.bind((address, 0))
        s.setblocking(False)
        s.connect((target, IKE_PORT))
        sockets.append(s)
    packet = request_template()
    counts = {"sa": 0, "cookie": 0, "other": 0}
    spi = int.from_bytes(os.urandom(8), "big") | 1
    sent = send_errors = 0
    start = time.monotonic()
    deadline = start + max_seconds
    while sent < max_packets and time.monotonic() < deadline:
        for s in sockets:
            spi = (spi * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
            struct.pack_into("!Q", packet, 0, spi or 1)
            try:
                s.send(packet)
                sent += 1
            except (BlockingIOError, ConnectionRefusedError):
                send_errors += 1
        for s in sockets:
            drain(s, counts)
        if rate:
            ahead = start + sent / rate - time.monotonic()
            if ahead > 0:
                time.sleep(max(0.0, min(ahead, deadline - time.monotonic())))
    elapsed = time.monotonic() - start
    end = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < end:
        for s in sockets:
            drain(s, counts)
        time.sleep(0.05)
    answered = sum(counts.values())
    print(json.dumps({"sources": len(sources), "sent": sent, "send_errors": send_errors,
                      "seconds": round(elapsed, 2), "packets_per_second": int(sent / elapsed) if elapsed else 0,
                      "answers": counts, "unanswered": sent - answered}))


if __name__ == "__main__":
    main()
