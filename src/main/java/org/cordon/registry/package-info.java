/**
 * The person registry and the returnee records (逐人造册登记): one person per identity document,
 * returnees from risk areas with where they came from and where they stay, who is responsible, and
 * rosters. Public API: {@link org.cordon.registry.RegistryManagement}, the rosters' import
 * ({@link org.cordon.registry.RosterImportManagement}) and export ({@link org.cordon.registry.RosterExportManagement}); event
 * {@link org.cordon.registry.ReturneeRegistered}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Returnee registry")
package org.cordon.registry;
