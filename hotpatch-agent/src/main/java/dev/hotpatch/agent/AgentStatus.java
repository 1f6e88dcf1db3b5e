package dev.hotpatch.agent;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/** The agent's state as the application sees it: a JMX MBean and two system properties. */
final class AgentStatus implements AgentStatusMBean, AgentState.Listener {
    static final String HASH_PROPERTY = "hotpatch.applied.hash";
    static final String VERSION_PROPERTY = "hotpatch.applied.version";
    static final String OBJECT_NAME = "dev.hotpatch:type=Agent";

    private volatile AgentState state;
    private volatile List<String> entries = List.of();

    void register(AgentLog log) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
        } catch (JMException | RuntimeException e) {
            log.line("JMX status not registered: " + e);
        }
    }

    @Override
    public void onState(AgentState next) {
        state = next;
        if (next.applied() == null) {
            System.clearProperty(HASH_PROPERTY);
            System.clearProperty(VERSION_PROPERTY);
        } else {
            System.setProperty(HASH_PROPERTY, next.applied().hash());
            System.setProperty(VERSION_PROPERTY, label(next.applied()));
        }
    }

    void entries(List<String> lines) {
        entries = List.copyOf(lines);
    }

    static String label(DesiredPatch p) {
        return p == null ? "" : p.version() + "+" + p.shortHash();
    }

    @Override
    public String getPhase() {
        AgentState s = state;
        return s == null ? AgentState.Phase.IDLE.name() : s.phase().name();
    }

    @Override
    public String getAppliedHash() {
        AgentState s = state;
        return s == null || s.applied() == null ? "" : s.applied().hash();
    }

    @Override
    public String getAppliedVersion() {
        AgentState s = state;
        return s == null ? "" : label(s.applied());
    }

    @Override
    public String getWantedVersion() {
        AgentState s = state;
        return s == null ? "" : label(s.wanted());
    }

    @Override
    public String getDeployedSha256() {
        AgentState s = state;
        return s == null ? "" : s.deployedSha256();
    }

    @Override
    public String getLastReason() {
        AgentState s = state;
        return s == null || s.reason() == null ? "" : s.reason().name();
    }

    @Override
    public String getLastError() {
        AgentState s = state;
        return s == null ? "" : s.message();
    }

    @Override
    public String[] getEntries() {
        return entries.toArray(String[]::new);
    }
}
