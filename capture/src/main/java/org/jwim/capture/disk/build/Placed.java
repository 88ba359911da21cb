package org.jwim.capture.disk.build;

/**
 * A partition placed on the disk.
 *
 * @param number   the OS's number (GPT: entry + 1; MBR: 1-4 primary, 5+ logical)
 * @param firstLba first sector
 * @param sectors  length in sectors
 * @param spec     what was asked for
 */
record Placed(int number, long firstLba, long sectors, PartitionSpec spec) {
    long lastLba() {
        return firstLba + sectors - 1;
    }
}
