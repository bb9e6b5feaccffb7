package org.cordon.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cordon.shared.FieldProblem;
import org.passay.DictionaryRule;
import org.passay.EnglishSequenceData;
import org.passay.IllegalSequenceRule;
import org.passay.LengthRule;
import org.passay.PasswordData;
import org.passay.PasswordValidator;
import org.passay.RepeatCharacterRegexRule;
import org.passay.RuleResult;
import org.passay.RuleResultDetail;
import org.passay.UsernameRule;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;
import org.springframework.stereotype.Component;

/**
 * The rules every password set on the platform must follow (account creation, one's own change, an
 * administrator's reset); the seeded demo accounts are exempt. Checked with Passay:
 * <ul>
 * <li>at least {@code cordon.signin.password-min-length} characters (12) and at most {@value #MAX_BYTES} bytes in
 *     UTF-8 — bcrypt reads no further, so a longer one would be cut without a word;</li>
 * <li>not one of the 49,233 most common passwords ({@code account/common-passwords.txt}, from zxcvbn-ts), compared
 *     without case, nor one of them with only digits and symbols around it ({@code Password2020!});</li>
 * <li>not containing the user name (forwards or backwards), six characters in sequence ({@code 123456},
 *     {@code abcdef}, {@code qwerty}) or one character five times in a row.</li>
 * </ul>
 * No composition rules (a digit, a capital): length and not being guessable are what count (NIST SP 800-63B).
 */
@Component
public class PasswordPolicy {

    /** bcrypt's limit. */
    public static final int MAX_BYTES = 72;
    static final String RESOURCE = "/account/common-passwords.txt";
    /** Words of this platform that make a password guessable here. */
    private static final List<String> CONTEXT_WORDS = List.of("cordon", "shenmu", "lianfang", "liankong", "fangkong", "yiqing");

    private final int minLength;
    private final PasswordValidator rules;
    private final WordListDictionary common;

    PasswordPolicy(SignInSettings settings) {
        this.minLength = settings.passwordMinLength();
        this.common = new WordListDictionary(new ArrayWordList(loadCommonPasswords(), false, new ArraysSort()));
        this.rules = new PasswordValidator(
                new LengthRule(minLength, Integer.MAX_VALUE),
                new DictionaryRule(common),
                new UsernameRule(true, true),
                new IllegalSequenceRule(EnglishSequenceData.Numerical, 6, false),
                new IllegalSequenceRule(EnglishSequenceData.Alphabetical, 6, false),
                new IllegalSequenceRule(EnglishSequenceData.USQwerty, 6, false),
                new RepeatCharacterRegexRule(5));
    }

    /** Number of common passwords known (for the README and tests). */
    public long commonPasswords() {
        return common.size();
    }

    /**
     * What is wrong with {@code password} for the account {@code username} (may be null while it is being
     * created without a valid name), as problems of {@code field}; empty when it may be set.
     */
    public List<FieldProblem> check(String field, String username, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add(new FieldProblem(field, "validation.password.required"));
            return problems;
        }
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            problems.add(new FieldProblem(field, "validation.password.tooManyBytes", MAX_BYTES, bytes));
            return problems;
        }
        PasswordData data = new PasswordData(username == null ? "" : username, password);
        RuleResult result = rules.validate(data);
        Set<String> codes = new LinkedHashSet<>();
        for (RuleResultDetail detail : result.getDetails()) {
            String code = detail.getErrorCode();
            if (code.equals(LengthRule.ERROR_CODE_MIN)) {
                codes.add("validation.password.tooShort");
            } else if (code.startsWith("ILLEGAL_WORD")) {
                codes.add("validation.password.common");
            } else if (code.startsWith("ILLEGAL_USERNAME")) {
                codes.add(username == null || username.isEmpty() ? null : "validation.password.username");
            } else if (code.startsWith("ILLEGAL_") && code.endsWith("_SEQUENCE")) {
                codes.add("validation.password.sequence");
            } else if (code.equals("ILLEGAL_MATCH")) {
                codes.add("validation.password.repeated");
            }
        }
        codes.remove(null);
        if (!codes.contains("validation.password.common") && commonWithDecoration(password)) {
            codes.add("validation.password.common");
        }
        for (String code : codes) {
            problems.add(code.equals("validation.password.tooShort") ? new FieldProblem(field, code, minLength)
                    : new FieldProblem(field, code));
        }
        return problems;
    }

    /** A common password (or a word of this platform) with only digits, symbols and spaces before or after it. */
    private boolean commonWithDecoration(String password) {
        String core = password.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
        if (core.length() < 3 || core.length() == password.length()) {
            return false;
        }
        String lower = core.toLowerCase(Locale.ROOT);
        return common.search(lower) || CONTEXT_WORDS.contains(lower);
    }

    private static String[] loadCommonPasswords() {
        List<String> words = new ArrayList<>(50_000);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (header && line.startsWith("# ")) {
                    continue;
                }
                header = false;
                if (!line.isEmpty()) {
                    words.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words.addAll(CONTEXT_WORDS);
        return new LinkedHashSet<>(words).toArray(String[]::new);
    }
}
