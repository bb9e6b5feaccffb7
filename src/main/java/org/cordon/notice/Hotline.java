package org.cordon.notice;

/** A hotline shown on the portal. */
public record Hotline(long id, String name, String phone, int sort) {
}
