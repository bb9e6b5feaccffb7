/**
 * Notices and closures (通告) and the public portal (公众服务): notices with a yearly number assigned at
 * publication (draft → published → revoked), the venues, public events and transport services they close,
 * cancel or suspend (status derived from the notices in effect), prevention advice and hotlines, and the
 * public forms — self-report of a return (handed to the registry as an unverified returnee) and volunteer
 * sign-up. Public API: {@link org.cordon.notice.NoticeManagement} (staff) and
 * {@link org.cordon.notice.PortalManagement} (public reads and forms); events
 * {@link org.cordon.notice.NoticePublished}, {@link org.cordon.notice.NoticeRevoked},
 * {@link org.cordon.notice.SelfReportReceived}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notices and public portal")
package org.cordon.notice;
