package org.waymark.engine.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.DupDetector;
import com.fasterxml.jackson.core.json.JsonReadContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Jackson's read context, refusing a name twice in one object (the parser's {@code STRICT_DUPLICATE_DETECTION}) with
 * Jackson's error at the same point, but without its {@link DupDetector}, which makes a hash set for every object of
 * three members or more: in a FHIR record most objects (codings, references, periods) are that small, and on the
 * server the sets were a tenth of what reading a 148-entry request allocated. Here an object's names are kept in an
 * array that the context, reused by Jackson for each sibling object, keeps too; only an object of many members gets
 * a set, so a long object is not checked in quadratic time.
 */
final class DuplicateCheckingContext extends JsonReadContext {
    /** Members an object may have before its names go into a set rather than being compared one by one. */
    private static final int COMPARED = 12;

    private final JsonParser parser;
    private boolean checking;
    private String[] names = new String[4];
    private int count;
    private Set<String> many;

    private DuplicateCheckingContext(DuplicateCheckingContext parent, int nestingDepth, int type, int lineNr, int colNr, JsonParser parser,
                                     boolean checking) {
        super(parent, nestingDepth, null, type, lineNr, colNr);
        this.parser = parser;
        this.checking = checking;
    }

    /** The root context of {@code parser}, in place of the one Jackson makes with its detector. */
    static DuplicateCheckingContext root(JsonParser parser) {
        return new DuplicateCheckingContext(null, 0, TYPE_ROOT, 1, 0, parser, true);
    }

    @Override
    public JsonReadContext createChildObjectContext(int lineNr, int colNr) {
        return child(TYPE_OBJECT, lineNr, colNr);
    }

    @Override
    public JsonReadContext createChildArrayContext(int lineNr, int colNr) {
        return child(TYPE_ARRAY, lineNr, colNr);
    }

    private DuplicateCheckingContext child(int type, int lineNr, int colNr) {
        DuplicateCheckingContext c = (DuplicateCheckingContext) _child;
        if (c == null) {
            c = new DuplicateCheckingContext(this, _nestingDepth + 1, type, lineNr, colNr, parser, checking);
            _child = c;
        } else {
            c.reset(type, lineNr, colNr);
            c.checking = checking;
        }
        return c;
    }

    @Override
    public void reset(int type, int lineNr, int colNr) {
        super.reset(type, lineNr, colNr);
        count = 0;
        many = null;
    }

    /** The parser's feature turned on or off ({@code ParserBase.enable}): this check, not a detector, follows it. */
    @Override
    public JsonReadContext withDupDetector(DupDetector dups) {
        checking = dups != null;
        return this;
    }

    @Override
    public void setCurrentName(String name) throws JsonProcessingException {
        super.setCurrentName(name);
        if (checking && repeated(name)) {
            // Jackson's own words and location (the parser's, at the name), as its detector gives them.
            throw new JsonParseException(parser, "Duplicate field '" + name + "'");
        }
    }

    private boolean repeated(String name) {
        if (many != null) {
            return !many.add(name);
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return true;
            }
        }
        if (count == COMPARED) {
            many = new HashSet<>(Arrays.asList(names).subList(0, count));
            many.add(name);
            return false;
        }
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
        }
        names[count++] = name;
        return false;
    }
}
