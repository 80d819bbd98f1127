package org.waymark.engine.json;

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
 * Jackson's own code where the plain part ends, so it is read, or refused, as Jackson reads it.
 */
final class PlainStringParser extends UTF8StreamJsonParser {
    PlainStringParser(IOContext ctxt, int features, ObjectCodec codec, ByteQuadsCanonicalizer names, byte[] data, int start, int end) {
        super(ctxt, features, null, codec, names, data, start, end, 0, false);
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
}
