package io.heapsift.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The self-contained HTML page: the template resource {@code page.html} with its markers filled — the title (escaped
 * text), the data (JSON in a {@code <script type="application/json">}, every '&lt;' written as {@code \u003c} so no
 * symbol name can close the script or open a comment) and the renderer {@code report.js}. No external URLs.
 */
final class HtmlPage {

    static final String TITLE = "<!--title-->";
    static final String DATA = "<!--data-->";
    static final String SCRIPT = "/*script*/";

    private HtmlPage() {
    }

    static void write(String title, String json, Writer out) throws IOException {
        String page = resource("page.html");
        String script = resource("report.js");
        int t = page.indexOf(TITLE), d = page.indexOf(DATA), s = page.indexOf(SCRIPT);
        if (t < 0 || d < t || s < d) throw new IllegalStateException("page.html lost its markers");
        out.write(page, 0, t);
        out.write(escapeText(title));
        out.write(page, t + TITLE.length(), d - t - TITLE.length());
        out.write("<script type=\"application/json\" id=\"heapsift-data\">");
        out.write(scriptSafe(json));
        out.write("</script>");
        out.write(page, d + DATA.length(), s - d - DATA.length());
        out.write(script);
        out.write(page, s + SCRIPT.length(), page.length() - s - SCRIPT.length());
        out.flush();
    }

    /** JSON that is inert inside a script element: '<' (and the two JS line separators) as \\u escapes. */
    static String scriptSafe(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String escapeText(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
