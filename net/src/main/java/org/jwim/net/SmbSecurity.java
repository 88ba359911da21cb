package org.jwim.net;

import com.hierynomus.security.AEADBlockCipher;
import com.hierynomus.security.Cipher;
import com.hierynomus.security.DerivationFunction;
import com.hierynomus.security.Mac;
import com.hierynomus.security.MessageDigest;
import com.hierynomus.security.SecurityException;
import com.hierynomus.security.SecurityProvider;
import com.hierynomus.security.bc.BCSecurityProvider;

/** smbj's cryptography, with packet signatures (AES-CMAC) on the JDK's AES ({@link AesCmac}). */
final class SmbSecurity implements SecurityProvider {
    private final BCSecurityProvider bc = new BCSecurityProvider();

    /** The JDK refused AES, which every JDK has: a broken installation. */
    static final class Failure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Failure(Throwable cause) {
            super("AES failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public Mac getMac(String name) throws SecurityException {
        return "AESCMAC".equalsIgnoreCase(name) ? new AesCmac() : bc.getMac(name); // smbj names it AesCmac
    }

    @Override
    public MessageDigest getDigest(String name) throws SecurityException {
        return bc.getDigest(name);
    }

    @Override
    public Cipher getCipher(String name) throws SecurityException {
        return bc.getCipher(name);
    }

    @Override
    public AEADBlockCipher getAEADBlockCipher(String name) throws SecurityException {
        return bc.getAEADBlockCipher(name);
    }

    @Override
    public DerivationFunction getDerivationFunction(String name) throws SecurityException {
        return bc.getDerivationFunction(name);
    }
}
