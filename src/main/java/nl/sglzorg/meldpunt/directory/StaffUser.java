package nl.sglzorg.meldpunt.directory;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A staff member who signs in with HTTP Basic; the password is stored bcrypt-hashed. */
@Entity
@Table(name = "staff_user")
public class StaffUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    /** Comma-separated. */
    @Column(nullable = false)
    public String roles;

    /** For a functionaris: the function of the accounts table they act for. */
    @Column(name = "function_code")
    public String functionCode;

    /** For a leidinggevende: the unit they manage. */
    @Column(name = "unit_code")
    public String unitCode;

    public String email;

    /**
     * Whether the organisation's groups set its roles ({@link ProviderSignIn}): made or changed by a mapped
     * group at a sign-in. Its roles are then taken when its person is in no mapped group any more.
     */
    @Column(name = "roles_from_provider", nullable = false)
    public boolean rolesFromProvider;

    /** A disabled account cannot sign in; it is kept for the history it appears in. */
    @Column(nullable = false)
    public boolean enabled = true;

    @Version
    public long version;

    public static Optional<StaffUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** The accounts with this e-mail address, whatever its case. */
    public static List<StaffUser> findByEmail(String email) {
        return list("lower(email) = ?1", email.toLowerCase(Locale.ROOT));
    }

    /** Counts the enabled users with a role, locking their rows until the transaction ends. */
    public static long lockAndCountWithRole(String role) {
        // Role names are fixed words that are not part of one another, so a substring match is exact.
        return find("roles like ?1 and enabled = true", "%" + role + "%")
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().size();
    }

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public void setRoles(Set<String> roleSet) {
        roles = String.join(",", new TreeSet<>(roleSet));
    }

    public void setPassword(String plain) {
        passwordHash = BcryptUtil.bcryptHash(plain);
    }
}
