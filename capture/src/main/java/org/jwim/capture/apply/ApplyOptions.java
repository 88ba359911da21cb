package org.jwim.capture.apply;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.common.Warning;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.blob.Sha1;

/**
 * How an image is written, for every {@link ApplyTarget} (a target ignores what it has no use
 * for: FAT has no links to re-root, a directory no FAT time zone). Immutable; the withers return
 * copies.
 *
 * @param readOrder   where each blob lies in its container ({@code WimFile::readOrder}), so data
 *                    is read front to back; null writes in tree order
 * @param threads     threads that read, decompress or write file data
 * @param progress    receives apply progress and is polled for cancellation
 * @param warnings    receives each warning as it is raised
 * @param skipCorrupt skip (and report) files whose blob is corrupt instead of failing
 * @param readOnly    directory targets: clear the write permission of read-only files
 * @param rpfix       directory targets: re-root absolute link targets the capture rewrote
 * @param fatTimeZone FAT targets: zone the local times are written in
 * @param requireCrashSafe raw NTFS targets: refuse, with nothing changed, when the old volume
 *                    lacks the free space for a crash-safe apply (default: apply in place
 *                    after a warning)
 */
public record ApplyOptions(ToLongFunction<Sha1> readOrder, int threads, ProgressListener progress,
        Consumer<Warning> warnings, boolean skipCorrupt, boolean readOnly, boolean rpfix, ZoneId fatTimeZone,
        boolean requireCrashSafe) {
    public ApplyOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(progress);
        Objects.requireNonNull(warnings);
        Objects.requireNonNull(fatTimeZone);
    }

    /** Tree order, one thread per processor, no progress, warnings dropped, FAT times in UTC. */
    public static ApplyOptions defaults() {
        return new ApplyOptions(null, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, w -> { },
                false, false, false, ZoneOffset.UTC, false);
    }

    public ApplyOptions readOrder(ToLongFunction<Sha1> value) {
        return new ApplyOptions(value, threads, progress, warnings, skipCorrupt, readOnly, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions threads(int value) {
        return new ApplyOptions(readOrder, value, progress, warnings, skipCorrupt, readOnly, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions progress(ProgressListener value) {
        return new ApplyOptions(readOrder, threads, value, warnings, skipCorrupt, readOnly, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions warnings(Consumer<Warning> value) {
        return new ApplyOptions(readOrder, threads, progress, value, skipCorrupt, readOnly, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions skipCorrupt(boolean value) {
        return new ApplyOptions(readOrder, threads, progress, warnings, value, readOnly, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions readOnly(boolean value) {
        return new ApplyOptions(readOrder, threads, progress, warnings, skipCorrupt, value, rpfix,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions rpfix(boolean value) {
        return new ApplyOptions(readOrder, threads, progress, warnings, skipCorrupt, readOnly, value,
                fatTimeZone, requireCrashSafe);
    }

    public ApplyOptions fatTimeZone(ZoneId value) {
        return new ApplyOptions(readOrder, threads, progress, warnings, skipCorrupt, readOnly, rpfix,
                value, requireCrashSafe);
    }

    public ApplyOptions requireCrashSafe(boolean value) {
        return new ApplyOptions(readOrder, threads, progress, warnings, skipCorrupt, readOnly, rpfix, fatTimeZone,
                value);
    }

    /** The read order, or "all at position 0" (tree order) when none is set. */
    ToLongFunction<Sha1> readOrderOrTree() {
        return readOrder == null ? h -> 0 : readOrder;
    }
}
