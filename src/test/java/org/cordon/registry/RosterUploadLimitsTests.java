package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.tabular.HostileWorkbooks.workbook;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.CordonSettings;
import org.cordon.shared.tabular.HostileWorkbooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Hostile roster uploads through the API and the page: a zip bomb, too many entries, a DOCTYPE are refused with a
 * message in the user's language, store nothing, and the platform answers the next request; an upload that would
 * have written an error file a thousand times its size writes a bounded, encrypted, owner-only one.
 */
class RosterUploadLimitsTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;
    @Autowired
    CordonSettings settings;

    String gridWorker;

    @BeforeEach
    void gridWorker() {
        gridWorker = "roster-limits-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(gridWorker, "password1-for-tests", "网格员（测试）", Role.GRID_WORKER,
                RosterImportTests.VILLAGE, Set.of()));
    }

    RequestPostProcessor asGridWorker() {
        return httpBasic(gridWorker, "password1-for-tests");
    }

    MvcResult importApi(String fileName, byte[] content, String language) throws Exception {
        return mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", fileName, "application/octet-stream", content))
                        .with(asGridWorker()).header("Accept-Language", language))
                .andReturn();
    }

    long importedBy(String username) {
        return count("select count(*) from returnee where source = 'IMPORTED' and created_by = ?", username);
    }

    long errorFiles() throws Exception {
        Path directory = settings.dataDir().resolve("roster-errors");
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (var files = Files.list(directory)) {
            return files.count();
        }
    }

    /** A workbook with the template's header and one valid row, whose shared strings are a 600 MB zip bomb. */
    static byte[] bomb() {
        List<String> header = List.of(RosterImportTests.HEADER.split(","));
        List<String> row = List.of(RosterImportTests.row("马一", randomIdNumber(), today(), RosterImportTests.VILLAGE).split(",", -1));
        return workbook().sheet(HostileWorkbooks.inlineRows(List.of(header, row))).hugeSharedString(600L << 20, ' ').bytes();
    }

    void aNormalImportStillWorks() throws Exception {
        byte[] csv = RosterImportTests.csv(RosterImportTests.row("正常", randomIdNumber(), today(), RosterImportTests.VILLAGE))
                .getBytes(StandardCharsets.UTF_8);
        MvcResult ok = importApi("ok.csv", csv, "zh-CN");
        assertThat(ok.getResponse().getStatus()).as(body(ok)).isEqualTo(200);
        assertThat(readLong(ok, "$.saved")).isEqualTo(1);
    }

    @Test
    void aZipBombIsRefusedInTheUsersLanguageStoresNothingAndThePlatformKeepsServing() throws Exception {
        byte[] bomb = bomb();
        assertThat(bomb.length).isLessThan(1 << 20);
        long files = errorFiles();

        MvcResult zh = importApi("名单.xlsx", bomb, "zh-CN");
        assertThat(zh.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(zh, "$.errors[0].code")).isEqualTo("roster.file.compressionRatio");
        assertThat((String) read(zh, "$.errors[0].message")).contains("压缩比超过 100 倍").contains("未导入任何内容");
        MvcResult en = importApi("roster.xlsx", bomb, "en");
        assertThat((String) read(en, "$.errors[0].message")).contains("compressed more than 100 times").contains("nothing was imported");

        String page = body(mvc.perform(multipart("/returnees/roster")
                        .file(new MockMultipartFile("file", "名单.xlsx", "application/octet-stream", bomb))
                        .with(user(accounts.loadUserByUsername(gridWorker))).with(csrf()))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"import-error\"").contains("压缩炸弹");

        assertThat(importedBy(gridWorker)).isZero();
        assertThat(errorFiles()).isEqualTo(files);
        aNormalImportStillWorks();
        mvc.perform(get("/returnees/roster").with(user(accounts.loadUserByUsername(gridWorker)))).andExpect(status().isOk());
    }

    @Test
    void tooManyEntriesADoctypeAndAnOverlongSharedStringAreRefusedToo() throws Exception {
        List<String> header = List.of(RosterImportTests.HEADER.split(","));
        String rows = HostileWorkbooks.inlineRows(List.of(header));
        byte[] entries = workbook().sheet(rows).extraEntries(1000).bytes();
        MvcResult many = importApi("many.xlsx", entries, "en");
        assertThat((String) read(many, "$.errors[0].code")).isEqualTo("roster.file.tooManyEntries");
        assertThat((String) read(many, "$.errors[0].message")).contains("more than 1,000 parts");

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<sst xmlns=\"" + HostileWorkbooks.MAIN + "\"><si><t>&xxe;</t></si></sst>";
        MvcResult doctype = importApi("xxe.xlsx", workbook().sheet(rows).part("xl/sharedStrings.xml", xxe).bytes(), "zh-CN");
        assertThat(doctype.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(doctype, "$.errors[0].code")).isEqualTo("roster.file.unsafe");
        assertThat((String) read(doctype, "$.errors[0].message")).contains("DOCTYPE");

        MvcResult text = importApi("long.xlsx", workbook().sheet(rows).sharedStrings("<si><t>" + "长".repeat(10_001) + "</t></si>")
                .bytes(), "en");
        assertThat((String) read(text, "$.errors[0].code")).isEqualTo("roster.file.textTooLong");
        assertThat((String) read(text, "$.errors[0].message")).contains("longer than 10,000 characters");
        assertThat(importedBy(gridWorker)).isZero();
    }

    /**
     * The case: a small workbook whose every cell is one long shared string used to write its rows in full,
     * a thousand times the upload, as plaintext. Now cells are cut, the file stops at its limit, and it is encrypted.
     */
    @Test
    void aSmallWorkbookOfLongRejectedRowsWritesABoundedEncryptedOwnerOnlyErrorFile() throws Exception {
        List<String> header = List.of(RosterImportTests.HEADER.split(","));
        StringBuilder rows = new StringBuilder(HostileWorkbooks.inlineRows(List.of(header)));
        int dataRows = 12_000;
        String id = randomIdNumber();
        for (int r = 2; r <= dataRows + 1; r++) {
            rows.append("<row r=\"").append(r).append("\">");
            for (int c = 0; c < header.size(); c++) {
                // the ID column holds a real ID number with a varying tail, the others the long shared string
                String column = String.valueOf((char) ('A' + c));
                if (c == RosterColumn.ID_NUMBER.ordinal()) {
                    rows.append("<c r=\"").append(column).append(r).append("\" t=\"inlineStr\"><is><t>").append(id)
                            .append("</t></is></c>");
                } else {
                    rows.append("<c r=\"").append(column).append(r).append("\" t=\"s\"><v>0</v></c>");
                }
            }
            rows.append("</row>");
        }
        String longText = "名".repeat(10_000);
        byte[] upload = workbook().sheet(rows.toString()).sharedStrings("<si><t>" + longText + "</t></si>").bytes();
        // as read, each rejected row is 12 cells of 10,000 characters: 360 KB of UTF-8, 4.3 GB in all
        long asRead = (long) dataRows * 12 * 10_000 * 3;

        MvcResult result = importApi("long-rows.xlsx", upload, "zh-CN");
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat(readLong(result, "$.rejected")).isEqualTo(dataRows);
        assertThat(readLong(result, "$.errorFileOmitted")).isPositive();
        String url = read(result, "$.errorFile");
        String token = url.substring(url.lastIndexOf('/') + 1);
        Path sealed = settings.dataDir().resolve("roster-errors").resolve(token + ".sealed");
        long size = Files.size(sealed);
        System.out.printf("upload %,d bytes; rows as read %,d bytes; error file %,d bytes (%.1f× the upload, was %,.0f×)%n",
                upload.length, asRead, size, (double) size / upload.length, (double) asRead / upload.length);
        assertThat(size).isLessThanOrEqualTo((32L << 20) + (32L << 20) / RosterErrorFiles.CHUNK * 64 + 1024);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealed))).isEqualTo("rw-------");
        byte[] onDisk = Files.readAllBytes(sealed);
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain(id).doesNotContain(id.substring(6, 14));

        MvcResult download = mvc.perform(get(url).with(asGridWorker())).andExpect(status().isOk()).andReturn();
        String csv = download.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(id).contains("名".repeat(499) + "…").doesNotContain("名".repeat(500));
        assertThat(csv.lines().reduce((a, b) -> b).orElseThrow()).contains("错误文件已达 32 MB 上限");
        assertThat(download.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theErrorFileOfACsvImportHoldsNoFullIdOrPhoneOnDiskButTheOwnersDownloadDoes() throws Exception {
        String id = randomIdNumber();
        String bad = RosterImportTests.badCheckChar(id);
        String row = RosterImportTests.row("韩二", bad, today(), RosterImportTests.VILLAGE);
        String phone = row.split(",")[4];
        MvcResult result = importApi("r.csv", RosterImportTests.csv(row).getBytes(StandardCharsets.UTF_8), "zh-CN");
        String url = read(result, "$.errorFile");
        Path sealed = settings.dataDir().resolve("roster-errors").resolve(url.substring(url.lastIndexOf('/') + 1) + ".sealed");
        String raw = new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(bad).doesNotContain(phone).doesNotContain(phone.substring(3));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sealed.getParent()))).isEqualTo("rwx------");
        String csv = mvc.perform(get(url).with(asGridWorker())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(bad).contains(phone);
        mvc.perform(get(url).with(as("commander"))).andExpect(status().isNotFound());
    }
}
