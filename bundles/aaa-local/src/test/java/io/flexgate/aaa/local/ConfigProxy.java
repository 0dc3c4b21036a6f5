package io.flexgate.aaa.local;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A configuration annotation instance built from string properties the way DS does for a {@code .cfg}
 * file: method {@code pool_name} reads key {@code pool.name}, a {@code String[]} gets the one string as
 * its single element, and absent keys give the method's default.
 */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static <A> A of(Class<A> type, Map<String, String> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if ("annotationType".equals(method.getName())) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + properties : null;
            }
            String value = properties.get(method.getName().replace('_', '.'));
            return value == null ? defaultOf(method) : convert(value, method.getReturnType());
        });
        return type.cast(proxy);
    }

    private static Object defaultOf(Method method) {
        Object d = method.getDefaultValue();
        if (d == null) {
            throw new IllegalArgumentException("required property " + method.getName().replace('_', '.') + " missing");
        }
        return d;
    }

    private static Object convert(String value, Class<?> type) {
        if (type == String.class) {
            return value;
        }
        if (type == String[].class) {
            return new String[] {value};
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        }
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }
}
