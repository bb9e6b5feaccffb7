package org.cordon.supplies;

/** How a donation came in. */
public enum DonationChannel { ON_SITE, BANK, CHARITY_PLATFORM, MAIL, OTHER }
