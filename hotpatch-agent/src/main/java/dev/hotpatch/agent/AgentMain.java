package dev.hotpatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The JVM's entry points: {@code -javaagent:hotpatch-agent.jar=repo=...,groupId=...,artifactId=...,config=...}
 * at start-up, or attached later. Both start one {@link HotpatchAgent}.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    private static void start(String args, Instrumentation instrumentation) {
        AgentLog log = new AgentLog(System.err);
        try {
            AgentSettings settings = AgentSettings.parse(args, System.getProperties());
            new HotpatchAgent(settings, instrumentation, log).start();
        } catch (RuntimeException e) {
            // a broken agent configuration must never stop the application
            log.line("not started: " + e.getMessage());
        }
    }
}
