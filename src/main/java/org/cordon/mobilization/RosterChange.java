package org.cordon.mobilization;

/**
 * What one rostering action of several assignments did (several members on several shifts, a day or week copied).
 *
 * @param assigned           assignments made
 * @param alreadyOn          member–shift pairs skipped because the member was on the shift already
 * @param overlapping        pairs skipped because the member stands an overlapping shift elsewhere (copy and fill only;
 *                           several members on several shifts refuses them instead)
 * @param stillUnderstaffed  of the shifts concerned, how many still have fewer people than they need
 */
public record RosterChange(int assigned, int alreadyOn, int overlapping, int stillUnderstaffed) {
}
