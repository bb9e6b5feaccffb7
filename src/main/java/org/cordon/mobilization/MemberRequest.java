package org.cordon.mobilization;

/**
 * A new or changed Party member. On a change a blank {@code phone} keeps the stored one;
 * a blank {@code accountUsername} unlinks the account.
 */
public record MemberRequest(String name, String phone, String unit, Long branchId, Boolean leaveCancelled,
                            String currentPost, String accountUsername) {
}
