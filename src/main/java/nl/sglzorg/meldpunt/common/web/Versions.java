package nl.sglzorg.meldpunt.common.web;

import jakarta.ws.rs.core.EntityTag;

/**
 * Entity versions as HTTP validators: an {@code ETag} of {@code "<version>"}, checked against an
 * optional {@code If-Match} header before a write.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * Passes when {@code ifMatch} is absent, {@code *}, or names {@code current} (quoted or not,
     * weak or strong); otherwise throws {@link PreconditionFailedException}.
     */
    public static void checkIfMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            if (tag.equals(Long.toString(current))) {
                return;
            }
        }
        throw new PreconditionFailedException(
                "De versie in If-Match is verouderd; de huidige versie is " + current + ".");
    }
}
