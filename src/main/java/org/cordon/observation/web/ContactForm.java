package org.cordon.observation.web;

import java.time.LocalDate;

import org.cordon.observation.CloseContactRequest;
import org.springframework.format.annotation.DateTimeFormat;

/** The close-contact form: the person, the last exposure, the place of residence from the picker, home or a site. */
public class ContactForm {

    private long casePersonId;
    private String name;
    private String idType = "RESIDENT_ID";
    private String idNumber;
    private String phone;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate exposureDate;
    private String destinationTown;
    private String areaCode;
    private String address;
    private String kind;
    private Long siteId;

    CloseContactRequest toRequest() {
        return new CloseContactRequest(casePersonId, name, idType, idNumber, phone, exposureDate,
                ResidencePicker.picked(destinationTown, areaCode), address, kind, siteId);
    }

    public long getCasePersonId() { return casePersonId; }
    public void setCasePersonId(long casePersonId) { this.casePersonId = casePersonId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getIdType() { return idType; }
    public void setIdType(String idType) { this.idType = idType; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public LocalDate getExposureDate() { return exposureDate; }
    public void setExposureDate(LocalDate exposureDate) { this.exposureDate = exposureDate; }
    public String getDestinationTown() { return destinationTown; }
    public void setDestinationTown(String destinationTown) { this.destinationTown = destinationTown; }
    public String getAreaCode() { return areaCode; }
    public void setAreaCode(String areaCode) { this.areaCode = areaCode; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public Long getSiteId() { return siteId; }
    public void setSiteId(Long siteId) { this.siteId = siteId; }
}
