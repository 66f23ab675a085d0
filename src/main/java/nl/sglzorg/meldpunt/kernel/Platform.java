package nl.sglzorg.meldpunt.kernel;

/** Where something was said. */
public enum Platform {
    TWITTER("Twitter"),
    FACEBOOK("Facebook"),
    LINKEDIN("LinkedIn"),
    YOUTUBE("YouTube"),
    INSTAGRAM("Instagram"),
    WHATSAPP("WhatsApp"),
    BLOG("een blog"),
    OTHER("een ander platform");

    private final String dutchName;

    Platform(String dutchName) {
        this.dutchName = dutchName;
    }

    /** How the platform is named in a Dutch sentence ("reageren op Facebook", "op een blog"). */
    public String dutchName() {
        return dutchName;
    }
}
