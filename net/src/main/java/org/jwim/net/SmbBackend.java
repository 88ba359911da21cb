package org.jwim.net;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jwim.common.Futures;
import org.jwim.wim.WimWriter;

/**
 * An SMB 2/3 server and one account (smbj): signing and encryption as the server asks. The
 * first name of a path is the share. Writes go where the WIM writer puts them (a temporary
 * name beside the target, renamed over it at commit); after a rename, temporary files of
 * earlier runs that were killed are deleted.
 */
final class SmbBackend implements Backend {
    private final URI server;
    private final String base;
    private SMBClient client;
    private Session session;
    /** The configuration the session logged on with: a new one (another command) logs on again. */
    private NetConfig used;
    private final Map<String, DiskShare> shares = new HashMap<>();
    /** The logon {@link #connectAhead} started and no call has waited for yet, and its configuration. */
    private Future<DiskShare> ahead;
    private NetConfig aheadConfig;
    /**
     * Whether to encrypt (SMB3). Off at first (it costs CPU); a server or share that requires
     * it refuses the session or the share with ACCESS_DENIED, and the logon is retried with it.
     */
    private boolean encrypt;

    SmbBackend(URI server) {
        this.server = server;
        this.base = NetPaths.base(server);
    }

    /**
     * Starts logging on to the server and connecting {@code p}'s share on a thread of its own,
     * so that what does not need the share (a capture's scan) runs meanwhile: over loopback the
     * logon takes 0.5 s of CPU and up to 1.3 s of wall under load.
     */
    @Override
    public void connectAhead(RemotePath p) {
        if (p.getNameCount() == 0) {
            return;
        }
        AesCmac.warmUp();
        NetConfig c = NetPaths.config();
        FutureTask<DiskShare> logon = new FutureTask<>(() -> connect(p, c));
        synchronized (this) {
            ahead = logon;
            aheadConfig = c;
        }
        Thread t = new Thread(logon, "jwim-smb-logon");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The connected share of {@code p}. The first call after {@link #connectAhead} waits for
     * that logon and throws its failure (under the same configuration: a later command with
     * other credentials logs on again).
     */
    private DiskShare share(RemotePath p) throws IOException {
        Future<DiskShare> logon;
        NetConfig c;
        synchronized (this) {
            logon = ahead;
            c = aheadConfig;
            ahead = null;
            aheadConfig = null;
        }
        if (logon != null) {
            try {
                Futures.await(logon, "logging on to " + base);
            } catch (IOException | RuntimeException e) {
                if (c == NetPaths.config()) {
                    throw e;
                }
            }
        }
        return connect(p, NetPaths.config());
    }

    /** The connected share of {@code p}, logged on with {@code c} (again if the session used another). */
    private synchronized DiskShare connect(RemotePath p, NetConfig c) throws IOException {
        if (p.getNameCount() == 0) {
            throw new NetException(p + ": name a share (smb://server/share/path.wim)");
        }
        String name = p.getName(0).toString();
        Session current = session(c); // logs on again after a configuration change, dropping the shares
        DiskShare s = shares.get(name);
        if (s != null && s.isConnected()) {
            return s;
        }
        try {
            s = (DiskShare) current.connectShare(name);
        } catch (SMBApiException e) {
            if (e.getStatus() == NtStatus.STATUS_ACCESS_DENIED && !encrypt) {
                encryptFromNowOn();
                return connect(p, c);
            }
            if (e.getStatus() == NtStatus.STATUS_BAD_NETWORK_NAME) {
                throw new NetException(base + "/" + name + ": no such share on the server");
            }
            throw new NetException(base + "/" + name + ": " + status(e), e);
        } catch (ClassCastException e) {
            throw new NetException(base + "/" + name + ": not a disk share");
        } catch (SMBRuntimeException e) {
            throw new NetException(base + "/" + name + ": connection to the server lost (" + e.getMessage() + ")", e);
        }
        shares.put(name, s);
        return s;
    }

    private Session session(NetConfig c) throws IOException {
        if (session != null && session.getConnection().isConnected() && used == c) {
            return session;
        }
        reconnect();
        AesCmac.warmUp();
        used = c;
        String user = c.user() != null ? c.user() : server.getUserInfo();
        String domain = "";
        if (user != null) {
            int sep = Math.max(user.indexOf(';'), user.indexOf('\\'));
            if (sep >= 0) {
                domain = user.substring(0, sep);
                user = user.substring(sep + 1);
            }
        }
        if (client == null) {
            client = new SMBClient(config(encrypt));
        }
        Connection conn;
        try {
            conn = server.getPort() < 0 ? client.connect(server.getHost()) : client.connect(server.getHost(), server.getPort());
        } catch (IOException e) {
            throw new NetException(base + ": cannot connect (" + e.getMessage() + ")", e);
        }
        AuthenticationContext auth = user == null ? AuthenticationContext.anonymous()
                : new AuthenticationContext(user, c.password() == null ? new char[0] : c.password(), domain);
        try {
            session = conn.authenticate(auth);
        } catch (SMBApiException e) {
            conn.close();
            if (e.getStatus() == NtStatus.STATUS_ACCESS_DENIED && !encrypt) {
                encryptFromNowOn();
                return session(c);
            }
            if (e.getStatus() == NtStatus.STATUS_LOGON_FAILURE || e.getStatus() == NtStatus.STATUS_ACCESS_DENIED) {
                throw new NetException(base + ": logon failed (wrong user or password)");
            }
            throw new NetException(base + ": logon failed (" + status(e) + ")", e);
        } catch (SMBRuntimeException e) {
            conn.close();
            throw new NetException(base + ": connection to the server lost during logon (" + e.getMessage() + ")", e);
        }
        shares.clear();
        return session;
    }

    /** smbj's configuration for a client, also the one {@link SmbWarmUp} uses. */
    static SmbConfig config(boolean encrypt) {
        // a request on a connection the server dropped fails only at this timeout: keep it short
        return SmbConfig.builder().withEncryptData(encrypt).withTimeout(20, TimeUnit.SECONDS)
                .withSoTimeout(30, TimeUnit.SECONDS).withBufferSize(8 << 20)
                .withSocketFactory(new NoDelaySockets()).withSecurityProvider(new SmbSecurity()).build();
    }

    private void encryptFromNowOn() {
        encrypt = true;
        reconnect();
        client.close();
        client = null;
        used = null;
    }

    /** Drops the connection so that the next use connects again (after a server restart). */
    synchronized void reconnect() {
        try {
            if (session != null) {
                session.getConnection().close(true);
            }
        } catch (IOException | RuntimeException e) {
            // it is already gone
        }
        session = null;
        shares.clear();
    }

    /** The path inside its share, with backslashes. */
    static String inShare(RemotePath p) {
        String[] n = p.names();
        return String.join("\\", java.util.Arrays.copyOfRange(n, 1, n.length));
    }

    /** A failure of the connection itself (the server went away), as a one-line exception. */
    static IOException lost(RemotePath p, SMBRuntimeException e) {
        return new NetException(p + ": connection to the server lost (" + e.getMessage() + ")", e);
    }

    private static String status(SMBApiException e) {
        return e.getStatus() != null ? e.getStatus().name() : e.getMessage();
    }

    /** A call to the server about one path. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    /** Runs {@code call}, its smbj failures as the one-line exceptions of {@link #failure} and {@link #lost}. */
    private static <T> T on(RemotePath p, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SMBApiException e) {
            throw failure(p, e);
        } catch (SMBRuntimeException e) {
            throw lost(p, e);
        }
    }

    /** The IOException for a failed call on {@code p}. */
    static IOException failure(RemotePath p, SMBApiException e) {
        NtStatus s = e.getStatus();
        if (s == NtStatus.STATUS_OBJECT_NAME_NOT_FOUND || s == NtStatus.STATUS_OBJECT_PATH_NOT_FOUND
                || s == NtStatus.STATUS_NO_SUCH_FILE) {
            return new NoSuchFileException(p.toString());
        }
        if (s == NtStatus.STATUS_ACCESS_DENIED) {
            return new AccessDeniedException(p.toString());
        }
        if (s == NtStatus.STATUS_OBJECT_NAME_COLLISION) {
            return new FileAlreadyExistsException(p.toString());
        }
        return new NetException(p + ": " + status(e), e);
    }

    /** Opens {@code p} again (after {@link #reconnect()}), for a resumed read. */
    File open(RemotePath p, boolean write, boolean createNew, boolean truncate) throws IOException {
        DiskShare s = share(p);
        if (write) {
            // others may read the file being written but not delete it: a later run's
            // clean-up of stale temporary files skips it while this run holds it
            return on(p, () -> s.openFile(inShare(p), EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE,
                    AccessMask.DELETE), null, EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ),
                    createNew ? SMB2CreateDisposition.FILE_CREATE : truncate ? SMB2CreateDisposition.FILE_OVERWRITE_IF
                            : SMB2CreateDisposition.FILE_OPEN_IF, null));
        }
        return on(p, () -> s.openFile(inShare(p), EnumSet.of(AccessMask.GENERIC_READ), null, SMB2ShareAccess.ALL,
                SMB2CreateDisposition.FILE_OPEN, null));
    }

    @Override
    public FileChannel openRead(RemotePath p) throws IOException {
        try {
            return new SmbReadChannel(this, p, open(p, false, false, false));
        } catch (SMBRuntimeException e) {
            throw lost(p, e);
        }
    }

    @Override
    public FileChannel openWrite(RemotePath p, boolean createNew, boolean truncate) throws IOException {
        try {
            return new SmbWriteChannel(p, open(p, true, createNew, truncate));
        } catch (SMBRuntimeException e) {
            throw lost(p, e);
        }
    }

    @Override
    public RemoteAttributes stat(RemotePath p) throws IOException {
        if (p.getNameCount() <= 1) {
            share(p);
            return new RemoteAttributes(0, true, FileTime.fromMillis(0));
        }
        FileAllInformation i = on(p, () -> share(p).getFileInformation(inShare(p)));
        return new RemoteAttributes(i.getStandardInformation().getEndOfFile(), i.getStandardInformation().isDirectory(),
                FileTime.fromMillis(i.getBasicInformation().getLastWriteTime().toEpochMillis()));
    }

    @Override
    public void delete(RemotePath p) throws IOException {
        on(p, () -> {
            share(p).rm(inShare(p));
            return null;
        });
    }

    @Override
    public void move(RemotePath from, RemotePath to, boolean replace) throws IOException {
        if (!from.getName(0).equals(to.getName(0))) {
            throw new NetException(from + " -> " + to + ": cannot rename across shares");
        }
        try (File f = share(from).openFile(inShare(from), EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_READ), null,
                SMB2ShareAccess.ALL, SMB2CreateDisposition.FILE_OPEN, null)) {
            f.rename(inShare(to), replace);
        } catch (SMBApiException e) {
            throw failure(from, e);
        } catch (SMBRuntimeException e) {
            throw lost(from, e);
        }
        removeStaleTemporaries(to);
    }

    /** Deletes temporary files of killed writers of {@code target}; one still open elsewhere stays. */
    private void removeStaleTemporaries(RemotePath target) throws IOException {
        RemotePath dir = (RemotePath) target.getParent();
        String name = target.getFileName().toString();
        for (String n : list(dir)) {
            if (WimWriter.isTemporaryName(n, name)) {
                try {
                    share(dir).rm(inShare((RemotePath) dir.resolve(n)));
                } catch (SMBApiException e) {
                    // in use by a running writer, or gone already
                }
            }
        }
    }

    @Override
    public List<String> list(RemotePath dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileIdBothDirectoryInformation i : on(dir, () -> share(dir).list(inShare(dir)))) {
            if (!Set.of(".", "..").contains(i.getFileName())) {
                names.add(i.getFileName());
            }
        }
        return names;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public synchronized void close() {
        reconnect();
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
