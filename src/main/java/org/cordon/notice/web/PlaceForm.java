package org.cordon.notice.web;

import java.time.LocalDate;

import org.cordon.notice.Place;
import org.cordon.notice.PlaceRequest;
import org.springframework.format.annotation.DateTimeFormat;

/** Form of a venue, event or service. */
public class PlaceForm {

    private String kind;
    private String name;
    private String areaCode;
    private String address;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate startsOn;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate endsOn;

    PlaceRequest toRequest() {
        return new PlaceRequest(kind, name, areaCode, address, startsOn, endsOn);
    }

    static PlaceForm of(Place p) {
        PlaceForm f = new PlaceForm();
        f.kind = p.kind();
        f.name = p.name();
        f.areaCode = p.areaCode();
        f.address = p.address();
        f.startsOn = p.startsOn();
        f.endsOn = p.endsOn();
        return f;
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getAreaCode() { return areaCode; }
    public void setAreaCode(String areaCode) { this.areaCode = areaCode; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public LocalDate getStartsOn() { return startsOn; }
    public void setStartsOn(LocalDate startsOn) { this.startsOn = startsOn; }
    public LocalDate getEndsOn() { return endsOn; }
    public void setEndsOn(LocalDate endsOn) { this.endsOn = endsOn; }
}
