package nl.sglzorg.meldpunt.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;
import nl.sglzorg.meldpunt.webhook.HeldFiling;
import nl.sglzorg.meldpunt.webhook.Webhooks;
import org.junit.jupiter.api.Test;

/**
 * A reporter's form sent again (a reload of the answer, the back button, a double click) does its work
 * once: one signal, one message, the screenshots once. Each page carries a one-time key for its form.
 */
@QuarkusTest
class FormReplayTest {

    private static final Pattern REFERENCE = PageForms.REFERENCE;
    private static final Pattern CODE = PageForms.CODE;
    private static final Pattern KEY = Pattern.compile("name=\"submission\" value=\"([A-Za-z0-9_-]{43})\"");

    @Inject
    EntityManager entities;

    @Inject
    Webhooks webhooks;

    @Test
    void shouldFileOnceWhenTheCheckPagesFormIsSentAgainAndGiveTheSameReceipt() {
        PageForms page = PageForms.open("/melden");
        String word = Tickets.uniqueWord();
        Map<String, String> signal = checked(page, signal(word));

        Response first = send(page, signal);
        String reference = PageForms.hidden(first.asString(), REFERENCE);
        String firstCode = PageForms.hidden(first.asString(), CODE);
        assertThat(first.asString(), not(containsString("id=\"again\"")));

        // A reload of the receipt: nothing is filed, and the receipt comes again with the signal's code.
        Response again = send(page, signal);
        assertEquals(reference, PageForms.hidden(again.asString(), REFERENCE));
        assertThat(again.asString(), containsString("Deze melding was al verstuurd. Er is niets opnieuw verstuurd."));
        assertEquals(firstCode, PageForms.hidden(again.asString(), CODE));
        assertEquals(1, signalsWith(word));
        assertEquals(200, follow(page, reference, firstCode).statusCode());

        // Another page's key, or none, files as before: the key is what makes a send the same.
        Map<String, String> otherPage = new HashMap<>(signal);
        otherPage.put("submission", checkPageKey(page, signal));
        assertNotEquals(reference, PageForms.hidden(send(page, otherPage).asString(), REFERENCE));
        assertEquals(2, signalsWith(word));

        // Later, the receipt comes without a code: the signal's code is not shown to whoever sends it then.
        TestClock.INSTANCE.advance(IntakeService.CODE_SHOWN_AGAIN_WITHIN.plusMinutes(1));
        try {
            Response later = send(page, signal);
            assertEquals(reference, PageForms.hidden(later.asString(), REFERENCE));
            assertThat(later.asString(), containsString("Volg je melding met het meldnummer en de volgcode die je toen kreeg."));
            assertThat(later.asString(), not(containsString("id=\"token\"")));
            assertEquals(2, signalsWith(word));
            assertEquals(200, follow(page, reference, firstCode).statusCode(), "the code works as ever");
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldGiveTheReceiptWithoutACodeWhenTheSealedCodeDoesNotOpen() {
        PageForms page = PageForms.open("/melden");
        String word = Tickets.uniqueWord();
        Map<String, String> signal = checked(page, signal(word));
        PageForms.Receipt filed = PageForms.Receipt.of(send(page, signal));
        // The row made to name another signal: its sealed code does not open beside that reference.
        String other = file(page).reference();
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "UPDATE form_submission SET reference = ?1 WHERE key_hash = ?2")
                .setParameter(1, other).setParameter(2, TrackingTokens.hash(signal.get("submission")))
                .executeUpdate());

        Response again = send(page, signal);
        assertThat(again.asString(), containsString("id=\"again\""));
        assertThat(again.asString(), not(containsString("id=\"token\"")));
        assertThat(again.asString(), not(containsString(filed.code())));
        assertEquals(1, signalsWith(word));

        // A damaged sealed code: the receipt without a code, not an error.
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "UPDATE form_submission SET reference = ?1, sealed_code = 'bm90IGEgY29kZQ==' WHERE key_hash = ?2")
                .setParameter(1, filed.reference()).setParameter(2, TrackingTokens.hash(signal.get("submission")))
                .executeUpdate());
        Response damaged = send(page, signal);
        assertEquals(filed.reference(), PageForms.hidden(damaged.asString(), REFERENCE));
        assertThat(damaged.asString(), not(containsString("id=\"token\"")));
    }

    @Test
    void shouldFileOnceWithItsScreenshotWhenTheFormIsSentTwiceAtOnce() throws Exception {
        PageForms page = PageForms.open("/melden");
        String word = Tickets.uniqueWord();
        Map<String, String> signal = checked(page, signal(word));

        CountDownLatch start = new CountDownLatch(1);
        Callable<Response> click = () -> {
            start.await();
            Response answer = PageForms.fields(page.upload(), signal).multiPart("action", "send")
                    .multiPart("file", "scherm.png", TestImages.png(14, 9), "image/png").post("/melden/versturen");
            assertEquals(200, answer.statusCode(), answer.asString());
            return answer;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = List.of(pool.submit(click), pool.submit(click));
            start.countDown();
            Response one = answers.get(0).get();
            Response other = answers.get(1).get();
            String reference = PageForms.hidden(one.asString(), REFERENCE);
            assertEquals(reference, PageForms.hidden(other.asString(), REFERENCE));
            assertEquals(1, signalsWith(word));
            // A browser shows the answer to the last of them: whichever it is, it has the code, and the code works.
            String code = PageForms.hidden(one.asString(), CODE);
            assertEquals(code, PageForms.hidden(other.asString(), CODE));
            assertEquals(200, follow(page, reference, code).statusCode());
            TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then()
                    .body("size()", org.hamcrest.Matchers.equalTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAnswerAFormSentAgainWhileItsFilingIsStillUnderWay() throws Exception {
        PageForms page = PageForms.open("/melden");
        String word = Tickets.uniqueWord();
        Map<String, String> signal = checked(page, signal(word));
        HeldFiling held = HeldFiling.install(webhooks);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first = pool.submit(() -> send(page, signal));
            held.awaitHeld();
            // The second click while the first is still filing, for longer than H2's own lock wait: it waits
            // for the first and gets its receipt (send checks the 200).
            Response second = send(page, signal);
            assertEquals(PageForms.hidden(first.get().asString(), REFERENCE), PageForms.hidden(second.asString(), REFERENCE));
            assertThat(second.asString(), containsString("Deze melding was al verstuurd."));
            assertEquals(1, signalsWith(word));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldAddAMessageOnceWhenItsFormIsSentAgain() {
        PageForms page = PageForms.open("/melden");
        PageForms.Receipt filed = file(page);
        String reference = filed.reference();
        String code = filed.code();
        String status = follow(page, reference, code).asString();
        String text = "Het bericht is nu " + Tickets.uniqueWord() + " keer gedeeld.";
        Map<String, String> answer = Map.of("reference", reference, "token", code, "lang", "nl", "text", text,
                "submission", keys(status).get(0));

        Response sent = page.post().formParams(answer).post("/volgen/antwoord");
        assertEquals(200, sent.statusCode());
        assertThat(sent.asString(), containsString("Je bericht is verstuurd."));
        Response again = page.post().formParams(answer).post("/volgen/antwoord");
        assertEquals(200, again.statusCode());
        assertThat(again.asString(), containsString("Dit bericht was al verstuurd."));
        assertThat(again.asString(), not(containsString("Je bericht is verstuurd.")));
        assertEquals(1, occurrences(again.asString(), text), "the message is on the signal once");
        assertEquals(1, messagesOn(reference));

        // A new page has a new key: the same words sent on purpose are a message of their own.
        Map<String, String> anew = new HashMap<>(answer);
        anew.put("submission", keys(again.asString()).get(0));
        page.post().formParams(anew).post("/volgen/antwoord").then().statusCode(200);
        assertEquals(2, messagesOn(reference));
    }

    @Test
    void shouldAddScreenshotsOnceWhenTheirFormIsSentAgain() {
        PageForms page = PageForms.open("/melden");
        PageForms.Receipt filed = file(page);
        String reference = filed.reference();
        String code = filed.code();
        Map<String, String> fields = Map.of("reference", reference, "token", code, "lang", "nl",
                "submission", keys(follow(page, reference, code).asString()).get(1));

        Response added = PageForms.fields(page.upload(), fields)
                .multiPart("file", "scherm.png", TestImages.png(12, 9), "image/png").post("/volgen/afbeeldingen");
        assertEquals(200, added.statusCode(), added.asString());
        assertThat(added.asString(), containsString("1 afbeelding toegevoegd."));
        Response again = PageForms.fields(page.upload(), fields)
                .multiPart("file", "scherm.png", TestImages.png(12, 9), "image/png").post("/volgen/afbeeldingen");
        assertEquals(200, again.statusCode(), again.asString());
        assertThat(again.asString(), containsString("Deze afbeeldingen waren al toegevoegd."));
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then()
                .body("size()", org.hamcrest.Matchers.equalTo(1));

        // Twice at once (a double click): both decode, one stores.
        Map<String, String> next = new HashMap<>(fields);
        next.put("submission", keys(again.asString()).get(1));
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> click = () -> {
            start.await();
            return PageForms.fields(page.upload(), next).multiPart("file", "ander.png", TestImages.png(13, 9),
                    "image/png").post("/volgen/afbeeldingen").statusCode();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = List.of(pool.submit(click), pool.submit(click));
            start.countDown();
            assertEquals(200, answers.get(0).get());
            assertEquals(200, answers.get(1).get());
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdownNow();
        }
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then()
                .body("size()", org.hamcrest.Matchers.equalTo(2));
    }

    // ------------------------------------------------------------------------------------------

    private static Map<String, String> signal(String word) {
        Map<String, String> signal = new HashMap<>(PageForms.validSignal());
        signal.put("description", "Op Facebook wordt over SGL geschreven: " + word);
        return signal;
    }

    /** {@code signal} with the key its check page's form carries, as the browser sends it on. */
    private static Map<String, String> checked(PageForms page, Map<String, String> signal) {
        signal.put("submission", checkPageKey(page, signal));
        return signal;
    }

    /** The key of the check page's form, for this signal. */
    private static String checkPageKey(PageForms page, Map<String, String> signal) {
        Response check = page.post().formParams(signal).post("/melden/controleren");
        assertEquals(200, check.statusCode());
        return keys(check.asString()).get(0);
    }

    private static Response send(PageForms page, Map<String, String> signal) {
        Response answer = page.post().formParams(signal).formParam("action", "send").post("/melden/versturen");
        assertEquals(200, answer.statusCode(), answer.asString());
        return answer;
    }

    /** Files a new signal through the form on {@code page}. */
    private static PageForms.Receipt file(PageForms page) {
        return PageForms.Receipt.of(send(page, signal(Tickets.uniqueWord())));
    }

    private static Response follow(PageForms page, String reference, String code) {
        return page.post().formParams(Map.of("reference", reference, "token", code, "lang", "nl")).post("/volgen");
    }

    /** The form keys on a page, in order. */
    private static List<String> keys(String html) {
        Matcher key = KEY.matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (key.find()) {
            found.add(key.group(1));
        }
        return found;
    }

    private static long messagesOn(String reference) {
        return Tickets.events(reference).stream().filter(e -> "REPORTER_MESSAGE".equals(e.get("type"))).count();
    }

    private static int occurrences(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1;
    }

    private long signalsWith(String word) {
        return QuarkusTransaction.requiringNew().call(() -> entities
                .createQuery("select count(t) from Ticket t where t.description like ?1", Long.class)
                .setParameter(1, "%" + word).getSingleResult());
    }
}
