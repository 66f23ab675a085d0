package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.concurrent.TimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which refusals park an e-mail at once: only the address itself refused for good. Anything about
 * the server's settings or policy, or that may pass, is tried again (OutboxMailTest sends through a
 * server that refuses).
 */
class RecipientRefusedTest {

    @ParameterizedTest(name = "{0} → parked at once: {1}")
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown | true",
        "550-5.1.1 The email account that you tried to reach does not exist | true",
        "553 5.1.3 Bad recipient address syntax                             | true",
        "551 5.1.6 User has moved; please try <y@example.org>                | true",
        "550 5.1.10 Recipient address has null MX                            | true",
        "553 5.1.7 The sender's address is not valid                          | false",
        "550 5.1.8 Bad sender's system address                                | false",
        "550 5.1.0 Address rejected                                           | false",
        "554 5.7.1 <x@example.org>: Relay access denied                      | false",
        "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain   | false",
        "550 5.7.1 Message rejected as spam                                  | false",
        "552 5.2.2 Mailbox full                                              | false",
        "550 No such user here                                               | false",
        "450 4.1.1 <x@example.org>: Recipient address rejected: try later    | false"})
    void shouldParkOnlyWhenTheAddressItselfIsRefusedForGood(String reply, boolean parked) throws Exception {
        int code = Integer.parseInt(reply.substring(0, 3));
        SMTPAddressFailedException refusal = new SMTPAddressFailedException(new InternetAddress("x@example.org"),
                "RCPT TO:<x@example.org>", code, reply);
        // As Jakarta Mail throws it when the only recipient is refused.
        SendFailedException sent = new SendFailedException("Invalid Addresses", refusal, new Address[0],
                new Address[0], new Address[] {new InternetAddress("x@example.org")});

        assertEquals(parked, OutboxDispatcher.recipientRefused(sent));
    }

    @Test
    void shouldParkAtOnceAnAddressTheMailLibraryCannotSendTo() {
        // One stored before session 38's check: every attempt fails the same way, so none is tried again.
        AddressException invalid = org.junit.jupiter.api.Assertions.assertThrows(AddressException.class,
                () -> new InternetAddress("a..b@example.org", true));
        assertEquals(true, OutboxDispatcher.recipientRefused(new MessagingException("sending failed", invalid)));
        assertEquals("Het adres van de ontvanger is geen geldig e-mailadres.",
                MailFailures.inWords(OutboxDispatcher.describe(invalid)));
    }

    @Test
    void shouldTryAgainAfterAnythingButARefusedAddress() {
        assertEquals(false, OutboxDispatcher.recipientRefused(new TimeoutException("not accepted in time")));
        assertEquals(false, OutboxDispatcher.recipientRefused(new MessagingException("Connection refused")));
        // A refusal of the message as a whole, after DATA, says nothing of the address.
        assertEquals(false, OutboxDispatcher.recipientRefused(new SMTPSendFailedException("DATA", 550,
                "550 5.1.1 odd server", null, null, null, null)));
    }
}
