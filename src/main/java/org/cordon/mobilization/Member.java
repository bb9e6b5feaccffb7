package org.cordon.mobilization;

import org.cordon.account.PersonalValue;

/**
 * A Party member; the phone is masked.
 *
 * @param accountUsername the staff account linked to the member (for "my shifts"), or null
 */
public record Member(long id, String name, PersonalValue maskedPhone, String unit, long branchId, String branchName,
                     boolean leaveCancelled, String currentPost, String accountUsername) {
}
