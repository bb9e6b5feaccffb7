package org.cordon.shared.web;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.ITemplateEngine;
import tools.jackson.databind.JacksonModule;

/**
 * Bounded requests and clean text (README "Input limits"): the body limit ({@link RequestBodyLimitFilter}), the
 * checks of JSON bodies ({@link RequestJson}) and of parameters ({@link TextParameterInterceptor}), and problem
 * answers for URLs that Spring Security's firewall rejects (an encoded NUL, line break or percent sign in a path).
 */
@Configuration(proxyBeanMethods = false)
class InputLimitsConfiguration implements WebMvcConfigurer {

    @Bean
    ProblemAnswers problemAnswers(MessageSource messages, LocaleResolver localeResolver, ObjectProvider<ITemplateEngine> templates) {
        return new ProblemAnswers(messages, localeResolver, templates);
    }

    /** After the security headers, database outage and upload size filters, before Spring Security. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpLimitsSettings settings, ProblemAnswers answers) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(settings, answers));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);   // after the security headers, outage and upload filters
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    JacksonModule requestJsonModule() {
        return RequestJson.module();
    }

    /** Spring Security's firewall would answer a bare 400; the API gets a problem, pages a page. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemAnswers answers) {
        return (request, response, rejected) -> answers.answer(request, response, HttpStatus.BAD_REQUEST,
                "urn:cordon:problem:rejected-url", "problem.rejectedUrl");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new TextParameterInterceptor()).order(1);   // after the language switch (?lang=), so that the refusal speaks it
    }
}
