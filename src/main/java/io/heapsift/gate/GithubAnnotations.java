package io.heapsift.gate;

import java.io.PrintWriter;

/**
 * GitHub Actions workflow commands: {@code ::error file=F,line=L,title=T::message} for every violation and
 * unusable input (escaped as the runner expects: %, CR, LF in the message; also : and , in properties).
 */
public final class GithubAnnotations {

    public void write(GateReport r, PrintWriter out) {
        for (TraceVerdict t : r.traces()) {
            String file = GateFiles.display(t.file());
            if (t.status() == TraceVerdict.Status.UNUSABLE) {
                out.println("::error file=" + property(file) + ",title=" + property("heapsift gate: unusable input")
                        + "::" + data(file + ": " + t.error()));
            }
            for (Violation v : t.violations()) {
                out.println("::error file=" + property(file) + (v.line() > 0 ? ",line=" + v.line() : "")
                        + ",title=" + property("heapsift gate: " + v.rule()) + "::" + data(v.message()));
            }
        }
        out.flush();
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
