package io.flexgate.client;

import java.util.Arrays;
import java.util.List;

/** {@code connect} and {@code load}: the FlexGate client's command line (started by {@code ./flexgate}). */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: flexgate connect HOST --ca CA.pem [--user U] [--method anyconnect|mschapv2|md5|gtc]",
            "                        [--server-name NAME] [--group G] [--port P] [--tun NAME | --no-tun] [--hold S] [--dpd S]",
            "       flexgate connect [HOSTNAME] --profile PROFILE.xml --ca CA.pem [...]   (the AnyConnect ServerList",
            "                        entry of that HostName, or the first one, gives host, group and EAP method)",
            "       flexgate load HOST --ca CA.pem --sessions N --rate R --hold S [--user U|U%d] [--method M]",
            "                        [--source A,B,...] [--no-initial-contact] [--dh 19,31,14]",
            "Common: --source A (bind address), --dh G,G (KE groups offered, the first in KE), --no-initial-contact.",
            "The password is asked for (or read as one line from standard input when there is no terminal).");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        if (args.isEmpty() || !List.of("connect", "load").contains(args.get(0))) {
            System.err.println(USAGE);
            return ConnectCommand.EXIT_OTHER;
        }
        ClientOptions options;
        try {
            options = ClientOptions.parse(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            System.err.println("flexgate " + args.get(0) + ": " + e.getMessage());
            System.err.println(USAGE);
            return ConnectCommand.EXIT_OTHER;
        }
        try {
            return args.get(0).equals("connect") ? new ConnectCommand(System.out, System.err).run(options)
                    : new LoadCommand(System.out, System.err).run(options);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("flexgate " + args.get(0) + ": no result within the time bound");
            return ConnectCommand.EXIT_TIMEOUT;
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("flexgate " + args.get(0) + ": no such file: " + e.getMessage());
            return ConnectCommand.EXIT_OTHER;
        } catch (Exception e) {
            System.err.println("flexgate " + args.get(0) + ": " + e.getMessage());
            return ConnectCommand.EXIT_OTHER;
        }
    }
}
