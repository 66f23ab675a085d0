package nl.sglzorg.meldpunt.notification;

/** An e-mail ready for the outbox: one subject, a plain-text and an HTML part. */
record Rendered(String subject, String text, String html) {
}
