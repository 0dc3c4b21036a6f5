"""The IKE keys a strongSwan charon logged at ike = 4, one "NAME HEX" line each (the secrets scripts search
FlexGate's logs for them).

charon prints each as a "NAME => N bytes @ ADDRESS" line followed by hex dump lines "  0: 12 34 ...". Kept:
SKEYSEED, SK_d/ai/ar/ei/er/pi/pr ("Sk_x secret"), SK_p, the DH shared secret and the EAP MSK ("secret"),
each at least 16 octets.

Usage: python3 charon-keys.py CHARON_LOG
"""
import re, sys
keys, name, hexdump = [], None, ""
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"\] (.*?) => (\d+) bytes @", line)
    if m:
        if name and len(hexdump) >= 32:
            keys.append((name, hexdump))
        label = m.group(1)
        name = label if re.fullmatch(r"Sk_\w+ secret|SKEYSEED|SK_p|shared Diffie Hellman secret|secret", label) else None
        hexdump = ""
        continue
    d = re.search(r"\]\s+\d+: ((?:[0-9A-F]{2} ){1,16})", line)
    if d and name:
        hexdump += d.group(1).replace(" ", "").lower()
    elif name:
        if len(hexdump) >= 32:
            keys.append((name, hexdump))
        name, hexdump = None, ""
if name and len(hexdump) >= 32:
    keys.append((name, hexdump))
for n, h in keys:
    print(n.replace(" ", "_"), h)
