package org.cordon.checkpoint.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.cordon.checkpoint.PassageRequest;
import org.cordon.shared.ValidationFailedException;

/**
 * The registration page's form. Origin and destination come from cascading pickers; the most
 * specific choice made is used. The client id is made when the form is first shown, so a
 * double-submitted form is stored once. {@code recordedAt} is sent by the page's offline queue
 * (static/js/offline.js) with the time the passage was captured on the device; empty means now.
 */
public class PassageForm {

    private String clientId = UUID.randomUUID().toString();
    private String direction = "ENTERING";
    private String plateNumber;
    private String vehicleType = "CAR";
    private String originProvince;
    private String originCity;
    private String originCounty;
    private String destinationTown;
    private String destinationArea;
    private boolean disinfected;
    private String recordedAt;
    private List<OccupantForm> occupants = new ArrayList<>(List.of(new OccupantForm()));

    /** One occupant row. */
    public static class OccupantForm {
        private String name;
        private String idType = "RESIDENT_ID";
        private String idNumber;
        private String phone;
        private String temperature;
        private List<String> symptoms = new ArrayList<>();
        private boolean riskAreaStay;
        private boolean caseContact;
        private boolean turnedBack;
        /** What the passage form's camera scanner read (static/js/qr-scan.js), as read; blank when nothing was scanned. */
        private String healthCode;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getIdType() { return idType; }
        public void setIdType(String idType) { this.idType = idType; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getTemperature() { return temperature; }
        public void setTemperature(String temperature) { this.temperature = temperature; }
        public List<String> getSymptoms() { return symptoms; }
        public void setSymptoms(List<String> symptoms) { this.symptoms = symptoms == null ? new ArrayList<>() : symptoms; }
        public boolean isRiskAreaStay() { return riskAreaStay; }
        public void setRiskAreaStay(boolean riskAreaStay) { this.riskAreaStay = riskAreaStay; }
        public boolean isCaseContact() { return caseContact; }
        public void setCaseContact(boolean caseContact) { this.caseContact = caseContact; }
        public boolean isTurnedBack() { return turnedBack; }
        public void setTurnedBack(boolean turnedBack) { this.turnedBack = turnedBack; }
        public String getHealthCode() { return healthCode; }
        public void setHealthCode(String healthCode) { this.healthCode = healthCode; }
    }

    PassageRequest toRequest() {
        UUID id;
        try {
            id = UUID.fromString(clientId);
        } catch (RuntimeException e) {
            id = null;
        }
        String origin = firstNonBlank(originCounty, originCity, originProvince);
        String destination = firstNonBlank(destinationArea, destinationTown);
        List<PassageRequest.OccupantRequest> list = new ArrayList<>();
        for (OccupantForm o : occupants) {
            if (o == null) {
                continue;
            }
            list.add(new PassageRequest.OccupantRequest(o.name, o.idType, o.idNumber, o.phone, o.temperature,
                    o.symptoms, o.riskAreaStay, o.caseContact, o.turnedBack,
                    o.healthCode == null || o.healthCode.isBlank() ? null : o.healthCode.trim()));
        }
        return new PassageRequest(id, direction, plateNumber, vehicleType, origin, destination, disinfected, recordedAt(), list);
    }

    /** The capture time sent by the offline queue (ISO-8601 with an offset), null when none was sent. */
    private OffsetDateTime recordedAt() {
        if (recordedAt == null || recordedAt.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(recordedAt.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException("recordedAt", "validation.field.format", recordedAt.length() > 40
                    ? recordedAt.substring(0, 40) + "…" : recordedAt);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getDirection() { return direction; }
    public void setDirection(String direction) { this.direction = direction; }
    public String getPlateNumber() { return plateNumber; }
    public void setPlateNumber(String plateNumber) { this.plateNumber = plateNumber; }
    public String getVehicleType() { return vehicleType; }
    public void setVehicleType(String vehicleType) { this.vehicleType = vehicleType; }
    public String getOriginProvince() { return originProvince; }
    public void setOriginProvince(String originProvince) { this.originProvince = originProvince; }
    public String getOriginCity() { return originCity; }
    public void setOriginCity(String originCity) { this.originCity = originCity; }
    public String getOriginCounty() { return originCounty; }
    public void setOriginCounty(String originCounty) { this.originCounty = originCounty; }
    public String getDestinationTown() { return destinationTown; }
    public void setDestinationTown(String destinationTown) { this.destinationTown = destinationTown; }
    public String getDestinationArea() { return destinationArea; }
    public void setDestinationArea(String destinationArea) { this.destinationArea = destinationArea; }
    public boolean isDisinfected() { return disinfected; }
    public String getRecordedAt() { return recordedAt; }
    public void setRecordedAt(String recordedAt) { this.recordedAt = recordedAt; }
    public void setDisinfected(boolean disinfected) { this.disinfected = disinfected; }
    public List<OccupantForm> getOccupants() { return occupants; }
    public void setOccupants(List<OccupantForm> occupants) { this.occupants = occupants; }
}
