package org.jwim.capture.update;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.capture.disk.Volume;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.VolumeIdentity;

/**
 * Pairs the volumes of a disk with their earlier images for {@code capture-disk --update-of}: a
 * volume takes the latest image of a reference WIM captured from a volume of the same serial
 * number and size. Volumes that share both (cloned disks, or serials made within one second)
 * take the latest images of that identity in disk order. Images are read from the last backwards
 * until every volume has its image or none is left. Not thread-safe.
 */
public final class DiskReferences {
    private final Map<Integer, ReferenceImage> byVolume = new HashMap<>();

    private DiskReferences() {
    }

    /**
     * @param first first image index of {@code ref} to consider (1-based)
     * @param last  last image index to consider
     * @param volumes the volumes to be captured, in disk order, on {@code disk}
     */
    public static DiskReferences plan(WimFile ref, int first, int last, FileChannel disk, List<Volume> volumes)
            throws IOException {
        List<VolumeIdentity> ids = new ArrayList<>();
        Map<VolumeIdentity, Integer> need = new HashMap<>();
        for (Volume v : volumes) {
            VolumeIdentity id = VolumeSerials.read(disk, v.offset(), v.length(), v.fileSystem());
            ids.add(id);
            if (id != null) {
                need.merge(id, 1, Integer::sum);
            }
        }
        Map<VolumeIdentity, List<ReferenceImage>> found = new HashMap<>();
        int missing = need.values().stream().mapToInt(Integer::intValue).sum();
        for (int i = last; i >= first && missing > 0; i--) {
            ReferenceImage r = ReferenceImage.read(ref, i);
            VolumeIdentity id = r.volumeIdentity();
            if (id != null && need.containsKey(id)) {
                List<ReferenceImage> list = found.computeIfAbsent(id, k -> new ArrayList<>());
                if (list.size() < need.get(id)) {
                    list.add(r);
                    missing--;
                }
            }
        }
        DiskReferences plan = new DiskReferences();
        Map<VolumeIdentity, Integer> taken = new HashMap<>();
        for (List<ReferenceImage> list : found.values()) {
            Collections.reverse(list); // oldest of the latest first, in the order the volumes were
        }
        for (int k = 0; k < ids.size(); k++) {
            List<ReferenceImage> list = ids.get(k) == null ? null : found.get(ids.get(k));
            if (list != null) {
                int n = taken.merge(ids.get(k), 1, Integer::sum) - 1;
                if (n < list.size()) {
                    plan.byVolume.put(k, list.get(n));
                }
            }
        }
        return plan;
    }

    /** The image the {@code position}-th volume (0-based, as given to plan) is compared with, or null. */
    public ReferenceImage take(int position) {
        return byVolume.remove(position);
    }
}
