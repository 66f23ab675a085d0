package nl.sglzorg.meldpunt.notification;

/** Why an e-mail is sent. */
public enum EmailKind {
    /** Every signal, to the communications mailbox. */
    NEW_SIGNAL,
    /** To whoever handles the signal: the function's officials, or the manager for unwanted contact. */
    SIGNAL_FOR_YOU,
    /** To informed functions and managers. */
    FOR_INFORMATION,
    /** To the function a ticket was moved to. */
    REROUTED,
    /** To a manager a ticket is escalated to. */
    ESCALATION,
    /** To the handler (or communicatie) when a deadline comes near or passed. */
    DEADLINE,
    /** To the reporter, once: their reference. */
    REPORTER_ACKNOWLEDGEMENT,
    /** To a reporter who asked for updates: a new public status or a reply. */
    REPORTER_UPDATE,
    /**
     * To the begeleider a client named, of unwanted contact: without the client's name and address
     * unless the client allowed it. Reporter data, erased with the reporter's.
     */
    CARE_WORKER;

    /** Whether the recipient's address is reporter data: hidden from lists, erased with the reporter's. */
    public boolean toReporterData() {
        return this == REPORTER_ACKNOWLEDGEMENT || this == REPORTER_UPDATE || this == CARE_WORKER;
    }
}
