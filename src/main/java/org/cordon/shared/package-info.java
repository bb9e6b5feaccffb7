/**
 * Value types used everywhere (ID numbers, phones, plates, temperatures, masking), the platform
 * settings, personal-data encryption, the embedded database, the upkeep of the event publication
 * registry, web plumbing (locale, problem details, database outages answered with 503) and the CSV/Excel
 * reader and writer of every import and export ({@link org.cordon.shared.tabular}). No business flows live
 * here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.cordon.shared;
