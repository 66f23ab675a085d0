package nl.sglzorg.meldpunt.evidence;

/**
 * An upload that is not stored: not an image Meldpunt takes ({@code 415}) or too large ({@code 413}).
 * The message is Dutch, for the reporter, and names what is wrong with the file in {@link #FIELD}.
 */
public class EvidenceRefusedException extends RuntimeException {

    /** The form field that carries the image, in the API and on the pages. */
    public static final String FIELD = "file";

    private final int status;

    private EvidenceRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Not a JPEG, PNG or WebP image, or one that cannot be read to its end. */
    public static EvidenceRefusedException notAnImage(String why) {
        return new EvidenceRefusedException(415, why);
    }

    /** Over the size or pixel limit. */
    public static EvidenceRefusedException tooLarge(String why) {
        return new EvidenceRefusedException(413, why);
    }

    /** {@code 413} or {@code 415}. */
    public int status() {
        return status;
    }

    public String field() {
        return FIELD;
    }
}
