package org.cordon.checkpoint;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ScratchProbeTests extends IntegrationTestSupport {

    void show(String label, org.springframework.test.web.servlet.MvcResult r) {
        System.out.println("PROBE " + label + " -> " + r.getResponse().getStatus() + " " + body(r));
    }

    @Test
    void probe() throws Exception {
        try {
            show("badLang", mvc.perform(get("/api/v1/checkpoints").with(as("officer1")).header("Accept-Language", "en;q=abc")).andReturn());
        } catch (Exception e) { System.out.println("PROBE badLang threw " + e); }
        String passport = "{\"clientId\":\"" + newClientId() + "\",\"direction\":\"LEAVING\",\"vehicleType\":\"PEDESTRIAN\",\"originAreaCode\":\"610802\",\"occupants\":[{\"name\":\"John\",\"idType\":\"PASSPORT\",\"idNumber\":\"E98765432\",\"temperature\":36.5}]}";
        show("passportReg", mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content(passport)).andReturn());
        show("passportSearch", mvc.perform(get("/api/v1/checkpoints/KK01/passages").param("q", "E98765432").with(as("officer1"))).andReturn());
        show("passportLookup", mvc.perform(post("/api/v1/people/lookup").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("{\"idType\":\"PASSPORT\",\"idNumber\":\"E98765432\"}")).andReturn());
        show("badDate", mvc.perform(get("/api/v1/checkpoints/KK01/passages").param("date", "x").with(as("officer1"))).andReturn());
        show("size0", mvc.perform(get("/api/v1/checkpoints/KK01/passages").param("size", "0").param("page", "-1").with(as("officer1"))).andReturn());
        show("wrongMethod", mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/v1/checkpoints").with(as("officer1"))).andReturn());
        show("countsUnknown", mvc.perform(get("/api/v1/checkpoints/KK99/counts").with(as("commander"))).andReturn());
        show("emptyBody", mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("")).andReturn());
        show("nullBody", mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("null")).andReturn());
        show("lookupNull", mvc.perform(post("/api/v1/people/lookup").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn());
        show("thresholdNullBody", mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/screening-rules/fever-threshold").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("null")).andReturn());
        show("riskNullBody", mvc.perform(post("/api/v1/risk-areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON).content("null")).andReturn());
        show("occupantsNullElem", mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("{\"clientId\":\"" + newClientId() + "\",\"direction\":\"LEAVING\",\"vehicleType\":\"PEDESTRIAN\",\"originAreaCode\":\"610802\",\"occupants\":[null]}")).andReturn());
        show("symptomsNullElem", mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("{\"clientId\":\"" + newClientId() + "\",\"direction\":\"LEAVING\",\"vehicleType\":\"PEDESTRIAN\",\"originAreaCode\":\"610802\",\"occupants\":[{\"name\":\"A\",\"idNumber\":\"" + randomIdNumber() + "\",\"temperature\":\"36.5\",\"symptoms\":[null]}]}")).andReturn());
    }
}
