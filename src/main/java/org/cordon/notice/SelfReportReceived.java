package org.cordon.notice;

/** A member of the public self-reported a return; the registry holds it as an unverified returnee. */
record SelfReportReceived(long selfReportId) {
}
