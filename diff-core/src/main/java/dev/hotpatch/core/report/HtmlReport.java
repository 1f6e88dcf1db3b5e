package dev.hotpatch.core.report;

import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.classfile.CompilerFingerprint;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.diff.IgnoredEntry;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.report.BytecodeListing.Line;
import dev.hotpatch.format.ChangeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code report.html}: the page a reviewer reads before a patch goes to production. One file with
 * its styles and script inline (no fonts, scripts or images from elsewhere), so it opens from a CI
 * artifact page offline. It shows the verdict, the hash, what was compared and by which compilers,
 * the reasons a restart is needed with what to do instead, the changes by container with filters
 * for kind and verdict, every changed method's bytecode side by side, and the ignored entries.
 *
 * <p>The filters read and write the page's fragment ({@code #kind=MODIFIED&verdict=RESTART_REQUIRED}),
 * so a link can open the page filtered. The output depends only on the report: identical runs give
 * identical bytes.
 */
public final class HtmlReport {
    public static final String NAME = "report.html";

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\([^)]*\\)");

    private final Report report;
    private final StringBuilder out = new StringBuilder(16 * 1024);
    private int changeNumber;

    private HtmlReport(Report report) {
        this.report = report;
    }

    public static byte[] render(Report report) {
        return new HtmlReport(report).page().getBytes(StandardCharsets.UTF_8);
    }

    private String page() {
        String verdict = verdict();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>hotpatch report: ").append(esc(report.failure().isPresent() ? "FAILED" : verdict))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(verdict);
        if (report.failure().isPresent()) {
            failure(report.failure().get());
        }
        provenance();
        reasons(SwapReason.Severity.RESTART, "restart-reasons", "Why a restart is needed",
                "A running JVM cannot take these changes. Each reason says what to do instead.");
        reasons(SwapReason.Severity.WARNING, "warnings", "Warnings",
                "These changes are applied, but a running JVM will not behave exactly as after a restart.");
        if (report.dryRun().isPresent()) {
            dryRun(report.dryRun().get());
        }
        changes();
        ignored();
        out.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private String verdict() {
        return report.assessment() == null ? "UNKNOWN" : report.assessment().verdict().name();
    }

    private void header(String verdict) {
        out.append("<header>\n<h1>hotpatch report</h1>\n<p class=\"badges\">");
        if (report.failure().isPresent()) {
            out.append("<span id=\"status\" class=\"badge FAILED\">FAILED</span> ");
        }
        out.append("<span id=\"verdict\" class=\"badge ").append(verdict).append("\" data-verdict=\"")
                .append(verdict).append("\">").append(verdict.equals("UNKNOWN") ? "NO VERDICT"
                        : verdict.replace('_', ' ')).append("</span></p>\n");
        out.append("<div class=\"hash\"><span class=\"label\">hash</span> ");
        if (report.patch().isPresent()) {
            PatchArchive p = report.patch().get();
            out.append("<code id=\"hash\">").append(p.sha256()).append("</code> ")
                    .append("<button id=\"copy-hash\" type=\"button\" data-copy=\"").append(p.sha256())
                    .append("\">Copy</button> <span id=\"copied\" class=\"muted\" hidden>copied</span>")
                    .append("<div class=\"muted\">").append(esc(p.file().getFileName().toString())).append(", ")
                    .append(p.size()).append(" bytes</div>");
        } else {
            out.append("<code id=\"hash\">").append(report.failure().isPresent() ? "no patch: the run failed"
                    : "no patch: the builds have no differences").append("</code>");
        }
        out.append("</div>\n");
        if (report.changes() != null) {
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            counts.put("added", report.changes().count(ChangeKind.ADDED));
            counts.put("modified", report.changes().count(ChangeKind.MODIFIED));
            counts.put("removed", report.changes().count(ChangeKind.REMOVED));
            counts.put("ignored", (long) report.changes().ignored().size());
            counts.put("restart reasons", count(findings(SwapReason.Severity.RESTART)));
            counts.put("warnings", count(findings(SwapReason.Severity.WARNING)));
            out.append("<ul id=\"counts\" class=\"counts\">");
            for (Map.Entry<String, Long> c : counts.entrySet()) {
                out.append("<li data-count=\"").append(c.getKey()).append("\"><b>").append(c.getValue())
                        .append("</b> ").append(c.getKey()).append("</li>");
            }
            out.append("</ul>\n");
        }
        out.append("</header>\n<main>\n");
    }

    private void failure(Failure f) {
        out.append("<section id=\"failure\" class=\"failure\">\n<h2>The run failed: <code>").append(f.reason())
                .append("</code></h2>\n<p class=\"message\">").append(esc(f.message())).append("</p>\n");
        if (f.location() != null) {
            out.append("<p>Where: <code>").append(esc(f.location())).append("</code></p>\n");
        }
        out.append("<p><b>What it means.</b> ").append(markdown(f.reason().meaning())).append("</p>\n")
                .append("<p><b>What to do.</b> ").append(markdown(f.reason().whatToDo())).append("</p>\n");
        out.append("<p class=\"muted\">").append(report.changes() == null
                ? "The run stopped before the builds were compared; below is what was learned so far."
                : "The builds were compared before the run stopped; the changes found are listed below.")
                .append("</p>\n</section>\n");
    }

    /** What the throwaway JVM answered per class, which JVM it was, and where it disagrees with the rules. */
    private void dryRun(dev.hotpatch.core.dryrun.DryRunResult d) {
        out.append("<section id=\"dry-run\">\n<h2>Dry run</h2>\n");
        if (d.jvm() == null) {
            out.append("<p>Skipped: ").append(esc(d.note())).append("</p>\n</section>\n");
            return;
        }
        out.append("<p>Answered by <b id=\"dry-run-jvm\">").append(esc(d.jvm().describe())).append("</b>.</p>\n")
                .append("<div class=\"scroll\"><table class=\"facts\">\n<thead><tr><th>class</th><th>step</th>")
                .append("<th>answer</th><th>the JVM's message</th></tr></thead>\n<tbody>\n");
        for (dev.hotpatch.core.dryrun.DryRunResult.ClassAnswer a : d.classes()) {
            out.append("<tr data-answer=\"").append(a.answer()).append("\"><td><code>")
                    .append(esc(a.className().replace('/', '.'))).append("</code></td><td>").append(esc(a.step()))
                    .append("</td><td>").append(a.answer()).append("</td><td>")
                    .append(esc(a.message() == null ? "" : a.message())).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
        List<String> notes = dev.hotpatch.core.dryrun.DryRunVerdict.disagreements(d);
        if (!notes.isEmpty()) {
            out.append("<p><b>Rules and JVM disagree:</b></p>\n<ul>\n");
            for (String n : notes) {
                out.append("<li>").append(esc(n)).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private void provenance() {
        out.append("<section id=\"provenance\">\n<h2>What was compared</h2>\n<div class=\"scroll\">")
                .append("<table class=\"facts\">\n<thead><tr><th></th><th>baseline (deployed)</th>")
                .append("<th>target (branch)</th></tr></thead>\n<tbody>\n");
        Provenance a = report.baseline();
        Provenance b = report.target();
        fact("source", a.source(), b.source());
        if (!a.source().equals(a.file().toString()) || !b.source().equals(b.file().toString())) {
            fact("file", a.file().toString(), b.file().toString());
        }
        fact("SHA-256", a.sha256() == null ? "" : a.sha256(), b.sha256() == null ? "" : b.sha256());
        fact("size", a.size() < 0 ? "" : a.size() + " bytes", b.size() < 0 ? "" : b.size() + " bytes");
        if (!a.root().isEmpty() || !b.root().isEmpty()) {
            fact("top folder (paired)", a.root(), b.root());
        }
        if (a.repository() != null || b.repository() != null) {
            fact("repository", a.repository() == null ? "" : a.repository(),
                    b.repository() == null ? "" : b.repository());
        }
        if (report.compilers() != null) {
            CompilerFingerprint ca = report.compilers().deployed();
            CompilerFingerprint cb = report.compilers().branch();
            fact("compiler (JDK)", ca.describeJdk(), cb.describeJdk());
            fact("changed class files", ca.describeClasses(), cb.describeClasses());
        }
        out.append("</tbody></table></div>\n");
        if (report.compilers() != null) {
            List<String> differences = report.compilers().differences();
            out.append("<p id=\"compilers\" class=\"").append(differences.isEmpty() ? "ok" : "bad").append("\">")
                    .append(differences.isEmpty() ? "The same compiler built both sides."
                            : "Different compilers: " + esc(String.join("; ", differences)))
                    .append("</p>\n");
        }
        out.append("</section>\n");
    }

    private void fact(String name, String left, String right) {
        out.append("<tr><th>").append(esc(name)).append("</th><td data-side=\"baseline\"><code>").append(esc(left))
                .append("</code></td><td data-side=\"target\"><code>").append(esc(right)).append("</code></td></tr>\n");
    }

    /** Per code, in catalogue order: the paths and findings of that severity. */
    private Map<SwapReason, List<String[]>> findings(SwapReason.Severity severity) {
        Map<SwapReason, List<String[]>> byCode = new TreeMap<>();
        if (report.assessment() == null) {
            return byCode;
        }
        for (ChangeVerdict v : report.assessment().changes()) {
            for (Finding f : v.findings()) {
                if (f.severity() == severity) {
                    List<String[]> items = byCode.get(f.code());
                    if (items == null) {
                        items = new ArrayList<>();
                        byCode.put(f.code(), items);
                    }
                    items.add(new String[] {v.path().toString(), f.message()});
                }
            }
        }
        return byCode;
    }

    private static long count(Map<SwapReason, List<String[]>> byCode) {
        long n = 0;
        for (List<String[]> items : byCode.values()) {
            n += items.size();
        }
        return n;
    }

    private void reasons(SwapReason.Severity severity, String id, String title, String intro) {
        Map<SwapReason, List<String[]>> byCode = findings(severity);
        if (byCode.isEmpty()) {
            return;
        }
        out.append("<section id=\"").append(id).append("\" class=\"reasons ").append(severity).append("\">\n<h2>")
                .append(title).append("</h2>\n<p>").append(intro).append("</p>\n");
        for (Map.Entry<SwapReason, List<String[]>> entry : byCode.entrySet()) {
            SwapReason code = entry.getKey();
            List<String[]> items = entry.getValue();
            out.append("<article class=\"reason\" data-code=\"").append(code).append("\">\n<h3><code>").append(code)
                    .append("</code></h3>\n<ul>\n");
            for (String[] item : items) {
                out.append("<li><code class=\"path\">").append(esc(item[0])).append("</code>: ")
                        .append(esc(item[1])).append("</li>\n");
            }
            out.append("</ul>\n<p class=\"meaning\"><b>What it means.</b> ").append(markdown(code.meaning()))
                    .append("</p>\n<p class=\"todo\"><b>What to do instead.</b> ").append(markdown(code.whatToDo()))
                    .append("</p>\n</article>\n");
        }
        out.append("</section>\n");
    }

    private void changes() {
        if (report.changes() == null) {
            return;
        }
        List<ContainerGroup> groups = report.containers();
        out.append("<section id=\"changes\">\n<h2>Changes by container</h2>\n");
        if (groups.isEmpty()) {
            out.append("<p>No differences.</p>\n</section>\n");
            return;
        }
        out.append("<form id=\"filters\" class=\"filters\"><fieldset><legend>kind</legend>");
        for (ChangeKind k : ChangeKind.values()) {
            checkbox("kind", k.name());
        }
        out.append("</fieldset><fieldset><legend>verdict</legend>");
        List<String> verdicts = new ArrayList<>(List.of("HOT_SWAPPABLE", "RESTART_REQUIRED"));
        if (report.assessment() == null) {
            verdicts.add("UNKNOWN");
        }
        for (String v : verdicts) {
            checkbox("verdict", v);
        }
        out.append("</fieldset><p id=\"shown\" class=\"muted\"></p></form>\n");
        for (ContainerGroup g : groups) {
            out.append("<details class=\"container\" open data-container=\"").append(esc(g.name())).append("\">")
                    .append("<summary><code>").append(esc(g.label())).append("</code> <span class=\"muted\">")
                    .append(g.items().size()).append(g.items().size() == 1 ? " change" : " changes")
                    .append("</span></summary>\n");
            for (ContainerGroup.Item item : g.items()) {
                change(item);
            }
            out.append("</details>\n");
        }
        out.append("</section>\n");
    }

    private void checkbox(String name, String value) {
        out.append("<label><input type=\"checkbox\" name=\"").append(name).append("\" value=\"").append(value)
                .append("\" checked> ").append(value.replace('_', ' ').toLowerCase(Locale.ROOT)).append("</label>");
    }

    private void change(ContainerGroup.Item item) {
        ChangeVerdict v = item.verdict().orElse(null);
        String verdict = v == null ? "UNKNOWN" : v.verdict().name();
        String id = "change-" + (++changeNumber);
        out.append("<article class=\"change\" id=\"").append(id).append("\" data-kind=\"")
                .append(item.change().kind()).append("\" data-verdict=\"").append(verdict).append("\" data-path=\"")
                .append(esc(item.change().path().toString())).append("\">\n<div class=\"head\"><span class=\"kind ")
                .append(item.change().kind()).append("\">").append(item.change().kind()).append("</span> <code class=\"entry\">")
                .append(esc(item.entry().isEmpty() ? "(the whole archive)" : item.entry())).append("</code> <span class=\"size\">").append(sizeDelta(item))
                .append("</span> <span class=\"badge small ").append(verdict).append("\">")
                .append(verdict.replace('_', ' ')).append("</span>");
        if (v != null) {
            out.append(" <span class=\"action\" title=\"step in the apply plan\">").append(v.action()).append("</span>");
        }
        out.append("</div>\n");
        if (v != null) {
            out.append("<ul class=\"findings\">\n");
            for (Finding f : v.findings()) {
                out.append("<li class=\"").append(f.severity()).append("\"><code>").append(f.code())
                        .append("</code> ").append(esc(f.message())).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        if (item.diff().isPresent()) {
            classDiff(item.diff().get());
        }
        out.append("</article>\n");
    }

    /** {@code n / unit} to one decimal, rounded half up (what {@code %.1f} prints, without a Formatter). */
    static String tenths(long n, long unit) {
        long t = (n * 10 + unit / 2) / unit;
        return t / 10 + "." + t % 10;
    }

    private static String sizeDelta(ContainerGroup.Item item) {
        long delta = item.sizeDelta();
        // character references keep the page ASCII (and its builder one byte a character)
        String sign = delta > 0 ? "+" : delta < 0 ? "&minus;" : "&plusmn;";
        long abs = Math.abs(delta);
        String amount = abs < 1024 ? abs + " B" : abs < 1024 * 1024
                ? tenths(abs, 1024) + " KiB"
                : tenths(abs, 1024 * 1024) + " MiB";
        if (item.change().isWholeArchive()) {
            amount += ", " + item.change().nestedEntries() + " entries";
        }
        return sign + amount;
    }

    private void classDiff(ClassDiff diff) {
        out.append("<div class=\"class-diff\" data-class=\"").append(esc(diff.className())).append("\">\n");
        if (!diff.members().isEmpty()) {
            out.append("<ul class=\"members\">\n");
            for (ClassDiff.MemberChange m : diff.members()) {
                out.append("<li class=\"member ").append(m.kind()).append("\"><span class=\"kind ").append(m.kind())
                        .append("\">").append(m.kind() == ChangeKind.MODIFIED ? "CHANGED" : m.kind().name())
                        .append("</span> ").append(m.member()).append(" <code>").append(esc(m.signature()))
                        .append("</code>");
                if (!m.details().isEmpty()) {
                    out.append(" <span class=\"muted\">(").append(esc(String.join("; ", m.details())))
                            .append(")</span>");
                }
                out.append("</li>\n");
            }
            out.append("</ul>\n");
        }
        for (MethodDiff m : diff.methods()) {
            methodDiff(diff, m);
        }
        out.append("</div>\n");
    }

    private void methodDiff(ClassDiff owner, MethodDiff m) {
        out.append("<div class=\"method-diff\" data-method=\"").append(esc(m.key())).append("\">\n<h4><code>")
                .append(esc(owner.className())).append('.').append(esc(m.key())).append("</code> <span class=\"muted\">")
                .append(m.removedLines()).append(" removed, ").append(m.addedLines())
                .append(" added</span></h4>\n<div class=\"scroll\"><table class=\"sbs\">\n")
                .append("<thead><tr><th class=\"ln\">line</th><th>deployed</th><th class=\"ln\">line</th>")
                .append("<th>branch</th></tr></thead>\n<tbody>\n");
        boolean first = true;
        for (LineDiff.Hunk h : m.hunks()) {
            if (!first || h.oldStart() > 0 || h.newStart() > 0) {
                out.append("<tr class=\"gap\"><td colspan=\"4\">&#8943;</td></tr>\n");
            }
            first = false;
            for (MethodDiff.Row r : m.rows(h)) {
                String kind = r.op() == LineDiff.Op.SAME ? "same" : r.paired() ? "changed"
                        : r.left() != null ? "removed" : "added";
                out.append("<tr class=\"").append(kind).append("\">");
                cell(r.left(), r.op() == LineDiff.Op.SAME ? "" : " del");
                cell(r.right(), r.op() == LineDiff.Op.SAME ? "" : " ins");
                out.append("</tr>\n");
            }
        }
        if (!m.hunks().isEmpty()) {
            LineDiff.Hunk last = m.hunks().get(m.hunks().size() - 1);
            long lastOld = -1;
            for (LineDiff.Edit e : last.edits()) {
                lastOld = Math.max(lastOld, e.oldIndex());
            }
            if (lastOld < m.before().size() - 1) {
                out.append("<tr class=\"gap\"><td colspan=\"4\">&#8943;</td></tr>\n");
            }
        }
        out.append("</tbody></table></div>\n</div>\n");
    }

    private void cell(Line line, String mark) {
        if (line == null) {
            out.append("<td class=\"ln\"></td><td class=\"code empty\"></td>");
            return;
        }
        out.append("<td class=\"ln\">").append(line.sourceLine() < 0 ? "" : String.valueOf(line.sourceLine()))
                .append("</td><td class=\"code").append(mark).append("\">").append(esc(line.text())).append("</td>");
    }

    private void ignored() {
        if (report.changes() == null) {
            return;
        }
        List<IgnoredEntry> ignored = report.changes().ignored();
        out.append("<section id=\"ignored-section\">\n<details id=\"ignored\"><summary>Ignored differences (")
                .append(ignored.size()).append(")</summary>\n");
        if (ignored.isEmpty()) {
            out.append("<p>None.</p>\n");
        } else {
            out.append("<div class=\"scroll\"><table class=\"facts\"><thead><tr><th>path</th><th>kind</th>")
                    .append("<th>rule</th></tr></thead>\n<tbody>\n");
            for (IgnoredEntry i : ignored) {
                out.append("<tr class=\"ignored\"><td><code>").append(esc(i.path().toString())).append("</code></td><td>")
                        .append(i.kind()).append("</td><td>").append(esc(i.rule())).append("</td></tr>\n");
            }
            out.append("</tbody></table></div>\n");
        }
        out.append("</details>\n</section>\n</main>\n");
    }

    /**
     * Escapes text for HTML content and for attribute values in double quotes, and writes anything
     * beyond ASCII as a numeric character reference, so that the page is ASCII whatever the names and
     * texts in it (its builder then holds a byte a character, and writing it encodes nothing).
     */
    static String esc(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                default -> {
                    if (c < 128) {
                        s.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        s.append("&#").append(Character.toCodePoint(c, text.charAt(++i))).append(';');
                    } else {
                        int codePoint = Character.isSurrogate(c) ? 0xFFFD : c; // an int: appended as a number
                        s.append("&#").append(codePoint).append(';');
                    }
                }
            }
        }
        return s.toString();
    }

    /** The catalogue's bit of Markdown: {@code `code`}, {@code **bold**} and links (shown as their text). */
    static String markdown(String text) {
        String html = esc(text);
        html = LINK.matcher(html).replaceAll("$1");
        html = CODE.matcher(html).replaceAll("<code>$1</code>");
        return BOLD.matcher(html).replaceAll("<strong>$1</strong>");
    }

    private static final String STYLE = """
            :root { --fg: #1d232a; --muted: #5b6670; --line: #d6dbe0; --bg: #fff; --soft: #f4f6f8;
              --ok: #1a7f37; --bad: #c62828; --warn: #9a6700; --del: #ffebe9; --ins: #e6ffec;
              --del-strong: #ffc1bd; --ins-strong: #abf2bc; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
              color: var(--fg); background: var(--bg); }
            header, main { max-width: 1240px; margin: 0 auto; padding: 12px 16px; }
            header { border-bottom: 1px solid var(--line); }
            h1 { font-size: 1.4em; margin: 4px 0 8px; }
            h2 { font-size: 1.15em; margin: 22px 0 8px; }
            h3 { font-size: 1em; margin: 8px 0 4px; }
            h4 { font-size: .95em; margin: 12px 0 4px; font-weight: 600; }
            code, .code { font: 13px/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
            code { overflow-wrap: anywhere; }
            .muted { color: var(--muted); }
            .badges { margin: 0 0 8px; }
            .badge { display: inline-block; padding: 3px 10px; border-radius: 12px; font-weight: 700;
              color: #fff; background: var(--muted); letter-spacing: .02em; }
            .badge.small { padding: 1px 8px; font-size: .8em; }
            .badge.HOT_SWAPPABLE { background: var(--ok); }
            .badge.RESTART_REQUIRED, .badge.FAILED { background: var(--bad); }
            .hash { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; }
            .hash .label { font-weight: 600; }
            .hash .muted { flex-basis: 100%; }
            #hash { background: var(--soft); padding: 2px 6px; border-radius: 4px; }
            button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 4px;
              background: var(--soft); cursor: pointer; }
            .counts { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
            .scroll { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; }
            table.facts { width: 100%; }
            .facts th, .facts td { text-align: left; vertical-align: top; padding: 4px 8px;
              border-bottom: 1px solid var(--line); }
            .facts tbody th { white-space: nowrap; font-weight: 600; }
            .ok { color: var(--ok); } .bad { color: var(--bad); font-weight: 600; }
            .failure { border: 2px solid var(--bad); border-radius: 6px; padding: 4px 14px; margin-top: 14px; }
            .failure h2 { color: var(--bad); }
            .failure .message { white-space: pre-wrap; }
            .reasons .reason { border-left: 4px solid var(--muted); padding: 2px 12px; margin: 10px 0;
              background: var(--soft); }
            .reasons.RESTART .reason { border-color: var(--bad); }
            .reasons.WARNING .reason { border-color: var(--warn); }
            .reason ul { padding-left: 18px; }
            .filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-bottom: 8px; }
            .filters fieldset { border: 1px solid var(--line); border-radius: 4px; padding: 2px 10px; margin: 0; }
            .filters label { margin-right: 10px; white-space: nowrap; }
            .filters p { margin: 0; }
            details.container { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
            details.container > summary { padding: 6px 10px; background: var(--soft); cursor: pointer; }
            .change { padding: 8px 10px; border-top: 1px solid var(--line); }
            .change .head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
            .kind { font-size: .75em; font-weight: 700; padding: 1px 6px; border-radius: 3px; background: var(--soft);
              border: 1px solid var(--line); }
            .kind.ADDED { color: var(--ok); } .kind.REMOVED { color: var(--bad); } .kind.MODIFIED { color: var(--warn); }
            .entry { font-weight: 600; }
            .action { font-size: .75em; color: var(--muted); letter-spacing: .04em; }
            .size { color: var(--muted); font-size: .9em; }
            .findings { margin: 4px 0; padding-left: 18px; }
            .findings .RESTART { color: var(--bad); } .findings .WARNING { color: var(--warn); }
            .members { margin: 4px 0; padding-left: 18px; }
            table.sbs { width: 100%; table-layout: fixed; min-width: 760px; border: 1px solid var(--line); }
            .sbs th { font-weight: 600; text-align: left; background: var(--soft); padding: 2px 6px; font-size: .85em; }
            .sbs th.ln, .sbs td.ln { width: 3.5em; text-align: right; color: var(--muted); padding: 0 6px;
              font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace; user-select: none; }
            .sbs td.code { white-space: pre-wrap; overflow-wrap: anywhere; padding: 0 6px; vertical-align: top; }
            .sbs td.del { background: var(--del); } .sbs td.ins { background: var(--ins); }
            .sbs tr.changed td.del { background: var(--del-strong); } .sbs tr.changed td.ins { background: var(--ins-strong); }
            .sbs td.empty { background: var(--soft); }
            .sbs tr.gap td { text-align: center; color: var(--muted); background: var(--soft); }
            #ignored > summary { cursor: pointer; font-weight: 600; }
            [hidden] { display: none !important; }
            @media (max-width: 700px) {
              body { font-size: 14px; }
              header, main { padding: 8px 10px; }
              .facts td, .facts th { display: block; border: 0; padding: 2px 4px; }
              .facts thead { display: none; }
              .facts tr { display: block; border-bottom: 1px solid var(--line); padding: 4px 0; }
              .facts td[data-side]::before { content: attr(data-side) ": "; color: var(--muted); font-size: .85em; }
            }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var form = document.getElementById('filters');
              function values(name) {
                return Array.prototype.filter.call(form.elements[name] instanceof RadioNodeList
                    ? form.elements[name] : [form.elements[name]], function (b) { return b.checked; })
                    .map(function (b) { return b.value; });
              }
              function apply() {
                Array.prototype.forEach.call(form.querySelectorAll('input[type=checkbox]'), function (b) {
                  b.defaultChecked = b.checked; // the attribute shows the state, in a saved page too
                });
                var kinds = values('kind');
                var verdicts = values('verdict');
                var changes = document.querySelectorAll('.change');
                var shown = 0;
                Array.prototype.forEach.call(changes, function (c) {
                  var show = kinds.indexOf(c.dataset.kind) >= 0 && verdicts.indexOf(c.dataset.verdict) >= 0;
                  c.hidden = !show;
                  if (show) { shown++; }
                });
                Array.prototype.forEach.call(document.querySelectorAll('details.container'), function (g) {
                  g.hidden = !g.querySelector('.change:not([hidden])');
                });
                document.getElementById('shown').textContent = 'showing ' + shown + ' of ' + changes.length;
              }
              function fromFragment() {
                var wanted = {};
                location.hash.replace(/^#/, '').split('&').forEach(function (part) {
                  var kv = part.split('=');
                  if (kv.length === 2 && (kv[0] === 'kind' || kv[0] === 'verdict')) {
                    wanted[kv[0]] = decodeURIComponent(kv[1]).split(',');
                  }
                });
                Array.prototype.forEach.call(form.querySelectorAll('input[type=checkbox]'), function (b) {
                  if (wanted[b.name]) { b.checked = wanted[b.name].indexOf(b.value) >= 0; }
                });
              }
              function toFragment() {
                var all = form.querySelectorAll('input[type=checkbox]').length;
                var kinds = values('kind');
                var verdicts = values('verdict');
                var fragment = kinds.length + verdicts.length === all ? ''
                    : '#kind=' + kinds.join(',') + '&verdict=' + verdicts.join(',');
                history.replaceState(null, '', location.pathname + location.search + fragment);
              }
              if (form) {
                fromFragment();
                apply();
                form.addEventListener('change', function () { apply(); toFragment(); });
                window.addEventListener('hashchange', function () { fromFragment(); apply(); });
              }
              var copy = document.getElementById('copy-hash');
              if (copy) {
                copy.addEventListener('click', function () {
                  var text = copy.dataset.copy;
                  var done = function () { document.getElementById('copied').hidden = false; };
                  if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(text).then(done);
                  } else {
                    var range = document.createRange();
                    range.selectNodeContents(document.getElementById('hash'));
                    var selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    if (document.execCommand('copy')) { done(); }
                  }
                });
              }
            })();
            """;
}
