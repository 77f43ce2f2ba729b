package org.fugong.geography;

public record City(String code, String nameZh, String nameEn, String timeZone) implements Named {}
