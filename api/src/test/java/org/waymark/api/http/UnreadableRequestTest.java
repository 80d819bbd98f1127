package org.waymark.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/** A body whose reading failed is refused with a 4xx saying why: Jetty's verdict, a timeout (408), or a break (400). */
class UnreadableRequestTest {
    @Test
    void jettysVerdictIsKeptWhereverItIsInTheCauses() {
        ApiException e = UnreadableRequest.ofBody(new IOException(new BadMessageException(413, "Request content too large")));
        assertEquals(413, e.status());
        assertEquals("the request could not be read: Request content too large", e.getMessage());
    }

    @Test
    void aBodyThatStoppedComingIsA408() {
        for (IOException stopped : new IOException[] {new SocketTimeoutException("idle"), new IOException(new TimeoutException("Idle timeout expired"))}) {
            ApiException e = UnreadableRequest.ofBody(stopped);
            assertEquals(408, e.status());
            assertEquals("the request could not be read: the body did not arrive in time", e.getMessage());
        }
    }

    @Test
    void aBodyThatBrokeOffIsA400() {
        ApiException e = UnreadableRequest.ofBody(new EOFException("early EOF"));
        assertEquals(400, e.status());
        assertEquals("the request could not be read: the body broke off", e.getMessage());
    }
}
