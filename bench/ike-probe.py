#!/usr/bin/env python3
"""Time until a responder answers an IKE_SA_INIT (RFC 7296 section 1.2) on UDP 500.

Usage: ike-probe.py HOST START_EPOCH TIMEOUT_S

Sends a minimal IKE_SA_INIT request (SA: AES-GCM-16-128, PRF-HMAC-SHA2-256, Curve25519; KE; Nonce) every
PROBE_INTERVAL seconds until a datagram comes back whose IKE header carries our initiator SPI, then
prints the seconds elapsed since START_EPOCH (the moment the responder process was launched). Any answer
counts (a proper response, INVALID_KE_PAYLOAD or COOKIE): it proves the responder is serving IKE. Exits 1
when nothing answered within TIMEOUT_S.
"""
import os
import socket
import struct
import sys
import time

PROBE_INTERVAL = 0.05
IKE_PORT = 500
# RFC 7296 section 3: payload types, exchange type, transform types and IDs (IANA IKEv2 registry).
PAYLOAD_SA, PAYLOAD_KE, PAYLOAD_NONCE = 33, 34, 40
EXCHANGE_IKE_SA_INIT = 34
FLAG_INITIATOR = 0x08
ENCR, PRF, DH = 1, 2, 4
ENCR_AES_GCM_16, PRF_HMAC_SHA2_256, DH_CURVE25519 = 20, 5, 31
ATTR_KEY_LENGTH_TV = 0x800E


def transform(last, ttype, tid, attrs=b""):
    return struct.pack("!BBHBBH", 0 if last else 3, 0, 8 + len(attrs), ttype, 0, tid) + attrs


def ike_sa_init(spi_i):
    transforms = (transform(False, ENCR, ENCR_AES_GCM_16, struct.pack("!HH", ATTR_KEY_LENGTH_TV, 128))
                  + transform(False, PRF, PRF_HMAC_SHA2_256)
                  + transform(True, DH, DH_CURVE25519))
    proposal = struct.pack("!BBHBBBB", 0, 0, 8 + len(transforms), 1, 1, 0, 3) + transforms
    sa = struct.pack("!BBH", PAYLOAD_KE, 0, 4 + len(proposal)) + proposal
    key = os.urandom(32)
    ke = struct.pack("!BBHHH", PAYLOAD_NONCE, 0, 8 + len(key), DH_CURVE25519, 0) + key
    nonce_data = os.urandom(32)
    nonce = struct.pack("!BBH", 0, 0, 4 + len(nonce_data)) + nonce_data
    body = sa + ke + nonce
    header = spi_i + bytes(8) + struct.pack("!BBBBII", PAYLOAD_SA, 0x20, EXCHANGE_IKE_SA_INIT, FLAG_INITIATOR,
                                            0, 28 + len(body))
    return header + body


def main():
    host, start, timeout = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    spi_i = os.urandom(8)
    request = ike_sa_init(spi_i)
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.settimeout(PROBE_INTERVAL)
            try:
                s.sendto(request, (host, IKE_PORT))
                data = s.recv(65535)
                if len(data) >= 28 and data[:8] == spi_i:
                    print("%.3f" % (time.time() - start))
                    return 0
            except (socket.timeout, ConnectionRefusedError, OSError):
                time.sleep(PROBE_INTERVAL)
    return 1


if __name__ == "__main__":
    sys.exit(main())
