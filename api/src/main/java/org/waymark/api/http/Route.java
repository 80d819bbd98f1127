package org.waymark.api.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Objects;
import java.util.Set;

/**
 * One route as data, with the roles that may call it, so a group of handlers lists its routes and the server declares
 * their access once. A route naming no role is not checked by the admin authorisation (the workbench guards its pages
 * with its own session).
 */
public record Route(HandlerType method, String path, Handler handler, Set<RouteRole> roles) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        roles = Set.copyOf(roles);
    }

    /** The same route for callers holding one of {@code needed}. */
    public Route withRoles(RouteRole... needed) {
        return new Route(method, path, handler, Set.of(needed));
    }

    public static Route get(String path, Handler handler, RouteRole... roles) {
        return new Route(HandlerType.GET, path, handler, Set.of(roles));
    }

    public static Route post(String path, Handler handler, RouteRole... roles) {
        return new Route(HandlerType.POST, path, handler, Set.of(roles));
    }

    public static Route delete(String path, Handler handler, RouteRole... roles) {
        return new Route(HandlerType.DELETE, path, handler, Set.of(roles));
    }

    /** The roles as Javalin takes them. */
    public RouteRole[] roleArray() {
        return roles.toArray(RouteRole[]::new);
    }
}
