package org.waymark.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one source order for a command's settings: a flag wins; else the environment variable WAYMARK_&lt;OPTION&gt;
 * ({@code --idle-timeout} is WAYMARK_IDLE_TIMEOUT); else the key &lt;option&gt; in the config file ({@code idle-timeout:});
 * else the option's default. Picocli asks this provider only for options not given as flags.
 */
public final class SettingsSources implements IDefaultValueProvider {
    private final Function<String, String> environment;
    private final Map<String, String> file;

    private SettingsSources(Function<String, String> environment, Map<String, String> file) {
        this.environment = environment;
        this.file = Map.copyOf(file);
    }

    /**
     * Settings for {@code command} from {@code environment} and the optional YAML {@code configFile} (flat keys, each a
     * long option name without its dashes; a list for a repeatable option). A key the command does not know is refused.
     */
    public static SettingsSources of(CommandSpec command, Function<String, String> environment, Optional<Path> configFile) {
        Map<String, String> values = configFile.map(SettingsSources::read).orElse(Map.of());
        Set<String> known = command.options().stream().filter(SettingsSources::configurable).map(SettingsSources::key)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> unknown = values.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(configFile.orElseThrow() + ": unknown settings " + unknown + "; known: " + known);
        }
        return new SettingsSources(environment, values);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !configurable(option)) {
            return null;
        }
        String fromEnvironment = environment.apply(environmentName(option));
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : file.get(key(option));
    }

    static String environmentName(OptionSpec option) {
        return "WAYMARK_" + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean configurable(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && option.longestName().startsWith("--") && !option.longestName().equals("--config");
    }

    private static String key(OptionSpec option) {
        return option.longestName().substring(2);
    }

    private static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": the config file is a map of settings, e.g. 'port: 8080'");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), scalarOrList(file, e.getKey(), e.getValue()));
        }
        return values;
    }

    /** A scalar as its text; a list (for a repeatable option) joined with commas, as the option splits it. */
    private static String scalarOrList(Path file, String key, JsonNode value) {
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && StreamSupport.stream(value.spliterator(), false).allMatch(JsonNode::isValueNode)) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        throw new IllegalArgumentException(file + ": setting '" + key + "' must be a value or a list of values");
    }
}
