/**
 * The person registry and the returnee records (逐人造册登记): one person per identity document,
 * returnees from risk areas with where they came from and where they stay, who is responsible, and
 * rosters. Public API: {@link org.cordon.registry.RegistryManagement}, the rosters' import
 * ({@link org.cordon.registry.RosterImportManagement}) and export ({@link org.cordon.registry.RosterExportManagement}); events
 * {@link org.cordon.registry.ReturneeRegistered} (a roster import's chunk: {@link org.cordon.registry.ReturneesRegistered})
 * and {@link org.cordon.registry.ReturneesMerged}. One person, one
 * arrival, one record: a returnee is identified by the person and the arrival (dates at most two days apart), whatever
 * the source; the database keeps it (constraint {@code returnee_one_record_per_arrival}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Returnee registry")
package org.cordon.registry;
