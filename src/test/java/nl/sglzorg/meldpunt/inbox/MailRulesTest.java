package nl.sglzorg.meldpunt.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import nl.sglzorg.meldpunt.kernel.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The plain rules of e-mail in: which e-mails a machine sent, which link is the post, the text kept. */
class MailRulesTest {

    private static final String OWN = "meldpunt@sgl-zorg.nl";

    @ParameterizedTest(name = "{0}: {1} from {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Auto-Submitted | auto-replied      | anna@voorbeeld.nl          | AUTO_SUBMITTED
            Auto-Submitted | auto-generated    | anna@voorbeeld.nl          | AUTO_SUBMITTED
            Auto-Submitted | no                | anna@voorbeeld.nl          | -
            Auto-Submitted | No                | anna@voorbeeld.nl          | -
            X-Autoreply    | yes               | anna@voorbeeld.nl          | AUTO_SUBMITTED
            Precedence     | bulk              | anna@voorbeeld.nl          | BULK
            Precedence     | junk              | anna@voorbeeld.nl          | BULK
            Precedence     | list              | anna@voorbeeld.nl          | BULK
            Precedence     | first-class       | anna@voorbeeld.nl          | -
            List-Id        | <a.voorbeeld.nl>  | anna@voorbeeld.nl          | MAILING_LIST
            Return-Path    | <>                | anna@voorbeeld.nl          | BOUNCE
            Return-Path    | < >               | anna@voorbeeld.nl          | BOUNCE
            Return-Path    | <anna@voorbeeld.nl> | anna@voorbeeld.nl        | -
            Content-Type   | multipart/report; report-type=delivery-status | anna@voorbeeld.nl | BOUNCE
            X-Other        | x                 | MAILER-DAEMON@voorbeeld.nl | BOUNCE
            X-Other        | x                 | postmaster@voorbeeld.nl    | BOUNCE
            X-Other        | x                 | Meldpunt@SGL-zorg.nl       | OWN_MAIL
            In-Reply-To    | <7.1700000000000.staff.outbox@sgl-zorg.nl> | anna@sgl-zorg.nl | STAFF_ANSWER
            References     | <a@voorbeeld.nl> <7.1700000000000.staff.outbox@sgl-zorg.nl> | anna@sgl-zorg.nl | STAFF_ANSWER
            In-Reply-To    | <7.1700000000000.outbox@sgl-zorg.nl> | anna@voorbeeld.nl | -
            X-Other        | x                 | anna@voorbeeld.nl          | -
            X-Other        | x                 | -                          | -
            """)
    void shouldTellMachinesFromPeople(String header, String value, String sender, String reason) {
        Map<String, String[]> headers = Map.of(header, new String[] {value});
        assertEquals(Optional.ofNullable(reason).map(AutomaticMail.Reason::valueOf),
                AutomaticMail.reason(headers::get, sender, OWN));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Kijk: https://www.facebook.com/groups/x/posts/1.                  | https://www.facebook.com/groups/x/posts/1      | FACEBOOK
            https://m.facebook.com/story.php?id=2, en meer                    | https://m.facebook.com/story.php?id=2          | FACEBOOK
            zie https://www.sgl-zorg.nl en https://x.com/iemand/status/3       | https://x.com/iemand/status/3                  | TWITTER
            HTTPS://YOUTU.BE/abc!                                             | HTTPS://YOUTU.BE/abc                           | YOUTUBE
            (https://www.linkedin.com/posts/iemand_4)                         | https://www.linkedin.com/posts/iemand_4        | LINKEDIN
            <https://www.instagram.com/p/5/>                                  | https://www.instagram.com/p/5/                 | INSTAGRAM
            https://chat.whatsapp.com/6                                       | https://chat.whatsapp.com/6                    | WHATSAPP
            https://notfacebook.com/7 en https://www.sgl-zorg.nl/8            | -                                              | -
            Groet, SGL - Facebook <https://www.facebook.com/sglzorg> X https://x.com/sglzorg/ | -                 | -
            Volg ons op https://www.linkedin.com/company/sgl-zorg/            | -                                              | -
            https://www.facebook.com/sglzorg en https://www.facebook.com/sglzorg/posts/9 | https://www.facebook.com/sglzorg/posts/9 | FACEBOOK
            https://www.facebook.com/watch?v=10                               | https://www.facebook.com/watch?v=10            | FACEBOOK
            geen link                                                         | -                                              | -
            """)
    void shouldTakeTheFirstLinkToAKnownPlatformAsThePost(String text, String url, Platform platform) {
        assertEquals(Optional.ofNullable(url).map(u -> new PostLinks.Post(u, platform)), PostLinks.first(text));
    }

    @Test
    void shouldPassOverALinkTheSignalWouldRefuse() {
        // 1,000 characters outside ASCII are 3,000 bytes: over the limit of a signal's URL.
        String tooLong = "https://www.facebook.com/groups/x/posts/" + "\u5b57".repeat(1_000);
        assertEquals(Optional.of(new PostLinks.Post("https://x.com/iemand/status/11", Platform.TWITTER)),
                PostLinks.first(tooLong + " en https://x.com/iemand/status/11"));
    }

    @Test
    void shouldLeaveOutTheQuotedEmailOfAnAnswer() {
        assertEquals("Ja, dat klopt.\n\nGroet", MailText.withoutQuote(
                "Ja, dat klopt.\n\nGroet\n\nOp do 3 dec. 2026 om 14:02 schreef Meldpunt SGL <m@sgl-zorg.nl>:\n> Vraag"));
        assertEquals("Yes.", MailText.withoutQuote("Yes.\nOn Thu, Dec 3, 2026 at 2:02 PM Meldpunt <m@s.nl> wrote:\n> q"));
        assertEquals("Prima.", MailText.withoutQuote("Prima.\n\n-----Oorspronkelijk bericht-----\nVan: x@y.nl\nOnderwerp: z"));
        assertEquals("Prima.", MailText.withoutQuote("Prima.\n________________________________\nVan: Meldpunt <m@s.nl>"));
        assertEquals("Eerst\nen dan", MailText.withoutQuote("Eerst\n> geciteerd\nen dan"));
        assertEquals("Tekst", MailText.withoutQuote("Tekst\n-- \nAnna, SGL"));
    }

    @Test
    void shouldMakeADescriptionWithinTheSignalsLimits() {
        assertEquals("Onderwerp\n\nDe tekst.", MailText.description("Onderwerp", "De tekst."));
        assertEquals("Kort\n\n" + MailText.NO_TEXT, MailText.description("Kort", ""));
        assertEquals(MailText.NO_TEXT, MailText.description("", " \r\n "));
        assertEquals("Regel een\n\nregel twee", MailText.description("", "Regel een\r\n\r\n\r\n\r\nregel twee\u0007"));
        // Direction controls go (they would turn the text around on the desk); marks and joiners stay.
        assertEquals("Zie gpj.exe en \u200Fשלום\u200F, \uD83D\uDC69\u200D\uD83D\uDCBB", MailText.description("",
                "Zie \u202Egpj.exe\u202C en \u2067\u200Fשלום\u200F\u2069, \uD83D\uDC69\u200D\uD83D\uDCBB"));

        String longText = "woord ".repeat(2000);
        String description = MailText.description("Lang", longText);
        int length = description.codePointCount(0, description.length());
        assertTrue(length <= MailText.DESCRIPTION_MAX && length > MailText.DESCRIPTION_MAX - 10, "length " + length);
        assertTrue(description.endsWith(" woord…"), "cut between words: " + description.substring(4980));

        String oneWord = "x".repeat(6000);
        String cut = MailText.cut(oneWord, 100);
        assertEquals(100, cut.codePointCount(0, cut.length()));
    }

    /**
     * No body, however written, holds up the inbox: every step takes time in proportion to its text.
     * Until session 31 the first two took the patterns hours (one regular expression tried at every
     * position), and the poll, on every instance, never reached the e-mails after them. The ten seconds
     * are a margin of thousands over what each takes now, not a measurement.
     */
    @Test
    void shouldReadAnyBodyInTimeInProportionToItsLength() {
        String spaces = " ".repeat(MailText.BODY_MAX - 1) + "x";
        String opened = "<".repeat(MailText.BODY_MAX);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals("x", MailText.clean(spaces));
            assertEquals(opened, MailText.fromHtml(opened), "a < that nothing closes is text");
            assertEquals(MailText.BODY_MAX * 4, MailText.fromHtml("<!--".repeat(MailText.BODY_MAX)).length());
            assertEquals("", MailText.fromHtml("<script>" + "</scrip>".repeat(MailText.BODY_MAX / 8) + "</script>"));
            String quoteLike = "op " + "schreef ".repeat(MailText.BODY_MAX / 8);
            assertEquals(quoteLike.strip(), MailText.withoutQuote(quoteLike), "a line this long starts no quote");
            assertEquals("Kort\n\n" + MailText.NO_TEXT,
                    MailText.description("Kort", MailText.clean(MailText.fromHtml("<p>" + " \t".repeat(MailText.BODY_MAX / 2)))));
        });
    }

    @Test
    void shouldKeepWhatTheHtmlSaysAroundUnclosedAndOddTags() {
        assertEquals("a  d", MailText.fromHtml("a < b and c > d"), "as a browser would not, but as before: a tag");
        assertEquals("x\ny", MailText.fromHtml("x<br />y"));
        assertEquals("x\ny", MailText.fromHtml("x<BR>y"));
        assertEquals("x\ny", MailText.fromHtml("x</P >y"));
        assertEquals("kop tekst", MailText.fromHtml("<header>kop</header> tekst"), "header is not head");
        assertEquals("voor  na", MailText.fromHtml("voor <!-- weg --> na"));
        assertEquals("voor x()", MailText.fromHtml("voor <script>x()"), "a script never closed is text");
        assertEquals("1 < 2", MailText.fromHtml("1 &lt; 2"));
    }

    @Test
    void shouldCleanLinesAsBefore() {
        assertEquals("een\n\ntwee\ndrie", MailText.clean("een \t\n\n \n\t\ntwee  \ndrie\t"));
        assertEquals("a\tb", MailText.clean("\n\n a\tb \n\n"));
    }

    @Test
    void shouldWriteTheAccentedLettersAndPunctuationOfAnHtmlEmailAsTheyAre() {
        // An e-mail written only as HTML spells them as references; the desk must not show "ge&euml;scaleerd".
        assertEquals("De melding is geëscaleerd naar de café-eigenaar: €5 — “zo” ’t is ×2 ÷ é",
                MailText.fromHtml("De melding is ge&euml;scaleerd naar de caf&#233;-eigenaar: &euro;5 &mdash;"
                        + " &ldquo;zo&rdquo; &rsquo;t is &times;2 &#xF7; &#XE9;"));
        assertEquals("a b", MailText.fromHtml("a&nbsp;b"));
        assertEquals("&lt;", MailText.fromHtml("&amp;lt;"), "decoded once");
        assertEquals("AT&T, &onbekend; &#; &#x; &#0; &#55296; &#1114112; & &euml", MailText.fromHtml(
                "AT&T, &onbekend; &#; &#x; &#0; &#55296; &#1114112; & &euml"), "what is no reference stays as written");
        assertEquals("a\nb", MailText.fromHtml("a&#10;b"));
        assertEquals("a&#7;b", MailText.fromHtml("a&#7;b"), "no control character is made");
    }

    @Test
    void shouldReadTheTextOfAnHtmlEmail() {
        assertEquals("Hallo,\nZie de post & reageer.", MailText.clean(MailText.fromHtml(
                "<html><head><style>p{}</style></head><body><p>Hallo,</p>Zie <b>de post</b> &amp; reageer.<script>x()</script></body></html>")));
    }

    @Test
    void shouldReadATextThatNamesNoCharacterSetAsUtf8ElseAsWindows1252() {
        String dutch = "Eén keer ge\u00ebscaleerd, \u20ac 5";
        assertEquals(dutch, MailText.undeclared(dutch.getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
        assertEquals(dutch, MailText.undeclared(dutch.getBytes(java.nio.charset.Charset.forName("windows-1252")), false));
        // A read cut in the middle of a character leaves that character out, not the whole text as UTF-8.
        byte[] utf8 = "caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("caf", MailText.undeclared(java.util.Arrays.copyOf(utf8, utf8.length - 1), true));
    }
}
