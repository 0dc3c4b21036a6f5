package io.flexgate.shell.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the configured AnyConnect profiles. */
@Service
public class ProfileNameCompleter implements Completer {

    /**
     * Optional: Karaf delays every command of a bundle until all their mandatory references are there,
     * so a missing eap-anyconnect bundle must not take the other commands with it.
     */
    @Reference(optional = true)
    AnyConnectProfiles profiles;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (profiles == null) {
            return -1;
        }
        StringsCompleter names = new StringsCompleter(profiles.profiles().stream().map(ProfileStatus::name).toList());
        return names.complete(session, commandLine, candidates);
    }
}
