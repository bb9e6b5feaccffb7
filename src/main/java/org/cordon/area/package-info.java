/**
 * The area tree of the city (city → town/street office → village/community → villager
 * group/compound, enterprises attached to a town) and the national administrative divisions
 * (province → city → county) used for origins. Public API: {@link org.cordon.area.AreaManagement}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Area grid")
package org.cordon.area;
