package io.flexgate.api.aaa;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A named IOS method list ({@code aaa authentication login NAME local}, {@code aaa authorization network
 * NAME local}, {@code aaa accounting network NAME start-stop group radius}), from the configuration
 * {@code io.flexgate.aaa.list~NAME}. Registered by aaa-local with the service property
 * {@link #PROP_NAME}; the IKEv2 engine looks lists up by the names its profiles give.
 *
 * <p>IOS semantics: the methods are tried in order, and the next one only when the previous one answered
 * {@code Unavailable} (an error such as a server timeout), never after a reject.
 */
@ProviderType
public interface AaaMethodList {

    /** Service property: the list's name ({@code String}). */
    String PROP_NAME = "aaa.list.name";
    /** Service property: {@code authentication}, {@code authorization} or {@code accounting}. */
    String PROP_KIND = "aaa.list.kind";

    String name();

    Kind kind();

    /** The methods in order, as IOS writes them: {@code local}, {@code group radius}, {@code group NAME}. */
    List<String> methods();

    /** The list as one credential store (authentication lists). */
    CredentialStore credentials();

    /** The list as one authorizer (authorization lists). */
    Authorizer authorizer();

    /** What the list is for. */
    enum Kind {
        AUTHENTICATION, AUTHORIZATION, ACCOUNTING;

        /** The configuration word ({@code authentication}). */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
