package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MvcResult;

/** The grid page and API: tree with totals, temporary-branch flag, jurisdiction, administrators' edits. */
class AreaGridIntegrationTests extends AreaTestSupport {

    CordonUser admin() {
        return principal("admin");
    }

    Area compound(String code, Integer households, Integer residents) {
        return new Area(code, "小区", AreaKind.COMPOUND, COMMUNITY, households, residents, false);
    }

    // ---- temporary Party branches ----

    @Test
    void aCompoundWithThreeHundredHouseholdsOrAThousandResidentsNeedsATemporaryBranch() {
        assertThat(areas.needsTemporaryBranch(compound("x", 300, 10))).isTrue();
        assertThat(areas.needsTemporaryBranch(compound("x", 10, 1000))).isTrue();
        assertThat(areas.needsTemporaryBranch(compound("x", null, 1500))).isTrue();
        assertThat(areas.needsTemporaryBranch(compound("x", 299, 999))).isFalse();
        assertThat(areas.needsTemporaryBranch(compound("x", null, null))).isFalse();
        assertThat(areas.needsTemporaryBranch(new Area("x", "大村", AreaKind.VILLAGE, TOWN, 900, 3000, false))).isFalse();
        assertThat(areas.needsTemporaryBranch(new Area("x", "大社区", AreaKind.COMMUNITY, "610881001", 900, 3000, false))).isFalse();
        assertThat(areas.needsTemporaryBranch(null)).isFalse();
    }

    @Test
    void compoundsNeedingABranchAreListedForTheMobilisationWork() throws Exception {
        String big = freshChild(COMMUNITY);
        String crowded = freshChild(COMMUNITY);
        String small = freshChild(COMMUNITY);
        areas.createArea(admin(), new NewArea(big, "大户数小区", "COMPOUND", COMMUNITY, "300", "900"));
        areas.createArea(admin(), new NewArea(crowded, "多人小区", "小区", COMMUNITY, "120", "1000"));
        areas.createArea(admin(), new NewArea(small, "小小区", "COMPOUND", COMMUNITY, "299", "999"));

        List<String> codes = areas.compoundsNeedingBranch(COMMUNITY).stream().map(Area::code).toList();
        assertThat(codes).contains(big, crowded, "610881001001002").doesNotContain(small, "610881001001001");
        assertThat(areas.compoundsNeedingBranch("610881001")).extracting(Area::code).contains(big, crowded);
        assertThat(areas.compoundsNeedingBranch(null)).isEmpty();

        MvcResult tree = mvc.perform(get("/api/v1/areas/tree").param("root", COMMUNITY).with(as("commander")))
                .andExpect(status().isOk()).andReturn();
        assertThat((List<Boolean>) read(tree, "$.children[?(@.code == '" + big + "')].needsTemporaryBranch")).containsExactly(true);
        assertThat((List<Boolean>) read(tree, "$.children[?(@.code == '" + small + "')].needsTemporaryBranch")).containsExactly(false);

        String page = body(mvc.perform(get("/areas").param("root", COMMUNITY).param("lang", "en").with(user(admin())))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("Needs temporary Party branch", "大户数小区", "多人小区");
    }

    // ---- tree and totals ----

    @Test
    void subtreeTotalsCountEveryHouseholdOnce() throws Exception {
        String village = freshChild(TOWN);
        areas.createArea(admin(), new NewArea(village, "合计村", "VILLAGE", TOWN, "", ""));
        areas.createArea(admin(), new NewArea(village + "001", "一组", "GROUP", village, "10", "40"));
        areas.createArea(admin(), new NewArea(village + "002", "二组", "GROUP", village, "20", ""));

        AreaNode villageNode = areas.gridTree(admin(), village, null);
        assertThat(villageNode.totalHouseholds()).isEqualTo(30);
        assertThat(villageNode.totalResidents()).isEqualTo(40);
        assertThat(villageNode.childCount()).isEqualTo(2);

        // the village records no figure of its own, so the town counts its groups; a sample village with
        // its own figure counts that figure and not its groups' as well
        AreaNode town = areas.gridNode(admin(), TOWN);
        AreaNode sampleVillage = town.children().stream().filter(n -> n.code().equals(VILLAGE_1)).findFirst().orElseThrow();
        assertThat(sampleVillage.households()).isEqualTo(211);
        assertThat(sampleVillage.totalHouseholds()).isEqualTo(118 + 93);
        long expected = town.children().stream().mapToLong(n -> n.effectiveHouseholds() == null ? 0 : n.effectiveHouseholds()).sum();
        assertThat(town.totalHouseholds()).isEqualTo(expected);
        assertThat(town.children().stream().filter(n -> n.code().equals(village)).findFirst().orElseThrow().totalHouseholds())
                .isEqualTo(30);

        // the grouped query of the page and the tree of the API agree on every node
        AreaNode tree = areas.gridTree(admin(), TOWN, 1);
        assertThat(tree.totalHouseholds()).isEqualTo(town.totalHouseholds());
        assertThat(tree.totalResidents()).isEqualTo(town.totalResidents());
        Map<String, AreaNode> byCode = new java.util.HashMap<>();
        tree.children().forEach(n -> byCode.put(n.code(), n));
        for (AreaNode child : town.children()) {
            assertThat(byCode.get(child.code()).withChildren(null)).isEqualTo(child);
        }

        AreaNode city = areas.gridTree(admin(), null, 1);
        assertThat(city.code()).isEqualTo("610881");
        assertThat(city.children()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(city.children().get(0).children()).isNull();
    }

    @Test
    void theGridPageShowsTheTreeAndLoadsChildrenOnDemand() throws Exception {
        String page = body(mvc.perform(get("/areas").with(user(principal("commander"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("神木市", "中鸡镇", "滨河新区街道", "hx-get=\"/areas/610881106/children\"", "下级合计");
        assertThat(page).doesNotContain("中鸡一村");   // villages are loaded when the town is expanded

        String fragment = body(mvc.perform(get("/areas/610881106/children").header("HX-Request", "true")
                        .with(user(principal("commander"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(fragment).contains("中鸡一村", "中鸡煤业有限公司", "企业").doesNotContain("<html");
        assertThat(fragment).doesNotContain("/edit");   // commanders do not edit

        String adminPage = body(mvc.perform(get("/areas").param("root", TOWN).with(user(admin())))
                .andExpect(status().isOk()).andReturn());
        assertThat(adminPage).contains("/areas/610881106/edit", "/areas/610881106/new", "/areas/import");
    }

    // ---- jurisdiction ----

    @Test
    void aGridWorkerSeesOnlyTheirVillage() throws Exception {
        String gridWorker = account(Role.GRID_WORKER, VILLAGE_1);

        MvcResult own = mvc.perform(get("/api/v1/areas/tree").with(httpBasic(gridWorker, PASSWORD)))
                .andExpect(status().isOk()).andReturn();
        assertThat((String) read(own, "$.code")).isEqualTo(VILLAGE_1);
        assertThat(body(own)).doesNotContain(VILLAGE_2);

        mvc.perform(get("/api/v1/areas/tree").param("root", VILLAGE_2).with(httpBasic(gridWorker, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/areas/tree").param("root", TOWN).with(httpBasic(gridWorker, PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/areas/tree").param("root", VILLAGE_1 + "999").with(httpBasic(gridWorker, PASSWORD)))
                .andExpect(status().isNotFound());

        CordonUser worker = principal(gridWorker);
        String page = body(mvc.perform(get("/areas").with(user(worker))).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("中鸡一村", "第一村民小组").doesNotContain("中鸡二村", VILLAGE_2);
        mvc.perform(get("/areas").param("root", VILLAGE_2).with(user(worker))).andExpect(status().isForbidden());
        mvc.perform(get("/areas/" + VILLAGE_2 + "/children").with(user(worker))).andExpect(status().isForbidden());
        assertThatThrownBy(() -> areas.gridNode(worker, TOWN)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void usersWithoutAnAreaGetForbidden() throws Exception {
        mvc.perform(get("/api/v1/areas/tree").with(as("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/areas").with(user(principal("officer1")))).andExpect(status().isForbidden());
        mvc.perform(get("/areas/610881106/children").with(user(principal("officer1")))).andExpect(status().isForbidden());
        // the reference data for pickers stays open to every signed-in user
        mvc.perform(get("/api/v1/areas").param("parent", TOWN).with(as("officer1"))).andExpect(status().isOk());
    }

    // ---- administrators' edits ----

    @Test
    void onlyAdministratorsEditTheTree() throws Exception {
        String village = freshChild(TOWN);
        areas.createArea(admin(), new NewArea(village, "编辑村", "VILLAGE", TOWN, "10", "30"));

        mvc.perform(put("/api/v1/areas/{code}", village).with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"改名\",\"households\":1,\"residents\":2}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + village + "001\",\"name\":\"组\",\"kind\":\"GROUP\",\"parentCode\":\"" + village + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/areas/{code}", village).with(user(principal("commander"))).with(csrf()).param("name", "改名"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/areas/{code}/edit", village).with(user(principal("commander")))).andExpect(status().isForbidden());
        assertThatThrownBy(() -> areas.updateArea(principal("commander"), village, new AreaChange("改名", "", "")))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(areas.findArea(village).orElseThrow().name()).isEqualTo("编辑村");
        assertThat(areaRows(village)).isEqualTo(1);
    }

    @Test
    void anAdministratorEditsANodeThroughTheApiWithPerFieldValidation() throws Exception {
        String village = freshChild(TOWN);
        areas.createArea(admin(), new NewArea(village, "旧名村", "VILLAGE", TOWN, "10", "30"));

        MvcResult invalid = mvc.perform(put("/api/v1/areas/{code}", village).with(as("admin")).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \",\"households\":-1,\"residents\":5}"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((List<String>) read(invalid, "$.errors[*].field")).containsExactly("name", "households");
        assertThat((String) read(invalid, "$.errors[0].message")).isEqualTo("Enter the name");
        assertThat(areas.findArea(village).orElseThrow()).isEqualTo(new Area(village, "旧名村", AreaKind.VILLAGE, TOWN, 10, 30, false));

        MvcResult ok = mvc.perform(put("/api/v1/areas/{code}", village).with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"新名村\",\"households\":12,\"residents\":null}"))
                .andExpect(status().isOk()).andReturn();
        assertThat((String) read(ok, "$.name")).isEqualTo("新名村");
        assertThat(areas.findArea(village).orElseThrow()).isEqualTo(new Area(village, "新名村", AreaKind.VILLAGE, TOWN, 12, null, false));

        MvcResult created = mvc.perform(post("/api/v1/areas").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + village + "001\",\"name\":\"一组\",\"kind\":\"GROUP\",\"parentCode\":\"" + village
                                + "\",\"households\":4,\"residents\":9}"))
                .andExpect(status().isCreated()).andReturn();
        assertThat(created.getResponse().getHeader("Location")).endsWith("root=" + village + "001");
        assertThat((Boolean) read(created, "$.sample")).isFalse();

        MvcResult again = mvc.perform(post("/api/v1/areas").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + village + "001\",\"name\":\"一组\",\"kind\":\"COMPOUND\",\"parentCode\":\"" + village + "\"}"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((List<String>) read(again, "$.errors[*].code")).containsExactly("area.validation.code.taken");

        MvcResult wrongLevel = mvc.perform(post("/api/v1/areas").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + village + "002\",\"name\":\"二组\",\"kind\":\"VILLAGE\",\"parentCode\":\"" + village + "\"}"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((List<String>) read(wrongLevel, "$.errors[*].code")).containsExactly("area.validation.kind.level");
        assertThat(areaRows(village)).isEqualTo(2);

        mvc.perform(put("/api/v1/areas/{code}", "610881106999").with(as("admin")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"无\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void anAdministratorEditsAndAddsNodesOnThePages() throws Exception {
        String village = freshChild(TOWN);
        areas.createArea(admin(), new NewArea(village, "页面村", "VILLAGE", TOWN, "10", "30"));

        String form = body(mvc.perform(get("/areas/{code}/edit", village).with(user(admin()))).andExpect(status().isOk()).andReturn());
        assertThat(form).contains("value=\"页面村\"");

        String invalid = body(mvc.perform(post("/areas/{code}", village).with(user(admin())).with(csrf())
                        .param("name", "").param("households", "abc").param("residents", "7"))
                .andExpect(status().isOk()).andReturn());
        assertThat(invalid).contains("id=\"form-errors\"", "请填写名称", "“abc”无效");
        assertThat(areas.findArea(village).orElseThrow().name()).isEqualTo("页面村");

        mvc.perform(post("/areas/{code}", village).with(user(admin())).with(csrf())
                        .param("name", "页面新村").param("households", "11").param("residents", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(areas.findArea(village).orElseThrow()).isEqualTo(new Area(village, "页面新村", AreaKind.VILLAGE, TOWN, 11, null, false));

        String newForm = body(mvc.perform(get("/areas/{code}/new", village).with(user(admin()))).andExpect(status().isOk()).andReturn());
        assertThat(newForm).contains("value=\"GROUP\"").doesNotContain("value=\"VILLAGE\"");

        String rejected = body(mvc.perform(post("/areas/{code}/children", village).with(user(admin())).with(csrf())
                        .param("childCode", "610881106201001").param("name", "别村的组").param("kind", "GROUP"))
                .andExpect(status().isOk()).andReturn());
        assertThat(rejected).contains("id=\"form-errors\"");
        assertThat(areaRows(village)).isEqualTo(1);

        mvc.perform(post("/areas/{code}/children", village).with(user(admin())).with(csrf())
                        .param("childCode", village + "001").param("name", "一组").param("kind", "GROUP")
                        .param("households", "5").param("residents", "12"))
                .andExpect(status().is3xxRedirection());
        assertThat(areas.findArea(village + "001")).contains(new Area(village + "001", "一组", AreaKind.GROUP, village, 5, 12, false));
    }

    @Test
    void invalidChangesThroughTheServiceStoreNothing() {
        String village = freshChild(TOWN);
        assertThatThrownBy(() -> areas.createArea(admin(), new NewArea(village, "", "TOWN", TOWN, "-1", "x")))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field() + " " + p.code())
                        .containsExactly("kind area.validation.kind.level", "name area.validation.name.required",
                                "households area.validation.count.format", "residents area.validation.count.format"));
        assertThat(areaRows(village)).isZero();
    }
}
