package dev.hotpatch.agent;

import java.io.PrintStream;

/** Where the agent's lines go: one line per step, prefixed so they stand out in the application's log. */
final class AgentLog {
    private final PrintStream out;

    AgentLog(PrintStream out) {
        this.out = out;
    }

    void line(String message) {
        out.println("[hotpatch] " + message);
    }
}
