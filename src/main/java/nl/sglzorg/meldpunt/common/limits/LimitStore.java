package nl.sglzorg.meldpunt.common.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.common.jdbc.DatabaseInUse;

/**
 * Where the token buckets of every limit live. On PostgreSQL in the shared database (table
 * {@code abuse_limit_bucket}, through Bucket4j's select-for-update proxy manager), so that every
 * instance counts against one limit; on H2, which serves one instance, in memory.
 *
 * <p>A bucket's key names a client address or a user name; it is stored only as a keyed hash
 * (HMAC-SHA256). On PostgreSQL the key is shared by the instances through the database
 * ({@code abuse_limit_secret}), so they agree on the hash; in memory it is new at every start.
 * A bucket is deleted once it would be full again: a full bucket and no bucket are the same.
 */
@ApplicationScoped
public class LimitStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource dataSource;

    @Inject
    DatabaseInUse databaseInUse;

    private volatile Backend backend;

    /** The bucket for {@code key}, made with {@code configuration} when there is none yet. */
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        Backend current = backend();
        return current.bucket(current.hash(key), configuration);
    }

    /** Whether the buckets are shared by every instance (PostgreSQL). */
    public boolean shared() {
        return backend() instanceof Database;
    }

    @Scheduled(every = "10m", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        if (backend() instanceof Database database) {
            int removed;
            do {
                removed = database.buckets.removeExpired(1000);
            } while (removed == 1000);
        }
    }

    private Backend backend() {
        Backend current = backend;
        if (current == null) {
            synchronized (this) {
                if (backend == null) {
                    backend = databaseInUse.isPostgreSQL() ? new Database(dataSource) : new Memory();
                }
                current = backend;
            }
        }
        return current;
    }

    private abstract static class Backend {

        private final Mac mac;

        Backend(byte[] secret) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }

        String hash(String key) {
            byte[] hash;
            synchronized (mac) {
                hash = mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(hash, 0, 20);
        }

        abstract Bucket bucket(String hashedKey, Supplier<BucketConfiguration> configuration);
    }

    /** One instance: buckets in memory, at most 200,000, each forgotten a day after its last use. */
    private static final class Memory extends Backend {

        private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofDays(1))
                .build();

        Memory() {
            super(randomSecret());
        }

        @Override
        Bucket bucket(String hashedKey, Supplier<BucketConfiguration> configuration) {
            return buckets.get(hashedKey, key -> {
                LocalBucketBuilder builder = Bucket.builder();
                for (Bandwidth limit : configuration.get().getBandwidths()) {
                    builder.addLimit(limit);
                }
                return builder.build();
            });
        }
    }

    /** Every instance: buckets in PostgreSQL, each row removed once its bucket would be full again. */
    private static final class Database extends Backend {

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        Database(DataSource dataSource) {
            super(sharedSecret(dataSource));
            buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("abuse_limit_bucket")
                    .idColumn("id")
                    .stateColumn("state")
                    .expiresAtColumn("expires_at")
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                    .build();
        }

        @Override
        Bucket bucket(String hashedKey, Supplier<BucketConfiguration> configuration) {
            return buckets.builder().build(hashedKey, configuration);
        }

        /** The first instance to start writes a random key; every instance then reads the same one. */
        private static byte[] sharedSecret(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO abuse_limit_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                    insert.setString(1, HexFormat.of().formatHex(randomSecret()));
                    insert.executeUpdate();
                }
                try (PreparedStatement select = connection.prepareStatement("SELECT secret FROM abuse_limit_secret WHERE id = 1");
                        ResultSet row = select.executeQuery()) {
                    row.next();
                    return HexFormat.of().parseHex(row.getString(1));
                }
            } catch (SQLException e) {
                Log.error("the shared key of the abuse limits cannot be read");
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] randomSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }
}
