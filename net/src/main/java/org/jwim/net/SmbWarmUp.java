package org.jwim.net;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2FileId;
import com.hierynomus.mssmb2.messages.SMB2ReadRequest;
import com.hierynomus.mssmb2.messages.SMB2WriteRequest;
import com.hierynomus.ntlm.functions.NtlmV2Functions;
import com.hierynomus.ntlm.messages.TargetInfo;
import com.hierynomus.security.DerivationFunction;
import com.hierynomus.security.Mac;
import com.hierynomus.security.SecurityException;
import com.hierynomus.security.jce.derivationfunction.CounterDerivationParameters;
import com.hierynomus.smb.SMBBuffer;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.auth.NtlmAuthenticator;
import com.hierynomus.smbj.connection.SMBPacketSerializer;
import com.hierynomus.smbj.io.ArrayByteChunkProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client side of an SMB capture and apply in memory, without a server: for a training run
 * of the JVM's ahead-of-time cache (JDK 25's {@code -XX:AOTCacheOutput}), which then holds the
 * classes and method profiles of smbj and of {@link AesCmac} that a capture to a share loads
 * and runs. It builds the client as {@link SmbBackend} does (no connection is made), computes
 * an NTLM logon's messages and keys for a made-up account and challenge, and encodes and signs
 * write requests of the size {@link SmbWriteChannel} sends, with smbj's own serializer. Nothing
 * goes on the network and nothing is kept. Thread-safe (no shared state).
 */
public final class SmbWarmUp {
    /** Bytes of an SMB2 header and of a WRITE request's fixed part, before its data. */
    static final int WRITE_OVERHEAD = 64 + 48;
    /** smbj's unit of credit and of the chunks it copies a write's data in. */
    private static final int CREDIT = 64 << 10;

    private SmbWarmUp() {
    }

    /**
     * Runs the warm-up.
     *
     * @param windows how many write windows of {@link SmbWriteChannel}'s size to encode and sign
     * @return bytes of the write requests encoded (each window's data and its headers)
     * @throws IOException smbj or the JDK refused a step (a broken installation)
     */
    public static long run(int windows) throws IOException {
        SmbConfig config = SmbBackend.config(false);
        try {
            // built as SmbBackend builds one, so that its classes are in the cache; not connected
            new SMBClient(config).close();
            byte[] key = signingKey(config, logon(config));
            byte[] data = new byte[SmbWriteChannel.BUFFER];
            Arrays.fill(data, (byte) 0x5A);
            SMB2FileId file = new SMB2FileId(new byte[8], new byte[8]);
            SMBPacketSerializer serializer = new SMBPacketSerializer();
            long bytes = 0;
            for (int w = 0; w < windows; w++) {
                SMB2WriteRequest write = new SMB2WriteRequest(SMB2Dialect.SMB_3_0_2, file, 1, 1,
                        new ArrayByteChunkProvider(data, 0, data.length, (long) w * data.length), 8 << 20);
                write.setCreditsAssigned((data.length + CREDIT - 1) / CREDIT); // as smbj's Connection does
                bytes += sign(serializer.write(write), key);
                SMB2ReadRequest read = new SMB2ReadRequest(SMB2Dialect.SMB_3_0_2, file, 1, 1, (long) w * data.length,
                        data.length);
                read.setCreditsAssigned((data.length + CREDIT - 1) / CREDIT);
                sign(serializer.write(read), key);
            }
            return bytes;
        } catch (SecurityException | RuntimeException e) {
            throw new IOException("SMB warm-up failed: " + e, e);
        }
    }

    /**
     * An NTLMv2 logon's client messages and keys (SPNEGO token, NT hash, proof); returns the
     * session key.
     */
    private static byte[] logon(SmbConfig config) throws IOException {
        char[] password = "warm-up".toCharArray();
        AuthenticationContext account = new AuthenticationContext("jwim", password, "WORKGROUP");
        NtlmAuthenticator ntlm = new NtlmAuthenticator.Factory().create();
        ntlm.init(config);
        ntlm.authenticate(account, null, null); // the NEGOTIATE token: needs no server yet
        NtlmV2Functions f = new NtlmV2Functions(config.getRandomProvider(), config.getSecurityProvider());
        byte[] nt = f.NTOWFv2(String.valueOf(password), account.getUsername(), account.getDomain());
        byte[] serverChallenge = new byte[8];
        byte[] clientChallenge = new byte[8];
        config.getRandomProvider().nextBytes(serverChallenge);
        config.getRandomProvider().nextBytes(clientChallenge);
        byte[] response = f.getNtV2Response(nt, serverChallenge, clientChallenge, System.currentTimeMillis(), new TargetInfo());
        f.getLmV2Response(nt, serverChallenge, clientChallenge);
        return f.getSessionBaseKey(nt, Arrays.copyOf(response, 16));
    }

    /** The SMB 3.0 signing key of a session key (SP 800-108 counter KDF, as smbj derives it). */
    private static byte[] signingKey(SmbConfig config, byte[] sessionKey) throws SecurityException {
        byte[] label = "SMB2AESCMAC\0".getBytes(StandardCharsets.US_ASCII);
        byte[] context = "SmbSign\0".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = new byte[label.length + 1 + context.length + 4];
        System.arraycopy(label, 0, suffix, 0, label.length);
        System.arraycopy(context, 0, suffix, label.length + 1, context.length);
        suffix[suffix.length - 1] = (byte) 0x80; // 128 bits, big-endian
        DerivationFunction kdf = config.getSecurityProvider().getDerivationFunction("KDF/Counter/HMACSHA256");
        kdf.init(new CounterDerivationParameters(sessionKey, suffix, 32));
        byte[] key = new byte[16];
        kdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** Signs an encoded packet as smbj's packet signatory does: AES-CMAC over it, 64 KiB at a time. */
    private static int sign(SMBBuffer packet, byte[] key) throws SecurityException {
        Mac mac = new SmbSecurity().getMac("AesCmac");
        mac.init(key);
        int n = packet.wpos();
        mac.update(packet.array(), 0, Math.min(n, WRITE_OVERHEAD));
        for (int at = WRITE_OVERHEAD; at < n; at += CREDIT) {
            mac.update(packet.array(), at, Math.min(CREDIT, n - at));
        }
        mac.doFinal();
        return n;
    }
}
