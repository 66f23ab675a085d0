package nl.sglzorg.meldpunt.evidence;

import java.time.Instant;

/**
 * One piece of evidence as shown: to staff in the list, to the reporter after an upload, and in the
 * reporter-data export. {@code sha256} is the original's, as the reporter sent it; {@code ticket}
 * is the signal it came with (another than the listed one when it came with a duplicate).
 */
public record EvidenceView(long id, String ticket, String contentType, long size, int width, int height,
        String originalContentType, long originalSize, String sha256, Instant uploadedAt) {

    static EvidenceView of(Evidence evidence, String ticket) {
        return new EvidenceView(evidence.id, ticket, evidence.contentType, evidence.byteSize, evidence.width,
                evidence.height, evidence.originalType, evidence.originalSize, evidence.originalSha256,
                evidence.uploadedAt);
    }
}
