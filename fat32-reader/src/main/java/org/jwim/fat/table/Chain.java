package org.jwim.fat.table;

/**
 * A cluster chain turned into runs of consecutive clusters, in chain order.
 *
 * @param runStarts  first cluster of each run (first {@code runCount} entries valid)
 * @param runLengths clusters in each run
 * @param runCount   count of runs
 * @param clusters   total clusters in all runs
 * @param problem    null when the chain is sound for its purpose, else what was wrong and how
 *                   it was cut (the runs are the usable part)
 */
public record Chain(int[] runStarts, int[] runLengths, int runCount, long clusters, String problem) {
    static final Chain EMPTY = new Chain(new int[0], new int[0], 0, 0, null);

    public Chain withProblem(String p) {
        return new Chain(runStarts, runLengths, runCount, clusters, p);
    }
}
