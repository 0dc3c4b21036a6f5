package io.flexgate.aaa.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOS method-list semantics for one question: ask the methods in order and return the first real answer.
 * The next method is asked only when the previous one could not answer (its answer is "unavailable", its
 * stage failed, or no service provides that method now), never after an accept or a reject.
 *
 * @param <S> the service type (credential store or authorizer)
 * @param <R> the answer type
 */
final class MethodChain<S, R> {

    private static final Logger LOG = LoggerFactory.getLogger(MethodChain.class);

    private final String list;
    private final List<String> methods;
    private final Function<String, Optional<S>> resolver;
    private final Predicate<R> isUnavailable;
    private final Function<String, R> unavailable;

    /**
     * @param resolver      the service that provides a method now, if any
     * @param isUnavailable whether an answer means "could not answer"
     * @param unavailable   builds the final "could not answer" answer from the collected reasons
     */
    MethodChain(String list, List<String> methods, Function<String, Optional<S>> resolver,
            Predicate<R> isUnavailable, Function<String, R> unavailable) {
        this.list = list;
        this.methods = List.copyOf(methods);
        this.resolver = resolver;
        this.isUnavailable = isUnavailable;
        this.unavailable = unavailable;
    }

    /** Asks {@code question} of each method in turn until one answers. */
    CompletionStage<R> ask(Function<S, CompletionStage<R>> question) {
        return ask(question, 0, new ArrayList<>());
    }

    private CompletionStage<R> ask(Function<S, CompletionStage<R>> question, int index, List<String> reasons) {
        if (index == methods.size()) {
            String why = "method list " + list + ": no method answered (" + String.join("; ", reasons) + ")";
            LOG.warn("{}", why);
            return CompletableFuture.completedFuture(unavailable.apply(why));
        }
        String method = methods.get(index);
        Optional<S> service = resolver.apply(method);
        if (service.isEmpty()) {
            reasons.add(method + ": not available");
            LOG.debug("method list {}: {} is not available, trying the next method", list, method);
            return ask(question, index + 1, reasons);
        }
        CompletionStage<R> answer;
        try {
            answer = question.apply(service.get());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, error) -> {
            if (error == null && !isUnavailable.test(result)) {
                return CompletableFuture.completedFuture(result);
            }
            String reason = error != null ? "failed: " + error : String.valueOf(result);
            reasons.add(method + ": " + reason);
            LOG.debug("method list {}: {} could not answer ({}), trying the next method", list, method, reason);
            return ask(question, index + 1, reasons);
        }).thenCompose(Function.identity());
    }
}
