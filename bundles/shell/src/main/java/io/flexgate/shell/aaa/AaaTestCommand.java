package io.flexgate.shell.aaa;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.AuthResult;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * {@code aaa:test LIST USER [--password P]}: IOS {@code test aaa}, a password check through an
 * authentication method list, answered as IOS does ({@code User successfully authenticated} /
 * {@code User rejected}).
 */
@Service
@Command(scope = "aaa", name = "test", description = "Checks a user's password through an authentication "
        + "method list (test aaa)")
public class AaaTestCommand implements Action {

    /** Longer than any RADIUS retry schedule: the list answers Unavailable before this in practice. */
    static final long TIMEOUT_SECONDS = 60;

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Argument(index = 0, name = "list", required = true, description = "Authentication method list name")
    String list;

    @Argument(index = 1, name = "user", required = true, description = "User name")
    String user;

    @Option(name = "--password", description = "The password (otherwise asked for without echo)")
    String password;

    @Override
    public Object execute() throws Exception {
        PasswordPrompt.hideCommandLine(password, "aaa:test " + list + " " + user);
        Collection<ServiceReference<AaaMethodList>> refs = bundleContext.getServiceReferences(AaaMethodList.class,
                "(" + AaaMethodList.PROP_NAME + "=" + escape(list) + ")");
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("no method list " + list);
        }
        ServiceReference<AaaMethodList> ref = refs.iterator().next();
        AaaMethodList methods = bundleContext.getService(ref);
        if (methods == null) {
            throw new IllegalStateException("method list " + list + " went away");
        }
        try (Secret secret = password != null ? Secret.ofPassword(password.toCharArray())
                : PasswordPrompt.readOnce(session, user)) {
            if (methods.kind() != AaaMethodList.Kind.AUTHENTICATION) {
                throw new IllegalArgumentException("method list " + list + " is an " + methods.kind().word()
                        + " list; aaa:test checks passwords through authentication lists");
            }
            AuthResult result;
            try {
                result = methods.credentials().verifyPassword(user, secret).toCompletableFuture()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result = new AuthResult.Unavailable("no answer within " + TIMEOUT_SECONDS + " s");
            }
            session.getConsole().println(AaaTestAnswer.text(result));
        } finally {
            bundleContext.ungetService(ref);
        }
        return null;
    }

    /** RFC 4515 escaping for a value inside an LDAP filter. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
