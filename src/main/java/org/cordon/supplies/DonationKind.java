package org.cordon.supplies;

/** Money (an amount in yuan) or goods (items with quantities that enter stock). */
public enum DonationKind { MONEY, GOODS }
