package org.cordon.shared.web;

import java.util.List;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;

/**
 * A form, query or path parameter holds a character no text may hold ({@link org.cordon.shared.TextRules}); thrown
 * before the handler runs, so nothing was changed. The API answers it as any {@link ValidationFailedException}
 * (400 with the parameter named), pages with a 400 page listing the fields ({@link PageInputProblems}).
 */
public class UnsafeParameterException extends ValidationFailedException {

    public UnsafeParameterException(List<FieldProblem> problems) {
        super(problems);
    }
}
