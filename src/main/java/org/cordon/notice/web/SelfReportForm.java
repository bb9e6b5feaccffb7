package org.cordon.notice.web;

import java.time.LocalDate;

import org.cordon.notice.SelfReportRequest;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The self-report form. Origin: the most specific of province, city and county (the city and county
 * pickers need JavaScript; a province alone is a valid origin). {@code website} is the honeypot.
 */
public class SelfReportForm {

    private String name;
    private String idType = "RESIDENT_ID";
    private String idNumber;
    private String nationality;
    private String phone;
    private String originProvince;
    private String originCity;
    private String originCounty;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate leftRiskAreaOn;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate arrivedOn;
    private String transportMode;
    private String transportDetail;
    private String destinationTown;
    private String destinationCode;
    private String destinationAddress;
    private String website;

    SelfReportRequest toRequest() {
        return new SelfReportRequest(name, idType, idNumber, nationality, phone, originCode(), leftRiskAreaOn, arrivedOn,
                transportMode, transportDetail, destinationCode, destinationAddress);
    }

    String originCode() {
        for (String code : new String[] {originCounty, originCity, originProvince}) {
            if (code != null && !code.isBlank()) {
                return code.trim();
            }
        }
        return null;
    }

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
    public String getOriginProvince() { return originProvince; }
    public void setOriginProvince(String originProvince) { this.originProvince = originProvince; }
    public String getOriginCity() { return originCity; }
    public void setOriginCity(String originCity) { this.originCity = originCity; }
    public String getOriginCounty() { return originCounty; }
    public void setOriginCounty(String originCounty) { this.originCounty = originCounty; }
    public LocalDate getLeftRiskAreaOn() { return leftRiskAreaOn; }
    public void setLeftRiskAreaOn(LocalDate leftRiskAreaOn) { this.leftRiskAreaOn = leftRiskAreaOn; }
    public LocalDate getArrivedOn() { return arrivedOn; }
    public void setArrivedOn(LocalDate arrivedOn) { this.arrivedOn = arrivedOn; }
    public String getTransportMode() { return transportMode; }
    public void setTransportMode(String transportMode) { this.transportMode = transportMode; }
    public String getTransportDetail() { return transportDetail; }
    public void setTransportDetail(String transportDetail) { this.transportDetail = transportDetail; }
    public String getDestinationTown() { return destinationTown; }
    public void setDestinationTown(String destinationTown) { this.destinationTown = destinationTown; }
    public String getDestinationCode() { return destinationCode; }
    public void setDestinationCode(String destinationCode) { this.destinationCode = destinationCode; }
    public String getDestinationAddress() { return destinationAddress; }
    public void setDestinationAddress(String destinationAddress) { this.destinationAddress = destinationAddress; }
    public String getWebsite() { return website; }
    public void setWebsite(String website) { this.website = website; }
}
