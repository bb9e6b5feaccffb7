package org.cordon.notice;

import java.time.Instant;
import java.util.List;

import org.cordon.account.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusted hand-over of the portal's volunteer sign-ups to the module that takes volunteers on
 * (mobilisation): the sign-ups as stored, the phone still encrypted and hashed under the shared field name
 * (so it is copied, never decrypted). The portal owns the table; the taking module reads it only here.
 * Not for web code (an architecture test keeps pages and controllers away from trusted hand-overs).
 */
@Component
@Transactional(readOnly = true)
public class SignupHandover {

    /** One sign-up as handed over. */
    public record Signup(long id, String name, byte[] phoneEnc, byte[] phoneHash, String areaCode, String organisation,
                         String skills, String availability, String status, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    SignupHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The sign-ups whose area lies in the subtree of {@code areaPrefix}; {@code null}: every sign-up, those that named
     * no area included. One page in the order they came in: ids above {@code afterId}, at most {@code limit}; the
     * caller pages on with the last id it got until a page is empty.
     */
    public List<Signup> signups(String areaPrefix, long afterId, int limit) {
        AreaScope scope = AreaScope.subtree(areaPrefix == null ? "" : areaPrefix);
        return jdbc.sql("select * from volunteer_signup s where s.id > :after and (:all or " + scope.condition("s.area_code", "prefix") + ")"
                        + " order by s.id limit :limit")
                .param("after", afterId).param("all", areaPrefix == null).param("prefix", scope.pattern()).param("limit", limit)
                .query((rs, n) -> new Signup(rs.getLong("id"), rs.getString("name"), rs.getBytes("phone_enc"), rs.getBytes("phone_hash"),
                        rs.getString("area_code"), rs.getString("organisation"), rs.getString("skills"), rs.getString("availability"),
                        rs.getString("status"), NoticeRepository.instant(rs, "created_at")))
                .list();
    }
}
