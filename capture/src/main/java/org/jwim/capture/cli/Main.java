package org.jwim.capture.cli;

/** Entry point of the jwim command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("jwim");
    }
}
