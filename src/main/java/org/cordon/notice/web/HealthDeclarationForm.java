package org.cordon.notice.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cordon.healthcode.HealthDeclarationRequest;

/** The portal's health declaration form (the place outside the city picked like the self-report's origin). */
public class HealthDeclarationForm {

    private String clientId = UUID.randomUUID().toString();
    private String name;
    private String idType = "RESIDENT_ID";
    private String idNumber;
    private String phone;
    private String originProvince;
    private String originCity;
    private String originCounty;
    private LocalDate arrivedOn;
    private String destinationTown;
    private String destinationCode;
    private List<String> symptoms = new ArrayList<>();
    private String website;

    HealthDeclarationRequest toRequest() {
        UUID id;
        try {
            id = clientId == null ? null : UUID.fromString(clientId.trim());
        } catch (IllegalArgumentException e) {
            id = null;
        }
        List<String> stays = new ArrayList<>();
        for (String code : new String[] {originCounty, originCity, originProvince}) {
            if (code != null && !code.isBlank()) {
                stays.add(code.trim());
                break;
            }
        }
        return new HealthDeclarationRequest(id, name, idType, idNumber, phone, destinationCode, stays, arrivedOn, symptoms);
    }

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdType() { return idType; }
    public void setIdType(String idType) { this.idType = idType; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getOriginProvince() { return originProvince; }
    public void setOriginProvince(String originProvince) { this.originProvince = originProvince; }
    public String getOriginCity() { return originCity; }
    public void setOriginCity(String originCity) { this.originCity = originCity; }
    public String getOriginCounty() { return originCounty; }
    public void setOriginCounty(String originCounty) { this.originCounty = originCounty; }
    public LocalDate getArrivedOn() { return arrivedOn; }
    public void setArrivedOn(LocalDate arrivedOn) { this.arrivedOn = arrivedOn; }
    public String getDestinationTown() { return destinationTown; }
    public void setDestinationTown(String destinationTown) { this.destinationTown = destinationTown; }
    public String getDestinationCode() { return destinationCode; }
    public void setDestinationCode(String destinationCode) { this.destinationCode = destinationCode; }
    public List<String> getSymptoms() { return symptoms; }
    public void setSymptoms(List<String> symptoms) { this.symptoms = symptoms == null ? new ArrayList<>() : symptoms; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
