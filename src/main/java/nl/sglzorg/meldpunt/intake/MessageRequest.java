package nl.sglzorg.meldpunt.intake;

/** Information a reporter adds to their signal. */
public record MessageRequest(String text) {
}
