package org.cordon.notice.web;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cordon.notice.NoticeRequest;
import org.cordon.notice.NoticeView;
import org.cordon.notice.TargetType;
import org.springframework.format.annotation.DateTimeFormat;

/** The notice draft form; targets are checkbox values {@code VENUE:3}, {@code EVENT:1}, {@code SERVICE:4}. */
public class NoticeForm {

    private String title;
    private String body;
    private String issuer;
    private List<String> categories = new ArrayList<>();
    @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm", fallbackPatterns = {"yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"})
    private LocalDateTime effectiveFrom;
    @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm", fallbackPatterns = {"yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"})
    private LocalDateTime effectiveTo;
    private List<String> targets = new ArrayList<>();

    NoticeRequest toRequest() {
        List<NoticeRequest.TargetRef> refs = new ArrayList<>();
        for (String t : targets) {
            refs.add(parse(t));
        }
        return new NoticeRequest(title, body, issuer, categories, effectiveFrom, effectiveTo, refs);
    }

    static NoticeForm of(NoticeView n, java.time.ZoneId zone) {
        NoticeForm f = new NoticeForm();
        f.title = n.title();
        f.body = n.body();
        f.issuer = n.issuer();
        f.categories = new ArrayList<>(n.categories().stream().map(Enum::name).toList());
        f.effectiveFrom = LocalDateTime.ofInstant(n.effectiveFrom(), zone);
        f.effectiveTo = n.effectiveTo() == null ? null : LocalDateTime.ofInstant(n.effectiveTo(), zone);
        f.targets = new ArrayList<>(n.targets().stream().map(t -> t.type() + ":" + t.id()).toList());
        return f;
    }

    private static NoticeRequest.TargetRef parse(String value) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon > 0) {
            try {
                return new NoticeRequest.TargetRef(TargetType.valueOf(value.substring(0, colon).toUpperCase(Locale.ROOT)),
                        Long.parseLong(value.substring(colon + 1)));
            } catch (IllegalArgumentException malformed) {
                // reported as an unknown target below
            }
        }
        return new NoticeRequest.TargetRef(null, 0);
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getIssuer() { return issuer; }
    public void setIssuer(String issuer) { this.issuer = issuer; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> categories) { this.categories = categories == null ? new ArrayList<>() : categories; }
    public LocalDateTime getEffectiveFrom() { return effectiveFrom; }
    public void setEffectiveFrom(LocalDateTime effectiveFrom) { this.effectiveFrom = effectiveFrom; }
    public LocalDateTime getEffectiveTo() { return effectiveTo; }
    public void setEffectiveTo(LocalDateTime effectiveTo) { this.effectiveTo = effectiveTo; }
    public List<String> getTargets() { return targets; }
    public void setTargets(List<String> targets) { this.targets = targets == null ? new ArrayList<>() : targets; }
}
