package org.waymark.api.server;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Cuts off a request body that arrives slower than a minimum rate (a trickled body would hold a worker thread), timed
 * by how long the server's reads of it waited for the client, from {@link #GRACE} on. Time between reads is the
 * server's own (behind other calls, a GC pause, a loaded core) and does not count: Jetty's minimum data rate is timed
 * from the body's first byte, so on a busy server a small body that had arrived whole but was read late was refused
 * with a 408 as if the client had trickled it (jetty/jetty.project#4641), and timing from the first read still counted
 * a pause between two reads. A body that stalls entirely is closed by the connector's idle timeout.
 */
final class BodyRateLimit implements Filter {
    /** Far below any real client's rate, even over a poor link: only a body held back on purpose is this slow. */
    static final long MIN_BYTES_PER_SECOND = 1024;
    /** Reads may wait this long in all before the rate is asked: a slow start on a poor link, or a woken thread's delay. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final long minBytesPerSecond;
    private final LongSupplier nanoTime;

    BodyRateLimit(long minBytesPerSecond, LongSupplier nanoTime) {
        if (minBytesPerSecond <= 0) {
            throw new IllegalArgumentException("a minimum body rate is positive: " + minBytesPerSecond);
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.nanoTime = nanoTime;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
            private ServletInputStream body;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (body == null) {
                    body = new Metered(super.getInputStream());
                }
                return body;
            }
        }, response);
    }

    /** The body's stream, refusing a read once fewer bytes have come than the rate asks for the time reads waited. */
    private final class Metered extends ServletInputStream {
        private final ServletInputStream in;
        private long waited;
        private long bytes;

        Metered(ServletInputStream in) {
            this.in = in;
        }

        private void check() {
            if (waited < GRACE_NANOS || in.isFinished()) {
                return; // a finished body: the read ahead only finds its end
            }
            long due = minBytesPerSecond * TimeUnit.NANOSECONDS.toMillis(waited) / 1000;
            if (bytes < due) {
                throw new BadMessageException(HttpStatus.REQUEST_TIMEOUT_408, "Request content data rate < " + minBytesPerSecond + " B/s");
            }
        }

        @Override
        public int read() throws IOException {
            check();
            long start = nanoTime.getAsLong();
            int b = in.read();
            waited += nanoTime.getAsLong() - start;
            if (b >= 0) {
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            long start = nanoTime.getAsLong();
            int n = in.read(buffer, offset, length);
            waited += nanoTime.getAsLong() - start;
            if (n > 0) {
                bytes += n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
