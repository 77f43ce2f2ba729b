package org.fugong.geography.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/** @param cityFile the city to serve: its districts and townships, see cities/330200-ningbo.csv */
@ConfigurationProperties("fugong.geography")
public record GeographyProperties(
        @DefaultValue("classpath:cities/330200-ningbo.csv") Resource cityFile) {}
