package org.fugong.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The page or API of a dashboard or a report: it only reads, and reads from the reporting replica when one
 * is configured ({@link ReportingReads}), a moment behind the primary at most. A handler that writes (an
 * audited read of personal data, for one) is not marked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReportingRead {}
