package org.cordon.supplies;

/** Who gave a donation. A person's name is public only when they agreed ({@code showName}). */
public enum DonorType { PERSON, ORGANISATION, ANONYMOUS }
