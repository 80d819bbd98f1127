package org.waymark.api.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a size cap: past the cap the download is cancelled and the body
 * fails, so a hostile or broken server cannot make Waymark buffer an unbounded answer.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body was larger than the cap. */
    public static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("response body larger than " + cap + " bytes");
        }
    }

    private final long cap;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(long cap) {
        this.cap = cap;
    }

    public static HttpResponse.BodyHandler<byte[]> upTo(long cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("the cap must be positive");
        }
        return info -> new CappedBody(cap);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            if (result.isDone()) {
                return;
            }
            if (out.size() + (long) b.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(cap));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
