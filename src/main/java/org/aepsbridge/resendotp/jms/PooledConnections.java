package org.aepsbridge.resendotp.jms;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import jakarta.jms.ConnectionFactory;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * Pooled JMS connections (messaginghub pooled-jms) over the Artemis connection factory
 * that quarkus-artemis-jms configures from {@code quarkus.artemis.*}. The JMS component
 * uses it by name ({@code camel.component.jms.connection-factory}).
 */
@ApplicationScoped
@RegisterForReflection(targets = JmsPoolConnectionFactory.class)
public class PooledConnections {

    /** Marks the pooled factory, so the Artemis factory stays the only default one. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
    public @interface Pooled {}

    @Produces
    @ApplicationScoped
    @Pooled
    @Named("pooledConnectionFactory")
    JmsPoolConnectionFactory pooled(
            ConnectionFactory artemis,
            EmbeddedBroker embeddedBroker,
            // Its value reaches the Artemis factory through the broker URL (${aopay.jms.tls.trust-store-password});
            // injected here, where that URL is used, so that Quarkus registers the setting as known.
            BrokerTrustStore trustStore) {
        embeddedBroker.ensureStarted();
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(artemis);
        pool.setMaxConnections(2);
        pool.setMaxSessionsPerConnection(500);
        return pool;
    }

    void close(@Disposes @Pooled JmsPoolConnectionFactory pool) {
        pool.stop();
    }
}
