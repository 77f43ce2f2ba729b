package org.fugong.enterprises;

/** Size classes of the national classification of enterprise sizes. */
public enum EnterpriseSize {
    MICRO,
    SMALL,
    MEDIUM,
    LARGE
}
