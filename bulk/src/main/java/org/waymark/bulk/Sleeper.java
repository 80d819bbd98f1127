package org.waymark.bulk;

import java.time.Duration;

/** Waits between status polls; a seam so the polling logic is tested without waiting. */
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
