package nl.sglzorg.meldpunt.directory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The wait of a slowed-down sign-in ({@link SignInGuard}): a Vert.x timer, so that no thread is held
 * while it runs. A guesser who sends many slowed sign-ins at once ties up no request thread; with a
 * sleep, a few dozen would have held every one of them and stopped the whole desk.
 */
@ApplicationScoped
public class SignInPause {

    @Inject
    Vertx vertx;

    /**
     * Completes after {@code wait}, on the event loop of the caller's Vert.x context (or on any
     * event loop when called outside one). Cancelled (the client went away), it stops its timer.
     */
    public Uni<Void> of(Duration wait) {
        return Uni.createFrom().emitter(done -> {
            long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> done.complete(null));
            done.onTermination(() -> vertx.cancelTimer(timer));
        });
    }
}
