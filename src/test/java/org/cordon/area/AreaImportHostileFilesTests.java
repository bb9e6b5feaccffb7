package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.tabular.HostileWorkbooks.workbook;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.cordon.shared.tabular.HostileWorkbooks;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** Hostile area-list workbooks: a DOCTYPE and a zip bomb are refused (400, page message), store nothing, and the next import works. */
class AreaImportHostileFilesTests extends AreaTestSupport {

    static MockMultipartFile file(byte[] content) {
        return new MockMultipartFile("file", "areas.xlsx", "application/octet-stream", content);
    }

    MvcResult importApi(byte[] content, String language) throws Exception {
        return mvc.perform(multipart("/api/v1/areas/import").header("X-Cordon-Client", "test").file(file(content)).with(httpBasic("admin", DEMO_PASSWORD))
                .header("Accept-Language", language)).andReturn();
    }

    @Test
    void aDoctypeWithAnExternalEntityIsAClear400AndAPageMessageNotA500() throws Exception {
        String village = freshChild(TOWN);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<worksheet xmlns=\"" + HostileWorkbooks.MAIN + "\"><sheetData>"
                + HostileWorkbooks.inlineRows(List.of(List.of(HEADER.split(",")), List.of(village, "&xxe;", TOWN, "VILLAGE", "1", "2")))
                        .replace("&amp;xxe;", "&xxe;")
                + "</sheetData></worksheet>";
        byte[] content = workbook().part("xl/worksheets/sheet1.xml", xxe).bytes();

        MvcResult zh = importApi(content, "zh-CN");
        assertThat(zh.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(zh, "$.errors[0].code")).isEqualTo("area.import.unsafe");
        assertThat((String) read(zh, "$.errors[0].message")).contains("不安全").contains("DOCTYPE");
        MvcResult en = importApi(content, "en");
        assertThat((String) read(en, "$.errors[0].message")).contains("unsafe content");

        String page = body(mvc.perform(multipart("/areas/import").file(file(content))
                        .with(user(principal("admin"))).with(csrf()).param("lang", "en"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"file-error\"", "unsafe content");
        assertThat(areaRows(village)).isZero();

        byte[] plain = workbook().sheet(HostileWorkbooks.inlineRows(List.of(List.of(HEADER.split(",")),
                List.of(village, "安全村", TOWN, "VILLAGE", "1", "2")))).bytes();
        MvcResult ok = importApi(plain, "en");
        assertThat(ok.getResponse().getStatus()).as(body(ok)).isEqualTo(200);
        assertThat(areaRows(village)).isEqualTo(1);
    }

    @Test
    void aZipBombIsRefusedByItsRatio() throws Exception {
        String village = freshChild(TOWN);
        byte[] bomb = workbook().sheet(HostileWorkbooks.inlineRows(List.of(List.of(HEADER.split(",")),
                List.of(village, "炸弹村", TOWN, "VILLAGE", "1", "2")))).hugeSharedString(600L << 20, 'a').bytes();
        MvcResult result = importApi(bomb, "zh-CN");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(result, "$.errors[0].code")).isEqualTo("area.import.compressionRatio");
        assertThat((String) read(result, "$.errors[0].message")).contains("压缩炸弹");
        assertThat(areaRows(village)).isZero();
    }
}
