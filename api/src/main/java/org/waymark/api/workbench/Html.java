package org.waymark.api.workbench;

import com.google.common.html.HtmlEscapers;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The workbench's HTML: escaping, Markdown (raw HTML in it escaped, unsafe links removed) and the page frame. Pages are
 * rendered on the server and use no script, so the content security policy allows none.
 */
final class Html {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1d;line-height:1.45}
            header{background:#005eb8;color:#fff;padding:.6rem 1.2rem;display:flex;justify-content:space-between;align-items:center}
            header a{color:#fff}
            main{padding:1rem 1.2rem;max-width:75rem}
            a{color:#005eb8}
            a:focus,button:focus,input:focus,select:focus{outline:3px solid #ffb81c;outline-offset:1px}
            table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}
            th,td{border:1px solid #c8cdd0;padding:.3rem .5rem;text-align:left;vertical-align:top}
            .pass{color:#007f3b;font-weight:bold}.fail{color:#d5281b;font-weight:bold}
            .card{border:1px solid #c8cdd0;border-left:.5rem solid #005eb8;padding:.6rem .9rem;margin:.8rem 0;max-width:48rem}
            .card.warning{border-left-color:#ffb81c}.card.critical{border-left-color:#d5281b}
            .card .summary{font-weight:bold}.card .source{color:#4c6272;font-size:.85rem}
            form.inline{display:inline}
            button{background:#007f3b;color:#fff;border:0;padding:.45rem .9rem;font-size:1rem;cursor:pointer}
            button.secondary{background:#4c6272}
            .notice{background:#fff9c4;border:1px solid #ffb81c;padding:.5rem .8rem}
            .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#005eb8;padding:.3rem}
            """;

    private Html() {
    }

    static String escape(String text) {
        return text == null ? "" : HtmlEscapers.htmlEscaper().escape(text);
    }

    static String markdown(String md) {
        return RENDERER.render(MARKDOWN.parse(md == null ? "" : md));
    }

    /** A whole page; {@code who} is the signed-in identity, or null on the sign-in page. */
    static String page(String title, String who, String formToken, String body) {
        String signOut = who == null ? "" : "<span>Signed in as " + escape(who) + " "
                + "<form class=\"inline\" method=\"post\" action=\"/workbench/sign-out\">" + formToken(formToken)
                + "<button class=\"secondary\" type=\"submit\">Sign out</button></form></span>";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + " - Waymark workbench</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" + STYLE + "</style></head><body>"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>"
                + "<header><a href=\"/workbench\"><strong>Waymark workbench</strong></a>" + signOut + "</header>"
                + "<main id=\"main\"><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }

    static String formToken(String token) {
        return token == null ? "" : "<input type=\"hidden\" name=\"formToken\" value=\"" + escape(token) + "\">";
    }

    /** A one-button form posting to {@code action}. */
    static String button(String action, String label, String formToken) {
        return "<form class=\"inline\" method=\"post\" action=\"" + escape(action) + "\">" + formToken(formToken)
                + "<button type=\"submit\">" + escape(label) + "</button></form>";
    }
}
