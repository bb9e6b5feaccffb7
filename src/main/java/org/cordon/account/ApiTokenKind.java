package org.cordon.account;

/** What an API token is for: a device such as a checkpoint phone, or another system. Only a label; both act as their account. */
public enum ApiTokenKind { DEVICE, INTEGRATION }
