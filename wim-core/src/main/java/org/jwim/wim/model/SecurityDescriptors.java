package org.jwim.wim.model;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The security descriptors of an image (self-relative SECURITY_DESCRIPTOR blobs), indexed by
 * security id and deduplicated by content.
 */
public final class SecurityDescriptors {
    private final List<byte[]> descriptors = new ArrayList<>();
    private final Map<ByteBuffer, Integer> ids = new HashMap<>();

    /** Adds a descriptor (or finds an equal one) and returns its security id. */
    public int add(byte[] descriptor) {
        ByteBuffer key = ByteBuffer.wrap(descriptor.clone());
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int next = descriptors.size();
        descriptors.add(key.array());
        ids.put(key, next);
        return next;
    }

    /** Appends a descriptor as read from a WIM, keeping its position even if it is a duplicate. */
    public int addVerbatim(byte[] descriptor) {
        int next = descriptors.size();
        descriptors.add(descriptor.clone());
        ids.putIfAbsent(ByteBuffer.wrap(descriptors.get(next)), next);
        return next;
    }

    public int size() {
        return descriptors.size();
    }

    /** The descriptor bytes for {@code id} (do not modify). */
    public byte[] get(int id) {
        return descriptors.get(id);
    }

    public List<byte[]> all() {
        return Collections.unmodifiableList(descriptors);
    }
}
