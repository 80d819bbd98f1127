package org.waymark.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Jackson's UTF-8 parser over a byte array, finishing and skipping a string whose content is plain ASCII up to its
 * closing quote eight bytes at a time ({@link ByteSearch#plainStringEnd}); its text is those bytes, copied. A string
 * with anything else in it (an escape, a control character, a byte beyond ASCII, no closing quote) is handed to
 * Jackson's own code where the plain part ends, so it is read, or refused, as Jackson reads it. An object or array
 * skipped whole ({@link #skipChildren}) is passed over as bytes where it is strict JSON ({@link StrictSkip}), and
 * otherwise by Jackson's token-by-token skip, which then accepts or refuses it. With
 * {@code STRICT_DUPLICATE_DETECTION}, a name twice in one object is refused by {@link DuplicateCheckingContext}.
 */
final class PlainStringParser extends UTF8StreamJsonParser {
    private final StrictSkip skip = new StrictSkip();

    PlainStringParser(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer names, byte[] data, int start, int end) {
        super(ctxt, features, null, codec, names, data, start, end, 0, false);
        if (Feature.STRICT_DUPLICATE_DETECTION.enabledIn(features)) {
            _parsingContext = DuplicateCheckingContext.root(this);
        }
    }

    @Override
    protected String _finishAndReturnString() throws IOException {
        int from = _inputPtr;
        int end = ByteSearch.plainStringEnd(_inputBuffer, from, _inputEnd);
        if (end == _inputEnd || _inputBuffer[end] != '"') {
            return super._finishAndReturnString();
        }
        // Latin-1 of ASCII bytes is a copy of them: the string's own bytes, with no characters decoded between.
        String text = new String(_inputBuffer, from, end - from, StandardCharsets.ISO_8859_1);
        // Jackson's text buffer holds the current token's text: getText, getTextCharacters and the length read it.
        _textBuffer.resetWithString(text);
        _inputPtr = end + 1;
        return text;
    }

    @Override
    protected void _skipString() throws IOException {
        int end = ByteSearch.plainStringEnd(_inputBuffer, _inputPtr, _inputEnd);
        if (end < _inputEnd && _inputBuffer[end] == '"') {
            _tokenIncomplete = false;
            _inputPtr = end + 1;
            return;
        }
        // Past the plain part, which Jackson's skip would have passed over byte by byte.
        _inputPtr = end;
        super._skipString();
    }

    /**
     * Leaves the parser as Jackson's skip would (at the end token, in the enclosing context, with the line count and
     * the end token's location moved on), without making a token of what is inside.
     */
    @Override
    public JsonParser skipChildren() throws IOException {
        boolean object = _currToken == JsonToken.START_OBJECT;
        if (!object && _currToken != JsonToken.START_ARRAY || _trackMaxTokenCount || isEnabled(Feature.STRICT_DUPLICATE_DETECTION)) {
            return super.skipChildren();
        }
        int room = _streamReadConstraints.getMaxNestingDepth() - _parsingContext.getNestingDepth();
        // Jackson's number-length limit counts digits, which a number's whole length bounds.
        int end = skip.end(_inputBuffer, _inputPtr, _inputEnd, object, room, _streamReadConstraints.getMaxNameLength(),
                _streamReadConstraints.getMaxNumberLength());
        if (end < 0) {
            return super.skipChildren();
        }
        if (skip.lines > 0) {
            _currInputRow += skip.lines;
            _currInputRowStart = skip.lineStart;
        }
        _inputPtr = end;
        _numTypesValid = NR_UNKNOWN;
        _binaryValue = null;
        _tokenInputRow = _currInputRow;
        _tokenInputTotal = _currInputProcessed + end;
        _tokenInputCol = end - _currInputRowStart;
        _parsingContext = _parsingContext.clearAndGetParent();
        _updateToken(object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
        return this;
    }
}
