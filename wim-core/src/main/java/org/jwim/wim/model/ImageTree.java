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

    /**
     * This tree without security descriptors (wimlib's {@code --no-acls}): every inode's
     * security id is cleared, in place, and the returned tree shares the dentries.
     */
    public ImageTree withoutSecurity() {
        java.util.ArrayDeque<Dentry> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Dentry d = todo.pop();
            d.inode().securityId(-1);
            d.children().forEach(todo::push);
        }
        return new ImageTree(root, new SecurityDescriptors());
    }

    /** The image's counts as the WIM's XML data records them (walks the tree). */
    public ImageStats stats() {
        return ImageStats.of(root);
    }
}
