package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.annotation.Annotation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;

/**
 * Every route, as a user allowed to reach it (from {@link RouteAccessTests}' table), with hostile
 * values in every path variable, parameter and form field the handler reads, and hostile bodies
 * where it reads JSON: none may answer a server error. The parameters are found from the handler
 * methods themselves, so a new route or a new field is swept without being listed here.
 */
class HostileInputTests extends IntegrationTest {

    /** Values no form or API should choke on. */
    static final List<String> VALUES = List.of(
            "-1",
            "2147483648",
            "-99999999999999999999999",
            "1e309",
            "+999999999-12-31",
            "2020-02-30",
            "not a value",
            "x".repeat(19_000),
            "x".repeat(100_000),
            "'; drop table enterprise; --",
            "<script>alert(1)</script>",
            "${T(java.lang.Runtime).getRuntime()}",
            "%",
            "\u202E\uFFFF\uD800");

    /** Bodies for handlers that read JSON. */
    static final List<String> BODIES = List.of(
            "",
            "{",
            "null",
            "{}",
            "[]",
            "[{}]",
            "\"text\"",
            "{\"id\": {\"a\": []}, \"date\": 99999999999999999999}",
            "[{\"token\": 1e309, \"kwh\": \"NaN\", \"date\": \"+999999999-12-31\", \"name\": \"a\\u0000b\"}]",
            "{\"token\": \"" + "x".repeat(100_000) + "\", \"workers\": -2147483649}");

    /** A hostile value must not make a request this slow either: that is how one caller ties up the server. */
    static final long SLOW_MILLIS = 3000;

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Autowired
    ApplicationContext context;

    record Route(String method, String pattern, HandlerMethod handler) {
        String key() {
            return method + " " + pattern;
        }
    }

    @Test
    void noRouteAnswersAServerErrorForAHostileValue() throws Exception {
        Map<String, Map<String, RouteAccessTests.Outcome>> access = RouteAccessTests.expectations();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        List<Route> routes = routes();
        for (Route route : routes) {
            String user = userFor(access.get(route.key()));
            if (user == null
                    || route.pattern().startsWith("/actuator")
                    || route.pattern().equals("/logout")) {
                continue;
            }
            Set<String> parameters = parameters(route.handler());
            boolean json = reads(route.handler(), RequestBody.class);
            boolean file = readsFile(route.handler());
            for (String value : VALUES) {
                failures.addAll(check(route, user, value, parameters, file, json ? "{}" : null));
                requests++;
            }
            if (json) {
                for (String body : BODIES) {
                    failures.addAll(check(route, user, "1", parameters, file, body));
                    requests++;
                }
            }
        }
        System.out.printf(
                "hostile sweep: %d requests over %d routes, %d failed%n", requests, routes.size(), failures.size());
        assertThat(requests).as("requests sent").isGreaterThan(2000);
        // One line per route: its first failure and how many values failed it.
        Map<String, String> byRoute = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (String failure : failures) {
            String route = failure.substring(0, failure.indexOf(" as "));
            byRoute.putIfAbsent(route, failure.length() > 400 ? failure.substring(0, 400) : failure);
            counts.merge(route, 1, Integer::sum);
        }
        List<String> summary = new ArrayList<>();
        byRoute.forEach((route, first) -> summary.add(counts.get(route) + "× " + first));
        assertThat(summary).isEmpty();
    }

    private List<String> check(
            Route route, String user, String value, Set<String> parameters, boolean file, String body)
            throws Exception {
        String path = path(route.pattern(), value);
        AbstractMockHttpServletRequestBuilder<?> request = file
                ? multipart(HttpMethod.valueOf(route.method()), path)
                        .file(new MockMultipartFile(
                                "file",
                                value.length() > 200 ? "x.csv" : value + ".csv",
                                "text/csv",
                                value.getBytes(StandardCharsets.UTF_8)))
                : request(HttpMethod.valueOf(route.method()), path);
        request.with(csrf());
        for (String parameter : parameters) {
            request.param(parameter, value);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (!user.equals("anonymous")) {
            request.with(as(user));
        }
        MockHttpServletResponse response;
        long started = System.nanoTime();
        try {
            response = mvc.perform(request).getResponse();
        } catch (Exception | AssertionError e) {
            return List.of(
                    route.key() + " as " + user + " with " + shown(value) + " / " + shown(body) + ": threw " + e);
        }
        if (response.getStatus() >= 500) {
            return List.of(route.key() + " as " + user + " with " + shown(value) + " / " + shown(body) + ": "
                    + response.getStatus());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > SLOW_MILLIS) {
            return List.of(route.key() + " as " + user + " with " + shown(value) + " / " + shown(body) + ": took "
                    + millis + " ms");
        }
        return List.of();
    }

    private static String shown(String value) {
        return value == null ? "-" : value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    }

    private static String path(String pattern, String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        Matcher m = VARIABLE.matcher(pattern.replace("/**", "/x"));
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    path, Matcher.quoteReplacement(encoded.length() > 2000 ? encoded.substring(0, 2000) : encoded));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** The first user the access table lets through, signed-in users first. */
    private static String userFor(Map<String, RouteAccessTests.Outcome> outcomes) {
        if (outcomes == null) {
            return null;
        }
        for (String user : RouteAccessTests.USERS) {
            if (!user.equals("anonymous") && outcomes.get(user) == RouteAccessTests.Outcome.PASS) {
                return user;
            }
        }
        return outcomes.get("anonymous") == RouteAccessTests.Outcome.PASS ? "anonymous" : null;
    }

    /** The names of the query and form parameters the handler reads, form records' components included. */
    private static Set<String> parameters(HandlerMethod handler) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            Class<?> type = parameter.getParameterType();
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null) {
                if (!MultipartFile.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
                    String name = !requestParam.name().isEmpty() ? requestParam.name() : parameter.getParameterName();
                    if (name != null) {
                        names.add(name);
                    }
                }
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)
                    || (type.isRecord() && !parameter.hasParameterAnnotation(RequestBody.class))) {
                if (type.isRecord()) {
                    for (var component : type.getRecordComponents()) {
                        names.add(component.getName());
                    }
                } else if (!BeanUtils.isSimpleProperty(type)) {
                    for (var property : BeanUtils.getPropertyDescriptors(type)) {
                        if (property.getWriteMethod() != null) {
                            names.add(property.getName());
                        }
                    }
                }
            }
        }
        return names;
    }

    private static boolean reads(HandlerMethod handler, Class<? extends Annotation> annotation) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsFile(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        RouteAccessTests.handlers(context).forEach((key, handler) -> {
            String[] parts = key.split(" ", 2);
            routes.add(new Route(parts[0], parts[1], handler));
        });
        return routes;
    }
}
