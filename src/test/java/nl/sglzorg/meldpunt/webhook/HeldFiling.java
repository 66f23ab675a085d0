package nl.sglzorg.meldpunt.webhook;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import jakarta.enterprise.inject.Vetoed;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.sglzorg.meldpunt.ticket.Ticket;

/**
 * A filing held open, as on a busy host or a slow disk: the first signal filed after {@link #install}
 * stays in its transaction for {@link #HELD} once its rows are written (the webhooks' look-up is a
 * filing's last step), holding what it locked; filings after it go through at once. Longer than H2's
 * own lock wait of a second, so a request that waits for its locks shows whether Meldpunt's wait is
 * long enough. Installed for one test (QuarkusMock); webhooks work as ever meanwhile. Not a bean of its
 * own ({@code @Vetoed}): it would stand beside the real one.
 */
@Vetoed
public final class HeldFiling extends Webhooks {

    public static final Duration HELD = Duration.ofMillis(2500);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicBoolean first = new AtomicBoolean(true);

    private HeldFiling(Webhooks real) {
        clock = real.clock;
        config = real.config;
    }

    /** Replaces {@code webhooks} (the injected bean) for the running test. */
    public static HeldFiling install(Webhooks webhooks) {
        HeldFiling held = new HeldFiling(ClientProxy.unwrap(webhooks));
        QuarkusMock.installMockForType(held, Webhooks.class);
        return held;
    }

    @Override
    public void filed(Ticket ticket) {
        super.filed(ticket);
        if (first.compareAndSet(true, false)) {
            entered.countDown();
            try {
                Thread.sleep(HELD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the first filing has written its rows and is being held. */
    public void awaitHeld() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no signal was filed");
        }
    }
}
