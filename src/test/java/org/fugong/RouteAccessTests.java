package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.enterprises.internal.EnterpriseImports;
import org.fugong.tickets.CommonIssues;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketPriority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every route the application registers, as every demo user and as nobody, and compares the
 * answer with what is declared here. A new route without a declaration fails the build, and so
 * does a route that answers someone it should refuse.
 */
class RouteAccessTests extends IntegrationTest {

    /** What a request may come to. */
    enum Outcome {
        /** Reached the handler: any answer but 401, 403, 404 or the login page. */
        PASS,
        /** 403: signed in, but not allowed (by role or by scope). */
        DENIED,
        /** Not signed in: the login page (pages) or 401 (API). */
        LOGIN,
        /** 404: the route has nothing for this user (an enterprise page of a user without one). */
        NOT_FOUND,
        /** Whatever it answers: the error page itself. */
        ANY
    }

    static final List<String> USERS = List.of(
            "anonymous",
            "city",
            "haishu",
            "jiangbei",
            "labour",
            "transport",
            "commissioner",
            "ent-haishu",
            "ent-jiangbei",
            "gate",
            "health");
    static final String VICTIM = "walk-victim";

    @Autowired
    ApplicationContext context;

    @Autowired
    UserAdministration administration;

    @Autowired
    EnterpriseImports imports;

    @Autowired
    TicketDesk tickets;

    @Autowired
    CommonIssues commonIssues;

    @BeforeAll
    static void createVictim(@Autowired UserAdministration administration, @Autowired JdbcClient jdbc) {
        if (jdbc.sql("select count(*) from account_user where username = ?")
                        .param(VICTIM)
                        .query(Long.class)
                        .single()
                == 0) {
            administration.createAsSystem(
                    new UserAdministration.NewUser(
                            VICTIM, "Jiangbei test official", Role.DISTRICT_OFFICIAL, "330205", null, null),
                    "victim-password",
                    false);
        }
    }

    /** Who may do what. Routes reached with a Jiangbei record where they take an id. */
    static Map<String, Map<String, Outcome>> expectations() {
        Map<String, Map<String, Outcome>> routes = new LinkedHashMap<>();
        routes.put("GET /", allSignedIn());
        routes.put("GET /login", everyone());
        routes.put("GET /error", anyOutcome());
        routes.put("GET /geography", allSignedIn());
        routes.put("GET /api/geography/districts", allSignedIn());
        routes.put("GET /api/geography/districts/{code}/townships", allSignedIn());
        routes.put("GET /account/password", allSignedIn());
        routes.put("POST /account/password", allSignedIn());

        routes.put(
                "GET /enterprises", only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei"));
        routes.put(
                "GET /enterprises/export.csv",
                only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei"));
        routes.put("GET /enterprises/imports", only("city", "haishu", "jiangbei"));
        routes.put("POST /enterprises/imports", only("city", "haishu", "jiangbei"));
        // An import of Haishu's: Jiangbei does not see it (404), the city does.
        Map<String, Outcome> haishuImport = only("city", "haishu");
        haishuImport.put("jiangbei", Outcome.NOT_FOUND);
        routes.put("GET /enterprises/imports/{id}", haishuImport);
        routes.put(
                "GET /enterprises/export.xlsx",
                only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei"));
        Map<String, Outcome> mine = only("ent-haishu", "ent-jiangbei");
        List.of("city", "haishu", "jiangbei", "commissioner").forEach(user -> mine.put(user, Outcome.NOT_FOUND));
        routes.put("GET /enterprises/mine", mine);
        routes.put("GET /enterprises/{id}", only("city", "jiangbei", "ent-jiangbei"));
        routes.put(
                "GET /api/enterprises",
                only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei"));
        routes.put("GET /api/enterprises/{id}", only("city", "jiangbei", "ent-jiangbei"));

        // Applications: Jiangbei's factory's application where a route takes an id.
        Map<String, Outcome> enterprisesOnly = only("ent-haishu", "ent-jiangbei");
        routes.put("GET /applications/mine", enterprisesOnly);
        routes.put("GET /applications/new", enterprisesOnly);
        routes.put("POST /applications", enterprisesOnly);
        routes.put("POST /applications/{id}", only("ent-jiangbei"));
        routes.put("GET /applications/{id}", only("city", "jiangbei", "ent-jiangbei"));
        routes.put("GET /applications/{id}/edit", only("city", "jiangbei", "ent-jiangbei"));
        routes.put("POST /applications/{id}/resumed", only("ent-jiangbei"));
        routes.put("POST /applications/{id}/review", only("city", "jiangbei"));
        routes.put("POST /applications/{id}/decision", only("city", "jiangbei"));
        routes.put("POST /applications/{id}/suspend", only("city", "jiangbei"));
        routes.put("POST /applications/{id}/clear-flag", only("city", "jiangbei"));
        routes.put("GET /applications/queue", only("city", "haishu", "jiangbei"));
        routes.put("POST /applications/queue/approve", only("city", "haishu", "jiangbei"));
        routes.put("GET /applications/policy", only("city", "haishu", "jiangbei"));
        routes.put("POST /applications/policy", only("city"));
        routes.put("GET /applications/checklist", only("city", "haishu", "jiangbei"));
        routes.put("POST /applications/checklist", only("city"));
        routes.put("GET /api/applications/figures", only("city", "haishu", "jiangbei"));
        routes.put("GET /api/applications/{id}", only("city", "jiangbei", "ent-jiangbei"));

        // Tickets: a Jiangbei labour problem where a route takes an id (see jiangbeiTicket()).
        Map<String, Outcome> ticketUsers = only(
                "city",
                "haishu",
                "jiangbei",
                "labour",
                "transport",
                "health",
                "commissioner",
                "ent-haishu",
                "ent-jiangbei");
        routes.put("GET /tickets", ticketUsers);
        routes.put("GET /notifications", ticketUsers);
        Map<String, Outcome> filers = only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei");
        filers.put("labour", Outcome.DENIED);
        routes.put("GET /tickets/new", filers);
        routes.put("GET /tickets/similar", ticketUsers);
        routes.put("POST /tickets", filers);
        Map<String, Outcome> seesJiangbeiLabour = only("city", "jiangbei", "labour", "ent-jiangbei");
        routes.put("GET /tickets/{id}", seesJiangbeiLabour);
        // An attachment the ticket does not have: those who see the ticket learn that (404), others are refused.
        Map<String, Outcome> attachment = only();
        List.of("city", "jiangbei", "labour", "ent-jiangbei").forEach(user -> attachment.put(user, Outcome.NOT_FOUND));
        routes.put("GET /tickets/{id}/attachments/{attachment}", attachment);
        for (String step : List.of("take", "respond", "ask", "transfer", "difficult", "resolve")) {
            routes.put("POST /tickets/{id}/" + step, only("city", "labour"));
        }
        for (String step : List.of("reply", "confirm", "reopen")) {
            routes.put("POST /tickets/{id}/" + step, only("ent-jiangbei"));
        }
        routes.put("POST /tickets/{id}/follow-up", only("city", "jiangbei", "labour"));
        Map<String, Outcome> ticketOfficials = only("city", "haishu", "jiangbei", "labour", "transport", "health");
        routes.put("GET /tickets/figures", ticketOfficials);
        routes.put("GET /api/tickets/figures", ticketOfficials);
        routes.put("GET /api/tickets/open311/services.json", ticketUsers);
        Map<String, Outcome> apiFilers =
                only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei");
        routes.put("POST /api/tickets/open311/requests.json", apiFilers);
        routes.put("GET /api/tickets/open311/requests/{id}.json", seesJiangbeiLabour);
        Map<String, Outcome> workers = only("city", "haishu", "jiangbei", "labour", "transport", "health");
        routes.put("GET /tickets/common", workers);
        routes.put("GET /tickets/common/{id}", workers);
        routes.put("POST /tickets/common", workers);
        routes.put("POST /tickets/common/{id}/tickets", workers);
        routes.put("POST /tickets/common/{id}/resolve", only("city", "labour"));
        routes.put("GET /tickets/rules", only("city", "haishu", "jiangbei", "labour", "transport", "health"));
        routes.put("POST /tickets/rules/defaults", only("city"));
        routes.put("POST /tickets/rules/routes", only("city"));
        routes.put("POST /tickets/rules/routes/{id}/remove", only("city"));
        routes.put("POST /tickets/rules/policies", only("city"));
        routes.put("POST /tickets/rules/holidays", only("city"));
        routes.put("POST /tickets/rules/units/{code}", only("city"));
        routes.put("POST /tickets/rules/holidays/{day}/remove", only("city"));

        routes.put("GET /.well-known/jwks.json", everyone());
        for (String route : List.of(
                "GET /code",
                "POST /code",
                "POST /code/verify",
                "GET /code/me",
                "GET /code/me/qr",
                "GET /code/declare",
                "POST /code/declare",
                "POST /code/checkin",
                "POST /code/leave",
                "GET /code/phone",
                "POST /code/phone")) {
            routes.put(route, everyone());
        }
        routes.put("GET /gate", only("city", "gate"));
        routes.put("GET /health/staff", only("ent-haishu", "ent-jiangbei"));
        routes.put("POST /health/corrections/{id}", only("city", "health"));
        routes.put("POST /health/rules", only("city", "health"));
        routes.put("POST /health/areas", only("city", "health"));
        routes.put("POST /code/correction", everyone());
        routes.put("POST /code/employers", everyone());
        routes.put("POST /code/employers/withdraw", everyone());
        Map<String, Outcome> bureau = only("city", "health");
        routes.put("GET /health", bureau);
        routes.put("POST /health/lists", bureau);
        routes.put("GET /health/devices", bureau);
        routes.put("POST /health/devices", bureau);
        routes.put("POST /health/devices/{id}/revoke", bureau);
        routes.put("POST /health/phone-changes/{id}", bureau);
        routes.put("POST /api/health/lists", bureau);
        routes.put("POST /gate/check", only("city", "gate"));
        routes.put("POST /api/gate/verify", only("city", "gate"));
        routes.put("GET /api/gate/ping", only("city", "gate"));
        routes.put("GET /api/gate/counts", only("city"));

        routes.put("GET /admin/users", only("city", "haishu", "jiangbei"));
        routes.put("GET /admin/users/new", only("city", "haishu", "jiangbei"));
        routes.put("POST /admin/users", only("city", "haishu", "jiangbei"));
        routes.put("GET /admin/users/{id}", only("city", "jiangbei"));
        routes.put("POST /admin/users/{id}/disable", only("city", "jiangbei"));
        routes.put("POST /admin/users/{id}/enable", only("city", "jiangbei"));
        routes.put("POST /admin/users/{id}/reset-password", only("city", "jiangbei"));
        // The victim is no sign-up: those who reach it are told so (409).
        routes.put("POST /admin/users/{id}/verify", only("city", "jiangbei"));
        routes.put("POST /admin/users/{id}/refuse", only("city", "jiangbei"));
        routes.put("GET /signup", everyone());
        routes.put("POST /signup", everyone());

        routes.put("GET /audit", only("city", "haishu", "jiangbei"));
        routes.put("GET /health/personal-data", only("city", "health"));

        routes.put("GET /actuator", only());
        routes.put("GET /actuator/health", everyone());
        routes.put("GET /actuator/health/**", everyone());
        routes.put("GET /actuator/info", everyone());
        routes.put("GET /actuator/prometheus", only("city"));

        Map<String, Outcome> readers =
                only("city", "haishu", "jiangbei", "labour", "transport", "health", "commissioner");
        routes.put("GET /riskmap", readers);
        routes.put("GET /riskmap/table", readers);
        routes.put("GET /riskmap/units/{code}", readers);
        routes.put("GET /riskmap/export.csv", readers);
        routes.put("GET /api/riskmap/colours", readers);
        routes.put("GET /api/riskmap/shapes/{key}", readers);
        routes.put("GET /api/riskmap/history", readers);
        // Figures: the route admits reporters; the district rule then refuses labour and transport.
        Map<String, Outcome> reporters = only("city", "jiangbei", "health");
        routes.put("GET /riskmap/indicators", reporters);
        routes.put("POST /riskmap/indicators", reporters);
        routes.put("POST /riskmap/indicators/import", only("city", "haishu", "jiangbei", "health"));
        routes.put("POST /api/riskmap/indicators", only("city", "haishu", "jiangbei", "health"));
        routes.put("GET /riskmap/overrides", only("city"));
        routes.put("POST /riskmap/overrides", only("city"));
        routes.put("POST /riskmap/overrides/{id}/end", only("city"));
        routes.put("GET /riskmap/rules", only("city"));
        routes.put("POST /riskmap/rules", only("city"));
        routes.put("POST /riskmap/shapes/{key}", only("city"));
        routes.put("POST /riskmap/shapes/{key}/reset", only("city"));
        routes.put("GET /public/riskmap", everyone());
        routes.put("GET /public/riskmap/colours", everyone());
        routes.put("GET /public/riskmap/shapes", everyone());

        // Visits: Jiangbei's factory's visit, order, talk and photo where a route takes an id.
        Map<String, Outcome> visitors =
                only("city", "haishu", "jiangbei", "commissioner", "ent-haishu", "ent-jiangbei");
        routes.put("GET /visits", visitors);
        routes.put("GET /visits/sw.js", visitors);
        routes.put("GET /visits/record", only("commissioner"));
        routes.put("POST /visits/record", only("commissioner"));
        routes.put("POST /api/visits", only("commissioner"));
        Map<String, Outcome> seesJiangbeiFactory = only("city", "jiangbei", "ent-jiangbei");
        routes.put("GET /visits/{id}", seesJiangbeiFactory);
        routes.put("GET /visits/{id}/correct", only());
        routes.put("GET /visits/enterprise/{id}", seesJiangbeiFactory);
        routes.put("GET /visits/photos/{id}", seesJiangbeiFactory);
        routes.put("GET /api/visits/lights/{creditCode}", seesJiangbeiFactory);
        routes.put("POST /visits/enterprise/{id}/assign", only("city", "jiangbei"));
        routes.put("POST /visits/enterprise/{id}/unassign/{commissioner}", only("city", "jiangbei"));
        routes.put("POST /visits/orders/{id}/answer", only("ent-jiangbei"));
        routes.put("POST /visits/talks/{id}", only("city", "jiangbei"));
        Map<String, Outcome> districts = only("city", "haishu", "jiangbei");
        routes.put("GET /visits/assignments", districts);
        routes.put("POST /visits/assignments", districts);
        routes.put("GET /visits/figures", districts);
        routes.put("GET /api/visits/figures", districts);
        routes.put("GET /visits/rules", districts);
        routes.put("POST /visits/rules", only("city"));
        routes.put("POST /visits/checklist", only("city"));

        // Supply chains: Jiangbei's factory as the lead where a route takes one.
        routes.put("GET /supply-chains", only("city", "haishu", "jiangbei", "ent-haishu", "ent-jiangbei"));
        Map<String, Outcome> jiangbeiLead = only("city", "jiangbei", "ent-jiangbei");
        routes.put("GET /supply-chains/{id}", jiangbeiLead);
        routes.put("POST /supply-chains/{id}/links", jiangbeiLead);
        routes.put("POST /supply-chains/{id}/links/{position}/remove", jiangbeiLead);
        routes.put("POST /supply-chains/{id}/import", jiangbeiLead);
        routes.put("PUT /api/supply-chains/{leadCreditCode}", jiangbeiLead);
        routes.put("GET /api/supply-chains/{leadCreditCode}", jiangbeiLead);
        routes.put("GET /api/supply-chains/{leadCreditCode}/analysis", jiangbeiLead);
        routes.put("POST /supply-chains/{id}/filing", jiangbeiLead);
        routes.put("GET /supply-chains/{id}/unblocking", jiangbeiLead);
        routes.put("POST /api/supply-chains/{leadCreditCode}/filing", jiangbeiLead);
        // Jiangbei's factory never filed a chain: those who may look are told there is none.
        Map<String, Outcome> noFiling = only();
        List.of("city", "jiangbei", "ent-jiangbei").forEach(u -> noFiling.put(u, Outcome.NOT_FOUND));
        routes.put("GET /api/supply-chains/{leadCreditCode}/filing", noFiling);
        routes.put("GET /api/supply-chains/supplied/{supplierCreditCode}", jiangbeiLead);
        routes.put("GET /supply-chains/criticality", only("city", "haishu", "jiangbei"));
        routes.put("GET /api/supply-chains/criticality", only("city", "haishu", "jiangbei"));
        Map<String, Outcome> noSuchOutside = only();
        List.of("city", "haishu", "jiangbei").forEach(u -> noSuchOutside.put(u, Outcome.NOT_FOUND));
        routes.put("POST /supply-chains/outside/{outside}", noSuchOutside);

        // Transport: ent-haishu's demo demand and its frozen trip where a route takes one.
        Map<String, Outcome> transportViewers =
                only("city", "haishu", "jiangbei", "transport", "ent-haishu", "ent-jiangbei");
        Map<String, Outcome> planners = only("city", "transport");
        Map<String, Outcome> haishuShop = only("city", "haishu", "transport", "ent-haishu");
        routes.put("GET /transport", transportViewers);
        routes.put("GET /transport/demand", transportViewers);
        routes.put("POST /transport/demand", transportViewers);
        routes.put("POST /transport/demand/import", transportViewers);
        routes.put("GET /transport/counties", transportViewers);
        routes.put("GET /transport/trips", transportViewers);
        routes.put("GET /api/transport/demand", transportViewers);
        routes.put("POST /api/transport/demand", transportViewers);
        routes.put("GET /api/transport/trips", transportViewers);
        routes.put("GET /api/transport/figures", transportViewers);
        routes.put("GET /transport/demand/{id}", haishuShop);
        routes.put("POST /transport/demand/{id}/workers", only("ent-haishu"));
        routes.put("GET /transport/trips/{id}", haishuShop);
        routes.put("GET /transport/trips/{id}/manifest.xlsx", haishuShop);
        routes.put("GET /transport/trips/{id}/manifest.pdf", haishuShop);
        for (String step : List.of("pin", "edit", "freeze", "roll-call", "arrive")) {
            routes.put("POST /transport/trips/{id}/" + step, planners);
        }
        routes.put("GET /transport/fleet", planners);
        routes.put("POST /transport/fleet", planners);
        routes.put("GET /transport/rules", planners);
        routes.put("POST /transport/rules", planners);
        routes.put("POST /transport/rules/roads", planners);
        routes.put("GET /transport/plans", planners);
        routes.put("POST /transport/plans", planners);
        routes.put("GET /transport/plans/{id}", planners);
        routes.put("GET /transport/plans/{id}/progress", planners);
        routes.put("POST /transport/plans/{id}/stop", planners);

        // The command center: the city and the districts; the city alone keeps the rules and the screen links.
        Map<String, Outcome> commandCenter = only("city", "haishu", "jiangbei");
        routes.put("GET /menu", allSignedIn());
        routes.put("GET /dashboard", commandCenter);
        routes.put("GET /dashboard/live", commandCenter);
        routes.put("GET /dashboard/electricity", commandCenter);
        routes.put("POST /dashboard/electricity", commandCenter);
        routes.put("POST /dashboard/electricity/baselines", commandCenter);
        routes.put("POST /dashboard/electricity/baselines/compute", commandCenter);
        routes.put("GET /dashboard/rules", commandCenter);
        routes.put("POST /dashboard/rules", only("city"));
        routes.put("GET /dashboard/screens", only("city"));
        routes.put("POST /dashboard/screens", only("city"));
        Map<String, Outcome> revoke = only();
        revoke.put("city", Outcome.NOT_FOUND);
        routes.put("POST /dashboard/screens/{id}/revoke", revoke);
        routes.put("GET /dashboard/briefs", commandCenter);
        routes.put("POST /dashboard/briefs", commandCenter);
        // A brief of Jiangbei's that was never made: those who may read it learn so (404).
        Map<String, Outcome> jiangbeiBrief = only();
        jiangbeiBrief.put("city", Outcome.NOT_FOUND);
        jiangbeiBrief.put("jiangbei", Outcome.NOT_FOUND);
        routes.put("GET /dashboard/briefs/{day}/{district}.pdf", jiangbeiBrief);
        routes.put("GET /api/index", commandCenter);
        routes.put("GET /api/index/history", commandCenter);
        routes.put("POST /api/index/electricity", commandCenter);
        routes.put("POST /api/index/baselines", commandCenter);
        routes.put("GET /my", only("ent-haishu", "ent-jiangbei"));
        // The wall screen opens by its link alone: an unknown link is nobody's (404), signed in or not.
        Map<String, Outcome> unknownScreen = new LinkedHashMap<>();
        USERS.forEach(user -> unknownScreen.put(user, Outcome.NOT_FOUND));
        routes.put("GET /screen/{token}", unknownScreen);
        routes.put("GET /screen/{token}/data", unknownScreen);

        Map<String, Outcome> officials = only("city", "haishu", "jiangbei", "labour", "transport", "health");
        routes.put("GET /v3/api-docs", officials);
        routes.put("GET /v3/api-docs.yaml", officials);
        routes.put("GET /v3/api-docs/swagger-config", officials);
        routes.put("GET /swagger-ui.html", officials);
        return routes;
    }

    @Test
    void everyRouteIsDeclared() {
        Set<String> undeclared = new TreeSet<>(registeredRoutes());
        undeclared.removeAll(expectations().keySet());
        assertThat(undeclared)
                .as("routes without a declared access rule in RouteAccessTests")
                .isEmpty();
    }

    @Test
    void everyDeclaredRouteExists() {
        Set<String> stale = new TreeSet<>(expectations().keySet());
        stale.removeAll(registeredRoutes());
        assertThat(stale).as("declared routes the application no longer has").isEmpty();
    }

    @Test
    void everyRouteAnswersEveryUserAsDeclared() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (var route : expectations().entrySet()) {
            String[] parts = route.getKey().split(" ", 2);
            for (String user : USERS) {
                Outcome expected = route.getValue().get(user);
                MockHttpServletResponse response = perform(HttpMethod.valueOf(parts[0]), concrete(parts[1]), user);
                Outcome actual = outcome(response);
                if (expected != Outcome.ANY && actual != expected) {
                    wrong.add(route.getKey() + " as " + user + ": expected " + expected + ", got " + actual + " ("
                            + response.getStatus() + " " + response.getRedirectedUrl() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRouteThatNoModuleDeclaresIsDeniedToEveryone() throws Exception {
        // /actuator (the links page) is registered but no module declares it: the catch-all denies it.
        assertThat(outcome(perform(HttpMethod.GET, "/actuator", "city"))).isEqualTo(Outcome.DENIED);
        assertThat(outcome(perform(HttpMethod.GET, "/actuator", "anonymous"))).isEqualTo(Outcome.LOGIN);
    }

    private MockHttpServletResponse perform(HttpMethod method, String path, String user) throws Exception {
        AbstractMockHttpServletRequestBuilder<?> request = path.equals("/riskmap/indicators/import")
                        || path.equals("/enterprises/imports")
                        || path.equals("/health/lists")
                        || (path.equals("/visits/record") && method == HttpMethod.POST)
                        || (path.equals("/visits/assignments") && method == HttpMethod.POST)
                        || (path.endsWith("/import") && path.startsWith("/supply-chains/"))
                        || path.equals("/transport/demand/import")
                        || path.equals("/transport/rules/roads")
                        || ((path.equals("/dashboard/electricity") || path.equals("/dashboard/electricity/baselines"))
                                && method == HttpMethod.POST)
                ? multipart(path).file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
                : request(method, path);
        request.with(csrf());
        if (path.startsWith("/riskmap/indicators") || path.startsWith("/api/riskmap/indicators")) {
            // Jiangbei's form: its own district official, the city and the health bureau may open it.
            request.param("district", "330205");
        }
        if (path.startsWith("/riskmap/units/")
                || path.startsWith("/api/riskmap/colours")
                || path.equals("/riskmap/table")) {
            request.param("date", "2020-02-01");
        }
        if (path.equals("/api/riskmap/history")) {
            request.param("from", "2020-02-01").param("to", "2020-02-03");
        }
        if (path.equals("/riskmap/export.csv")) {
            request.param("from", "2020-02-01");
        }
        if (path.equals("/api/health/lists")) {
            request.contentType(MediaType.APPLICATION_JSON).content("[]");
        }
        if (path.equals("/api/gate/verify")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{\"token\":\"x\",\"gate\":\"walk\"}");
        }
        if (path.startsWith("/api/supply-chains/") && path.endsWith("/filing") && method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (path.startsWith("/api/supply-chains/") && method == HttpMethod.PUT) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (path.startsWith("/supply-chains/outside/")) {
            request.param("lead", UUID.randomUUID().toString()).param("status", "RUNNING");
        }
        if (path.startsWith("/transport/trips/") && method == HttpMethod.POST) {
            request.param("version", "-1").param("pinned", "true");
        }
        if (path.equals("/api/transport/demand") && method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (path.startsWith("/api/index/") && method == HttpMethod.POST) {
            request.contentType(MediaType.APPLICATION_JSON).content("[]");
        }
        if (path.equals("/api/index/history")) {
            request.param("from", "2020-02-01").param("to", "2020-02-03");
        }
        if (path.equals("/api/visits")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (path.startsWith("/visits/") && method == HttpMethod.POST) {
            request.param("version", "-1");
        }
        if (path.equals("/api/riskmap/indicators")) {
            request.contentType(MediaType.APPLICATION_JSON).content("[]");
        }
        if (path.startsWith("/admin/users/") && method == HttpMethod.POST) {
            request.param(
                    "version",
                    Long.toString(jdbc.sql("select version from account_user where username = ?")
                            .param(VICTIM)
                            .query(Long.class)
                            .single()));
        }
        if (path.startsWith("/tickets/") && method == HttpMethod.POST) {
            request.param("version", "-1");
        }
        if (path.equals("/api/tickets/open311/requests.json")) {
            // A category but no text: whoever may file is told what is missing (400), nothing is filed.
            request.param("service_code", "LABOUR").param("description", "");
        }
        if (path.equals("/tickets/common") && method == HttpMethod.POST) {
            // No title: workers are sent back with the reason; nothing is opened.
            request.param("ticket", jiangbeiTicket().toString())
                    .param("title", "")
                    .param("unit", "DEPT-LABOUR");
        }
        if (path.equals("/tickets") && method == HttpMethod.POST) {
            // No category: every filer who reaches the form is told what is missing, nothing is filed.
            request.param("title", "route walk").param("description", "route walk");
        }
        if (path.startsWith("/applications") && method == HttpMethod.POST) {
            // A stale version and an unreadable date: every step that is reached refuses to change anything.
            request.param("version", "-1").param("outcome", "APPROVE").param("plannedDate", "not-a-date");
        }
        if (!user.equals("anonymous")) {
            request.with(as(user));
        }
        return mvc.perform(request).getResponse();
    }

    /** A fresh gate device for each probe of its revocation (a revoked device cannot be revoked again). */
    private UUID gateDevice() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into health_gate_device (id, name, token_hash, token_hint, issued_by, issued_at)
                        values (?, 'probe', ?, '…probe', 'test', now())""").params(id, id.toString().getBytes(StandardCharsets.UTF_8)).update();
        return id;
    }

    private String concrete(String pattern) {
        UUID jiangbeiEnterprise = enterpriseOf("ent-jiangbei");
        UUID victim = actor(VICTIM).id();
        UUID jiangbeiApplication = jdbc.sql("select id from resumption_application where enterprise_id = ? and current")
                .param(jiangbeiEnterprise)
                .query(UUID.class)
                .single();
        UUID jiangbeiVisit = jdbc.sql("select id from visit where enterprise_id = ? order by visited_at limit 1")
                .param(jiangbeiEnterprise)
                .query(UUID.class)
                .single();
        UUID shopDemand = jdbc.sql("""
                        select id from transport_demand where enterprise_id = ? and workers = 8 order by created_at limit 1""")
                .param(enterpriseOf("ent-haishu"))
                .query(UUID.class)
                .single();
        UUID shopTrip = jdbc.sql("""
                        select t.id from transport_trip t join transport_trip_load l on l.trip_id = t.id
                        where l.demand_id = ? and t.status = 'FROZEN' limit 1""").param(shopDemand).query(UUID.class).single();
        UUID demoPlan = jdbc.sql("select id from transport_plan where period_from = date '2020-02-10' limit 1")
                .query(UUID.class)
                .single();
        return pattern.replace("/dashboard/screens/{id}", "/dashboard/screens/" + UUID.randomUUID())
                .replace("/dashboard/briefs/{day}/{district}.pdf", "/dashboard/briefs/1999-01-01/330205.pdf")
                .replace("/screen/{token}", "/screen/an-unknown-link-of-forty-characters-or-so")
                .replace("/transport/demand/{id}", "/transport/demand/" + shopDemand)
                .replace("/transport/trips/{id}", "/transport/trips/" + shopTrip)
                .replace("/transport/plans/{id}", "/transport/plans/" + demoPlan)
                .replace("/supply-chains/outside/{outside}", "/supply-chains/outside/" + UUID.randomUUID())
                .replace("/supply-chains/{id}", "/supply-chains/" + jiangbeiEnterprise)
                .replace("{position}", "99")
                .replace("/visits/{id}/correct", "/visits/" + jiangbeiVisit + "/correct")
                .replace("/visits/enterprise/{id}", "/visits/enterprise/" + jiangbeiEnterprise)
                .replace("{commissioner}", UUID.randomUUID().toString())
                .replace("/visits/orders/{id}", "/visits/orders/" + jiangbeiOrder(jiangbeiEnterprise))
                .replace("/visits/talks/{id}", "/visits/talks/" + jiangbeiTalk(jiangbeiEnterprise, jiangbeiVisit))
                .replace("/visits/photos/{id}", "/visits/photos/" + jiangbeiPhoto(jiangbeiVisit))
                .replace("/visits/{id}", "/visits/" + jiangbeiVisit)
                .replace(
                        "{supplierCreditCode}",
                        jdbc.sql("select uscc from enterprise where id = ?")
                                .param(jiangbeiEnterprise)
                                .query(String.class)
                                .single())
                .replace(
                        "{leadCreditCode}",
                        jdbc.sql("select uscc from enterprise where id = ?")
                                .param(jiangbeiEnterprise)
                                .query(String.class)
                                .single())
                .replace(
                        "{creditCode}",
                        jdbc.sql("select uscc from enterprise where id = ?")
                                .param(jiangbeiEnterprise)
                                .query(String.class)
                                .single())
                .replace("/tickets/rules/routes/{id}", "/tickets/rules/routes/0")
                .replace("/holidays/{day}", "/holidays/1999-01-01")
                .replace("/health/corrections/{id}", "/health/corrections/0")
                .replace("/health/phone-changes/{id}", "/health/phone-changes/" + UUID.randomUUID())
                .replace(
                        "/health/devices/{id}",
                        "/health/devices/" + (pattern.contains("/health/devices/") ? gateDevice() : ""))
                .replace("/tickets/common/{id}", "/tickets/common/" + labourIssue())
                .replace("{attachment}", UUID.randomUUID().toString())
                .replace("/requests/{id}.json", "/requests/" + jiangbeiTicket() + ".json")
                .replace("/tickets/{id}", "/tickets/" + jiangbeiTicket())
                .replace("/applications/{id}", "/applications/" + jiangbeiApplication)
                .replace("/enterprises/imports/{id}", "/enterprises/imports/" + haishuImport())
                .replace("/enterprises/{id}", "/enterprises/" + jiangbeiEnterprise)
                .replace("/admin/users/{id}", "/admin/users/" + victim)
                .replace("/riskmap/units/{code}", "/riskmap/units/330205")
                .replace("/api/riskmap/shapes/{key}", "/api/riskmap/shapes/330205")
                .replace("/riskmap/shapes/{key}", "/riskmap/shapes/330205")
                .replace("/riskmap/overrides/{id}", "/riskmap/overrides/" + UUID.randomUUID())
                .replace("{code}", "330205")
                .replace("/**", "/liveness");
    }

    private UUID haishuImport;

    private UUID jiangbeiOrder(UUID enterprise) {
        return jdbc.sql("select id from visit_order where enterprise_id = ? order by opened_at limit 1")
                .param(enterprise)
                .query(UUID.class)
                .single();
    }

    /** A warning talk of Jiangbei's factory (the demo calls none there), made once. */
    private UUID jiangbeiTalk(UUID enterprise, UUID visit) {
        UUID id = UUID.nameUUIDFromBytes("route-walk-talk".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                        insert into visit_talk (id, enterprise_id, district_code, visit_id, called_at)
                        values (?, ?, '330205', ?, now()) on conflict do nothing""").params(id, enterprise, visit).update();
        return id;
    }

    /** A photo of Jiangbei's factory (its order's answer), made once. */
    private UUID jiangbeiPhoto(UUID visit) {
        UUID id = UUID.nameUUIDFromBytes("route-walk-photo".getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                        insert into visit_photo (id, content_type, size_bytes, data, uploaded_by, uploaded_at)
                        values (?, 'image/png', 8, ?, 'test', now()) on conflict do nothing""")
                .params(id, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .update();
        // Visits never change, so the photo is the answer to the factory's order.
        jdbc.sql("update visit_order set answer_photo = ? where visit_id = ?")
                .params(id, visit)
                .update();
        return id;
    }

    private UUID jiangbeiTicket;
    private UUID labourIssue;

    private UUID labourIssue() {
        if (labourIssue == null) {
            labourIssue = commonIssues
                    .open(
                            actor("labour"),
                            scope("labour"),
                            "Route walk issue",
                            "Workers",
                            "DEPT-LABOUR",
                            jiangbeiTicket())
                    .id();
        }
        return labourIssue;
    }

    private UUID jiangbeiTicket() {
        if (jiangbeiTicket == null) {
            jiangbeiTicket = tickets.file(
                            actor("ent-jiangbei"),
                            Scope.enterprise(enterpriseOf("ent-jiangbei")),
                            new TicketDesk.NewTicket(
                                    enterpriseOf("ent-jiangbei"),
                                    TicketCategory.LABOUR,
                                    TicketPriority.NORMAL,
                                    "Route walk",
                                    "Workers cannot come back",
                                    false,
                                    null))
                    .id();
        }
        return jiangbeiTicket;
    }

    private UUID haishuImport() {
        if (haishuImport == null) {
            haishuImport = imports.submit(actor("haishu"), "route-walk.csv", new byte[0]);
        }
        return haishuImport;
    }

    static Outcome outcome(MockHttpServletResponse response) {
        int status = response.getStatus();
        String redirect = response.getRedirectedUrl();
        if (status == 401 || (status == 302 && redirect != null && redirect.endsWith("/login"))) {
            return Outcome.LOGIN;
        }
        if (status == 403) {
            return Outcome.DENIED;
        }
        if (status == 404) {
            return Outcome.NOT_FOUND;
        }
        return Outcome.PASS;
    }

    private Set<String> registeredRoutes() {
        return handlers(context).keySet();
    }

    /** Every route the application registers ("METHOD pattern", a mapping without methods as GET) and its handler. */
    static SortedMap<String, HandlerMethod> handlers(ApplicationContext context) {
        SortedMap<String, HandlerMethod> routes = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.put("GET " + pattern, handler);
                    } else {
                        methods.forEach(m -> routes.put(m.name() + " " + pattern, handler));
                    }
                }
            });
        }
        return routes;
    }

    static Map<String, Outcome> only(String... allowed) {
        Set<String> permitted = Set.of(allowed);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String user : USERS) {
            outcomes.put(
                    user,
                    user.equals("anonymous")
                            ? Outcome.LOGIN
                            : permitted.contains(user) ? Outcome.PASS : Outcome.DENIED);
        }
        return outcomes;
    }

    static Map<String, Outcome> allSignedIn() {
        return only(USERS.stream().filter(u -> !u.equals("anonymous")).toArray(String[]::new));
    }

    static Map<String, Outcome> everyone() {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        USERS.forEach(user -> outcomes.put(user, Outcome.PASS));
        return outcomes;
    }

    static Map<String, Outcome> anyOutcome() {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        USERS.forEach(user -> outcomes.put(user, Outcome.ANY));
        return outcomes;
    }
}
