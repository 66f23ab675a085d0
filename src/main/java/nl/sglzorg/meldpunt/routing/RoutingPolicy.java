package nl.sglzorg.meldpunt.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * The routing rules of the social-media policy, as a pure function of a signal and the accounts
 * table. Each rule below is numbered as in docs/design.md § Routing; rule 1 (communicatie is e-mailed
 * every signal) holds outside this class, for every decision.
 */
public final class RoutingPolicy {

    private RoutingPolicy() {
    }

    public static RoutingDecision decide(SignalFacts signal, AccountsTable table) {
        return switch (signal.category()) {
            case CONFIDENTIAL_INFORMATION -> harmful(signal, table, Priority.URGENT,
                    "Vertrouwelijke informatie gedeeld → Communicatie, urgent; niet publiek reageren");
            case THREAT -> harmful(signal, table, Priority.URGENT,
                    "Bedreiging, smaad of obsceniteit → Communicatie, urgent; niet publiek reageren");
            case IMPERSONATION -> RoutingDecision.toCommunications(table, RespondVia.NONE, Priority.HIGH, List.of(),
                    "Nepaccount of misbruik van naam of logo van SGL → Communicatie, hoog; niet publiek reageren");
            case UNWANTED_CONTACT -> unwantedContact(signal, table);
            case BRAND_ASSET_REQUEST -> intake(table, "Verzoek om logo's of foto's van SGL → Communicatie (intake)");
            case LOCATION_PAGE_REQUEST -> intake(table, "Aanvraag locatiepagina op Facebook → Communicatie (intake)");
            case ADVICE_REQUEST -> intake(table, "Vraag om advies vóór het plaatsen → Communicatie");
            case POSITIVE_POST -> intake(table, "Positief bericht om te delen → Communicatie; zonder termijnen");
            case MENTION -> byTopic(signal, table, Priority.NORMAL, "");
            case DERAILED_DISCUSSION -> byTopic(signal, table, Priority.HIGH, "Ontsporende discussie; ");
        };
    }

    /**
     * Rule 2: confidential information or a threat: communicatie, urgently; the reporter's manager is
     * told. Nobody answers in public.
     */
    private static RoutingDecision harmful(SignalFacts signal, AccountsTable table, Priority priority, String reason) {
        List<Informed> informed = new ArrayList<>();
        if (signal.hasUnitManager()) {
            informed.add(unitManager(signal.reporterUnit()));
            reason += "; leidinggevende van de eenheid geïnformeerd";
        }
        return RoutingDecision.toCommunications(table, RespondVia.NONE, priority, informed, reason);
    }

    /**
     * Rule 3: the unit's manager takes it up; communicatie owns the ticket. A client's begeleider,
     * when the client named one, is informed.
     */
    private static RoutingDecision unwantedContact(SignalFacts signal, AccountsTable table) {
        List<Informed> informed = signal.careWorker() ? List.of(Informed.careWorker()) : List.of();
        String careWorkerNote = signal.careWorker() ? "; begeleider van de cliënt geïnformeerd" : "";
        if (signal.hasUnitManager()) {
            return RoutingDecision.toCommunicationsWithManager(table, Priority.HIGH, signal.reporterUnit(), informed,
                    "Ongewenst contact → leidinggevende van de eenheid bespreekt het; Communicatie houdt overzicht"
                            + careWorkerNote);
        }
        String why = signal.reporterUnit() == null ? "eenheid onbekend" : "geen leidinggevende bekend voor de eenheid";
        return RoutingDecision.toCommunications(table, RespondVia.NONE, Priority.HIGH, informed,
                "Ongewenst contact, " + why + " → Communicatie" + careWorkerNote);
    }

    /** Rule 4: requests, advice and posts to share: communicatie, low, nobody answers in public. */
    private static RoutingDecision intake(AccountsTable table, String reason) {
        return RoutingDecision.toCommunications(table, RespondVia.NONE, Priority.LOW, List.of(), reason);
    }

    /** Rule 5: the topic's owner answers if it can on that platform; otherwise communicatie does. */
    private static RoutingDecision byTopic(SignalFacts signal, AccountsTable table, Priority priority,
            String prefix) {
        Topic topic = signal.topicOrGeneral();
        List<Informed> informed = new ArrayList<>();
        String unitNote = "";
        if (priority == Priority.HIGH && signal.hasUnitManager()) {
            informed.add(unitManager(signal.reporterUnit()));
            unitNote = "; leidinggevende van de eenheid geïnformeerd";
        }
        String subject = prefix + "onderwerp " + topic.dutchName();
        subject = Character.toUpperCase(subject.charAt(0)) + subject.substring(1);

        Optional<FunctionEntry> owner = topic == Topic.GENERAL ? Optional.empty() : table.ownerOf(topic)
                .filter(f -> !f.code().equals(AccountsTable.COMMUNICATIONS));
        if (owner.isEmpty()) {
            return byCommunications(signal, table, priority, informed, subject + " → Communicatie", unitNote);
        }
        FunctionEntry function = owner.get();
        Platform platform = signal.platform();
        String why;
        switch (topic) {
            case ACTIVITY_CENTRE -> {
                Optional<ContactEntry> centre = function.contacts().stream()
                        .filter(c -> c.isActivityCentre(signal.activityCentre())).findFirst();
                if (centre.isPresent() && centre.get().locationPage() && function.locationPagePlatforms().contains(platform)) {
                    return RoutingDecision.toContact(table, function, centre.get(), RespondVia.LOCATION_PAGE,
                            priority, informed,
                            subject + " → " + function.name() + " (" + centre.get().activityCentre() + "); kan via de "
                                    + "locatiepagina op " + platform.dutchName() + " reageren" + unitNote);
                }
                why = centre.isEmpty() ? "geen bekend activiteitencentrum genoemd"
                        : !centre.get().locationPage() ? centre.get().activityCentre() + " heeft geen actieve locatiepagina"
                        : "een locatiepagina is er alleen op Facebook";
            }
            case REGION -> {
                Optional<ContactEntry> manager = function.contacts().stream()
                        .filter(c -> c.coversRegion(signal.region())).findFirst();
                Optional<RespondVia> via = respondVia(function, platform);
                if (manager.isPresent() && via.isPresent()) {
                    return RoutingDecision.toContact(table, function, manager.get(), via.get(), priority, informed,
                            subject + " → " + function.name() + " (regio " + manager.get().region() + "); "
                                    + howTo(via.get(), platform) + unitNote);
                }
                why = manager.isEmpty() ? "geen regiomanager bekend voor de genoemde regio"
                        : cannotAnswer(function, platform);
            }
            default -> {
                Optional<RespondVia> via = respondVia(function, platform);
                if (via.isPresent()) {
                    return RoutingDecision.toFunction(table, function, via.get(), priority, informed,
                            subject + " → " + function.name() + "; " + howTo(via.get(), platform) + unitNote);
                }
                why = cannotAnswer(function, platform);
            }
        }
        informed.add(0, new Informed(Informed.Kind.FUNCTION, function.code(), function.name()));
        return byCommunications(signal, table, priority, informed,
                subject + " → Communicatie; " + why + "; " + function.name() + " ter informatie", unitNote);
    }

    private static RoutingDecision byCommunications(SignalFacts signal, AccountsTable table, Priority priority,
            List<Informed> informed, String reason, String unitNote) {
        RespondVia via = table.communications().hasCorporateAccess(signal.platform()) ? RespondVia.CORPORATE_ACCOUNT
                : RespondVia.NONE;
        String how = via == RespondVia.NONE
                ? "SGL heeft geen account op " + signal.platform().dutchName() + ", niet publiek reageren"
                : howTo(via, signal.platform());
        return RoutingDecision.toCommunications(table, via, priority, informed, reason + "; " + how + unitNote);
    }

    /** How a ticket moved by hand is answered, and by which of its new function's officials (null: all of them). */
    public record Rerouting(RespondVia respondVia, ContactEntry contact) {
    }

    /**
     * How a ticket of {@code category} seen on {@code platform}, moved by hand to {@code function}, is
     * answered, and by which of its officials, as {@link #decide} would have it. Only a mention or a
     * derailed discussion (rule 5) is ever answered in public; every other category stays "niet
     * publiek reageren" whoever has it (rules 2-4: until session 33 a threat rerouted to HRM read "via
     * het SGL-account"). Of the function that owns the activity-centre topic, the ticket's centre is
     * chosen, and of the one that owns the region topic, the ticket's region, as rule 5 chooses them
     * (until session 33 all of them were e-mailed the signal); with none found, or for any other
     * function, no one official is. An activity centre answers on its location page where it has one on
     * that platform.
     */
    public static Rerouting reroute(FunctionEntry function, Category category, Platform platform, String region,
            String activityCentre) {
        // Communicatie answers for itself, whatever topics an edit of the table gave it.
        boolean ownRule = !function.code().equals(AccountsTable.COMMUNICATIONS);
        Optional<ContactEntry> centre = ownRule && function.topics().contains(Topic.ACTIVITY_CENTRE)
                ? function.contacts().stream().filter(c -> c.isActivityCentre(activityCentre)).findFirst()
                : Optional.empty();
        Optional<ContactEntry> own = centre.or(() -> ownRule && function.topics().contains(Topic.REGION)
                ? function.contacts().stream().filter(c -> c.coversRegion(region)).findFirst()
                : Optional.empty());
        RespondVia via;
        if (category != Category.MENTION && category != Category.DERAILED_DISCUSSION) {
            via = RespondVia.NONE;
        } else if (centre.isPresent()) {
            via = centre.get().locationPage() && function.locationPagePlatforms().contains(platform)
                    ? RespondVia.LOCATION_PAGE : RespondVia.NONE;
        } else {
            via = respondVia(function, platform).orElse(RespondVia.NONE);
        }
        return new Rerouting(via, own.orElse(null));
    }

    /** The official voice first: an SGL account, then a personal account from the function. */
    public static Optional<RespondVia> respondVia(FunctionEntry function, Platform platform) {
        if (function.hasCorporateAccess(platform)) {
            return Optional.of(RespondVia.CORPORATE_ACCOUNT);
        }
        if (function.hasFinalPersonalAccount(platform)) {
            return Optional.of(RespondVia.PERSONAL_ACCOUNT);
        }
        return Optional.empty();
    }

    private static String cannotAnswer(FunctionEntry function, Platform platform) {
        if (function.personalPlatforms().contains(platform) && function.provisionalPlatforms().contains(platform)) {
            return "account van " + function.name() + " op " + platform.dutchName() + " nog niet definitief";
        }
        return function.name() + " heeft geen account op " + platform.dutchName();
    }

    private static String howTo(RespondVia via, Platform platform) {
        return switch (via) {
            case CORPORATE_ACCOUNT -> "kan via het SGL-account op " + platform.dutchName() + " reageren";
            case PERSONAL_ACCOUNT -> "kan via een persoonlijk account op " + platform.dutchName() + " reageren";
            case LOCATION_PAGE -> "kan via de locatiepagina op " + platform.dutchName() + " reageren";
            case NONE -> "niet publiek reageren";
        };
    }

    private static Informed unitManager(UnitManager unit) {
        return new Informed(Informed.Kind.UNIT_MANAGER, unit.unitCode(), unit.managerName());
    }
}
