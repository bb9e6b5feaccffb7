package org.cordon.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

import org.cordon.account.CordonUser;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The permission gate for handler methods that declare {@link RequiresPermission} themselves. It runs
 * before the request's parameters and body are bound, so a role without the permission gets 403 —
 * never a 400 about a missing field, which would tell it what the endpoint expects. The services keep
 * their own gate; this one only moves the refusal in front of the input checks.
 */
@Configuration(proxyBeanMethods = false)
class EndpointPermissionInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final java.util.Map<java.lang.reflect.Method, Optional<RequiresPermission>> declared = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            // looked up once per handler method: this runs on every request
            Optional<RequiresPermission> required = declared.computeIfAbsent(method.getMethod(),
                    m -> Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(m, RequiresPermission.class)));
            if (required.isPresent() && !RolePermissions.hasAny(currentRole(), required.get().value())) {
                throw new AccessDeniedException("Lacks " + java.util.Arrays.toString(required.get().value()) + " for "
                        + request.getMethod() + " " + request.getRequestURI());
            }
        }
        return true;
    }

    private static org.cordon.account.Role currentRole() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CordonUser user ? user.role() : null;
    }
}
