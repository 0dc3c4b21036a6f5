#!/usr/bin/env python3
"""On-wire helpers for dataplane-e2e.sh, run inside a network namespace (root).

  capture IFACE SRC OUT TIMEOUT -- CMD...   run CMD; save the first ESP-in-UDP packet (RFC 3948) that SRC
                                            sends out of IFACE from port 4500 as hex into OUT
  send IN COUNT [flip]                      send the saved IP packet COUNT times from a raw socket, the
                                            same bytes, or with one bit of the ESP ciphertext flipped
  echo-server ADDR PORT LOG                 UDP on ADDR: log each datagram's source address, answer with it
  probe HOST PORT TIMEOUT                   UDP: send one datagram, print the answer; exit 1 without one
"""
import os
import socket
import struct
import subprocess
import sys
import time

ETH_P_ALL = 0x0003  # outgoing frames reach only the taps of all protocols
ETH_P_IP = 0x0800
PACKET_OUTGOING = 4
ETH_HEADER = 14
UDP_HEADER = 8
NAT_T_PORT = 4500
ESP_HEADER = 8  # SPI and sequence number (RFC 4303 section 2)
LARGEST_IV = 16  # AES-CBC; AES-GCM and ChaCha20-Poly1305 carry 8
ICV = 16  # HMAC-SHA-256-128 and the 16-octet AEAD tags the tests negotiate
MAX_FRAME = 65536
MAX_DATAGRAM = 2048


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def esp_in_udp(ip):
    """(ihl, src, dst, sport, dport, payload) of an IPv4 UDP packet, else None."""
    if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != socket.IPPROTO_UDP:
        return None
    ihl = (ip[0] & 0x0F) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    sport, dport = struct.unpack("!HH", ip[ihl:ihl + 4])
    return ihl, socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20]), sport, dport, ip[ihl + UDP_HEADER:total]


def is_esp(payload):
    # RFC 3948 section 2.2: a zero non-ESP marker is IKE, a single 0xFF octet a keepalive.
    return len(payload) > ESP_HEADER + ICV and payload[:4] != b"\0\0\0\0"


def capture(iface, src, out, timeout, command):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((iface, 0))
    s.settimeout(0.2)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    found = None
    while found is None and time.monotonic() < deadline:
        try:
            frame, address = s.recvfrom(MAX_FRAME)
        except socket.timeout:
            continue
        if address[2] != PACKET_OUTGOING or frame[12:14] != struct.pack("!H", ETH_P_IP):
            continue
        ip = frame[ETH_HEADER:]
        parsed = esp_in_udp(ip)
        if parsed and parsed[1] == src and parsed[3] == NAT_T_PORT and is_esp(parsed[5]):
            found = ip[:struct.unpack("!H", ip[2:4])[0]]
    # The command only has to make the packet: once it is seen (or time is up), it may stop.
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if found is None:
        sys.exit("no ESP packet from %s:%d on %s within %ss" % (src, NAT_T_PORT, iface, timeout))
    with open(out, "w") as f:
        f.write(found.hex() + "\n")
    payload = esp_in_udp(found)[5]
    spi, seq = struct.unpack("!II", payload[:ESP_HEADER])
    print("captured ESP spi=0x%08x seq=%d length=%d" % (spi, seq, len(payload)))


def send(path, count, flip):
    ip = bytearray(bytes.fromhex(open(path).read().strip()))
    ihl, src, dst, sport, dport, payload = esp_in_udp(bytes(ip))
    esp = ihl + UDP_HEADER
    if flip:
        # One bit in the middle of the ciphertext: past the header and the largest IV, before the ICV.
        at = len(payload) // 2
        if not ESP_HEADER + LARGEST_IV <= at < len(payload) - ICV:
            sys.exit("packet too short to flip a ciphertext bit")
        ip[esp + at] ^= 0x01
    # The capture may hold a partial checksum (veth offload): compute it (RFC 768) over the bytes sent.
    udp = ihl
    ip[udp + 6:udp + 8] = b"\0\0"
    pseudo = ip[12:20] + struct.pack("!BBH", 0, socket.IPPROTO_UDP, len(ip) - ihl)
    ip[udp + 6:udp + 8] = struct.pack("!H", checksum(bytes(pseudo + ip[udp:])) or 0xFFFF)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    for _ in range(count):
        s.sendto(bytes(ip), (dst, 0))
    spi, seq = struct.unpack("!II", payload[:ESP_HEADER])
    print("sent %d x ESP spi=0x%08x seq=%d from %s:%d to %s:%d%s"
          % (count, spi, seq, src, sport, dst, dport, " with one ciphertext bit flipped" if flip else ""))


def echo_server(address, port, log):
    # Bound to the address so that answers leave from it (the address the client's NAT binding expects).
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((address, port))
    with open(log, "a", buffering=1) as out:
        while True:
            data, peer = s.recvfrom(MAX_DATAGRAM)
            out.write("from %s:%d %s\n" % (peer[0], peer[1], data.decode(errors="replace")))
            try:
                s.sendto(("seen-from %s" % peer[0]).encode(), peer)
            except OSError as e:  # no route back: the source was not translated
                out.write("  no answer to %s: %s\n" % (peer[0], e.strerror))


def probe(host, port, timeout):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    s.sendto(("probe-%d" % os.getpid()).encode(), (host, port))
    try:
        data, peer = s.recvfrom(MAX_DATAGRAM)
    except socket.timeout:
        print("no answer from %s:%d within %ss" % (host, port, timeout))
        sys.exit(1)
    print("answer from %s:%d: %s" % (peer[0], peer[1], data.decode(errors="replace")))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "capture" and len(argv) > 7 and argv[6] == "--":
        capture(argv[2], argv[3], argv[4], float(argv[5]), argv[7:])
    elif cmd == "send" and len(argv) in (4, 5):
        send(argv[2], int(argv[3]), len(argv) == 5 and argv[4] == "flip")
    elif cmd == "echo-server" and len(argv) == 5:
        echo_server(argv[2], int(argv[3]), argv[4])
    elif cmd == "probe" and len(argv) == 5:
        probe(argv[2], int(argv[3]), float(argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
