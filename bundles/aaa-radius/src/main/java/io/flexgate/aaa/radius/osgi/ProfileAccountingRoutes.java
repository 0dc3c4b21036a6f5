package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.accounting.AccountingRouter;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.session.SessionInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes sessions as IOS does: the IKEv2 profile names an accounting list ({@code aaa accounting eap LIST},
 * property {@value #PROFILE_PROPERTY} of the profile's configuration {@value #PROFILE_PID}~NAME), the list
 * ({@code io.flexgate.aaa.list~LIST}, kind accounting) names server groups ({@code start-stop group radius}).
 * A profile that names no list is accounted through the component's default group when one is configured.
 * Lists, groups and profiles are looked up at each use, so configuration changes apply to the next session.
 */
final class ProfileAccountingRoutes implements AccountingRouter.Routes {

    /** The IKEv2 profile factory PID (DESIGN section 3) and its accounting attribute. */
    static final String PROFILE_PID = "io.flexgate.ikev2.profile";
    static final String PROFILE_PROPERTY = "aaa.accounting.list";
    private static final String GROUP = "group ";
    private static final String LIST = "list ";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileAccountingRoutes.class);

    private final Map<String, RadiusGroup> groups = new ConcurrentHashMap<>();
    private final Map<String, AaaMethodList> lists = new ConcurrentHashMap<>();
    private final Function<String, Optional<String>> profileList;
    private final String defaultGroup;

    /**
     * @param profileList  the accounting list a profile names (by the profile's name)
     * @param defaultGroup the group for sessions whose profile names no list; blank for none
     */
    ProfileAccountingRoutes(Function<String, Optional<String>> profileList, String defaultGroup) {
        this.profileList = profileList;
        this.defaultGroup = defaultGroup == null ? "" : defaultGroup.strip();
    }

    void add(RadiusGroup group) {
        groups.put(group.name(), group);
    }

    void remove(RadiusGroup group) {
        groups.remove(group.name(), group);
    }

    void add(AaaMethodList list) {
        lists.put(list.name(), list);
    }

    void remove(AaaMethodList list) {
        lists.remove(list.name(), list);
    }

    @Override
    public Optional<String> routeOf(SessionInfo session) {
        Optional<String> name = profileList.apply(session.profile());
        if (name.isEmpty()) {
            return defaultGroup.isEmpty() ? Optional.empty() : Optional.of(GROUP + defaultGroup);
        }
        AaaMethodList list = lists.get(name.get());
        if (list == null || list.kind() != AaaMethodList.Kind.ACCOUNTING) {
            LOG.warn("session {}: profile {} names aaa accounting list {}, which is not configured: not accounted",
                    session.sessionId(), session.profile(), name.get());
            return Optional.empty();
        }
        if (list.methods().stream().noneMatch(m -> m.startsWith(GROUP))) {
            LOG.debug("session {}: aaa accounting list {} names no server group", session.sessionId(), name.get());
            return Optional.empty();
        }
        return Optional.of(LIST + name.get());
    }

    @Override
    public List<RadiusGroup> groupsOf(String route) {
        List<String> names;
        if (route.startsWith(GROUP)) {
            names = List.of(route.substring(GROUP.length()));
        } else {
            AaaMethodList list = lists.get(route.substring(LIST.length()));
            names = list == null ? List.of() : list.methods().stream().filter(m -> m.startsWith(GROUP))
                    .map(m -> m.substring(GROUP.length())).toList();
        }
        List<RadiusGroup> found = new ArrayList<>();
        for (String n : names) {
            RadiusGroup g = groups.get(n);
            if (g != null && !g.servers().isEmpty()) {
                found.add(g);
            }
        }
        return found;
    }

    /** The {@value #PROFILE_PROPERTY} of the profile configuration named {@code profile}, through ConfigAdmin. */
    static Optional<String> accountingList(ConfigurationAdmin admin, String profile) {
        if (admin == null || profile == null || profile.isBlank()) {
            return Optional.empty();
        }
        try {
            Configuration[] found = admin.listConfigurations("(&(service.factoryPid=" + PROFILE_PID + ")(name="
                    + filterValue(profile) + "))");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return Optional.empty();
            }
            Object v = found[0].getProperties().get(PROFILE_PROPERTY);
            return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString().strip());
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("profile {}: cannot read its accounting list: {}", profile, e.toString());
            return Optional.empty();
        }
    }

    /** A value escaped for an OSGi filter (OSGi Core, section 3.2.7: backslash before \\, *, ( and )). */
    static String filterValue(String value) {
        StringBuilder b = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
