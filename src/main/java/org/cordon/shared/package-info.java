/**
 * Value types used everywhere (ID numbers, phones, plates, temperatures, masking), the platform
 * settings, personal-data encryption, the embedded database, the upkeep of the event publication
 * registry and web plumbing (locale, problem details, database outages answered with 503). No
 * business flows live here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.cordon.shared;
