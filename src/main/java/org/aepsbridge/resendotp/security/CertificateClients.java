package org.aepsbridge.resendotp.security;

import io.quarkus.security.credential.CertificateCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * With mutual TLS, Quarkus' certificate mechanism names the caller by the certificate's
 * whole subject DN. The client is its common name (CN), or, for a certificate without one,
 * its first DNS subject alternative name: the same short name an API key's client has, for
 * results, logs, metrics and {@code aopay.security.clients.<name>.quota-per-minute}.
 * Which certificates are let in at all is the TLS trust store's decision.
 */
@ApplicationScoped
public class CertificateClients implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        CertificateCredential credential = identity.getCredential(CertificateCredential.class);
        if (credential == null || credential.getCertificate() == null) {
            return Uni.createFrom().item(identity);
        }
        String client = clientOf(credential.getCertificate());
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .setPrincipal(new QuarkusPrincipal(client))
                        .build());
    }

    /** CN of the subject, else the first DNS SAN, else the whole subject DN. */
    static String clientOf(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException unreadable) {
            // fall through to the alternative names
        }
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(2).equals(name.get(0))) { // dNSName
                        return name.get(1).toString();
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // fall through to the subject
        }
        return subject;
    }
}
