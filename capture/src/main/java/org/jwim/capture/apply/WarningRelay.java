package org.jwim.capture.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.common.Warning;

/**
 * Holds warnings until it is told where they go, then passes the held ones and every later one
 * on: a tree built ahead (for an estimate) reports what it met when it is applied. Not
 * thread-safe.
 */
final class WarningRelay implements Consumer<Warning> {
    private final List<Warning> held = new ArrayList<>();
    private Consumer<Warning> target;

    @Override
    public void accept(Warning warning) {
        if (target == null) {
            held.add(warning);
        } else {
            target.accept(warning);
        }
    }

    /** From now on warnings go to {@code value}, starting with those held so far. */
    void to(Consumer<Warning> value) {
        target = Objects.requireNonNull(value);
        held.forEach(value);
        held.clear();
    }
}
