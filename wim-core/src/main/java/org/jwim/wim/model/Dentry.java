package org.jwim.wim.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** One name of an inode in the directory tree. The root has an empty name. */
public final class Dentry {
    private final String name;
    private String shortName;
    private final Inode inode;
    private Dentry parent;
    private final List<Dentry> children = new ArrayList<>();

    public Dentry(String name, Inode inode) {
        this.name = Objects.requireNonNull(name);
        this.inode = Objects.requireNonNull(inode);
        this.shortName = "";
        inode.link(this);
    }

    public String name() {
        return name;
    }

    /** The 8.3 DOS name, or empty. */
    public String shortName() {
        return shortName;
    }

    public Dentry shortName(String value) {
        this.shortName = Objects.requireNonNull(value);
        return this;
    }

    public Inode inode() {
        return inode;
    }

    public Dentry parent() {
        return parent;
    }

    public List<Dentry> children() {
        return Collections.unmodifiableList(children);
    }

    /** Adds {@code child} under this dentry and returns it. */
    public Dentry add(Dentry child) {
        if (child.parent != null) {
            throw new IllegalStateException(child.name + " already has a parent");
        }
        child.parent = this;
        children.add(child);
        return child;
    }

    /** Removes {@code child} and its name from its inode. */
    public void remove(Dentry child) {
        if (children.remove(child)) {
            child.parent = null;
            child.inode.unlink(child);
        }
    }

    /** The child with exactly this name, or null. */
    public Dentry child(String childName) {
        for (Dentry c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** Each inode under this dentry once (hard links share one), this dentry's first. */
    public List<Inode> inodes() {
        // only an inode with several names can be met twice: the others need no identity set,
        // which was most of the cost of this walk (called several times per capture)
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Inode> list = new ArrayList<>();
        ArrayDeque<Dentry> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            if (d.inode.linkCount() < 2 || seen.add(d.inode)) {
                list.add(d.inode);
            }
            for (Dentry c : d.children) {
                stack.push(c);
            }
        }
        return list;
    }

    /** Path from the root with '/' separators; "/" for the root. */
    public String path() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (Dentry d = this; d.parent != null; d = d.parent) {
            sb.insert(0, d.name).insert(0, '/');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return path();
    }
}
