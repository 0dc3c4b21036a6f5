package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The distribution as shipped: it boots offline, every FlexGate bundle is active, every component is
 * satisfied unless it waits for a configuration it requires, and the operator's status command answers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends FlexGateTestSupport {

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void everyFlexGateBundleIsActive() {
        await("FlexGate bundles to be ACTIVE", WAIT, () -> flexGateBundles().stream()
                .allMatch(b -> b.getState() == Bundle.ACTIVE));
        List<String> names = flexGateBundles().stream().map(Bundle::getSymbolicName).collect(Collectors.toList());
        assertTrue("every core bundle is installed: " + names, names.containsAll(List.of("io.flexgate.api",
                "io.flexgate.shell", "io.flexgate.ikev2", "io.flexgate.pki", "io.flexgate.aaa.local", "io.flexgate.pool",
                "io.flexgate.eap.md5", "io.flexgate.eap.gtc", "io.flexgate.eap.mschapv2", "io.flexgate.eap.anyconnect",
                "io.flexgate.tun", "io.flexgate.esp", "io.flexgate.nat")));
    }

    @Test
    public void noComponentIsUnsatisfiedExceptForMissingRequiredConfiguration() {
        await("FlexGate components to settle", WAIT, () -> problems().isEmpty());
        assertEquals(List.of(), problems());
    }

    @Test
    public void statusCommandShowsTheSeedDeployment() throws Exception {
        // Every part of the shipped configuration is up: the services the seed's objects become.
        List<String> expected = List.of("anyconnect", "mschapv2", "gtc", "md5", "a-eap-authen-local",
                "a-eap-author-grp", "ACP00L", "IKEv2-TP", "userspace-esp", "linux", "nftables", "cisco-anyconnect",
                "Session registry");
        await("the seed deployment's services", WAIT, () -> {
            try {
                String out = execute("flexgate:status --no-format");
                return expected.stream().allMatch(out::contains);
            } catch (Exception e) {
                return false;
            }
        });
        String out = execute("flexgate:status --no-format");
        for (String name : expected) {
            assertTrue("status lists " + name + ":\n" + out, out.contains(name));
        }
    }

    private List<Bundle> flexGateBundles() {
        return Arrays.stream(bundleContext.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.flexgate."))
                .collect(Collectors.toList());
    }

    /**
     * Components of FlexGate bundles that are neither active/satisfied nor legitimately waiting for a
     * configuration (configurationPolicy=require with no configuration present).
     */
    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(flexGateBundles().toArray(new Bundle[0]))) {
            if (!scr.isComponentEnabled(d)) {
                problems.add(d.name + ": disabled");
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    problems.add(d.name + ": unsatisfied references "
                            + Arrays.stream(c.unsatisfiedReferences).map(r -> r.name + " " + r.target)
                                    .collect(Collectors.joining(", ")));
                } else if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(d.name + ": activation failed: " + c.failure);
                }
            }
        }
        return problems;
    }
}
