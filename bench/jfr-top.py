#!/usr/bin/env python3
"""Where a FlexGate JVM spent its CPU, from a JFR recording (jcmd PID JFR.start settings=profile ...).

Usage: jfr-top.py RECORDING.jfr [TOP_N]

Reads the jdk.ExecutionSample events (`jfr print --json --stack-depth 96`) and prints
 1. samples per cost category: each sample is walked from the leaf towards the root and charged to the first
    frame that matches a rule of CATEGORIES (so BigInteger.modPow under RSACore counts as RSA, a HashMap lookup
    under the IKE codec counts as codec);
 2. the TOP_N hottest leaf methods (self time);
 3. samples per thread-name family (digits removed);
 4. the total garbage-collection pause time (jdk.GarbageCollection).
"""
import collections
import json
import re
import subprocess
import sys

STACK_DEPTH = 96
# (category, frame prefixes) in no particular order: the first matching frame from the leaf decides.
CATEGORIES = [
    ("RSA signature (sign/verify)", ("sun.security.rsa.", "org.bouncycastle.crypto.signers.RSA",
                                     "org.bouncycastle.crypto.engines.RSA", "org.bouncycastle.jcajce.provider.asymmetric.rsa",
                                     "io.flexgate.ikev2.crypto.SignatureAuth")),
    ("X.509 / PKIX", ("sun.security.x509.", "sun.security.provider.certpath.", "java.security.cert.",
                      "org.bouncycastle.cert.", "org.bouncycastle.asn1.")),
    ("DH / ECDH (X25519, ECP, MODP)", ("org.bouncycastle.math.ec.", "org.bouncycastle.crypto.agreement.",
                                       "org.bouncycastle.math.raw.", "sun.security.ec.", "com.sun.crypto.provider.DH",
                                       "javax.crypto.KeyAgreement", "io.flexgate.ikev2.crypto.Dh",
                                       "io.flexgate.ikev2.crypto.X25519", "io.flexgate.ikev2.crypto.Ecp",
                                       "io.flexgate.ikev2.crypto.Modp")),
    ("EAP-MSCHAPv2 (NT hash, DES, SHA-1)", ("io.flexgate.eap.mschapv2.", "org.bouncycastle.crypto.digests.MD4",
                                            "org.bouncycastle.crypto.engines.DES", "com.sun.crypto.provider.DES")),
    ("PBKDF2", ("com.sun.crypto.provider.PBKDF2", "org.bouncycastle.crypto.generators.PKCS5S2")),
    ("PRF / KDF / HMAC", ("javax.crypto.Mac", "com.sun.crypto.provider.Hmac", "io.flexgate.ikev2.crypto.Prf",
                          "io.flexgate.ikev2.crypto.Kdf", "io.flexgate.ikev2.crypto.Keymat")),
    ("symmetric cipher (SK, ESP)", ("com.sun.crypto.provider.GaloisCounterMode", "com.sun.crypto.provider.AES",
                                    "com.sun.crypto.provider.CipherCore", "com.sun.crypto.provider.ChaCha",
                                    "javax.crypto.Cipher", "io.flexgate.ikev2.crypto.AeadSk", "io.flexgate.ikev2.crypto.Cbc")),
    ("digests (SHA)", ("sun.security.provider.SHA", "sun.security.provider.DigestBase", "java.security.MessageDigest")),
    ("secure random", ("sun.security.provider.DRBG", "sun.security.provider.AbstractDrbg", "sun.security.provider.HashDrbg",
                       "sun.security.provider.NativePRNG", "java.security.SecureRandom")),
    ("logging", ("org.ops4j.pax.logging.", "org.apache.logging.log4j.", "org.apache.log4j.", "org.slf4j.")),
    ("ESP data plane", ("io.flexgate.esp.",)),
    ("TUN / JNA", ("io.flexgate.tun.", "com.sun.jna.")),
    ("IKE codec", ("io.flexgate.ikev2.message.",)),
    ("IKE engine (state, sessions)", ("io.flexgate.ikev2.engine.", "io.flexgate.ikev2.osgi.")),
    ("AAA / pool / other FlexGate", ("io.flexgate.",)),
    ("Netty I/O", ("io.netty.",)),
    ("OSGi / Karaf / SSH", ("org.apache.felix.", "org.apache.karaf.", "org.osgi.", "org.eclipse.", "org.apache.sshd.")),
    ("JDK networking / NIO", ("sun.nio.", "java.nio.", "sun.net.")),
]


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def category(frames):
    for frame in frames:
        name = frame_name(frame)
        for label, prefixes in CATEGORIES:
            if name.startswith(prefixes):
                return label
    return "other (JDK, JIT-compiled glue)"


def events(path, event):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(STACK_DEPTH), "--events", event, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    samples = events(path, "jdk.ExecutionSample")
    by_category, by_leaf, by_thread = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        by_category[category(frames)] += 1
        by_leaf[frame_name(frames[0]) if frames else "?"] += 1
        by_thread[re.sub(r"\d+", "N", thread)] += 1
    total = max(1, len(samples))
    print("%d execution samples" % len(samples))
    print("\n%-40s %8s %7s" % ("category (leaf-most matching frame)", "samples", "share"))
    for label, n in by_category.most_common():
        print("%-40s %8d %6.1f%%" % (label, n, 100.0 * n / total))
    print("\n%-80s %8s" % ("hottest leaf methods (self)", "samples"))
    for name, n in by_leaf.most_common(top_n):
        print("%-80s %8d %6.1f%%" % (name[:80], n, 100.0 * n / total))
    print("\n%-40s %8s" % ("thread family", "samples"))
    for name, n in by_thread.most_common(12):
        print("%-40s %8d %6.1f%%" % (name[:40], n, 100.0 * n / total))
    gcs = events(path, "jdk.GarbageCollection")
    print("\n%d garbage collections" % len(gcs))


if __name__ == "__main__":
    main()
