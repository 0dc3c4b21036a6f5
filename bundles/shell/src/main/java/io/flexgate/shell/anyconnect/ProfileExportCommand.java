package io.flexgate.shell.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code crypto:anyconnect-profile-export NAME FILE}: writes a profile, byte for byte, for out-of-band
 * installation into the client's profile directory (a client without a profile tries TLS, not IKEv2).
 */
@Service
@Command(scope = "crypto", name = "anyconnect-profile-export",
        description = "Writes an AnyConnect XML profile to FILE for installation into the client's profile directory")
public class ProfileExportCommand implements Action {

    /**
     * Optional: Karaf delays every command of a bundle until all their mandatory references are there,
     * so a missing eap-anyconnect bundle must not take the other commands with it.
     */
    @Reference(optional = true)
    AnyConnectProfiles profiles;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "The profile name (crypto:anyconnect-profile-list)")
    @Completion(ProfileNameCompleter.class)
    String name;

    @Argument(index = 1, name = "file", required = true, description = "Where to write it; relative to the current directory")
    String file;

    @Override
    public Object execute() throws IOException {
        if (profiles == null) {
            session.getConsole().println(ProfileTable.NOT_PRESENT);
            return null;
        }
        ProfileStatus.Loaded exported = profiles.export(name, Path.of(file));
        Path written = Path.of(file).toAbsolutePath().normalize();
        session.getConsole().println("Exported AnyConnect profile " + exported.name() + " (" + exported.size()
                + " bytes, SHA-1 " + exported.sha1Hex() + ") to " + written);
        session.getConsole().println("Install it as " + written.getFileName() + " in the client's profile directory: "
                + ProfileDirectories.describe());
        return null;
    }
}
