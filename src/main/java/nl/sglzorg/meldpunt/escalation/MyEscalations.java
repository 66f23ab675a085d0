package nl.sglzorg.meldpunt.escalation;

import java.util.List;

/**
 * "Mijn escalaties": the open ones first (oldest deadline first), then those acknowledged lately.
 *
 * @param everyone whether these are every escalation (communicatie's view), not only one's own
 */
public record MyEscalations(boolean everyone, List<MyEscalation> open, List<MyEscalation> acknowledged) {
}
