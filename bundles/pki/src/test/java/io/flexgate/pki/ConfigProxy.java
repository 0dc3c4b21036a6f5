package io.flexgate.pki;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component property type instance backed by a map, the way SCR builds one: method {@code a_b()} reads
 * property {@code a.b}, {@code _password()} reads {@code .password}, defaults come from the annotation.
 */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static <A> A of(Class<A> type, Map<String, ?> properties) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() + properties : null;
            }
            Object value = properties.get(key(method));
            return value == null ? method.getDefaultValue() : convert(method, value);
        });
        return type.cast(proxy);
    }

    static String key(Method method) {
        return method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Method method, Object value) {
        Class<?> type = method.getReturnType();
        if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, value.toString());
        }
        if (type.isArray() && value instanceof String single) {
            Object array = Array.newInstance(type.getComponentType(), 1);
            Array.set(array, 0, single);
            return array;
        }
        return value;
    }
}
