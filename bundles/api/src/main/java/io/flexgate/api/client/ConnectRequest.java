package io.flexgate.api.client;

import io.flexgate.api.Secret;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link VpnClient#connect} needs.
 *
 * @param name        the session's name (for status and disconnect)
 * @param host        headend name or address
 * @param port        headend IKE port
 * @param user        the user name
 * @param eapMethod   {@code anyconnect} (AnyConnect-EAP with the AnyConnect identity), {@code mschapv2}, {@code md5}
 *                    or {@code gtc}: the {@code eap.name} of an EAP method service
 * @param caFile      PEM file with the CA certificate(s) the headend's certificate must chain to
 * @param serverName  the name the headend's certificate must carry, when it differs from {@code host}
 * @param group       AnyConnect tunnel group, if any
 * @param tunName     a TUN device for the tunnel (needs CAP_NET_ADMIN); empty: control plane only
 * @param password    the password; wiped by the client once used
 */
public record ConnectRequest(String name, String host, int port, String user, String eapMethod, Path caFile,
        Optional<String> serverName, Optional<String> group, Optional<String> tunName, Secret password) {

    /** The password is left out. */
    @Override
    public String toString() {
        return "ConnectRequest[" + name + " " + user + "@" + host + ":" + port + " eap=" + eapMethod + " ca=" + caFile
                + serverName.map(n -> " server-name=" + n).orElse("") + group.map(g -> " group=" + g).orElse("")
                + tunName.map(t -> " tun=" + t).orElse("") + "]";
    }
}
