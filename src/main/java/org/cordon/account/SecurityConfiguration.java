package org.cordon.account;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.web.AssetSettings;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A chain for the static assets ({@link #assetChain}) and two filter chains on the same accounts: the JSON API under {@code /api/**} with API tokens
 * ({@link ApiTokenAuthenticationFilter}) or HTTP Basic (refused for requests a browser could be made to send
 * cross-site: {@link BasicForgeryGuard}), stateless and without CSRF tokens; the pages with form login and
 * CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    CachingAuthenticationProvider authenticationProvider(AccountManagement accounts, PasswordEncoder encoder,
                                                         java.time.Clock clock, SignInThrottle throttle) {
        return new CachingAuthenticationProvider(accounts, encoder, clock, throttle);
    }

    /**
     * The static assets: public, without a session (an asset request neither reads nor creates one, nor is it ever
     * remembered as the page to return to after signing in) and without Spring Security's {@code Cache-Control:
     * no-cache, no-store}, so that the asset handler's caching applies (shared.web.StaticAssetsConfiguration: a
     * year and {@code immutable} for versioned addresses). With {@code cordon.assets.fingerprint=false} they get
     * {@code no-store} as before (only to measure the difference).
     */
    @Bean
    @Order(0)
    SecurityFilterChain assetChain(HttpSecurity http, AssetSettings assets) throws Exception {
        http.securityMatcher("/css/**", "/js/**", "/vendor/**", "/webjars/**", "/favicon.ico")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .requestCache(r -> r.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(a -> a.disable());
        if (assets.fingerprint()) {
            http.headers(h -> h.cacheControl(c -> c.disable()));
        }
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, MessageSource messages, LocaleResolver locales, ApiTokenManagement tokens)
            throws Exception {
        http.securityMatcher("/api/**")
                .addFilterBefore(new BasicForgeryGuard(messages, locales), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, messages, locales), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // public health-code data for offline verifiers: the revocation list (the keys are /.well-known)
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/health-codes/revocations",
                                "/api/v1/health-codes/links/*").permitAll()
                        // the public declaration (rate-limited per address)
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/v1/health-codes/declarations").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) -> {
                    if (ex instanceof SignInThrottledException throttled) {
                        throttled.writeProblem(req, res, messages, locales.resolveLocale(req));   // 429, Retry-After
                    } else {
                        problem(req, res, HttpStatus.UNAUTHORIZED, "problem.unauthorized", messages, locales);
                    }
                }))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) ->
                                problem(req, res, HttpStatus.UNAUTHORIZED, "problem.unauthorized", messages, locales))
                        .accessDeniedHandler((req, res, ex) ->
                                problem(req, res, HttpStatus.FORBIDDEN, "problem.forbidden", messages, locales)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, FormSignIn formSignIn, MessageSource messages, LocaleResolver locales)
            throws Exception {
        PageRefusals refusals = new PageRefusals(messages, locales, "/login");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/portal", "/portal/**", "/.well-known/jwks.json").permitAll()
                        // the installable field app: manifest, icons, service worker, the offline page, the session check
                        .requestMatchers("/manifest.webmanifest", "/icons/**", "/sw.js", "/offline", "/offline/session").permitAll()
                        .requestMatchers("/login", "/login/code", "/css/**", "/js/**", "/vendor/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/admin/**").hasAnyRole(RolePermissions.rolesWith(Permission.ACCOUNT_ADMIN))
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(formSignIn).failureHandler(formSignIn).permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout").permitAll())
                // styled answers that say what to do (an expired session: sign in again); scripts' requests get 401
                // problems where a page request is sent to the sign-in page
                .exceptionHandling(e -> e.accessDeniedHandler(refusals).authenticationEntryPoint(refusals));
        // Content-Security-Policy, Referrer-Policy, Permissions-Policy: shared.web.SecurityHeadersFilter, on every response
        return http.build();
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                                MessageSource messages, LocaleResolver locales) throws IOException {
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"cordon\"");
        }
        Problems.write(Problems.problem(messages, locales.resolveLocale(request), status, null, code), request, response);
    }
}
