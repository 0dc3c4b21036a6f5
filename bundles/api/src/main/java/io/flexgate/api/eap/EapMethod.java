package io.flexgate.api.eap;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An EAP method, registered as an OSGi service by its own bundle with the service properties
 * {@link #PROP_TYPE}, {@link #PROP_VENDOR} and {@link #PROP_NAME}.
 *
 * <p>Called by the IKEv2 engine (authenticator role) and by the client (peer role). Each call to
 * {@link #newAuthenticator} or {@link #newPeer} starts one conversation whose object belongs to the
 * caller; the method itself holds no per-session state and is thread-safe. A method never owns
 * credentials: the authenticator reads them from the {@link io.flexgate.api.aaa.CredentialStore} in its
 * context. The engine sends EAP-Success and EAP-Failure itself, from the authenticator's final step.
 *
 * <p>When the bundle that registered a method goes away, conversations already running may finish;
 * new sessions that need the method fail with AUTHENTICATION_FAILED and a log line naming the method.
 */
@ConsumerType
public interface EapMethod {

    /** Service property: the EAP type number ({@code Integer}), 254 for expanded types. */
    String PROP_TYPE = "eap.type";
    /** Service property: the vendor id of an expanded type ({@code Integer}), 0 otherwise. */
    String PROP_VENDOR = "eap.vendor";
    /** Service property: the method's name as profiles name it ({@code String}: md5, gtc, mschapv2, anyconnect). */
    String PROP_NAME = "eap.name";

    /** The type this method answers to. */
    EapType type();

    /** The name used in profiles ({@code authentication remote eap query-identity} lists, logs). */
    String name();

    /** Whether a successful conversation yields an MSK (RFC 7296 section 2.16: AUTH then uses it). */
    boolean generatesMsk();

    /**
     * Starts an authenticator (server) conversation.
     *
     * @throws IllegalStateException when the context lacks something the method needs (for example
     *                               AnyConnect-EAP with no profile); the message is logged as given
     */
    EapAuthenticator newAuthenticator(EapServerContext context);

    /** Starts a peer (client) conversation. */
    EapPeer newPeer(EapPeerContext context);
}
