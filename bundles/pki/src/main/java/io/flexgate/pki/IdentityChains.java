package io.flexgate.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every certificate path from the trustpoint's own certificate up to a root (or as far as the known
 * certificates reach), and the choice among them for a peer's CERTREQ (RFC 7296 section 3.7). More than
 * one path exists when an intermediate CA is cross-certified by several roots.
 */
final class IdentityChains {

    /** A path is never longer than this, end entity and root included. */
    static final int MAX_PATH_LENGTH = 8;
    /** No more than this many alternative paths are kept. */
    static final int MAX_PATHS = 16;
    /** Length of a CERTREQ Certification Authority entry: a SHA-1 hash (RFC 7296 section 3.7). */
    static final int CA_HASH_LENGTH = 20;

    /** Full paths, end entity first, root (when known) last; the first is the default. */
    private final List<List<X509Certificate>> paths;
    /** For each path, the SHA-1 SPKI hash of each of its certificates. */
    private final List<List<byte[]>> pathHashes;

    /**
     * @param endEntity the trustpoint's own certificate
     * @param preferred certificates in the order the key's source listed them; paths through these come first
     * @param others    any further certificates that may complete or vary the path
     */
    IdentityChains(X509Certificate endEntity, List<X509Certificate> preferred, List<X509Certificate> others) {
        Set<X509Certificate> pool = new LinkedHashSet<>(preferred);
        pool.addAll(others);
        List<List<X509Certificate>> found = new ArrayList<>();
        extend(new ArrayList<>(List.of(endEntity)), List.copyOf(pool), found);
        this.paths = List.copyOf(found);
        List<List<byte[]>> hashes = new ArrayList<>();
        for (List<X509Certificate> path : paths) {
            hashes.add(path.stream().map(Certificates::spkiSha1).toList());
        }
        this.pathHashes = List.copyOf(hashes);
    }

    /** The default path as sent to peers: end entity first, without a self-signed root. */
    List<X509Certificate> defaultChain() {
        return withoutRoot(paths.get(0));
    }

    /** The default path including its root when the root is known. */
    List<X509Certificate> defaultPath() {
        return paths.get(0);
    }

    List<List<X509Certificate>> paths() {
        return paths;
    }

    /**
     * The chain for a peer that trusts the CAs whose SPKI hashes it listed: the first path holding such a
     * CA, cut just below that CA (the peer already has it). The default chain when nothing matches.
     */
    List<X509Certificate> chainFor(List<byte[]> caHashes) {
        if (caHashes != null && !caHashes.isEmpty()) {
            for (int p = 0; p < paths.size(); p++) {
                List<byte[]> hashes = pathHashes.get(p);
                for (int i = 1; i < hashes.size(); i++) {
                    if (containsHash(caHashes, hashes.get(i))) {
                        return List.copyOf(paths.get(p).subList(0, i));
                    }
                }
            }
        }
        return defaultChain();
    }

    private static boolean containsHash(List<byte[]> caHashes, byte[] hash) {
        for (byte[] candidate : caHashes) {
            if (candidate != null && candidate.length == CA_HASH_LENGTH && Arrays.equals(candidate, hash)) {
                return true;
            }
        }
        return false;
    }

    private static void extend(List<X509Certificate> path, List<X509Certificate> pool,
            List<List<X509Certificate>> found) {
        if (found.size() >= MAX_PATHS) {
            return;
        }
        X509Certificate top = path.get(path.size() - 1);
        if (path.size() >= MAX_PATH_LENGTH || Certificates.selfSigned(top)) {
            found.add(List.copyOf(path));
            return;
        }
        boolean extended = false;
        for (X509Certificate candidate : pool) {
            if (!path.contains(candidate) && Certificates.issued(candidate, top)) {
                path.add(candidate);
                extend(path, pool, found);
                path.remove(path.size() - 1);
                extended = true;
            }
        }
        if (!extended) {
            found.add(List.copyOf(path));
        }
    }

    static List<X509Certificate> withoutRoot(List<X509Certificate> path) {
        if (path.size() > 1 && Certificates.selfSigned(path.get(path.size() - 1))) {
            return List.copyOf(path.subList(0, path.size() - 1));
        }
        return List.copyOf(path);
    }
}
