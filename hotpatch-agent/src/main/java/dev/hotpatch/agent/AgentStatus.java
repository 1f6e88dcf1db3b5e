package dev.hotpatch.agent;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** The agent's state as the application sees it: system properties and a JMX MBean. */
final class AgentStatus implements AgentStatusMBean {
    static final String HASH_PROPERTY = "hotpatch.applied.hash";
    static final String VERSION_PROPERTY = "hotpatch.applied.version";

    private volatile String appliedHash = "";
    private volatile String appliedVersion = "";
    private volatile String lastError = "";

    void register(AgentLog log) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName("dev.hotpatch:type=Agent"));
        } catch (JMException e) {
            log.line("JMX status not registered: " + e);
        }
    }

    void applied(DesiredPatch patch) {
        appliedHash = patch == null ? "" : patch.hash();
        appliedVersion = patch == null ? "" : patch.version() + "+" + patch.shortHash();
        lastError = "";
        if (patch == null) {
            System.clearProperty(HASH_PROPERTY);
            System.clearProperty(VERSION_PROPERTY);
        } else {
            System.setProperty(HASH_PROPERTY, appliedHash);
            System.setProperty(VERSION_PROPERTY, appliedVersion);
        }
    }

    void failed(String error) {
        lastError = error;
    }

    @Override
    public String getAppliedHash() {
        return appliedHash;
    }

    @Override
    public String getAppliedVersion() {
        return appliedVersion;
    }

    @Override
    public String getLastError() {
        return lastError;
    }
}
