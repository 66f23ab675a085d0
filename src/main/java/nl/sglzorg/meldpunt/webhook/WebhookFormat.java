package nl.sglzorg.meldpunt.webhook;

/** How a delivery's body reads: the Standard Webhooks event, or a Teams message with an Adaptive Card. */
public enum WebhookFormat {
    STANDARD, TEAMS
}
