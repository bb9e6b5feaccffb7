package org.cordon.shared.web;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Links a form control to its error message (the paragraph of {@code fragments/field :: error}). On an
 * input, select or textarea, {@code cordon:error="name"} (or an expression giving the field's name, or null
 * when the form shown is not the one rejected) adds, when the page's {@code errors} hold a message for that
 * field, {@code class="invalid"}, {@code aria-invalid="true"} and the message's id to
 * {@code aria-describedby} (after a hint's id already there), and the first such control of the page {@code autofocus}
 * (the browser focuses it and scrolls to it on load). The templates read the same ids and messages
 * through {@code #forms}. Picked up by Spring Boot's Thymeleaf set-up as a bean.
 */
@Component
public class FormDialect extends AbstractProcessorDialect implements IExpressionObjectDialect {

    public static final String PREFIX = "cordon";
    /** The model attribute with the messages per field of a rejected form. */
    public static final String ERRORS = "errors";

    /** After the standard dialect (1000), so that {@code th:field}, {@code th:attr} and {@code th:classappend} have run. */
    private static final int PRECEDENCE = 2000;

    public FormDialect() {
        super("Cordon forms", PREFIX, PRECEDENCE);
    }

    /** The id of a field's error message: {@code title-error}, {@code occupants-0-name-error}. */
    public static String errorId(String field) {
        return idOf(field) + "-error";
    }

    /** The id of a field's hint: {@code title-hint}. */
    public static String hintId(String field) {
        return idOf(field) + "-hint";
    }

    private static String idOf(String field) {
        return field.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-$", "");
    }

    /** The message for {@code field} among the page's errors, or null. */
    static String message(Object errors, Object field) {
        if (field == null || !(errors instanceof Map<?, ?> map) || map.isEmpty()) {
            return null;
        }
        Object message = map.get(field.toString());
        return message == null || message.toString().isBlank() ? null : message.toString();
    }

    @Override
    public Set<IProcessor> getProcessors(String dialectPrefix) {
        return Set.of(new ErrorAttributeProcessor(dialectPrefix));
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("forms");
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return new Fields(context.getVariable(ERRORS));
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return false;
            }
        };
    }

    /** {@code #forms} in templates: the message and the message's id of a field. */
    public static final class Fields {

        private final Object errors;

        Fields(Object errors) {
            this.errors = errors;
        }

        public boolean hasError(Object field) {
            return message(errors, field) != null;
        }

        public String error(Object field) {
            return message(errors, field);
        }

        public String errorId(Object field) {
            return field == null ? null : FormDialect.errorId(field.toString());
        }

        public String hintId(Object field) {
            return field == null ? null : FormDialect.hintId(field.toString());
        }
    }

    private static final class ErrorAttributeProcessor extends AbstractAttributeTagProcessor {

        ErrorAttributeProcessor(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "error", true, 100, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                                 String attributeValue, IElementTagStructureHandler structure) {
            Object field = StandardExpressions.getExpressionParser(context.getConfiguration())
                    .parseExpression(context, attributeValue).execute(context);
            if (message(context.getVariable(ERRORS), field) == null) {
                return;
            }
            String id = errorId(field.toString());
            String describedBy = tag.getAttributeValue("aria-describedby");
            structure.setAttribute("aria-describedby", describedBy == null || describedBy.isBlank() ? id : describedBy + " " + id);
            structure.setAttribute("aria-invalid", "true");
            String classes = tag.getAttributeValue("class");
            if (classes == null || classes.isBlank()) {
                structure.setAttribute("class", "invalid");
            } else if (!(" " + classes + " ").contains(" invalid ")) {
                structure.setAttribute("class", classes + " invalid");
            }
            if (focusable(tag) && firstOfPage()) {
                // the first field to correct gets the focus when the page loads (and the browser scrolls to it), even
                // before or without the page's script
                structure.setAttribute("autofocus", "autofocus");
            }
        }

        private static boolean focusable(IProcessableElementTag tag) {
            String element = tag.getElementCompleteName().toLowerCase(java.util.Locale.ROOT);
            return element.equals("select") || element.equals("textarea")
                    || (element.equals("input") && !"hidden".equalsIgnoreCase(tag.getAttributeValue("type")));
        }

        /** True once per request: for the first invalid control rendered. */
        private static boolean firstOfPage() {
            org.springframework.web.context.request.RequestAttributes request =
                    org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
            if (request == null) {
                return false;
            }
            String key = FormDialect.class.getName() + ".autofocus";
            if (request.getAttribute(key, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST) != null) {
                return false;
            }
            request.setAttribute(key, Boolean.TRUE, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
            return true;
        }
    }
}
