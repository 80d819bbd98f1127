package org.waymark.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.waymark.api.admin.AdminAuth;
import org.waymark.api.admin.AdminAuth.Role;
import org.waymark.api.admin.AdminIdentity;

/** WAYMARK_ADMIN_TOKENS: named identities with roles, the older name:hash form as an operator, and clear refusals. */
class AdminIdentitiesTest {
    private static final String A = AdminAuth.sha256("a");
    private static final String B = AdminAuth.sha256("b");
    private static final String C = AdminAuth.sha256("c");

    @Test
    void namesRolesAndTheOlderFormAsAnOperator() {
        List<AdminIdentity> admins = AdminAuth.parse("alice:author+safety-officer:" + A + ", sam:safety-officer:" + B.toUpperCase() + ",ops:" + C);
        assertEquals(List.of("alice", "sam", "ops"), admins.stream().map(AdminIdentity::name).toList());
        assertEquals(Set.of(Role.AUTHOR, Role.SAFETY_OFFICER), admins.get(0).roles());
        assertEquals(B, admins.get(1).sha256(), "hashes compare in lower case");
        assertEquals(Set.of(Role.OPERATOR), admins.get(2).roles(), "name:sha256hex means an operator only");
        assertTrue(AdminAuth.parse(" ").isEmpty());
    }

    @Test
    void badConfigurationIsRefusedSayingWhatIsWrong() {
        assertTrue(refused("alice:reviewer:" + A).contains("unknown admin role 'reviewer' (roles: author, safety-officer, operator)"));
        assertTrue(refused("alice:author:" + A + ",alice:operator:" + B).contains("'alice' is configured twice"));
        assertTrue(refused("alice:author:" + A + ",sam:safety-officer:" + A).contains("shares a token"));
        assertTrue(refused("alice:author:abc").contains("64 hexadecimal digits"));
        assertTrue(refused("alice:author:x:" + A).contains("name:role+role:sha256hex"));
        assertTrue(refused("alice::" + A).contains("unknown admin role ''"));
    }

    private static String refused(String config) {
        return assertThrows(IllegalArgumentException.class, () -> AdminAuth.parse(config)).getMessage();
    }
}
