package org.fugong.geography;

import java.util.Locale;

/** Something with a Chinese and an English name, shown in the reader's language. */
public interface Named {

    String nameZh();

    String nameEn();

    default String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh() : nameEn();
    }
}
