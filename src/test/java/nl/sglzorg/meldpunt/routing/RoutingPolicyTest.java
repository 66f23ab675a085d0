package nl.sglzorg.meldpunt.routing;

import static nl.sglzorg.meldpunt.kernel.Category.ADVICE_REQUEST;
import static nl.sglzorg.meldpunt.kernel.Category.BRAND_ASSET_REQUEST;
import static nl.sglzorg.meldpunt.kernel.Category.CONFIDENTIAL_INFORMATION;
import static nl.sglzorg.meldpunt.kernel.Category.DERAILED_DISCUSSION;
import static nl.sglzorg.meldpunt.kernel.Category.IMPERSONATION;
import static nl.sglzorg.meldpunt.kernel.Category.LOCATION_PAGE_REQUEST;
import static nl.sglzorg.meldpunt.kernel.Category.MENTION;
import static nl.sglzorg.meldpunt.kernel.Category.POSITIVE_POST;
import static nl.sglzorg.meldpunt.kernel.Category.THREAT;
import static nl.sglzorg.meldpunt.kernel.Category.UNWANTED_CONTACT;
import static nl.sglzorg.meldpunt.kernel.Platform.BLOG;
import static nl.sglzorg.meldpunt.kernel.Platform.FACEBOOK;
import static nl.sglzorg.meldpunt.kernel.Platform.INSTAGRAM;
import static nl.sglzorg.meldpunt.kernel.Platform.LINKEDIN;
import static nl.sglzorg.meldpunt.kernel.Platform.OTHER;
import static nl.sglzorg.meldpunt.kernel.Platform.TWITTER;
import static nl.sglzorg.meldpunt.kernel.Platform.WHATSAPP;
import static nl.sglzorg.meldpunt.kernel.Platform.YOUTUBE;
import static nl.sglzorg.meldpunt.kernel.Priority.HIGH;
import static nl.sglzorg.meldpunt.kernel.Priority.LOW;
import static nl.sglzorg.meldpunt.kernel.Priority.NORMAL;
import static nl.sglzorg.meldpunt.kernel.Priority.URGENT;
import static nl.sglzorg.meldpunt.routing.RespondVia.CORPORATE_ACCOUNT;
import static nl.sglzorg.meldpunt.routing.RespondVia.LOCATION_PAGE;
import static nl.sglzorg.meldpunt.routing.RespondVia.NONE;
import static nl.sglzorg.meldpunt.routing.RespondVia.PERSONAL_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing rules of docs/design.md § Routing, walked rule by rule and row by row of the accounts table
 * as V1__core.sql seeds it. Plain Java: no Quarkus, no database.
 */
class RoutingPolicyTest {

    /** Not 1 (the seeded revision), so a decision that ignores the table's revision is caught. */
    private static final long REVISION = 42;

    private static final ContactEntry PARKSTAD = new ContactEntry(11, "Regiomanager Parkstad",
            "regio.parkstad@sgl-zorg.nl", "Parkstad", null, false);
    // A second region, so "the named region's manager" is more than "the first contact".
    private static final ContactEntry MAASTRICHT = new ContactEntry(12, "Regiomanager Maastricht",
            "regio.maastricht@sgl-zorg.nl", "Maastricht-Heuvelland", null, false);
    private static final ContactEntry DE_LINDE = new ContactEntry(21, "Coördinator De Linde",
            "delinde@sgl-zorg.nl", null, "AC De Linde", true);
    private static final ContactEntry HET_ANKER = new ContactEntry(22, "Coördinator Het Anker",
            "hetanker@sgl-zorg.nl", null, "AC Het Anker", false);

    private static final UnitManager UNIT = new UnitManager("TEAM-BRUNSSUM", "Team Brunssum",
            "Leidinggevende Brunssum", "leiding.brunssum@sgl-zorg.nl");
    private static final UnitManager UNIT_WITHOUT_MANAGER = new UnitManager("TEAM-LEEG", "Team zonder leiding",
            null, null);
    private static final UnitManager UNIT_WITH_BLANK_EMAIL = new UnitManager("TEAM-BLANCO", "Team blanco",
            "Iemand", "  ");

    /** The accounts table exactly as V1__core.sql seeds it, plus the contacts of this test. */
    static AccountsTable seededTable() {
        return AccountsTable.of(REVISION, seededRows());
    }

    static List<FunctionEntry> seededRows() {
        return List.of(
                row("COMMUNICATIONS", "Communicatie", set(), set(TWITTER, FACEBOOK, LINKEDIN, YOUTUBE), set(), set(),
                        Topic.GENERAL),
                row("EXECUTIVE", "Bestuurder", set(TWITTER, LINKEDIN, BLOG), set(), set(), set(BLOG),
                        Topic.GOVERNANCE),
                row("REGIONAL_MANAGER", "Regiomanagers", set(TWITTER, LINKEDIN), set(), set(), set(), Topic.REGION,
                        PARKSTAD, MAASTRICHT),
                row("HR_REPRESENTATIVE", "Vertegenwoordiger HRM", set(TWITTER, LINKEDIN),
                        set(TWITTER, FACEBOOK, LINKEDIN), set(), set(), Topic.EMPLOYMENT),
                row("CARE_BROKER", "Zorgbemiddelaars", set(TWITTER, LINKEDIN), set(TWITTER, FACEBOOK, LINKEDIN),
                        set(), set(), Topic.CARE),
                row("VOLUNTEER_COORDINATOR", "Coördinator vrijwilligerswerk", set(TWITTER, LINKEDIN),
                        set(TWITTER, FACEBOOK, LINKEDIN), set(), set(), Topic.VOLUNTEERING),
                row("ACTIVITY_CENTRE", "AC's", set(), set(), set(FACEBOOK), set(), Topic.ACTIVITY_CENTRE,
                        DE_LINDE, HET_ANKER));
    }

    // ------------------------------------------------------------------------------------------
    // The table of cases: every rule, every row.
    // ------------------------------------------------------------------------------------------

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();

        // Rule 2: confidential information → communicatie, urgent, no public answer, whatever the topic.
        cases.add(new Case("confidential, unit with manager → unit manager informed",
                signal(CONFIDENTIAL_INFORMATION, WHATSAPP).from(UNIT),
                expect("COMMUNICATIONS", NONE, URGENT).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("confidential, no unit → nobody informed",
                signal(CONFIDENTIAL_INFORMATION, FACEBOOK),
                expect("COMMUNICATIONS", NONE, URGENT)));
        cases.add(new Case("confidential, unit without manager → nobody informed",
                signal(CONFIDENTIAL_INFORMATION, FACEBOOK).from(UNIT_WITHOUT_MANAGER),
                expect("COMMUNICATIONS", NONE, URGENT)));
        cases.add(new Case("confidential about work on Facebook → still communicatie, HRM not involved",
                signal(CONFIDENTIAL_INFORMATION, FACEBOOK).about(Topic.EMPLOYMENT).from(UNIT),
                expect("COMMUNICATIONS", NONE, URGENT).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));

        // Rule 2, threats: the same as confidential information.
        cases.add(new Case("threat, unit with manager → communicatie, urgent, unit manager informed",
                signal(THREAT, FACEBOOK).from(UNIT),
                expect("COMMUNICATIONS", NONE, URGENT).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("threat about care on Twitter, no unit → still communicatie, nobody informed",
                signal(THREAT, TWITTER).about(Topic.CARE),
                expect("COMMUNICATIONS", NONE, URGENT)));
        cases.add(new Case("threat, unit without manager → nobody informed",
                signal(THREAT, INSTAGRAM).from(UNIT_WITHOUT_MANAGER),
                expect("COMMUNICATIONS", NONE, URGENT)));

        // Rule 2, impersonation: communicatie, high, whatever the topic; the manager is not involved.
        cases.add(new Case("impersonation on Facebook from a unit → communicatie, high, nobody informed",
                signal(IMPERSONATION, FACEBOOK).about(Topic.EMPLOYMENT).from(UNIT),
                expect("COMMUNICATIONS", NONE, HIGH)));
        cases.add(new Case("impersonation on Instagram → communicatie, high",
                signal(IMPERSONATION, INSTAGRAM),
                expect("COMMUNICATIONS", NONE, HIGH)));

        // Rule 3: unwanted contact → the unit's manager takes it up, communicatie owns the ticket.
        cases.add(new Case("unwanted contact, unit with manager → manager field set",
                signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT),
                expect("COMMUNICATIONS", NONE, HIGH).manager(UNIT)));
        cases.add(new Case("unwanted contact, no unit → communicatie alone",
                signal(UNWANTED_CONTACT, FACEBOOK),
                expect("COMMUNICATIONS", NONE, HIGH)));
        cases.add(new Case("unwanted contact, unit without manager → communicatie alone",
                signal(UNWANTED_CONTACT, INSTAGRAM).from(UNIT_WITHOUT_MANAGER),
                expect("COMMUNICATIONS", NONE, HIGH)));
        cases.add(new Case("unwanted contact, manager e-mail blank → communicatie alone",
                signal(UNWANTED_CONTACT, INSTAGRAM).from(UNIT_WITH_BLANK_EMAIL),
                expect("COMMUNICATIONS", NONE, HIGH)));
        // Rule 3, a client's begeleider: informed beside whoever takes it up.
        cases.add(new Case("unwanted contact, client with begeleider and unit → manager, begeleider informed",
                signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT).withCareWorker(),
                expect("COMMUNICATIONS", NONE, HIGH).manager(UNIT).informing("CARE_WORKER:CARE_WORKER")));
        cases.add(new Case("unwanted contact, client with begeleider, no unit → communicatie, begeleider informed",
                signal(UNWANTED_CONTACT, WHATSAPP).withCareWorker(),
                expect("COMMUNICATIONS", NONE, HIGH).informing("CARE_WORKER:CARE_WORKER")));
        cases.add(new Case("a begeleider is informed of unwanted contact only, not of a mention",
                signal(MENTION, FACEBOOK).about(Topic.CARE).withCareWorker(),
                expect("CARE_BROKER", CORPORATE_ACCOUNT, NORMAL)));
        cases.add(new Case("a begeleider is not informed of confidential information",
                signal(CONFIDENTIAL_INFORMATION, WHATSAPP).from(UNIT).withCareWorker(),
                expect("COMMUNICATIONS", NONE, URGENT).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));

        // Rule 4: requests start an intake at communicatie, whatever the topic or unit.
        cases.add(new Case("brand asset request → communicatie, low",
                signal(BRAND_ASSET_REQUEST, OTHER).from(UNIT),
                expect("COMMUNICATIONS", NONE, LOW)));
        cases.add(new Case("location page request from an AC on Facebook → communicatie, low",
                signal(LOCATION_PAGE_REQUEST, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC Het Anker"),
                expect("COMMUNICATIONS", NONE, LOW)));
        cases.add(new Case("advice before posting about work on LinkedIn → communicatie, low, HRM not involved",
                signal(ADVICE_REQUEST, LINKEDIN).about(Topic.EMPLOYMENT).from(UNIT),
                expect("COMMUNICATIONS", NONE, LOW)));
        cases.add(new Case("advice before posting on Instagram → communicatie, low",
                signal(ADVICE_REQUEST, INSTAGRAM),
                expect("COMMUNICATIONS", NONE, LOW)));
        cases.add(new Case("positive post about an AC on Facebook → communicatie, low, not the centre",
                signal(POSITIVE_POST, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde").from(UNIT),
                expect("COMMUNICATIONS", NONE, LOW)));
        cases.add(new Case("positive post on LinkedIn → communicatie, low",
                signal(POSITIVE_POST, LINKEDIN),
                expect("COMMUNICATIONS", NONE, LOW)));

        // Rule 5, COMMUNICATIONS' own row: GENERAL or no topic; it answers where SGL has an account.
        for (Platform platform : List.of(TWITTER, FACEBOOK, LINKEDIN, YOUTUBE)) {
            cases.add(new Case("general on " + platform + " → communicatie via SGL account",
                    signal(MENTION, platform).about(Topic.GENERAL),
                    expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL)));
        }
        for (Platform platform : List.of(INSTAGRAM, WHATSAPP, BLOG, OTHER)) {
            cases.add(new Case("general on " + platform + " → communicatie, no SGL account",
                    signal(MENTION, platform).about(Topic.GENERAL),
                    expect("COMMUNICATIONS", NONE, NORMAL)));
        }
        cases.add(new Case("no topic on Facebook → communicatie",
                signal(MENTION, FACEBOOK),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL)));
        cases.add(new Case("no topic on WhatsApp → communicatie, no SGL account",
                signal(MENTION, WHATSAPP),
                expect("COMMUNICATIONS", NONE, NORMAL)));

        // EXECUTIVE: personal Twitter and LinkedIn; the blog is provisional, so not counted on.
        cases.add(new Case("governance on Twitter → executive personally",
                signal(MENTION, TWITTER).about(Topic.GOVERNANCE),
                expect("EXECUTIVE", PERSONAL_ACCOUNT, NORMAL)));
        cases.add(new Case("governance on LinkedIn → executive personally",
                signal(MENTION, LINKEDIN).about(Topic.GOVERNANCE),
                expect("EXECUTIVE", PERSONAL_ACCOUNT, NORMAL)));
        cases.add(new Case("governance on a blog (provisional) → communicatie, no SGL blog, executive informed",
                signal(MENTION, BLOG).about(Topic.GOVERNANCE),
                expect("COMMUNICATIONS", NONE, NORMAL).informing("FUNCTION:EXECUTIVE")));
        for (Platform platform : List.of(FACEBOOK, YOUTUBE)) {
            cases.add(new Case("governance on " + platform + " → communicatie via SGL account, executive informed",
                    signal(MENTION, platform).about(Topic.GOVERNANCE),
                    expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:EXECUTIVE")));
        }
        for (Platform platform : List.of(INSTAGRAM, WHATSAPP, OTHER)) {
            cases.add(new Case("governance on " + platform + " → communicatie, nobody answers, executive informed",
                    signal(MENTION, platform).about(Topic.GOVERNANCE),
                    expect("COMMUNICATIONS", NONE, NORMAL).informing("FUNCTION:EXECUTIVE")));
        }

        // REGIONAL_MANAGER: the named region's manager, personally on Twitter and LinkedIn.
        cases.add(new Case("region Parkstad on Twitter → that region's manager",
                signal(MENTION, TWITTER).about(Topic.REGION).inRegion("Parkstad"),
                expect("REGIONAL_MANAGER", PERSONAL_ACCOUNT, NORMAL).contact(PARKSTAD)));
        cases.add(new Case("region Maastricht-Heuvelland on LinkedIn → that region's manager, not Parkstad's",
                signal(MENTION, LINKEDIN).about(Topic.REGION).inRegion("Maastricht-Heuvelland"),
                expect("REGIONAL_MANAGER", PERSONAL_ACCOUNT, NORMAL).contact(MAASTRICHT)));
        cases.add(new Case("region in other case and with spaces still matches",
                signal(MENTION, LINKEDIN).about(Topic.REGION).inRegion("  pARKSTAD "),
                expect("REGIONAL_MANAGER", PERSONAL_ACCOUNT, NORMAL).contact(PARKSTAD)));
        cases.add(new Case("region Parkstad on Facebook → communicatie via SGL account, regional managers informed",
                signal(MENTION, FACEBOOK).about(Topic.REGION).inRegion("Parkstad"),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:REGIONAL_MANAGER")));
        cases.add(new Case("region Parkstad on Instagram → communicatie, nobody answers, regional managers informed",
                signal(MENTION, INSTAGRAM).about(Topic.REGION).inRegion("Parkstad"),
                expect("COMMUNICATIONS", NONE, NORMAL).informing("FUNCTION:REGIONAL_MANAGER")));
        cases.add(new Case("region without a known manager → communicatie, regional managers informed",
                signal(MENTION, TWITTER).about(Topic.REGION).inRegion("Noord-Limburg"),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:REGIONAL_MANAGER")));
        cases.add(new Case("region topic without a region named → communicatie, regional managers informed",
                signal(MENTION, TWITTER).about(Topic.REGION),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:REGIONAL_MANAGER")));

        // HR_REPRESENTATIVE, CARE_BROKER, VOLUNTEER_COORDINATOR share one shape: SGL accounts on
        // Twitter, Facebook and LinkedIn (preferred over their personal Twitter and LinkedIn).
        for (Object[] row : new Object[][] {
                {"HR_REPRESENTATIVE", Topic.EMPLOYMENT},
                {"CARE_BROKER", Topic.CARE},
                {"VOLUNTEER_COORDINATOR", Topic.VOLUNTEERING}}) {
            String code = (String) row[0];
            Topic topic = (Topic) row[1];
            for (Platform platform : List.of(TWITTER, FACEBOOK, LINKEDIN)) {
                cases.add(new Case(topic + " on " + platform + " → " + code + " via SGL account",
                        signal(MENTION, platform).about(topic),
                        expect(code, CORPORATE_ACCOUNT, NORMAL)));
            }
            cases.add(new Case(topic + " on YouTube → communicatie via SGL account, " + code + " informed",
                    signal(MENTION, YOUTUBE).about(topic),
                    expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:" + code)));
            for (Platform platform : List.of(INSTAGRAM, WHATSAPP, BLOG, OTHER)) {
                cases.add(new Case(topic + " on " + platform + " → communicatie, nobody answers, " + code
                        + " informed",
                        signal(MENTION, platform).about(topic),
                        expect("COMMUNICATIONS", NONE, NORMAL).informing("FUNCTION:" + code)));
            }
        }

        // ACTIVITY_CENTRE: only the named centre, only on Facebook, only with an active location page.
        cases.add(new Case("AC De Linde (page) on Facebook → the centre via its location page",
                signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde"),
                expect("ACTIVITY_CENTRE", LOCATION_PAGE, NORMAL).contact(DE_LINDE)));
        cases.add(new Case("centre named in other case and with spaces still matches",
                signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre(" ac de LINDE  "),
                expect("ACTIVITY_CENTRE", LOCATION_PAGE, NORMAL).contact(DE_LINDE)));
        cases.add(new Case("AC De Linde on Twitter → communicatie via SGL account, ACs informed",
                signal(MENTION, TWITTER).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde"),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:ACTIVITY_CENTRE")));
        cases.add(new Case("AC De Linde on Instagram → communicatie, nobody answers, ACs informed",
                signal(MENTION, INSTAGRAM).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde"),
                expect("COMMUNICATIONS", NONE, NORMAL).informing("FUNCTION:ACTIVITY_CENTRE")));
        cases.add(new Case("AC Het Anker (no page) on Facebook → communicatie, ACs informed",
                signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC Het Anker"),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:ACTIVITY_CENTRE")));
        cases.add(new Case("unknown centre on Facebook → communicatie, ACs informed",
                signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Oude Mijn"),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:ACTIVITY_CENTRE")));
        cases.add(new Case("no centre named on Facebook → communicatie, ACs informed",
                signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE),
                expect("COMMUNICATIONS", CORPORATE_ACCOUNT, NORMAL).informing("FUNCTION:ACTIVITY_CENTRE")));

        // Rule 5, derailed discussions: priority HIGH and the unit manager informed when known.
        cases.add(new Case("derailed, work on Facebook, unit with manager → HRM, unit manager informed",
                signal(DERAILED_DISCUSSION, FACEBOOK).about(Topic.EMPLOYMENT).from(UNIT),
                expect("HR_REPRESENTATIVE", CORPORATE_ACCOUNT, HIGH).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("derailed, work on Facebook, no unit → HRM, nobody informed",
                signal(DERAILED_DISCUSSION, FACEBOOK).about(Topic.EMPLOYMENT),
                expect("HR_REPRESENTATIVE", CORPORATE_ACCOUNT, HIGH)));
        cases.add(new Case("derailed, unit without manager → nobody informed",
                signal(DERAILED_DISCUSSION, FACEBOOK).about(Topic.EMPLOYMENT).from(UNIT_WITHOUT_MANAGER),
                expect("HR_REPRESENTATIVE", CORPORATE_ACCOUNT, HIGH)));
        cases.add(new Case("derailed, governance on a blog → communicatie, executive and unit manager informed",
                signal(DERAILED_DISCUSSION, BLOG).about(Topic.GOVERNANCE).from(UNIT),
                expect("COMMUNICATIONS", NONE, HIGH)
                        .informing("FUNCTION:EXECUTIVE", "UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("derailed, region Parkstad on Twitter → regional manager, unit manager informed",
                signal(DERAILED_DISCUSSION, TWITTER).about(Topic.REGION).inRegion("Parkstad").from(UNIT),
                expect("REGIONAL_MANAGER", PERSONAL_ACCOUNT, HIGH).contact(PARKSTAD)
                        .informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("derailed, AC De Linde on Facebook → the centre, unit manager informed",
                signal(DERAILED_DISCUSSION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde")
                        .from(UNIT),
                expect("ACTIVITY_CENTRE", LOCATION_PAGE, HIGH).contact(DE_LINDE)
                        .informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        cases.add(new Case("derailed, no topic on WhatsApp → communicatie, unit manager informed",
                signal(DERAILED_DISCUSSION, WHATSAPP).from(UNIT),
                expect("COMMUNICATIONS", NONE, HIGH).informing("UNIT_MANAGER:TEAM-BRUNSSUM")));
        // A mere mention does not bother the reporter's manager.
        cases.add(new Case("mention with a unit → unit manager not informed",
                signal(MENTION, FACEBOOK).about(Topic.CARE).from(UNIT),
                expect("CARE_BROKER", CORPORATE_ACCOUNT, NORMAL)));

        return cases.stream().map(c -> Arguments.of(c.name(), c.signal(), c.expected()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRouteEverySignalByTheRulesAndTheSeededTable(String name, Signal signal, Expected expected) {
        AccountsTable table = seededTable();

        RoutingDecision decision = RoutingPolicy.decide(signal.facts(), table);

        assertAll(name,
                () -> assertEquals(expected.function(), decision.function(), "function"),
                () -> assertEquals(table.function(expected.function()).orElseThrow().name(), decision.functionName(),
                        "functionName"),
                () -> assertEquals(expected.respondVia(), decision.respondVia(), "respondVia"),
                () -> assertEquals(expected.priority(), decision.priority(), "priority"),
                () -> assertEquals(sorted(expected.informed()), informed(decision), "informed"),
                () -> assertEquals(expected.contact(), decision.contact(), "contact"),
                () -> assertEquals(expected.manager(), decision.manager(), "manager"),
                () -> assertEquals(REVISION, decision.tableRevision(), "tableRevision"),
                () -> assertFalse(decision.reason() == null || decision.reason().isBlank(), "reason"));
    }

    @Test
    void shouldRerouteByTheFunctionsOwnRuleForWhichOfficial() {
        AccountsTable table = seededTable();
        FunctionEntry regions = table.function("REGIONAL_MANAGER").orElseThrow();
        FunctionEntry centres = table.function("ACTIVITY_CENTRE").orElseThrow();
        // A contact with a region and a centre both: each function matches on its own topic only.
        FunctionEntry centresWithRegion = new FunctionEntry("ACTIVITY_CENTRE", "AC's", Set.of(), Set.of(),
                Set.of(FACEBOOK), Set.of(), Set.of(Topic.ACTIVITY_CENTRE), List.of(
                        new ContactEntry(31, "AC De Maan", "demaan@sgl-zorg.nl", "Parkstad", "AC De Maan", true),
                        HET_ANKER, DE_LINDE));

        assertEquals(new RoutingPolicy.Rerouting(PERSONAL_ACCOUNT, MAASTRICHT), RoutingPolicy.reroute(regions,
                MENTION, TWITTER, "maastricht-heuvelland ", "AC De Linde"));
        assertEquals(new RoutingPolicy.Rerouting(PERSONAL_ACCOUNT, null), RoutingPolicy.reroute(regions, MENTION,
                TWITTER, "Onbekend", null), "no region of its own: no one official, so every regional manager");
        assertEquals(new RoutingPolicy.Rerouting(LOCATION_PAGE, DE_LINDE), RoutingPolicy.reroute(centresWithRegion,
                MENTION, FACEBOOK, "Parkstad", "AC De Linde"), "the centre, not the contact of the region");
        assertEquals(new RoutingPolicy.Rerouting(NONE, HET_ANKER), RoutingPolicy.reroute(centres, MENTION, FACEBOOK,
                null, "AC Het Anker"), "a centre without a page does not answer in public");
        // A table edited so that one function owns both: its centre first, else its region.
        FunctionEntry both = new FunctionEntry("REGIONAL_MANAGER", "Regiomanagers", Set.of(TWITTER), Set.of(),
                Set.of(FACEBOOK), Set.of(), Set.of(Topic.REGION, Topic.ACTIVITY_CENTRE), List.of(DE_LINDE, PARKSTAD));
        assertEquals(new RoutingPolicy.Rerouting(PERSONAL_ACCOUNT, PARKSTAD), RoutingPolicy.reroute(both, MENTION,
                TWITTER, "Parkstad", null));
        assertEquals(new RoutingPolicy.Rerouting(LOCATION_PAGE, DE_LINDE), RoutingPolicy.reroute(both, MENTION,
                FACEBOOK, "Parkstad", "AC De Linde"));
        // Communicatie answers on its own account, whatever topics an edit gave it.
        FunctionEntry communicatie = new FunctionEntry("COMMUNICATIONS", "Communicatie", Set.of(), Set.of(FACEBOOK),
                Set.of(FACEBOOK), Set.of(), Set.of(Topic.GENERAL, Topic.ACTIVITY_CENTRE), List.of(DE_LINDE));
        assertEquals(new RoutingPolicy.Rerouting(CORPORATE_ACCOUNT, null), RoutingPolicy.reroute(communicatie, MENTION,
                FACEBOOK, null, "AC De Linde"));
        // Only a mention or a derailed discussion is answered in public, whoever has it.
        FunctionEntry hr = table.function("HR_REPRESENTATIVE").orElseThrow();
        assertEquals(new RoutingPolicy.Rerouting(CORPORATE_ACCOUNT, null), RoutingPolicy.reroute(hr, DERAILED_DISCUSSION,
                TWITTER, "Parkstad", null));
        for (Category harm : List.of(THREAT, CONFIDENTIAL_INFORMATION, IMPERSONATION, UNWANTED_CONTACT, POSITIVE_POST)) {
            assertEquals(NONE, RoutingPolicy.reroute(hr, harm, TWITTER, null, null).respondVia(), harm.name());
        }
    }

    @Test
    void shouldCoverEveryFunctionOfTheTableBothHandlingAndFallingBackToCommunications() {
        // Guards the case table itself: every row must once answer and once be unable to.
        List<Expected> expectations = cases().map(a -> (Expected) a.get()[2]).toList();
        for (FunctionEntry row : seededRows()) {
            String code = row.code();
            assertTrue(expectations.stream().anyMatch(e -> e.function().equals(code) && e.respondVia() != NONE),
                    code + " handles some signal itself");
            boolean fallsBack = code.equals("COMMUNICATIONS")
                    ? expectations.stream().anyMatch(e -> e.function().equals(code) && e.respondVia() == NONE)
                    : expectations.stream().anyMatch(e -> e.function().equals("COMMUNICATIONS")
                            && e.informed().contains("FUNCTION:" + code));
            assertTrue(fallsBack, code + " once cannot answer and communicatie takes over");
        }
    }

    @Test
    void shouldHaveACaseForEveryCategory() {
        // A new category without a row in the case table is a rule nobody checked.
        Set<Category> covered = cases().map(a -> ((Signal) a.get()[1]).category())
                .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
        assertEquals(EnumSet.allOf(Category.class), covered);
    }

    // ------------------------------------------------------------------------------------------
    // The reason, in Dutch, for representative cases.
    // ------------------------------------------------------------------------------------------

    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(signal(MENTION, FACEBOOK).about(Topic.EMPLOYMENT),
                        "Onderwerp werk → Vertegenwoordiger HRM; kan via het SGL-account op Facebook reageren"),
                Arguments.of(signal(MENTION, TWITTER).about(Topic.GOVERNANCE),
                        "Onderwerp bestuur → Bestuurder; kan via een persoonlijk account op Twitter reageren"),
                Arguments.of(signal(MENTION, BLOG).about(Topic.GOVERNANCE),
                        "Onderwerp bestuur → Communicatie; account van Bestuurder op een blog nog niet definitief; "
                                + "Bestuurder ter informatie; SGL heeft geen account op een blog, niet publiek reageren"),
                Arguments.of(signal(MENTION, YOUTUBE).about(Topic.CARE),
                        "Onderwerp zorg → Communicatie; Zorgbemiddelaars heeft geen account op YouTube; "
                                + "Zorgbemiddelaars ter informatie; kan via het SGL-account op YouTube reageren"),
                Arguments.of(signal(MENTION, WHATSAPP),
                        "Onderwerp algemeen → Communicatie; SGL heeft geen account op WhatsApp, niet publiek reageren"),
                Arguments.of(signal(DERAILED_DISCUSSION, TWITTER).about(Topic.REGION).inRegion("parkstad").from(UNIT),
                        "Ontsporende discussie; onderwerp regio → Regiomanagers (regio Parkstad); kan via een "
                                + "persoonlijk account op Twitter reageren; leidinggevende van de eenheid geïnformeerd"),
                Arguments.of(signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde"),
                        "Onderwerp activiteitencentrum → AC's (AC De Linde); kan via de locatiepagina op Facebook "
                                + "reageren"),
                Arguments.of(signal(MENTION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC Het Anker"),
                        "Onderwerp activiteitencentrum → Communicatie; AC Het Anker heeft geen actieve "
                                + "locatiepagina; AC's ter informatie; kan via het SGL-account op Facebook reageren"),
                Arguments.of(signal(CONFIDENTIAL_INFORMATION, WHATSAPP).from(UNIT),
                        "Vertrouwelijke informatie gedeeld → Communicatie, urgent; niet publiek reageren; "
                                + "leidinggevende van de eenheid geïnformeerd"),
                Arguments.of(signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT),
                        "Ongewenst contact → leidinggevende van de eenheid bespreekt het; Communicatie houdt overzicht"),
                Arguments.of(signal(UNWANTED_CONTACT, FACEBOOK),
                        "Ongewenst contact, eenheid onbekend → Communicatie"),
                Arguments.of(signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT_WITHOUT_MANAGER),
                        "Ongewenst contact, geen leidinggevende bekend voor de eenheid → Communicatie"),
                Arguments.of(signal(BRAND_ASSET_REQUEST, OTHER),
                        "Verzoek om logo's of foto's van SGL → Communicatie (intake)"),
                Arguments.of(signal(LOCATION_PAGE_REQUEST, FACEBOOK),
                        "Aanvraag locatiepagina op Facebook → Communicatie (intake)"),
                Arguments.of(signal(THREAT, FACEBOOK).from(UNIT),
                        "Bedreiging, smaad of obsceniteit → Communicatie, urgent; niet publiek reageren; "
                                + "leidinggevende van de eenheid geïnformeerd"),
                Arguments.of(signal(IMPERSONATION, INSTAGRAM),
                        "Nepaccount of misbruik van naam of logo van SGL → Communicatie, hoog; niet publiek reageren"),
                Arguments.of(signal(ADVICE_REQUEST, TWITTER),
                        "Vraag om advies vóór het plaatsen → Communicatie"),
                Arguments.of(signal(POSITIVE_POST, LINKEDIN),
                        "Positief bericht om te delen → Communicatie; zonder termijnen"),
                Arguments.of(signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT).withCareWorker(),
                        "Ongewenst contact → leidinggevende van de eenheid bespreekt het; Communicatie houdt overzicht; "
                                + "begeleider van de cliënt geïnformeerd"),
                Arguments.of(signal(UNWANTED_CONTACT, WHATSAPP).withCareWorker(),
                        "Ongewenst contact, eenheid onbekend → Communicatie; begeleider van de cliënt geïnformeerd"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("reasons")
    void shouldExplainTheDecisionInOneDutchLine(Signal signal, String reason) {
        assertEquals(reason, RoutingPolicy.decide(signal.facts(), seededTable()).reason());
    }

    @Test
    void shouldNeverNameAPersonInTheReason() {
        // Reasons are shown to the public: roles only, never the names or addresses of staff.
        for (Signal signal : List.of(
                signal(DERAILED_DISCUSSION, TWITTER).about(Topic.REGION).inRegion("Parkstad").from(UNIT),
                signal(UNWANTED_CONTACT, FACEBOOK).from(UNIT),
                signal(DERAILED_DISCUSSION, FACEBOOK).about(Topic.ACTIVITY_CENTRE).atCentre("AC De Linde"))) {
            String reason = RoutingPolicy.decide(signal.facts(), seededTable()).reason();
            for (String personal : List.of(PARKSTAD.name(), PARKSTAD.email(), UNIT.managerName(),
                    UNIT.managerEmail(), DE_LINDE.name(), DE_LINDE.email())) {
                assertFalse(reason.contains(personal), reason + " names " + personal);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Other tables than the seeded one: the policy follows the table, not a hard-coded copy.
    // ------------------------------------------------------------------------------------------

    @Test
    void shouldLetTheExecutiveAnswerOnItsBlogOnceTheBlogIsNoLongerProvisional() {
        // Same table, only BLOG no longer "nog niet definitief": the provisional mark is what held it back.
        AccountsTable table = AccountsTable.of(REVISION, replace(seededRows(),
                row("EXECUTIVE", "Bestuurder", set(TWITTER, LINKEDIN, BLOG), set(), set(), set(), Topic.GOVERNANCE)));

        RoutingDecision decision = RoutingPolicy.decide(signal(MENTION, BLOG).about(Topic.GOVERNANCE).facts(), table);

        assertEquals("EXECUTIVE", decision.function());
        assertEquals(PERSONAL_ACCOUNT, decision.respondVia());
        assertEquals(List.of(), decision.informed());
    }

    @Test
    void shouldRouteATopicWithoutAnOwnerToCommunicationsAlone() {
        // CARE_BROKER's row gone: nobody owns CARE, so nobody is informed either.
        List<FunctionEntry> rows = seededRows().stream().filter(f -> !f.code().equals("CARE_BROKER")).toList();
        AccountsTable table = AccountsTable.of(7, rows);

        RoutingDecision onFacebook = RoutingPolicy.decide(signal(MENTION, FACEBOOK).about(Topic.CARE).facts(), table);
        RoutingDecision onWhatsApp = RoutingPolicy.decide(signal(MENTION, WHATSAPP).about(Topic.CARE).facts(), table);

        assertEquals("COMMUNICATIONS", onFacebook.function());
        assertEquals(CORPORATE_ACCOUNT, onFacebook.respondVia());
        assertEquals(List.of(), onFacebook.informed());
        assertEquals(7, onFacebook.tableRevision());
        assertEquals("Onderwerp zorg → Communicatie; kan via het SGL-account op Facebook reageren",
                onFacebook.reason());
        assertEquals("COMMUNICATIONS", onWhatsApp.function());
        assertEquals(NONE, onWhatsApp.respondVia());
        assertEquals(List.of(), onWhatsApp.informed());
    }

    @Test
    void shouldFollowAnEditedRowOfTheTable() {
        // HRM loses its SGL Facebook access: communicatie answers there, HRM is informed.
        AccountsTable table = AccountsTable.of(REVISION + 1, replace(seededRows(),
                row("HR_REPRESENTATIVE", "Vertegenwoordiger HRM", set(TWITTER, LINKEDIN), set(TWITTER, LINKEDIN),
                        set(), set(), Topic.EMPLOYMENT)));

        RoutingDecision onFacebook = RoutingPolicy.decide(signal(MENTION, FACEBOOK).about(Topic.EMPLOYMENT).facts(),
                table);
        RoutingDecision onTwitter = RoutingPolicy.decide(signal(MENTION, TWITTER).about(Topic.EMPLOYMENT).facts(),
                table);

        assertEquals("COMMUNICATIONS", onFacebook.function());
        assertEquals(CORPORATE_ACCOUNT, onFacebook.respondVia());
        assertEquals(List.of("FUNCTION:HR_REPRESENTATIVE"), informed(onFacebook));
        assertEquals(REVISION + 1, onFacebook.tableRevision());
        assertEquals("HR_REPRESENTATIVE", onTwitter.function());
        assertEquals(CORPORATE_ACCOUNT, onTwitter.respondVia());
    }

    @Test
    void shouldFallBackToAPersonalAccountWhenTheFunctionHasNoCorporateAccessThere() {
        // Corporate preferred, personal as fallback: HRM without SGL Twitter still answers personally.
        AccountsTable table = AccountsTable.of(REVISION, replace(seededRows(),
                row("HR_REPRESENTATIVE", "Vertegenwoordiger HRM", set(TWITTER, LINKEDIN), set(FACEBOOK, LINKEDIN),
                        set(), set(), Topic.EMPLOYMENT)));

        RoutingDecision decision = RoutingPolicy.decide(signal(MENTION, TWITTER).about(Topic.EMPLOYMENT).facts(),
                table);

        assertEquals("HR_REPRESENTATIVE", decision.function());
        assertEquals(PERSONAL_ACCOUNT, decision.respondVia());
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    private static List<String> informed(RoutingDecision decision) {
        return sorted(decision.informed().stream().map(i -> i.kind() + ":" + i.code()).toList());
    }

    // The design does not order the informed parties; compare them as a sorted list.
    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<Platform> set(Platform... platforms) {
        return platforms.length == 0 ? EnumSet.noneOf(Platform.class) : EnumSet.copyOf(Arrays.asList(platforms));
    }

    private static FunctionEntry row(String code, String name, Set<Platform> personal, Set<Platform> corporate,
            Set<Platform> locationPage, Set<Platform> provisional, Topic topic, ContactEntry... contacts) {
        return new FunctionEntry(code, name, personal, corporate, locationPage, provisional, Set.of(topic),
                List.of(contacts));
    }

    private static List<FunctionEntry> replace(List<FunctionEntry> rows, FunctionEntry replacement) {
        return rows.stream().map(f -> f.code().equals(replacement.code()) ? replacement : f).toList();
    }

    static Signal signal(Category category, Platform platform) {
        return new Signal(category, platform, null, null, null, null, false);
    }

    static Expected expect(String function, RespondVia respondVia, Priority priority) {
        return new Expected(function, respondVia, priority, List.of(), null, null);
    }

    record Case(String name, Signal signal, Expected expected) {
    }

    /** A signal under construction; {@code toString} keeps parameterized test names readable. */
    record Signal(Category category, Platform platform, Topic topic, String region, String centre, UnitManager unit,
            boolean careWorker) {

        Signal about(Topic t) {
            return new Signal(category, platform, t, region, centre, unit, careWorker);
        }

        Signal inRegion(String r) {
            return new Signal(category, platform, topic, r, centre, unit, careWorker);
        }

        Signal atCentre(String c) {
            return new Signal(category, platform, topic, region, c, unit, careWorker);
        }

        Signal from(UnitManager u) {
            return new Signal(category, platform, topic, region, centre, u, careWorker);
        }

        /** A client who named their begeleider. */
        Signal withCareWorker() {
            return new Signal(category, platform, topic, region, centre, unit, true);
        }

        SignalFacts facts() {
            return new SignalFacts(category, platform, topic, region, centre, unit, careWorker);
        }
    }

    /** @param informed {@code KIND:CODE}, e.g. {@code FUNCTION:EXECUTIVE}, {@code UNIT_MANAGER:TEAM-X} */
    record Expected(String function, RespondVia respondVia, Priority priority, List<String> informed,
            ContactEntry contact, UnitManager manager) {

        Expected informing(String... parties) {
            return new Expected(function, respondVia, priority, List.of(parties), contact, manager);
        }

        Expected contact(ContactEntry c) {
            return new Expected(function, respondVia, priority, informed, c, manager);
        }

        Expected manager(UnitManager m) {
            return new Expected(function, respondVia, priority, informed, contact, m);
        }
    }
}
