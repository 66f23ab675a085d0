package nl.sglzorg.meldpunt.routing;

/** What kind of signal a reporter files. */
public enum Category {
    /** A message about SGL ("uiting over SGL"). */
    MENTION,
    /** An online discussion that gets out of hand ("ontsporende online discussie"). */
    DERAILED_DISCUSSION,
    /** Internal, personal or client information shared online, also in WhatsApp groups. */
    CONFIDENTIAL_INFORMATION,
    /** An unwanted situation between staff or volunteers and clients on social media. */
    UNWANTED_CONTACT,
    /** A request to use SGL logos or photos. */
    BRAND_ASSET_REQUEST,
    /** An activity centre asks for a Facebook location page. */
    LOCATION_PAGE_REQUEST
}
