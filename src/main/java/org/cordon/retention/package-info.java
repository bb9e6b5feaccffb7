/**
 * Data that expires (PIPL art. 47; CAC notice of 4 Feb 2020): a scheduled job drops whole months of passages,
 * occupants and alerts older than the passage retention and anonymises the persons whose follow-up ended more than
 * the personal-data retention ago and who are not a case or a contact under follow-up; counts stay for the
 * statistics, and every run leaves one audit entry. Administrators see what is due when and may run it now.
 * Public API: {@link org.cordon.retention.RetentionManagement}. It reads the other modules only through their
 * retention APIs (checkpoint, registry, observation).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data retention")
package org.cordon.retention;
