package nl.sglzorg.meldpunt.ticket;

/** What happened to a ticket; each is one entry in its append-only history. */
public enum EventType {
    /** The signal was filed. */
    FILED,
    /** A routing decision was made (function, reason, accounts-table revision). */
    ROUTED,
    /** The reporter added information through the tracking token. */
    REPORTER_MESSAGE,
    /** The status changed (old and new value). Visible to the reporter when the public label changed. */
    STATUS_CHANGED,
    /** A staff note; a reply when visible to the reporter. */
    NOTE_ADDED,
    /** Communicatie moved the ticket to another function. */
    REROUTED,
    /** Communicatie changed the priority. */
    PRIORITY_CHANGED,
    /** A positive post was resolved with the URL of SGL's repost (new value: that URL). */
    REPOST_RECORDED,
    /**
     * Communicatie approved an activity centre's location-page request: the centre's row of the
     * accounts table now has a location page (old value: the centre, new value: the table's revision).
     */
    LOCATION_PAGE_APPROVED,
    /** This ticket was merged into another (new value: the surviving reference). */
    MERGED,
    /** A merge of this ticket was undone. */
    UNMERGED,
    /** Another ticket was merged into this one (new value: its reference). */
    DUPLICATE_ATTACHED,
    /** A ticket merged into this one was taken out again. */
    DUPLICATE_DETACHED,
    /** The reporter of a ticket merged into this one added information. */
    DUPLICATE_REPORTER_MESSAGE,
    /**
     * The reporter attached a screenshot (new value: the evidence id); on a survivor, one attached to
     * a ticket merged into it (old value: that ticket's reference).
     */
    EVIDENCE_ADDED,
    /** The first-response and resolution deadlines were set. */
    DEADLINES_SET,
    /** The deadlines moved, e.g. by the time the ticket waited for the reporter. */
    DEADLINES_SHIFTED,
    /** A deadline comes near (new value: FIRST_RESPONSE or RESOLUTION). */
    DEADLINE_WARNING,
    /** A deadline passed unmet (new value: FIRST_RESPONSE or RESOLUTION). */
    DEADLINE_BREACHED,
    /** The ticket was put before a manager (new value: the manager's address). */
    ESCALATED,
    /** The manager took the escalation up. */
    ESCALATION_ACKNOWLEDGED,
    /** The reporter's name and address were erased and the tracking token stopped working. */
    REPORTER_ERASED,
    /** What is held about the reporter was exported, for a request under the right of access. */
    REPORTER_DATA_EXPORTED,
    /** An e-mail about this ticket was put in the outbox (new value: who it is for). */
    EMAIL_QUEUED,
    /** An e-mail about this ticket was handed to the mail server. */
    EMAIL_SENT,
    /** An e-mail about this ticket kept failing and was parked for a person to see. */
    EMAIL_FAILED
}
