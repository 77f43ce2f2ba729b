package org.fugong.enterprises;

/** The sections A to T of GB/T 4754-2017, the national industry classification. */
public enum IndustrySection {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T;

    /** The message key of the section's name. */
    public String messageKey() {
        return "industry." + name();
    }
}
