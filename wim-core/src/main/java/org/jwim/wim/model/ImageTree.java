package org.jwim.wim.model;

/** An image's content: its directory tree and its security descriptors. */
public final class ImageTree {
    private final Dentry root;
    private final SecurityDescriptors security;

    public ImageTree(Dentry root, SecurityDescriptors security) {
        if (!root.inode().isDirectory()) {
            throw new IllegalArgumentException("the root of an image must be a directory");
        }
        this.root = root;
        this.security = security;
    }

    /** A tree with an empty root directory and no security descriptors. */
    public static ImageTree empty() {
        return new ImageTree(new Dentry("", new Inode(Inode.ATTR_DIRECTORY)),
                new SecurityDescriptors());
    }

    public Dentry root() {
        return root;
    }

    public SecurityDescriptors security() {
        return security;
    }

    /** The image's counts as the WIM's XML data records them (walks the tree). */
    public ImageStats stats() {
        return ImageStats.of(root);
    }
}
