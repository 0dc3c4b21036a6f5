package io.flexgate.ikev2.osgi;

/**
 * A checked configuration object (profile, proposal, transform set ...) published as a service by its
 * configuration component, so that the engine sees objects come, change and go with their files. Private
 * to this bundle.
 *
 * @param <T> the configuration object
 */
public interface ConfigProvider<T> {

    /** The IOS name of the object. */
    String name();

    T value();
}
