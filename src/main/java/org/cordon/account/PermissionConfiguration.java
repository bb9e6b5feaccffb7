package org.cordon.account;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link RequiresPermission} gate as an infrastructure advisor, so the auto-proxy creator
 * that method security and transactions already use applies it (no AspectJ weaver needed).
 */
@Configuration(proxyBeanMethods = false)
class PermissionConfiguration {

    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiresPermissionAdvisor() {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, RequiresPermission.class, true), new PermissionInterceptor());
        advisor.setOrder(0);
        return advisor;
    }
}
