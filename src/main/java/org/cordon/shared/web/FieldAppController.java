package org.cordon.shared.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The installable field app's own addresses, open without sign-in (README "Offline field app"):
 * <ul>
 *   <li>{@code /manifest.webmanifest} — the web app manifest in the page's language: it opens on the officer's
 *       checkpoint list, full screen, with the platform's icons (static/icons).</li>
 *   <li>{@code /offline/session} — whether this browser's session is signed in, as whom, its CSRF token and the
 *       server's clock: the queue of records kept on the device (static/js/offline.js) asks before it sends, so that
 *       an expired session asks the user to sign in again instead of losing the records, and the time a record was
 *       captured is sent on the server's clock even when the phone's clock is wrong.</li>
 *   <li>{@code /offline} — what the service worker (static/sw.js) shows for a page that is not kept on the device
 *       while there is no network.</li>
 * </ul>
 */
@Controller
class FieldAppController {

    private final MessageSource messages;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.resource.ResourceUrlProvider> assets;

    FieldAppController(MessageSource messages, Clock clock,
                       org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.resource.ResourceUrlProvider> assets) {
        this.assets = assets;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(value = "/manifest.webmanifest", produces = "application/manifest+json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> manifest(HttpServletRequest request, Locale locale) {
        String base = request.getContextPath();
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("id", base + "/checkpoints");
        manifest.put("name", messages.getMessage("offline.app.name", null, locale));
        manifest.put("short_name", messages.getMessage("offline.app.shortName", null, locale));
        manifest.put("description", messages.getMessage("offline.app.description", null, locale));
        manifest.put("lang", locale.toLanguageTag());
        manifest.put("dir", "ltr");
        manifest.put("start_url", base + "/checkpoints");
        manifest.put("scope", base + "/");
        manifest.put("display", "standalone");
        manifest.put("orientation", "portrait");
        manifest.put("background_color", "#f4f6f9");
        manifest.put("theme_color", "#8e1b16");
        manifest.put("icons", List.of(
                icon(base + asset("/icons/cordon-192.png"), "192x192", "image/png", "any"),
                icon(base + asset("/icons/cordon-512.png"), "512x512", "image/png", "any"),
                icon(base + asset("/icons/cordon-maskable-512.png"), "512x512", "image/png", "maskable"),
                icon(base + asset("/icons/cordon.svg"), "any", "image/svg+xml", "any")));
        manifest.put("shortcuts", List.of(
                Map.of("name", messages.getMessage("nav.checkpoints", null, locale), "url", base + "/checkpoints"),
                Map.of("name", messages.getMessage("nav.observation", null, locale), "url", base + "/observation")));
        // every page links it: kept a day (in the language it was asked in), not asked again on each visit
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate()).body(manifest);
    }

    /** The icon's fingerprinted address (cached a year like the other assets), the plain one when there is none. */
    private String asset(String path) {
        org.springframework.web.servlet.resource.ResourceUrlProvider urls = assets.getIfAvailable();
        String versioned = urls == null ? null : urls.getForLookupPath(path);
        return versioned == null ? path : versioned;
    }

    private static Map<String, String> icon(String src, String sizes, String type, String purpose) {
        return Map.of("src", src, "sizes", sizes, "type", type, "purpose", purpose);
    }

    @GetMapping(value = "/offline/session", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> session(HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedIn", signedIn);
        body.put("now", clock.millis());
        if (signedIn) {
            body.put("user", who.getName());
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
                body.put("csrfHeader", csrf.getHeaderName());
                body.put("csrfToken", csrf.getToken());
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    @GetMapping("/offline")
    String offline() {
        return "offline";
    }
}
