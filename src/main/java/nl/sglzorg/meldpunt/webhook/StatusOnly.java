package nl.sglzorg.meldpunt.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A receiver's answer as far as its status, the body never read: the subscription is cancelled as
 * soon as it starts (which closes the connection) and the body is there at once. The JDK's
 * {@code discarding()} reads the body to its end before the response is complete, and the request
 * timeout only covers the wait for the headers, so a receiver that announced a body and never sent
 * it, or sent it slowly or without end, held the attempt, and with it the dispatcher, for ever.
 */
final class StatusOnly implements HttpResponse.BodySubscriber<Void> {

    static final HttpResponse.BodyHandler<Void> HANDLER = info -> new StatusOnly();

    private StatusOnly() {
    }

    @Override
    public CompletionStage<Void> getBody() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        // Nothing is requested, so nothing comes.
    }

    @Override
    public void onError(Throwable throwable) {
        // The status is all that counts, and it is in.
    }

    @Override
    public void onComplete() {
        // As onError: nothing waits for the body.
    }
}
