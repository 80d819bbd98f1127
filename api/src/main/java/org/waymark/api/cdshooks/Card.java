package org.waymark.api.cdshooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CDS Hooks 2.0 card (spec §Card Attributes). Serialised by the API's mapper, which leaves out null and empty
 * values; {@code extension} carries Waymark's provenance under its key.
 */
public record Card(String uuid, String summary, String indicator, String detail, Source source, List<CardSuggestion> suggestions,
                   String selectionBehavior, List<Coding> overrideReasons, List<Link> links, Map<String, Provenance> extension) {
    /** Who issued the card and the recommendation it carries ({@code topic}). */
    public record Source(String label, Coding topic) {
        public Source {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A link for the user (spec §Link); {@code type} is absolute or smart. */
    public record Link(String label, String url, String type) {
        public Link {
            if (label == null || url == null || type == null) {
                throw new IllegalArgumentException("a link needs a label, a url and a type");
            }
        }
    }

    public Card {
        if (uuid == null || summary == null || indicator == null || source == null) {
            throw new IllegalArgumentException("a card needs a uuid, a summary, an indicator and a source");
        }
        suggestions = List.copyOf(suggestions);
        if (!suggestions.isEmpty()) {
            Objects.requireNonNull(selectionBehavior, "selectionBehavior is required with suggestions");
        }
        overrideReasons = List.copyOf(overrideReasons);
        links = List.copyOf(links);
        extension = Map.copyOf(extension);
    }
}
