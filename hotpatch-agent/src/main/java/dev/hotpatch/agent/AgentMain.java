package dev.hotpatch.agent;

import java.lang.instrument.Instrumentation;

/**
 * The JVM's entry points: {@code -javaagent:hotpatch-agent.jar=repo=...,groupId=...,artifactId=...,config=...}
 * at start-up, or attached later. Both start one {@link HotpatchAgent}; a bad setting is reported in
 * one line and the application starts without the agent.
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
        AgentLog log = new AgentLog(System.err, null);
        try {
            AgentSettings settings = AgentSettings.parse(args, System.getProperties());
            new HotpatchAgent(settings, instrumentation, new AgentLog(System.err, settings.logFile())).start();
        } catch (Throwable t) {
            // a broken agent configuration must never stop the application
            log.line("not started: " + (t instanceof IllegalArgumentException ? t.getMessage() : t.toString()));
        }
    }
}
