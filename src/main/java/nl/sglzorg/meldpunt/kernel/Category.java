package nl.sglzorg.meldpunt.kernel;

/** What kind of signal a reporter files. */
public enum Category {
    /** A message about SGL ("uiting over SGL"). */
    MENTION("Uiting over SGL"),
    /** An online discussion that gets out of hand ("ontsporende online discussie"). */
    DERAILED_DISCUSSION("Ontsporende online discussie"),
    /** Internal, personal or client information shared online, also in WhatsApp groups. */
    CONFIDENTIAL_INFORMATION("Vertrouwelijke informatie gedeeld"),
    /** An unwanted situation between staff or volunteers and clients on social media. */
    UNWANTED_CONTACT("Ongewenst contact"),
    /** A request to use SGL logos or photos. */
    BRAND_ASSET_REQUEST("Verzoek om logo's of foto's"),
    /** An activity centre asks for a Facebook location page. */
    LOCATION_PAGE_REQUEST("Aanvraag locatiepagina"),
    /** "In doubt, consult communicatie": advice asked before posting something about SGL. */
    ADVICE_REQUEST("Vraag om advies"),
    /** An ambassador's own positive post, offered for SGL to share; no deadlines, no escalation. */
    POSITIVE_POST("Positief bericht om te delen"),
    /** A fake account, someone speaking for SGL without being allowed to, misuse of the logo. */
    IMPERSONATION("Nepaccount of misbruik van naam of logo"),
    /** Threatening, defamatory or obscene content about SGL, its staff or its clients. */
    THREAT("Bedreiging, smaad of obsceniteit");

    private final String dutchName;

    Category(String dutchName) {
        this.dutchName = dutchName;
    }

    public String dutchName() {
        return dutchName;
    }
}
