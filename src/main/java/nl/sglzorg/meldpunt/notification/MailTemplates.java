package nl.sglzorg.meldpunt.notification;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The e-mails, as type-safe Qute templates in {@code templates/MailTemplates/}: each has an
 * {@code .html} variant (everything inserted is HTML-escaped) and a {@code .txt} variant. Staff
 * e-mails are Dutch; a reporter's follow the language of their signal.
 */
final class MailTemplates {

    private MailTemplates() {
    }

    /** The facts of a signal for staff. */
    record SignalMail(String heading, String reference, String category, String platform, String topic, String url,
            String description, String priority, String functionName, String respondVia, String reason,
            List<String> informed, String note, String link, Acknowledge acknowledge) {
    }

    /**
     * What an escalation e-mail asks of its manager: {@code link}, the one-click acknowledge link
     * (absent when there is none), or {@code desk}, "Mijn escalaties"; before {@code deadline}.
     */
    record Acknowledge(String link, String desk, String deadline) {
    }

    /**
     * What a reporter is told. {@code publicStatus} and {@code reply} may each be absent; {@code byEmail}
     * when the signal came by e-mail, whose reporter answers by e-mail and has no tracking code;
     * {@code trackingCode} is only there in the acknowledgement of a signal a staff member took for
     * the reporter, who was given no code themselves, and {@code trackUrl} with it.
     */
    record ReporterMail(String reference, String publicStatus, String reply, boolean byEmail, String trackingCode,
            String trackUrl) {
    }

    /**
     * What a client's begeleider is told of unwanted contact. {@code reporterName} and
     * {@code reporterEmail} are absent unless the client allowed the begeleider to know who reports.
     */
    record CareWorkerMail(String reference, String platform, boolean identityShared, String reporterName,
            String reporterEmail, String communicationsAddress) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance staffSignal(SignalMail mail);

        static native TemplateInstance reporterAcknowledgement(ReporterMail mail);

        static native TemplateInstance reporterAcknowledgementEn(ReporterMail mail);

        static native TemplateInstance reporterUpdate(ReporterMail mail);

        static native TemplateInstance reporterUpdateEn(ReporterMail mail);

        static native TemplateInstance careWorker(CareWorkerMail mail);
    }

    static Rendered render(String subject, Supplier<TemplateInstance> template) {
        String html = template.get()
                .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_HTML)).render();
        String text = template.get()
                .setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(Variant.TEXT_PLAIN)).render();
        return new Rendered(subject, text, html);
    }
}
