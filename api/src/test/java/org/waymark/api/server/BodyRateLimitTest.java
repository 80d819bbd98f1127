package org.waymark.api.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/** The body rate is timed by how long the server's reads waited, on a clock the test moves: no waiting, no timing. */
class BodyRateLimitTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aSmallBodyThatArrivedWholeIsReadHoweverLateTheServerComesToIt() throws Exception {
        byte[] body = bytes(300);
        // Jetty's own rule, timed from the first byte's arrival at 0, would refuse 300 bytes read a minute later.
        ServletInputStream in = wrapped(new Body(body, 8, 0));
        now.set(TimeUnit.SECONDS.toNanos(60));
        assertArrayEquals(body, readAll(in));
    }

    @Test
    void aBodyArrivingAboveTheRateOrSlowlyWithinTheGraceIsRead() throws Exception {
        assertReadWhole(20_000, 2048, TimeUnit.SECONDS.toNanos(1));
        // 300 bytes a read, two seconds each: well under the rate, but all of it within the grace.
        assertReadWhole(600, 300, TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void aPauseBetweenReadsIsTheServersAndNeverCounts() throws Exception {
        byte[] body = bytes(10_000);
        ServletInputStream in = wrapped(new Body(body, 100, 0));
        byte[] first = new byte[100];
        assertEquals(100, in.read(first, 0, first.length));
        now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // the thread descheduled, or behind other calls, between two reads
        byte[] rest = readAll(in);
        assertEquals(body.length - 100, rest.length);
    }

    @Test
    void aTrickledBodyIsRefusedWith408OnceTheGraceIsSpent() throws Exception {
        ServletInputStream in = wrapped(new Body(bytes(10_000), 10, TimeUnit.SECONDS.toNanos(1)));
        byte[] buffer = new byte[8192];
        for (int second = 1; second <= 5; second++) {
            assertEquals(10, in.read(buffer, 0, buffer.length), "read " + second + ", within the grace");
        }
        BadMessageException refused = assertThrows(BadMessageException.class, () -> in.read(buffer, 0, buffer.length));
        assertEquals(408, refused.getCode());
        assertEquals("Request content data rate < 1024 B/s", refused.getReason());
    }

    @Test
    void aBodyJustBelowTheRateIsRefusedAndJustAboveIsNot() throws Exception {
        ServletInputStream below = wrapped(new Body(bytes(10_000), 1023, TimeUnit.SECONDS.toNanos(1)));
        byte[] buffer = new byte[8192];
        for (int second = 1; second <= 5; second++) {
            assertEquals(1023, below.read(buffer, 0, buffer.length));
        }
        assertThrows(BadMessageException.class, () -> below.read(buffer, 0, buffer.length));

        ServletInputStream above = wrapped(new Body(bytes(10_000), 1024, TimeUnit.SECONDS.toNanos(1)));
        assertEquals(10_000, readAll(above).length);
    }

    @Test
    void onlyAPositiveRateIsTaken() {
        assertThrows(IllegalArgumentException.class, () -> new BodyRateLimit(0, now::get));
    }

    /** A body of {@code size} bytes, {@code chunk} a read, each read waiting {@code pause} for the client, is read whole. */
    private void assertReadWhole(int size, int chunk, long pause) throws Exception {
        byte[] body = bytes(size);
        assertArrayEquals(body, readAll(wrapped(new Body(body, chunk, pause))));
    }

    private ServletInputStream wrapped(ServletInputStream body) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{HttpServletRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getInputStream")) {
                        return body;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        new BodyRateLimit(BodyRateLimit.MIN_BYTES_PER_SECOND, now::get).doFilter(request, null, (req, res) -> passedOn.set(req));
        return passedOn.get().getInputStream();
    }

    private static byte[] readAll(ServletInputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** A body whose every read returns at most {@code chunk} bytes and takes {@code pause} of the test's clock. */
    private final class Body extends ServletInputStream {
        private final byte[] bytes;
        private final int chunk;
        private final long pause;
        private int at;

        Body(byte[] bytes, int chunk, long pause) {
            this.bytes = bytes;
            this.chunk = chunk;
            this.pause = pause;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == bytes.length) {
                return -1;
            }
            now.addAndGet(pause);
            int n = Math.min(Math.min(len, chunk), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isFinished() {
            return at == bytes.length;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
