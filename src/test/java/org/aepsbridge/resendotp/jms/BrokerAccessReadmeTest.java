package org.aepsbridge.resendotp.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.aepsbridge.resendotp.support.BrokerUsers;
import org.apache.activemq.artemis.core.security.Role;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The {@code broker.xml} for an external production broker that docs/jms.md ("Who may use
 * the broker") shows grants exactly what
 * the embedded broker enforces ({@link BrokerAccess}), so an operator who copies it gets
 * the roles the tests prove.
 */
class BrokerAccessReadmeTest {

    /** Match, then role, then the permission types granted there. */
    static Map<String, Map<String, Set<String>>> fromReadme(Document xml) {
        Map<String, Map<String, Set<String>>> settings = new TreeMap<>();
        NodeList settingNodes = xml.getElementsByTagName("security-setting");
        for (int i = 0; i < settingNodes.getLength(); i++) {
            Element setting = (Element) settingNodes.item(i);
            Map<String, Set<String>> roles =
                    settings.computeIfAbsent(setting.getAttribute("match"), m -> new TreeMap<>());
            NodeList permissions = setting.getElementsByTagName("permission");
            for (int j = 0; j < permissions.getLength(); j++) {
                Element permission = (Element) permissions.item(j);
                for (String role : permission.getAttribute("roles").split(",")) {
                    roles.computeIfAbsent(role.trim(), r -> new TreeSet<>()).add(permission.getAttribute("type"));
                }
            }
        }
        return settings;
    }

    static Map<String, Set<String>> granted(Set<Role> roles) {
        Map<String, Set<String>> byRole = new TreeMap<>();
        for (Role role : roles) {
            Set<String> types = new TreeSet<>();
            add(types, role.isSend(), "send");
            add(types, role.isConsume(), "consume");
            add(types, role.isBrowse(), "browse");
            add(types, role.isCreateAddress(), "createAddress");
            add(types, role.isDeleteAddress(), "deleteAddress");
            add(types, role.isCreateDurableQueue(), "createDurableQueue");
            add(types, role.isDeleteDurableQueue(), "deleteDurableQueue");
            add(types, role.isCreateNonDurableQueue(), "createNonDurableQueue");
            add(types, role.isDeleteNonDurableQueue(), "deleteNonDurableQueue");
            add(types, role.isManage(), "manage");
            byRole.put(role.getName(), types);
        }
        return byRole;
    }

    private static void add(Set<String> types, boolean granted, String type) {
        if (granted) {
            types.add(type);
        }
    }

    static Document readmeBrokerXml() throws Exception {
        String readme = Files.readString(Path.of("docs/jms.md"));
        int section = readme.indexOf("**An external production broker**");
        assertTrue(section > 0, "the external broker paragraph of docs/jms.md is gone");
        int start = readme.indexOf("```xml\n", section) + "```xml\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader("<broker>" + snippet + "</broker>")));
    }

    @Test
    void theReadmesSecuritySettingsAreTheEmbeddedBrokersRoles() throws Exception {
        Document xml = readmeBrokerXml();
        Map<String, Map<String, Set<String>>> readme = fromReadme(xml);
        Map<String, Set<Role>> enforced = BrokerUsers.access().securitySettings();
        for (Map.Entry<String, Map<String, Set<String>>> shown : readme.entrySet()) {
            assertTrue(
                    enforced.containsKey(shown.getKey()),
                    "docs/jms.md shows a match the broker does not have: " + shown.getKey());
            assertEquals(granted(enforced.get(shown.getKey())), shown.getValue(), "rights on " + shown.getKey());
        }
        // docs/jms.md shows the success queue for every result queue and the DLQ ("the same for ...")
        for (String same : new String[] {
            "aopay.resendotp.failed", "aopay.resendotp.rejected", "aopay.resendotp.error", "aopay.resendotp.dlq"
        }) {
            assertEquals(granted(enforced.get("aopay.resendotp.success")), granted(enforced.get(same)), same);
        }
        assertEquals(
                Set.of("aopay.resendotp.requests", "aopay.resendotp.success", "uuid.#", "aopay.resendotp.replies.#"),
                readme.keySet());
        assertEquals(
                "true",
                xml.getElementsByTagName("populate-validated-user").item(0).getTextContent());
        assertEquals(
                BrokerAccess.UUID_NAMESPACE,
                xml.getElementsByTagName("uuid-namespace").item(0).getTextContent());
    }
}
