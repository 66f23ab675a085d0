package nl.sglzorg.meldpunt.routing;

/** How the handling function can answer on the platform where the signal was seen. */
public enum RespondVia {
    /** Through an official SGL account: the organisation's voice, preferred. */
    CORPORATE_ACCOUNT,
    /** Through a personal account the official holds from their function. */
    PERSONAL_ACCOUNT,
    /** Through the Facebook location page of an activity centre. */
    LOCATION_PAGE,
    /** No public answer: the signal is handled internally. */
    NONE
}
