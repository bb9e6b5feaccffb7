package org.cordon.registry.web;

import java.time.LocalDate;
import java.util.UUID;

import org.cordon.registry.ReturneeRequest;
import org.springframework.format.annotation.DateTimeFormat;

/** The door-to-door registration form; the source ref made when it is first shown makes a double submit harmless. */
public class ReturneeForm {

    private String sourceRef = UUID.randomUUID().toString();
    private String name;
    private String idType = "RESIDENT_ID";
    private String idNumber;
    private String nationality;
    private String phone;
    private String originCode;
    private String originProvince;
    private String originCity;
    private String originCounty;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate leftRiskAreaOn;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate arrivedOn;
    private String transportMode;
    private String transportDetail;
    private String companions;
    private String destinationCode;
    private String destinationAddress;

    ReturneeRequest toRequest() {
        return new ReturneeRequest(sourceRef, name, idType, idNumber, nationality, phone, origin(), leftRiskAreaOn, arrivedOn,
                transportMode, transportDetail, companions, destinationCode, destinationAddress);
    }

    public String getSourceRef() { return sourceRef; }
    public void setSourceRef(String sourceRef) { this.sourceRef = sourceRef; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdType() { return idType; }
    public void setIdType(String idType) { this.idType = idType; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getNationality() { return nationality; }
    public void setNationality(String nationality) { this.nationality = nationality; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    /** The most specific choice of the origin picker; a typed code (older clients of the form) when none is made. */
    String origin() {
        for (String code : new String[] {originCounty, originCity, originProvince, originCode}) {
            if (code != null && !code.isBlank()) {
                return code.trim();
            }
        }
        return null;
    }

    public String getOriginProvince() { return originProvince; }
    public void setOriginProvince(String originProvince) { this.originProvince = originProvince; }
    public String getOriginCity() { return originCity; }
    public void setOriginCity(String originCity) { this.originCity = originCity; }
    public String getOriginCounty() { return originCounty; }
    public void setOriginCounty(String originCounty) { this.originCounty = originCounty; }
    public String getOriginCode() { return originCode; }
    public void setOriginCode(String originCode) { this.originCode = originCode; }
    public LocalDate getLeftRiskAreaOn() { return leftRiskAreaOn; }
    public void setLeftRiskAreaOn(LocalDate leftRiskAreaOn) { this.leftRiskAreaOn = leftRiskAreaOn; }
    public LocalDate getArrivedOn() { return arrivedOn; }
    public void setArrivedOn(LocalDate arrivedOn) { this.arrivedOn = arrivedOn; }
    public String getTransportMode() { return transportMode; }
    public void setTransportMode(String transportMode) { this.transportMode = transportMode; }
    public String getTransportDetail() { return transportDetail; }
    public void setTransportDetail(String transportDetail) { this.transportDetail = transportDetail; }
    public String getCompanions() { return companions; }
    public void setCompanions(String companions) { this.companions = companions; }
    public String getDestinationCode() { return destinationCode; }
    public void setDestinationCode(String destinationCode) { this.destinationCode = destinationCode; }
    public String getDestinationAddress() { return destinationAddress; }
    public void setDestinationAddress(String destinationAddress) { this.destinationAddress = destinationAddress; }
}
