package org.cordon.account.web;

/** Reads the waiting time the sign-in page was sent to ({@code /login?wait=30}): digits only, else 1. */
public final class SignInMessages {

    private SignInMessages() {
    }

    /** The seconds in a query parameter, between 1 and one day; anything else reads as 1. */
    public static long seconds(String value) {
        if (value == null || !value.matches("\\d{1,6}")) {
            return 1;
        }
        return Math.max(1, Math.min(86_400, Long.parseLong(value)));
    }

    /** The same, in whole minutes rounded up (at least 1). */
    public static long minutes(String value) {
        return (seconds(value) + 59) / 60;
    }
}
