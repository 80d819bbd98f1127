package org.waymark.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/** Wraps a Drools interface (KieBase, pool, session) to watch or hold calls to it; equal by identity. */
public final class Proxies {
    private Proxies() {
    }

    public interface Call {
        /** A result for the call, or null to pass it to the target. */
        Object handle(Method method, Object[] args) throws Exception;
    }

    public static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return self == args[0];
            }
            if (method.getName().equals("hashCode") && (args == null || args.length == 0)) {
                return System.identityHashCode(self);
            }
            Object handled = call.handle(method, args);
            try {
                return handled != null ? handled : method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
