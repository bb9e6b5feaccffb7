package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.swagger.v3.oas.annotations.media.Schema;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.awaitility.Awaitility.await;

/**
 * Hostile input over the whole JSON API (issue 12). Every operation of every {@code @RestController} (found by
 * reflection over the handler mappings, so that a new endpoint is covered without editing this test) is called
 * by a clone of a demo account that may call it (per {@link AuthorisationMatrixTests#TABLE}) with a plausible
 * request built from its Java types, and then with one hostile value at a time in every field of its body,
 * every query parameter and every path variable: NUL and other control characters, 100,000-character texts
 * and the wrong JSON type for every field, plus a rotating sample of bidi overrides, zero-width characters,
 * SQL and HTML metacharacters, lone surrogates, numbers out of range (2^63, 1e400, 1e999999999), negative
 * numbers, impossible dates and long lists; and per body: an empty body, {@code null}, the wrong top-level
 * type, 100,000 nested arrays, invalid UTF-8 bytes, a body over the size limit and the wrong content types.
 * Every answer must be 2xx or 4xx, never 5xx; every 4xx is {@code application/problem+json}; a control
 * character in a text field of a body is refused with 400 naming the field.
 */
class HostileInputIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String TOWN = "610881106";
    static final String NO_SUCH_ID = "987654321";
    static final String PASSWORD = "Hostile-input-" + UUID.randomUUID();
    /** Demo accounts in the order they are preferred for an endpoint, with their role, area and checkpoints. */
    static final List<Object[]> DEMO = List.of(
            new Object[] {"admin", Role.ADMIN, "610881", Set.of()},
            new Object[] {"commander", Role.COMMANDER, "610881", Set.of()},
            new Object[] {"medic", Role.MEDIC, "610881", Set.of()},
            new Object[] {"grid1", Role.GRID_WORKER, VILLAGE, Set.of()},
            new Object[] {"officer1", Role.OFFICER, null, Set.of("KK01")},
            new Object[] {"clerk", Role.SUPPLIES_CLERK, "610881", Set.of()},
            new Object[] {"coordinator", Role.VOLUNTEER_COORDINATOR, "610881", Set.of()},
            new Object[] {"wg1", Role.WORKING_GROUP, "610881", Set.of()},
            new Object[] {"town1", Role.GRID_WORKER, TOWN, Set.of()});

    /** What a field holds, which decides its plausible and its hostile values. */
    enum Kind { STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATE_TIME, UUID, ENUM, LIST, OBJECT }

    /** A raw JSON token written as is (numbers JSON cannot express as Java numbers, broken text). */
    record Raw(String json) {
    }

    /** One hostile value: its name (for the report), the JSON value (bodies) and the text (parameters). */
    record Hostile(String name, Object json, String text, boolean control) {
    }

    record Param(String name, Class<?> type, boolean path) {
    }

    record Operation(String method, String pattern, List<Param> params, Type body, boolean multipart, String multipartFile) {

        String key() {
            return method + " " + pattern;
        }

        boolean hasInput() {
            return !params.isEmpty() || body != null || multipart;
        }
    }

    /** A leaf or inner field of a body: its path ({@code occupants[0].name}) and its type. */
    record FieldRef(List<Object> path, Type type, Kind kind) {

        String name() {
            StringBuilder sb = new StringBuilder();
            for (Object p : path) {
                if (p instanceof Integer i) {
                    sb.append('[').append(i).append(']');
                } else {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(p);
                }
            }
            return sb.toString();
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountManagement accounts;

    final Map<String, String> clones = new HashMap<>();
    /** Ids of the records this test created, by the collection they belong to ("notices", "members", ...). */
    final Map<String, Object> ids = new HashMap<>();
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> outcomes = new TreeMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final Map<Kind, AtomicInteger> rotations = new java.util.EnumMap<>(Kind.class);
    final Map<String, Integer> extrasUsed = new TreeMap<>();
    final AtomicInteger bodyRotation = new AtomicInteger();
    final Map<String, Integer> baselineStatus = new TreeMap<>();
    String rosterHeader;
    final Map<String, String> timings = new HashMap<>();
    final TreeMap<Long, String> slowest = new TreeMap<>();

    // ------------------------------------------------------------------ the operations

    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = e.getValue();
                Class<?> bean = handler.getBeanType();
                if (!bean.getName().startsWith("org.cordon.") || !AnnotatedElementUtils.hasAnnotation(bean, RestController.class)) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                Type body = null;
                boolean multipart = false;
                String file = null;
                for (MethodParameter p : handler.getMethodParameters()) {
                    PathVariable pv = p.getParameterAnnotation(PathVariable.class);
                    RequestParam rp = p.getParameterAnnotation(RequestParam.class);
                    RequestPart part = p.getParameterAnnotation(RequestPart.class);
                    if (pv != null) {
                        params.add(new Param(name(pv.name(), p), p.getParameterType(), true));
                    } else if (part != null || (rp != null && MultipartFile.class.isAssignableFrom(p.getParameterType()))) {
                        multipart = true;
                        file = name(part != null ? part.name() : rp.name(), p);
                    } else if (rp != null) {
                        params.add(new Param(name(rp.name(), p), p.getParameterType(), false));
                    } else if (p.hasParameterAnnotation(RequestBody.class)) {
                        body = p.getGenericParameterType();
                    }
                }
                for (String pattern : e.getKey().getPatternValues()) {
                    for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
                        ops.add(new Operation(m.name(), pattern, params, body, multipart, file));
                    }
                }
            }
        }
        // creations first (their records are the targets of the others), deletions last
        ops.sort(Comparator.comparingInt((Operation o) -> order(o)).thenComparing(Operation::key));
        return ops;
    }

    static int order(Operation o) {
        boolean variables = o.pattern().contains("{");
        return switch (o.method()) {
            case "POST" -> variables ? 4 : (o.pattern().endsWith("/generate") ? 1 : 0);
            case "GET" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 5;
            default -> 4;
        };
    }

    static String name(String declared, MethodParameter p) {
        return declared == null || declared.isEmpty() ? p.getParameterName() : declared;
    }

    // ------------------------------------------------------------------ accounts

    String accountFor(Operation op) {
        if (op.pattern().startsWith("/api/v1/directives/assignments/") && !op.pattern().endsWith("/reopen")) {
            // the addressee of this test's directive (to a town) works on its assignment
            return clone(DEMO.stream().filter(d -> d[0].equals("town1")).findFirst().orElseThrow());
        }
        AuthorisationMatrixTests.Rule rule = AuthorisationMatrixTests.TABLE.stream().filter(r -> r.key().equals(op.key())).findFirst()
                .orElseThrow(() -> new AssertionError(op.key() + " is missing from the authorisation table"));
        for (Object[] demo : DEMO) {
            Role role = (Role) demo[1];
            AuthorisationMatrixTests.Caller caller = new AuthorisationMatrixTests.Caller((String) demo[0], role, true, demo[2] != null,
                    false, false);
            if (rule.grants(caller)) {
                return clone(demo);
            }
        }
        throw new AssertionError("no demo account may call " + op.key());
    }

    /**
     * A fresh account with the role, area and checkpoints of the demo account: the hostile calls use up no demo
     * account's allowances (exact searches are limited per account).
     */
    @SuppressWarnings("unchecked")
    String clone(Object[] demo) {
        return clones.computeIfAbsent((String) demo[0], d -> {
            String username = "hx-" + d + "-" + UUID.randomUUID().toString().substring(0, 6);
            accounts.createAccount(new NewAccount(username, PASSWORD, "敌意输入测试（" + d + "）", (Role) demo[1], (String) demo[2],
                    (Set<String>) demo[3]));
            return username;
        });
    }

    // ------------------------------------------------------------------ plausible values

    /** A plausible request body of this type: the records' components filled by name, type and {@code @Schema} example. */
    Object plausible(Type type, String field, Schema schema) {
        Class<?> raw = rawClass(type);
        String name = field == null ? "" : field;
        String lower = name.toLowerCase();
        if (raw == String.class) {
            return plausibleText(name, lower, schema);
        }
        if (raw == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return lower.equals("accept") ? Boolean.FALSE : Boolean.TRUE;
        }
        if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            return plausibleNumber(lower);
        }
        if (raw == BigDecimal.class || raw == Double.class || raw == double.class) {
            return lower.contains("threshold") ? new Raw("37.3") : lower.equals("amount") || lower.equals("target") ? new Raw("100")
                    : new Raw("1");
        }
        if (raw == LocalDate.class) {
            return plausibleDate(lower).toString();
        }
        if (raw == LocalDateTime.class) {
            return LocalDateTime.now(CITY_ZONE).withNano(0).minusMinutes(1).toString();
        }
        if (raw == OffsetDateTime.class) {
            return OffsetDateTime.now(CITY_ZONE).withNano(0).minusMinutes(1).toString();
        }
        if (raw.isEnum()) {
            return plausibleEnum(raw, lower);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            if (lower.equals("symptoms") || lower.equals("targets")) {
                return list;
            }
            list.add(plausible(element, singular(name), null));
            return list;
        }
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent c : raw.getRecordComponents()) {
                object.put(c.getName(), plausible(c.getGenericType(), c.getName(), schemaOf(raw, c)));
            }
            overrides(raw, object);
            return object;
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new LinkedHashMap<>();
        }
        throw new AssertionError("no plausible value for " + type + " (" + field + ")");
    }

    static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    String plausibleText(String name, String lower, Schema schema) {
        switch (lower) {
            case "idnumber":
                return randomIdNumber();
            case "phone":
                return randomPhone();
            case "platenumber":
                return freshPlate();
            case "clientid":
                return UUID.randomUUID().toString();
            case "areacode", "destinationareacode":
                return VILLAGE;
            case "originareacode", "origincode":
                return "420102";
            case "checkpointcode":
                return "KK01";
            case "parentcode":
                return VILLAGE;
            case "code":
                return VILLAGE + String.format("%03d", 100 + ThreadLocalRandom.current().nextInt(900));
            case "codeprefix":
                return "65";
            case "temperature":
                return "36.6";
            case "deadline":
                return LocalDateTime.now(CITY_ZONE).plusDays(3).withNano(0).toString();
            case "username":
                return "grid1";
            case "idtype":
                return "RESIDENT_ID";
            case "slot":
                return "MORNING";
            case "direction":
                return "ENTERING";
            case "vehicletype":
                return "CAR";
            case "transportmode":
                return "SELF_DRIVE";
            case "outcome":
                return "EXCLUDED";
            case "status":
                return "ACTIVE";
            case "kind":
                return "HOME";
            case "priority":
                return "NORMAL";
            case "ref":
                return TOWN;
            case "nationality":
                return null;
            case "sourceref":
                return null;
            case "post":
                return "KK01";
            case "postref":
                return VILLAGE;
            case "accountusername":
                return null;
            default:
                break;
        }
        if (schema != null && !schema.example().isEmpty()) {
            return schema.example();
        }
        if (schema != null && schema.allowableValues().length > 0) {
            return schema.allowableValues()[0];
        }
        return lower.contains("name") ? "测试人员" : "敌意输入测试";
    }

    Object plausibleNumber(String lower) {
        Object known = switch (lower) {
            case "memberid" -> ids.get("members");
            case "volunteerid" -> ids.get("volunteers");
            case "branchid" -> ids.get("branches");
            case "itemid" -> ids.get("items");
            case "warehouseid" -> ids.get("warehouses");
            case "casepersonid" -> ids.get("persons");
            default -> null;
        };
        if (known != null) {
            return known;
        }
        return switch (lower) {
            case "campaignid", "siteid", "households", "residents" -> null;
            case "percent" -> 50;
            case "peopleneeded" -> 2;
            default -> lower.endsWith("id") ? Long.valueOf(NO_SUCH_ID) : 1;
        };
    }

    static LocalDate plausibleDate(String lower) {
        LocalDate today = LocalDate.now(CITY_ZONE);
        return switch (lower) {
            // far-future duty rosters and past risk areas do not meet other tests' data
            case "from", "to" -> LocalDate.of(2031, 3, 1);
            case "validfrom" -> LocalDate.of(2020, 1, 1);
            case "validto" -> LocalDate.of(2020, 1, 2);
            case "endson", "taskdate" -> today.plusDays(5);
            case "leftriskareaon" -> today.minusDays(3);
            default -> today;
        };
    }

    static Object plausibleEnum(Class<?> type, String lower) {
        Object[] constants = type.getEnumConstants();
        String preferred = switch (type.getSimpleName()) {
            case "DonationKind" -> "GOODS";
            case "AssigneeType" -> "AREA";
            case "PostType" -> "HOSPITAL";
            default -> null;
        };
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(preferred)) {
                return preferred;
            }
        }
        return ((Enum<?>) constants[0]).name();
    }

    /** Where a record's example values are not enough. */
    void overrides(Class<?> record, Map<String, Object> object) {
        switch (record.getSimpleName()) {
            case "AreaCreateRequest" -> {
                object.put("kind", "GROUP");
                object.put("households", null);
                object.put("residents", null);
            }
            case "AreaUpdateRequest" -> {
                object.put("households", null);
                object.put("residents", null);
            }
            case "DonationRequest" -> {
                object.put("donorType", "ORGANISATION");
                object.put("amount", null);
                object.put("campaignId", null);
            }
            case "SupplyRequestInput" -> object.put("postName", null);
            case "NewVolunteer" -> object.put("status", null);
            case "BranchRequest" -> {
                object.put("kind", "VILLAGE");
                object.put("checkpointCode", null);
            }
            case "NoticeRequest" -> {
                object.put("effectiveTo", null);
                object.put("categories", listOf("VENUE_CLOSURE"));
            }
            default -> {
            }
        }
    }

    static Schema schemaOf(Class<?> record, RecordComponent c) {
        try {
            Field f = record.getDeclaredField(c.getName());
            Schema s = f.getAnnotation(Schema.class);
            return s != null ? s : c.getAccessor().getAnnotation(Schema.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new AssertionError("unexpected type " + type);
    }

    static Kind kindOf(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return Kind.STRING;
        }
        if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            return Kind.INTEGER;
        }
        if (raw == BigDecimal.class || raw == Double.class || raw == double.class) {
            return Kind.DECIMAL;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Kind.BOOLEAN;
        }
        if (raw == LocalDate.class) {
            return Kind.DATE;
        }
        if (Temporal.class.isAssignableFrom(raw)) {
            return Kind.DATE_TIME;
        }
        if (raw == UUID.class) {
            return Kind.UUID;
        }
        if (raw.isEnum()) {
            return Kind.ENUM;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return Kind.LIST;
        }
        return Kind.OBJECT;
    }

    /** Every field of a body type, inner ones (lists, objects) included. */
    static void fields(Type type, List<Object> path, List<FieldRef> out) {
        Class<?> raw = rawClass(type);
        Kind kind = kindOf(type);
        if (!path.isEmpty()) {
            out.add(new FieldRef(List.copyOf(path), type, kind));
        }
        if (kind == Kind.LIST) {
            List<Object> inner = new ArrayList<>(path);
            inner.add(0);
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            fields(element, inner, out);
        } else if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                List<Object> inner = new ArrayList<>(path);
                inner.add(c.getName());
                fields(c.getGenericType(), inner, out);
            }
        }
    }

    // ------------------------------------------------------------------ hostile values

    static final String LONG = "x".repeat(100_000);

    static List<Hostile> mandatory(Kind kind) {
        Object wrongType = switch (kind) {
            case STRING, DATE, DATE_TIME, UUID, ENUM -> new LinkedHashMap<>();
            case INTEGER, DECIMAL -> "abc";
            case BOOLEAN -> "maybe";
            case LIST -> "not-a-list";
            case OBJECT -> 42;
        };
        Object longValue = kind == Kind.INTEGER || kind == Kind.DECIMAL ? new Raw("9".repeat(100_000)) : LONG;
        return List.of(
                new Hostile("NUL", "a\u0000b", "a\u0000b", true),
                new Hostile("control characters", "a\u0001\u001b[31m\u007fb\u0085", "a\u0001\u001b[31m\u007fb", true),
                new Hostile("100,000 characters", longValue, LONG, false),
                new Hostile("wrong type", wrongType, "[object Object]", false));
    }

    static List<Hostile> extras(Kind kind) {
        List<Hostile> all = new ArrayList<>();
        switch (kind) {
            case STRING -> {
                all.add(new Hostile("bidi override", "\u202Eexe.txt\u202C", "\u202Eexe.txt", false));
                all.add(new Hostile("zero-width", "张\u200B三\u200D\uFEFF", "张\u200B三", false));
                all.add(new Hostile("SQL", "x' OR '1'='1'; DROP TABLE person; --", "x' OR '1'='1'; --", false));
                all.add(new Hostile("HTML", "<script>alert(1)</script><img src=x onerror=alert(1)>", "<script>alert(1)</script>", false));
                all.add(new Hostile("lone surrogate", "a\uD800b", "a\uD800b", false));
                all.add(new Hostile("formula", "=HYPERLINK(\"http://x\",\"y\")", "=1+1", false));
                all.add(new Hostile("empty", "", "", false));
                all.add(new Hostile("null", null, " ", false));
                all.add(new Hostile("number", new Raw("12345678901234567890"), "-1", false));
                all.add(new Hostile("array", List.of("a", "b"), "%", false));
                all.add(new Hostile("300 KB of CJK", "中".repeat(100_000), "中".repeat(20_000), false));
                all.add(new Hostile("date of year 999999999", "+999999999-12-31T23:59", "+999999999-12-31", false));
            }
            case INTEGER -> {
                all.add(new Hostile("2^63", new Raw("9223372036854775808"), "9223372036854775808", false));
                all.add(new Hostile("-2^63", new Raw("-9223372036854775808"), "-9223372036854775808", false));
                all.add(new Hostile("negative", new Raw("-1"), "-1", false));
                all.add(new Hostile("1e400", new Raw("1e400"), "1e400", false));
                all.add(new Hostile("fraction", new Raw("1.5"), "1.5", false));
                all.add(new Hostile("zero", new Raw("0"), "0", false));
                all.add(new Hostile("2^31", new Raw("2147483648"), "2147483648", false));
                all.add(new Hostile("null", null, "", false));
                all.add(new Hostile("object", new LinkedHashMap<>(), "{}", false));
            }
            case DECIMAL -> {
                all.add(new Hostile("1e400", new Raw("1e400"), "1e400", false));
                all.add(new Hostile("1e999999999", new Raw("1e999999999"), "1e999999999", false));
                all.add(new Hostile("1e-999999999", new Raw("1e-999999999"), "1e-999999999", false));
                all.add(new Hostile("negative", new Raw("-1"), "-1", false));
                all.add(new Hostile("NaN", "NaN", "NaN", false));
                all.add(new Hostile("Infinity", "Infinity", "Infinity", false));
                all.add(new Hostile("900 decimals", new Raw("0." + "1".repeat(900)), "0." + "1".repeat(900), false));
                all.add(new Hostile("huge", new Raw("9".repeat(900)), "9".repeat(900), false));
                all.add(new Hostile("null", null, "", false));
            }
            case BOOLEAN -> {
                all.add(new Hostile("number", new Raw("2"), "2", false));
                all.add(new Hostile("object", new LinkedHashMap<>(), "{}", false));
                all.add(new Hostile("null", null, "", false));
            }
            case DATE, DATE_TIME -> {
                all.add(new Hostile("month 13", kind == Kind.DATE ? "2020-13-45" : "2020-13-45T25:61:00", "2020-13-45", false));
                all.add(new Hostile("30 February", kind == Kind.DATE ? "2020-02-30" : "2020-02-30T10:00:00", "2020-02-30", false));
                all.add(new Hostile("year 0", kind == Kind.DATE ? "0000-01-01" : "0000-01-01T00:00:00", "0000-01-01", false));
                all.add(new Hostile("year +999999999", kind == Kind.DATE ? "+999999999-12-31" : "+999999999-12-31T23:59:59",
                        "+999999999-12-31", false));
                all.add(new Hostile("year -999999999", kind == Kind.DATE ? "-999999999-01-01" : "-999999999-01-01T00:00:00",
                        "-999999999-01-01", false));
                all.add(new Hostile("year 9999", kind == Kind.DATE ? "9999-12-31" : "9999-12-31T23:59:59", "9999-12-31", false));
                all.add(new Hostile("year 1", kind == Kind.DATE ? "0001-01-01" : "0001-01-01T00:00:00", "0001-01-01", false));
                all.add(new Hostile("number", new Raw("1e400"), "20200101", false));
                all.add(new Hostile("empty", "", "", false));
            }
            case UUID, ENUM -> {
                all.add(new Hostile("unknown", "NO_SUCH", "NO_SUCH", false));
                all.add(new Hostile("number", new Raw("1"), "1", false));
                all.add(new Hostile("empty", "", "", false));
                all.add(new Hostile("null", null, "", false));
            }
            case LIST -> {
                all.add(new Hostile("[null]", listOf((Object) null), "", false));
                all.add(new Hostile("nested", List.of(List.of(List.of())), "", false));
                all.add(new Hostile("empty", List.of(), "", false));
                all.add(new Hostile("null", null, "", false));
            }
            case OBJECT -> {
                all.add(new Hostile("array", List.of(), "", false));
                all.add(new Hostile("null", null, "", false));
                all.add(new Hostile("text", "x", "", false));
            }
        }
        return all;
    }

    static List<Object> listOf(Object... values) {
        List<Object> list = new ArrayList<>();
        java.util.Collections.addAll(list, values);
        return list;
    }

    /**
     * The four hostile values every field gets, and one more of its kind in turn, so that the run stays short: each
     * of a kind's other values meets a dozen fields or more (the report counts them).
     */
    List<Hostile> hostileFor(Kind kind) {
        List<Hostile> values = new ArrayList<>(mandatory(kind));
        List<Hostile> extras = extras(kind);
        Hostile extra = extras.get(rotations.computeIfAbsent(kind, k -> new AtomicInteger()).getAndIncrement() % extras.size());
        values.add(extra);
        extrasUsed.merge(kind + " " + extra.name(), 1, Integer::sum);
        return values;
    }

    static Kind paramKind(Class<?> type) {
        return kindOf(type);
    }

    // ------------------------------------------------------------------ JSON

    static String json(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    static void write(Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Raw r) {
            sb.append(r.json());
        } else if (value instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new AssertionError("cannot write " + value.getClass());
        }
    }

    @SuppressWarnings("unchecked")
    static Object with(Object body, List<Object> path, int depth, Object value) {
        if (depth == path.size()) {
            return value;
        }
        Object key = path.get(depth);
        if (key instanceof Integer i) {
            List<Object> list = body instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            while (list.size() <= i) {
                list.add(null);
            }
            list.set(i, with(list.get(i), path, depth + 1, value));
            return list;
        }
        Map<String, Object> map = body instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        map.put((String) key, with(map.get(key), path, depth + 1, value));
        return map;
    }

    // ------------------------------------------------------------------ calling

    MvcResult call(Operation op, String account, Map<String, String> pathValues, Map<String, String> query, byte[] body,
                   String contentType, String what) {
        String path = expand(op.pattern(), pathValues);
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(HttpMethod.valueOf(op.method()), path);
        b.with(httpBasic(account, PASSWORD)).header("Accept-Language", "en").header("X-Cordon-Client", "hostile-input-test");
        query.forEach((k, v) -> b.queryParam(k, v));
        if (body != null) {
            b.content(body);
        }
        if (contentType != null) {
            b.contentType(contentType);
        }
        return perform(op, b, what);
    }

    MvcResult perform(Operation op, org.springframework.test.web.servlet.RequestBuilder b, String what) {
        requests.incrementAndGet();
        MvcResult result;
        try {
            result = mvc.perform(b).andReturn();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failures.add(op.key() + " " + what + " -> unhandled " + cause.getClass().getSimpleName() + ": " + abbreviate(cause.getMessage()));
            outcomes.merge("exception", 1, Integer::sum);
            return null;
        }
        int s = result.getResponse().getStatus();
        outcomes.merge(String.valueOf(s), 1, Integer::sum);
        if (s >= 500) {
            failures.add(op.key() + " " + what + " -> " + s + " " + abbreviate(body(result)));
        } else if (s >= 400) {
            String type = result.getResponse().getContentType();
            if (type == null || !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                failures.add(op.key() + " " + what + " -> " + s + " as " + type + ", not application/problem+json");
            }
        }
        return result;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    static String expand(String pattern, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(org.springframework.web.util.UriUtils.encodePathSegment(v,
                    StandardCharsets.UTF_8)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The path variables filled with this test's own records where it has them, else with ids no record has. */
    Map<String, String> pathValues(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        String p = op.pattern();
        Matcher m = VARIABLE.matcher(p);
        while (m.find()) {
            String before = p.substring(0, m.start());
            String collection = before.replaceAll("/$", "");
            collection = collection.substring(collection.lastIndexOf('/') + 1);
            String variable = m.group(1);
            Object value = switch (variable) {
                case "code" -> collection.equals("checkpoints") ? "KK01" : collection.equals("areas") ? ids.getOrDefault("areas", VILLAGE + "999")
                        : "NO-SUCH-GROUP";
                case "memberId" -> ids.get("members");
                case "volunteerId" -> ids.get("volunteers");
                case "token" -> "no-such-token";
                case "id" -> before.endsWith("/directives/assignments/") ? ids.get("assignments")
                        : before.startsWith("/api/v1/checkpoints/") ? null : ids.get(collection);
                default -> null;
            };
            values.put(variable, value == null ? NO_SUCH_ID : value.toString());
        }
        return values;
    }

    Map<String, String> plausibleQuery(Operation op) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Param p : op.params()) {
            if (p.path()) {
                continue;
            }
            String lower = p.name().toLowerCase();
            String value = switch (lower) {
                case "date" -> op.pattern().contains("/duty/") ? "2031-03-01" : today().toString();
                case "from", "to" -> "2031-03-01";
                case "q" -> "测试";
                case "area", "root", "parent" -> VILLAGE;
                case "checkpoint" -> "KK01";
                case "format" -> "csv";
                case "limit", "size", "days", "depth" -> "5";
                case "page" -> "0";
                case "dryrun" -> "true";
                default -> null;
            };
            if (value != null) {
                query.put(p.name(), value);
            }
        }
        return query;
    }

    // ------------------------------------------------------------------ the test

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a request that never ends fails
    void everyFieldOfEveryApiRequestWithHostileValuesGets2xxOr4xxNever5xx() throws Exception {
        long started = System.nanoTime();
        List<Operation> ops = operations();
        assertThat(ops).hasSizeGreaterThan(100);
        prepare();
        int tested = 0;
        int fieldsTested = 0;
        List<String> withoutInput = new ArrayList<>();
        for (Operation op : ops) {
            if (!op.hasInput()) {
                withoutInput.add(op.key());
                continue;
            }
            String account = accountFor(op);
            tested++;
            long opStarted = System.nanoTime();
            int before = requests.get();
            if (op.multipart()) {
                fieldsTested += multipart(op, account);
            } else {
                fieldsTested += run(op, account);
            }
            timings.put(op.key(), String.format("%d ms for %d requests", (System.nanoTime() - opStarted) / 1_000_000, requests.get() - before));
            slowest.put((System.nanoTime() - opStarted) / 1_000_000, op.key());
        }
        slowest.descendingMap().entrySet().stream().limit(15).forEach(e -> System.out.println("HOSTILE-TIME " + e.getValue() + " " + timings.get(e.getValue())));
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("Hostile input: %d operations with input (%d without: %s), %d fields and parameters, %d requests in %d s; "
                        + "answers %s%n", tested, withoutInput.size(), withoutInput, fieldsTested, requests.get(), seconds, outcomes);
        System.out.println("Hostile input: plausible requests answered " + baselineStatus);
        System.out.println("Hostile input: sampled values used " + extrasUsed);
        failures.forEach(f -> System.out.println("HOSTILE " + f));
        assertThat(failures).as("hostile inputs answered with 5xx, a non-problem 4xx, or a control character not refused").isEmpty();
        assertThat(tested).isGreaterThan(80);
    }

    /** Field names of the pages' forms and searches (the page handlers read their forms as maps). */
    static final List<String> FORM_FIELDS = List.of("name", "title", "body", "content", "note", "text", "reason", "issuer", "phone",
            "idNumber", "idType", "address", "q", "date", "from", "to", "code", "kind", "areaCode", "checkpointCode", "plateNumber",
            "temperature", "statement", "post", "organiser", "donorName", "recipient", "unit", "hours", "quantity", "amount",
            "status", "displayName", "destinationCode", "originCode", "deadline", "priority", "memberId", "volunteerId", "itemId",
            "warehouseId", "households", "residents", "clinic", "outcome", "percent", "effectiveFrom", "slot");

    static final List<Hostile> FORM_VALUES = List.of(
            new Hostile("NUL and other control characters", null, "a\u0000\u001b[31mb", true),
            new Hostile("bidi, zero-width, SQL and HTML", null, "\u202E张\u200B三' OR '1'='1'; -- <script>alert(1)</script>", false),
            new Hostile("5,000 characters", null, "x".repeat(5_000), false),
            new Hostile("a huge number", null, "-99999999999999999999", false),
            new Hostile("a date of year 999999999", null, "+999999999-12-31", false));
    /** What the pages that only show something get (their searches and filters). */
    static final Set<String> GET_VALUES = Set.of("NUL and other control characters", "bidi, zero-width, SQL and HTML");

    /**
     * The pages too: every page of the authorisation table, as a clone of an account that may see it, with the
     * hostile values in every usual form field at once (forms: all five; pages that only show: control characters,
     * and bidi, zero-width, SQL and HTML together). Never a 5xx; a control character is a 400 page.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyPageWithHostileFormValuesAnswersWithoutAServerError() throws Exception {
        long started = System.nanoTime();
        prepare();
        AuthorisationMatrixTests.Fixture fixture = new AuthorisationMatrixTests.Fixture((Long) ids.get("passages"),
                (Long) ids.get("returnees"), (Long) ids.get("episodes"), randomIdNumber(), randomPhone(), "敌意测试",
                jdbc.sql("select person_id from returnee where id = ?").param((Long) ids.get("returnees")).query(Long.class).single());
        int pages = 0;
        for (AuthorisationMatrixTests.Rule rule : AuthorisationMatrixTests.TABLE) {
            if (rule.api() || rule.method.equals("*") || rule.grantedNotCalled || rule.pattern.startsWith("/v3/")
                    || rule.pattern.startsWith("/swagger")) {
                continue;
            }
            Operation op = new Operation(rule.method, rule.pattern, List.of(), null, false, null);
            String account = accountForPage(rule);
            String path = AuthorisationMatrixTests.path(rule, fixture);
            pages++;
            long pageStarted = System.nanoTime();
            for (Hostile h : FORM_VALUES) {
                if (rule.method.equals("GET") && !GET_VALUES.contains(h.name())) {
                    continue;
                }
                MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(HttpMethod.valueOf(rule.method), path);
                if (account != null) {
                    b.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                            accounts.loadUserByUsername(account)));
                }
                int n = ADDRESSES.incrementAndGet();
                b.with(r -> {
                    r.setRemoteAddr("10.77." + (n / 256 % 256) + "." + (n % 256));
                    return r;
                });
                for (String field : FORM_FIELDS) {
                    b.param(field, h.text());
                }
                if (!rule.method.equals("GET")) {
                    b.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED);
                }
                MvcResult result = performPage(op, b, "form " + h.name());
                if (result != null && h.control() && result.getResponse().getStatus() != 400) {
                    failures.add(rule.key() + " form " + h.name() + " -> " + result.getResponse().getStatus() + ", not the 400 page");
                }
            }
            slowest.put((System.nanoTime() - pageStarted) / 1_000_000, rule.key());
        }
        // the sign-in form, before any page handler (each from an address of its own: failures are throttled per address)
        for (Hostile h : FORM_VALUES) {
            int n = ADDRESSES.incrementAndGet();
            performPage(new Operation("POST", "/login", List.of(), null, false, null), post("/login")
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                    .with(r -> {
                        r.setRemoteAddr("10.76." + (n / 256 % 256) + "." + (n % 256));
                        return r;
                    })
                    .param("username", h.text()).param("password", h.text()), "sign-in " + h.name());
        }
        System.out.printf("Hostile input, pages: %d pages, %d requests in %d s; answers %s%n", pages, requests.get(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), outcomes);
        slowest.descendingMap().entrySet().stream().limit(10).forEach(e -> System.out.println("HOSTILE-TIME " + e.getValue() + " " + e.getKey() + " ms"));
        failures.forEach(f -> System.out.println("HOSTILE-PAGE " + f));
        assertThat(failures).as("pages answering hostile form values with a server error").isEmpty();
        assertThat(pages).isGreaterThan(100);
    }

    static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** Like {@link #perform}, but pages answer HTML, redirects and bare statuses. */
    MvcResult performPage(Operation op, org.springframework.test.web.servlet.RequestBuilder b, String what) {
        requests.incrementAndGet();
        try {
            MvcResult result = mvc.perform(b).andReturn();
            int s = result.getResponse().getStatus();
            outcomes.merge(String.valueOf(s), 1, Integer::sum);
            if (s >= 500) {
                failures.add(op.key() + " " + what + " -> " + s + " " + abbreviate(body(result)));
            }
            return result;
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            failures.add(op.key() + " " + what + " -> unhandled " + cause.getClass().getSimpleName() + ": " + abbreviate(cause.getMessage()));
            outcomes.merge("exception", 1, Integer::sum);
            return null;
        }
    }

    /** A clone of the first demo account the table lets see the page; null for public pages (nobody signed in). */
    String accountForPage(AuthorisationMatrixTests.Rule rule) {
        if (rule.access == AuthorisationMatrixTests.Access.PUBLIC) {
            return null;
        }
        for (Object[] demo : DEMO) {
            Role role = (Role) demo[1];
            if (rule.grants(new AuthorisationMatrixTests.Caller((String) demo[0], role, true, demo[2] != null, false, false))) {
                return clone(demo);
            }
        }
        throw new AssertionError("no demo account may see " + rule.key());
    }

    /** Records of this test's own that the operations with path variables work on. */
    void prepare() throws Exception {
        if (ids.containsKey("episodes")) {
            return;
        }
        String admin = clone(DEMO.get(0));
        ids.put("items", readLong(mvc.perform(get("/api/v1/items").with(httpBasic(admin, PASSWORD))).andExpect(status().isOk())
                .andReturn(), "$[0].id"));
        ids.put("warehouses", readLong(mvc.perform(get("/api/v1/warehouses").with(httpBasic(admin, PASSWORD)))
                .andExpect(status().isOk()).andReturn(), "$[0].id"));
        String template = body(mvc.perform(get("/api/v1/returnees/roster/template").queryParam("format", "csv")
                .with(httpBasic(admin, PASSWORD))).andExpect(status().isOk()).andReturn());
        rosterHeader = template.replace("\uFEFF", "").lines().findFirst().orElseThrow();
        // a passage from Hubei: a returnee under home observation, whose episode the observation calls work on
        MvcResult created = mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(httpBasic(admin, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                                 "originAreaCode": "420102", "destinationAreaCode": "%s", "disinfected": true,
                                 "occupants": [{"name": "敌意测试", "idNumber": "%s", "phone": "%s", "temperature": 36.5}]}"""
                                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, randomIdNumber(), randomPhone())))
                .andExpect(status().isCreated()).andReturn();
        long passage = readLong(created, "$.id");
        ids.put("passages", passage);
        long returnee = await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                        "select r.id from returnee r join occupant o on r.source_ref = 'occupant:' || o.id where o.passage_id = ?")
                .param(passage).query(Long.class).optional(), Optional::isPresent).orElseThrow();
        ids.put("returnees", returnee);
        ids.put("persons", jdbc.sql("select person_id from returnee where id = ?").param(returnee).query(Long.class).single());
        long episode = await().atMost(Duration.ofSeconds(15)).until(
                () -> jdbc.sql("select id from observation_episode where returnee_id = ?").param(returnee).query(Long.class).optional(),
                Optional::isPresent).orElseThrow();
        ids.put("episodes", episode);
    }

    /** The plausible request, then one hostile value at a time in each parameter and each field of the body. */
    int run(Operation op, String account) {
        int fields = 0;
        Map<String, String> pathValues = pathValues(op);
        Map<String, String> query = plausibleQuery(op);
        // the plausible request: it creates the records that the later operations work on
        byte[] plausibleBody = op.body() == null ? null : json(plausible(op.body(), null, null)).getBytes(StandardCharsets.UTF_8);
        if (!op.method().equals("DELETE") && !op.pattern().endsWith("/release")) {
            MvcResult result = call(op, account, pathValues, query, plausibleBody, op.body() == null ? null : MediaType.APPLICATION_JSON_VALUE,
                    "plausible request");
            if (result != null) {
                int s = result.getResponse().getStatus();
                baselineStatus.merge(String.valueOf(s), 1, Integer::sum);
                if (s / 100 != 2) {
                    System.out.println("HOSTILE-INFO plausible " + op.key() + " as " + account + " -> " + s + " " + abbreviate(body(result)));
                }
                remember(op, result);
            }
        }
        for (Param p : op.params()) {
            fields++;
            Kind kind = paramKind(p.type());
            for (Hostile h : hostileFor(kind)) {
                Map<String, String> pv = new LinkedHashMap<>(pathValues);
                Map<String, String> q = new LinkedHashMap<>(query);
                String text = h.name().equals("wrong type") && kind != Kind.STRING ? "abc" : h.text();
                if (p.path()) {
                    if (text == null || text.isEmpty()) {
                        continue;
                    }
                    pv.put(p.name(), text);
                } else {
                    q.put(p.name(), text == null ? "" : text);
                }
                byte[] body = op.body() == null ? null : json(plausible(op.body(), null, null)).getBytes(StandardCharsets.UTF_8);
                MvcResult result = call(op, account, pv, q, body, op.body() == null ? null : MediaType.APPLICATION_JSON_VALUE,
                        (p.path() ? "path " : "query ") + p.name() + "=" + h.name());
                if (h.control() && result != null && !p.path()) {
                    expectFieldRefused(op, p.name(), h, result);
                }
            }
        }
        if (op.body() == null) {
            return fields;
        }
        List<FieldRef> refs = new ArrayList<>();
        fields(op.body(), new ArrayList<>(), refs);
        for (FieldRef ref : refs) {
            fields++;
            for (Hostile h : hostileFor(ref.kind())) {
                Object body = with(plausible(op.body(), null, null), ref.path(), 0, h.json());
                MvcResult result = call(op, account, pathValues, query, json(body).getBytes(StandardCharsets.UTF_8),
                        MediaType.APPLICATION_JSON_VALUE, "field " + ref.name() + "=" + h.name());
                if (h.control() && ref.kind() == Kind.STRING && result != null) {
                    expectFieldRefused(op, ref.name(), h, result);
                }
            }
        }
        bodies(op, account, pathValues, query);
        return fields;
    }

    /** A control character in a text is refused with 400 naming the field (or the record is not there: 404). */
    void expectFieldRefused(Operation op, String field, Hostile h, MvcResult result) {
        int s = result.getResponse().getStatus();
        if (s == 400) {
            String body = body(result);
            List<String> named = body.contains("\"errors\"") ? JsonPath.read(body, "$.errors[*].field") : List.of();
            if (!named.contains(field)) {
                failures.add(op.key() + " " + field + "=" + h.name() + " -> 400 without a message for the field: " + abbreviate(body));
            }
        } else if (s / 100 == 2) {
            failures.add(op.key() + " " + field + "=" + h.name() + " -> " + s + ": a control character was accepted");
        }
    }

    /** Whole bodies that are no request: empty, null, the wrong type, too deep, broken UTF-8, too large, not JSON. */
    void bodies(Operation op, String account, Map<String, String> pathValues, Map<String, String> query) {
        String json = MediaType.APPLICATION_JSON_VALUE;
        String plausible = json(plausible(op.body(), null, null));
        byte[] broken = plausible.replaceFirst("\"[^\"]*\"", "\"\u0001BROKEN\u0001\"").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = replace(broken, "\u0001BROKEN\u0001".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        List<Object[]> cases = List.of(
                new Object[] {"empty body", new byte[0], json},
                new Object[] {"body null", utf8("null"), json},
                new Object[] {"body of the wrong type", utf8("[42]"), json},
                new Object[] {"100,000 nested arrays", utf8("[".repeat(100_000) + "]".repeat(100_000)), json},
                new Object[] {"10,000 nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), json},
                new Object[] {"invalid UTF-8", invalid, json},
                new Object[] {"400 KB body", utf8("{\"padding\":\"" + "x".repeat(400_000) + "\"}"), json},
                new Object[] {"truncated body", utf8(plausible.substring(0, plausible.length() / 2)), json},
                new Object[] {"text/plain", utf8(plausible), MediaType.TEXT_PLAIN_VALUE},
                new Object[] {"form content type", utf8("a=1&b=2"), MediaType.APPLICATION_FORM_URLENCODED_VALUE},
                new Object[] {"unknown charset", utf8(plausible), "application/json;charset=nope"});
        // four of them per operation, in turn: every one meets a dozen operations, and the run stays short
        int start = bodyRotation.getAndAdd(4);
        for (int i = 0; i < 4; i++) {
            Object[] c = cases.get((start + i) % cases.size());
            call(op, account, pathValues, query, (byte[]) c[1], (String) c[2], (String) c[0]);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] replace(byte[] in, byte[] what, byte[] with) {
        for (int i = 0; i + what.length <= in.length; i++) {
            boolean match = true;
            for (int j = 0; j < what.length && match; j++) {
                match = in[i + j] == what[j];
            }
            if (match) {
                byte[] out = new byte[in.length - what.length + with.length];
                System.arraycopy(in, 0, out, 0, i);
                System.arraycopy(with, 0, out, i, with.length);
                System.arraycopy(in, i + what.length, out, i + with.length, in.length - i - what.length);
                return out;
            }
        }
        return in;
    }

    /** Uploads: the wrong content type, no file, an empty file, a file with hostile cells; hostile query parameters. */
    int multipart(Operation op, String account) {
        int fields = 1;
        Map<String, String> pathValues = pathValues(op);
        Map<String, String> query = plausibleQuery(op);
        call(op, account, pathValues, query, "{}".getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_VALUE, "JSON instead of a file");
        String header = op.pattern().contains("/areas/") ? "code,name,parentCode,kind,households,residents" : rosterHeader;
        StringBuilder csv = new StringBuilder(header).append("\r\n");
        String[] hostile = {"a\u0000b", "a\u0001\u001bb", "\u202Eabc", "张\u200B三", "=1+1", "\t=cmd", "x".repeat(5000),
                "' OR 1=1 --", "<script>alert(1)</script>"};
        int columns = header.split(",").length;
        for (String h : hostile) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                cells.add('"' + h.replace("\"", "\"\"") + '"');
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        byte[][] files = {new byte[0], csv.toString().getBytes(StandardCharsets.UTF_8), {(byte) 0xC3, 0x28, (byte) 0xFF, 0, 1, 2}};
        String[] names = {"empty file", "hostile cells", "binary"};
        for (int i = 0; i < files.length; i++) {
            MockMultipartFile file = new MockMultipartFile(op.multipartFile(), "hostile.csv", "text/csv", files[i]);
            var b = MockMvcRequestBuilders.multipart(HttpMethod.valueOf(op.method()), expand(op.pattern(), pathValues)).file(file);
            b.with(httpBasic(account, PASSWORD)).header("Accept-Language", "en").header("X-Cordon-Client", "hostile-input-test");
            query.forEach((k, v) -> b.queryParam(k, v));
            perform(op, b, names[i]);
        }
        var none = MockMvcRequestBuilders.multipart(HttpMethod.valueOf(op.method()), expand(op.pattern(), pathValues));
        none.with(httpBasic(account, PASSWORD)).header("X-Cordon-Client", "hostile-input-test");
        query.forEach((k, v) -> none.queryParam(k, v));
        perform(op, none, "no file");
        for (Param p : op.params()) {
            if (p.path()) {
                continue;
            }
            fields++;
            for (Hostile h : hostileFor(paramKind(p.type()))) {
                MockMultipartFile file = new MockMultipartFile(op.multipartFile(), "ok.csv", "text/csv", new byte[0]);
                var b = MockMvcRequestBuilders.multipart(HttpMethod.valueOf(op.method()), expand(op.pattern(), pathValues)).file(file);
                b.with(httpBasic(account, PASSWORD)).header("Accept-Language", "en").header("X-Cordon-Client", "hostile-input-test");
                Map<String, String> q = new LinkedHashMap<>(query);
                q.put(p.name(), h.text() == null ? "" : h.text());
                q.forEach((k, v) -> b.queryParam(k, v));
                MvcResult result = perform(op, b, "query " + p.name() + "=" + h.name());
                if (h.control() && result != null) {
                    expectFieldRefused(op, p.name(), h, result);
                }
            }
        }
        return fields;
    }

    /** Keeps the id of a record the plausible request created, for the operations on it. */
    void remember(Operation op, MvcResult result) {
        int s = result.getResponse().getStatus();
        if (s / 100 != 2 || !op.method().equals("POST")) {
            return;
        }
        String body = body(result);
        if (!body.startsWith("{")) {
            return;
        }
        String p = op.pattern();
        String collection = p.substring(p.lastIndexOf('/') + 1);
        if (p.contains("{")) {
            return;
        }
        if (collection.equals("generate")) {
            try {
                MvcResult shifts = mvc.perform(get("/api/v1/duty/shifts").queryParam("date", "2031-03-01")
                        .with(httpBasic(clone(DEMO.get(0)), PASSWORD))).andReturn();
                List<Object> found = JsonPath.read(body(shifts), "$[*].id");
                if (!found.isEmpty()) {
                    ids.put("shifts", found.get(0));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        Object id;
        String location = result.getResponse().getHeader("Location");
        if (location != null && location.matches(".*/\\d+$")) {
            id = Long.valueOf(location.substring(location.lastIndexOf('/') + 1));
        } else {
            try {
                id = JsonPath.read(body, collection.equals("areas") ? "$.code" : "$.id");
            } catch (com.jayway.jsonpath.PathNotFoundException none) {
                return;
            }
        }
        if (id == null) {
            return;
        }
        ids.putIfAbsent(collection, id);
        if (collection.equals("directives") && body.contains("\"assignments\"")) {
            List<Object> assignments = JsonPath.read(body, "$.assignments[*].id");
            if (!assignments.isEmpty()) {
                ids.putIfAbsent("assignments", assignments.get(0));
            }
        }
    }
}
