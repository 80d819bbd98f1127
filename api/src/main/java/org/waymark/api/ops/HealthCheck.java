package org.waymark.api.ops;

import java.util.Objects;

/**
 * One named part of the server's health, as {@code /health} and {@code /health/ready} list it. DOWN makes the
 * server not ready (503); DEGRADED still serves but needs an operator. Add a check by adding one to the list
 * {@link WaymarkServer} gives {@link HealthHandler}.
 */
public interface HealthCheck {
    enum Status { UP, DEGRADED, DOWN }

    /** What a check found: its status and, when not UP, what is wrong (never record content). */
    record Result(Status status, String detail) {
        public Result {
            Objects.requireNonNull(status, "status");
            detail = Objects.requireNonNullElse(detail, "");
        }

        public static Result up() {
            return new Result(Status.UP, "");
        }

        public static Result down(String detail) {
            return new Result(Status.DOWN, detail);
        }
    }

    String name();

    Result check();

    static HealthCheck of(String name, java.util.function.Supplier<Result> check) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Result check() {
                return check.get();
            }
        };
    }
}
